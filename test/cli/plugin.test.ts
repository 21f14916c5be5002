// kubectl's plugins: `plugin list` (PATH order, kubectl's warnings, the no-plugin error) and a command
// kubectl does not have running the kubectl-* executable for its words, with its exit code.
// (Checked against kubectl v1.32 with the same PATH.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, env, tempHome } from './helpers.js';

function pluginDirs(): { a: string; b: string; missing: string } {
  const root = tempHome();
  const a = path.join(root, 'a');
  const b = path.join(root, 'b');
  fs.mkdirSync(a);
  fs.mkdirSync(b);
  const script = (file: string, body: string, mode = 0o755) => { fs.writeFileSync(file, `#!/bin/sh\n${body}\n`); fs.chmodSync(file, mode); };
  script(path.join(a, 'kubectl-hello'), 'echo "hello: $*"; exit 3');
  script(path.join(a, 'kubectl-get-all'), 'echo all');
  script(path.join(a, 'kubectl-my_tool-run'), 'echo "run: $*"');
  script(path.join(b, 'kubectl-hello'), 'echo second');
  script(path.join(b, 'kubectl-noexec'), 'echo no', 0o644);
  return { a, b, missing: path.join(root, 'missing') };
}

// the PATH is the test's directories and node's own: the machine's other directories (and any plugins on them)
// stay out of the listing; node's is there for bin/kubesim's fallback to the ESM bundle
const run = (args: string[], PATH: string) => {
  const r = spawnSync(BIN, args, { env: { ...env(tempHome()), PATH: `${PATH}${path.delimiter}${path.dirname(process.execPath)}` }, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
};

test('plugin list: every kubectl-* file on the PATH, with the overshadowed, not executable and overwriting ones warned of', () => {
  const { a, b, missing } = pluginDirs();
  const r = run(['plugin', 'list'], [a, b, missing].join(path.delimiter));
  assert.equal(r.stdout, `The following compatible plugins are available:\n\n${a}/kubectl-get-all\n${a}/kubectl-hello\n${a}/kubectl-my_tool-run\n${b}/kubectl-hello\n${b}/kubectl-noexec\n`);
  assert.equal(r.stderr, `Unable to read directory "${missing}" from your PATH: open ${missing}: no such file or directory. Skipping...\n` +
    '  - warning: kubectl-get-all overwrites existing command: "kubectl get"\n' +
    `  - warning: ${b}/kubectl-hello is overshadowed by a similarly named plugin: ${a}/kubectl-hello\n` +
    `  - warning: ${b}/kubectl-noexec identified as a kubectl plugin, but it is not executable\n` +
    'error: 3 plugin warnings were found\n');
  assert.equal(r.code, 1);
  const names = run(['plugin', 'list', '--name-only'], a);
  assert.equal(names.stdout, 'The following compatible plugins are available:\n\nkubectl-get-all\nkubectl-hello\nkubectl-my_tool-run\n');
});

test('a command kubectl lacks runs its plugin (dashes in words as underscores) with the rest of the arguments and its exit code', () => {
  const { a } = pluginDirs();
  assert.deepEqual(run(['hello', 'x', '-y'], a), { stdout: 'hello: x -y\n', stderr: '', code: 3 });
  assert.deepEqual(run(['my-tool', 'run', '--fast'], a), { stdout: 'run: --fast\n', stderr: '', code: 0 });
  assert.deepEqual(run(['nothere'], a), { stdout: '', stderr: 'Error: unknown command "nothere" for "kubectl"\n', code: 1 });
});
