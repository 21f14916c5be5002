// `set image|env|resources|selector|serviceaccount -f FILE --local`: no cluster is read or written; the
// outputs must be kubectl v1.32's, recorded by test/fixtures/setlocal/record.mjs (run in that directory).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, env, tempHome } from './helpers.js';
// @ts-expect-error: a plain .mjs module shared with the recorder
import { split } from '../../../test/fixtures/generators/cases.mjs';

const DIR = path.join(ROOT, 'test/fixtures/setlocal');
const recorded: { cases: { line: string; stdout: string; stderr: string; code: number }[] } = JSON.parse(fs.readFileSync(path.join(DIR, 'recorded.json'), 'utf8'));

test(`set --local: ${recorded.cases.length} invocations byte-identical to kubectl, no cluster file written`, () => {
  const home = tempHome();
  const failures: string[] = [];
  for (const c of recorded.cases) {
    const r = spawnSync(BIN, split(c.line), { cwd: DIR, env: env(home), encoding: 'utf8', input: 'FROM_STDIN=1\n' });
    const got = { stdout: r.stdout, stderr: r.stderr, code: r.status };
    try {
      assert.deepEqual(got, { stdout: c.stdout, stderr: c.stderr, code: c.code });
    } catch (e) {
      failures.push(`${c.line}\n${(e as Error).message}`);
    }
  }
  assert.deepEqual(failures, []);
  assert.equal(fs.existsSync(path.join(home, 'clusters')), false);
});
