// Runs every compiled test file with node's built-in test runner.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}
const only = process.argv.slice(2);
const files = walk('dist/test').filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
if (files.length === 0) { console.error('no test files found under dist/test'); process.exit(1); }
// kubesim's resident process (src/cli/resident/) stays out of the tests' way unless a test asks for it (or the whole
// run does, with KUBESIM_TEST_RESIDENT=eager: every command of every test then goes through one)
const env = { ...process.env, KUBESIM_RESIDENT: process.env.KUBESIM_TEST_RESIDENT ?? 'off' };
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
