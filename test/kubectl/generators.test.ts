// kubectl v1.32's generators, byte for byte: every case of test/fixtures/generators/cases.mjs was run
// through the installed kubectl by record.mjs (recorded.json holds its stdout, stderr and exit code);
// here each runs through kubesim's main() in this process (a spawned binary per case would take
// minutes), in the same order, against a cluster holding seeds.yaml.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, env, ks, pinnedCluster } from '../cli/helpers.js';
import { main } from '../../src/cli/main.js';

const DIR = path.join(ROOT, 'test/fixtures/generators');
const recorded = JSON.parse(fs.readFileSync(path.join(DIR, 'recorded.json'), 'utf8')) as {
  seedUid: string;
  cases: { line: string; args: string[]; uid?: boolean; stdout: string; stderr: string; code: number }[];
};

function normaliseKlog(s: string): string {
  return s.replace(/^([IWE])\d{4} \d\d:\d\d:\d\d\.\d{6}\s+\d+ /gm, '$1MMDD hh:mm:ss.uuuuuu PID ');
}

/** One kubesim invocation in this process: its stdout, stderr and exit code. */
async function run(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  // kubesim writes strings; the test runner's own (serialised) reports are buffers and pass through
  process.stdout.write = ((s: string | Uint8Array, ...rest: any[]) => (typeof s === 'string' ? ((stdout += s), true) : out.call(process.stdout, s, ...rest))) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array, ...rest: any[]) => (typeof s === 'string' ? ((stderr += s), true) : err.call(process.stderr, s, ...rest))) as typeof process.stderr.write;
  process.exitCode = 0;
  try {
    await main(args);
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout, stderr: normaliseKlog(stderr), code };
}

test(`kubectl's generators: ${recorded.cases.length} recorded invocations`, async (t) => {
  const home = pinnedCluster();
  const seeded = ks(home, ['create', '-f', path.join(DIR, 'seeds.yaml')]);
  assert.equal(seeded.code, 0, seeded.stderr);
  const uid = ks(home, ['get', 'cronjob', 'cron1', '-o', 'jsonpath={.metadata.uid}']).stdout;

  // main() reads the environment and the working directory as the binary would
  Object.assign(process.env, env(home));
  delete process.env.KUBESIM_CLUSTER;
  process.chdir(path.join(DIR, 'files'));
  process.stdout.setMaxListeners(0);
  process.stderr.setMaxListeners(0);
  const results: { stdout: string; stderr: string; code: number }[] = [];
  for (const c of recorded.cases) results.push(await run(c.args));

  for (const [i, c] of recorded.cases.entries()) {
    await t.test(c.line, () => {
      const fix = (s: string) => (c.uid ? s.split(recorded.seedUid).join(uid) : s);
      assert.deepEqual(results[i], { stdout: fix(c.stdout), stderr: fix(c.stderr), code: c.code });
    });
  }
});
