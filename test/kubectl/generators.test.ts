// kubectl v1.32's generators, byte for byte: every case of test/fixtures/generators/cases.mjs was run
// through the installed kubectl by record.mjs (recorded.json holds its stdout, stderr and exit code);
// here each runs through kubesim, in the same order, against a cluster holding seeds.yaml.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, ROOT, env, ks, pinnedCluster } from '../cli/helpers.js';

const DIR = path.join(ROOT, 'test/fixtures/generators');
const recorded = JSON.parse(fs.readFileSync(path.join(DIR, 'recorded.json'), 'utf8')) as {
  seedUid: string;
  cases: { line: string; args: string[]; uid?: boolean; stdout: string; stderr: string; code: number }[];
};

function normaliseKlog(s: string): string {
  return s.replace(/^([IWE])\d{4} \d\d:\d\d:\d\d\.\d{6}\s+\d+ /gm, '$1MMDD hh:mm:ss.uuuuuu PID ');
}

function run(home: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const p = spawn(BIN, args, { env: env(home), cwd: path.join(DIR, 'files') });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ stdout, stderr: normaliseKlog(stderr), code: code ?? -1 }));
  });
}

/** Client dry runs read the cluster at most: they may run side by side. */
const independent = (args: string[]) => args.some((a) => a === '--dry-run=client' || a === '--dry-run' || a === '--dry-run=true');

test(`kubectl's generators: ${recorded.cases.length} recorded invocations`, async (t) => {
  const home = pinnedCluster();
  const seeded = ks(home, ['create', '-f', path.join(DIR, 'seeds.yaml')]);
  assert.equal(seeded.code, 0, seeded.stderr);
  const uid = ks(home, ['get', 'cronjob', 'cron1', '-o', 'jsonpath={.metadata.uid}']).stdout;

  const results = new Array(recorded.cases.length);
  const parallel = recorded.cases.map((c, i) => ({ c, i })).filter(({ c }) => independent(c.args));
  for (let k = 0; k < parallel.length; k += 4) {
    await Promise.all(parallel.slice(k, k + 4).map(async ({ c, i }) => { results[i] = await run(home, c.args); }));
  }
  for (const [i, c] of recorded.cases.entries()) if (!independent(c.args)) results[i] = await run(home, c.args);

  for (const [i, c] of recorded.cases.entries()) {
    await t.test(c.line, () => {
      const fix = (s: string) => (c.uid ? s.split(recorded.seedUid).join(uid) : s);
      assert.deepEqual(results[i], { stdout: fix(c.stdout), stderr: fix(c.stderr), code: c.code });
    });
  }
});
