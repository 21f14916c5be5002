// kubectl edit driven by a non-interactive $EDITOR: the header kubectl writes, the outcomes and their messages.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, env, ks, manualCluster, stateFile, tempHome } from './helpers.js';

interface Run { stdout: string; stderr: string; code: number; tmp: string }

/** `kubesim edit ...` with EDITOR set and its own TMPDIR (where the kubectl-edit-*.yaml files go). */
function edit(home: string, editor: string, args: string[], extra: NodeJS.ProcessEnv = {}): Run {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-edit-'));
  const e: NodeJS.ProcessEnv = { ...env(home), EDITOR: editor, TMPDIR: tmp };
  delete e.KUBE_EDITOR;
  Object.assign(e, extra);
  const r = spawnSync(BIN, ['edit', ...args], { env: e, cwd: ROOT, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1, tmp };
}

function cluster(): string {
  const home = tempHome();
  manualCluster(home);
  assert.equal(ks(home, ['create', 'deployment', 'web', '--image=nginx', '--replicas=3']).code, 0);
  assert.equal(ks(home, ['clock', 'advance', '30s']).code, 0);
  return home;
}

const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n' +
  '#\n';

test('edit: the editor gets kubectl\'s header and the object as YAML; a change is patched', () => {
  const home = cluster();
  const copy = path.join(home, 'seen.yaml');
  const shown = ks(home, ['get', 'deployment', 'web', '-o', 'yaml']).stdout;
  const r = edit(home, `sh -c 'cp "$0" ${copy}; sed -i "s/replicas: 3/replicas: 4/" "$0"'`, ['deployment/web']);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'deployment.apps/web edited\n');
  assert.equal(r.code, 0);
  assert.equal(fs.readFileSync(copy, 'utf8'), HEADER + shown);
  assert.equal(ks(home, ['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}']).stdout, '4');
  assert.deepEqual(fs.readdirSync(r.tmp), []); // the temp file is removed after a successful edit
});

test('edit: an unchanged file cancels the edit (stderr, exit 0, nothing written)', () => {
  const home = cluster();
  const before = fs.readFileSync(stateFile(home));
  const r = edit(home, 'true', ['deployment', 'web']);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'Edit cancelled, no changes made.\n');
  assert.equal(r.code, 0);
  assert.ok(fs.readFileSync(stateFile(home)).equals(before));
});

test('edit: an emptied file cancels the edit', () => {
  const home = cluster();
  const r = edit(home, `sh -c ': > "$0"'`, ['deployment/web']);
  assert.equal(r.stderr, 'Edit cancelled, saved file was empty.\n');
  assert.equal(r.code, 0);
});

test('edit: an invalid change reopens the editor with the errors; unchanged again -> no valid changes saved', () => {
  const home = cluster();
  const before = fs.readFileSync(stateFile(home));
  const r = edit(home, `sed -i s/replicas:\\ 3/replicas:\\ -1/`, ['deployment/web']);
  const files = fs.readdirSync(r.tmp).sort();
  assert.equal(files.length, 2);
  for (const f of files) assert.match(f, /^kubectl-edit-[a-z0-9]{5}\.yaml$/);
  const second = files.map((f) => path.join(r.tmp, f)).find((f) => fs.readFileSync(f, 'utf8').includes('was not valid'))!;
  assert.equal(r.stderr,
    'error: deployments.apps "web" is invalid\n' +
    `A copy of your changes has been stored to "${second}"\n` +
    'error: Edit cancelled, no valid changes were saved.\n');
  assert.equal(r.stdout, '');
  assert.equal(r.code, 1);
  assert.ok(fs.readFileSync(second, 'utf8').startsWith(HEADER +
    '# deployments.apps "web" was not valid:\n' +
    '# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n' +
    '#\n' +
    'apiVersion: apps/v1\n'));
  assert.ok(fs.readFileSync(stateFile(home)).equals(before));
});

test('edit: changing the name is refused', () => {
  const home = cluster();
  const r = edit(home, `sed -i s/^\\ \\ name:\\ web$/\\ \\ name:\\ other/`, ['deployment/web']);
  const [file] = fs.readdirSync(r.tmp);
  assert.equal(r.stderr, `A copy of your changes has been stored to "${path.join(r.tmp, file)}"\nerror: At least one of apiVersion, kind and name was changed\n`);
  assert.equal(r.code, 1);
});

test('edit: KUBE_EDITOR wins over EDITOR; --output-patch prints the strategic merge patch; the template change rolls out', () => {
  const home = cluster();
  const r = edit(home, 'false', ['deployment/web', '--output-patch'], { KUBE_EDITOR: 'sed -i s/image:\\ nginx$/image:\\ nginx:1.27/' });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout,
    'Patch: {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.27","name":"nginx"}]}}}}\n' +
    'deployment.apps/web edited\n');
  assert.equal(ks(home, ['clock', 'advance', '60s']).code, 0);
  assert.equal(ks(home, ['get', 'deployment', 'web', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}']).stdout, '2');
});

test('edit: a failing editor and a missing object', () => {
  const home = cluster();
  const r = edit(home, 'false', ['deployment/web']);
  assert.equal(r.stderr, 'error: there was a problem with the editor "false"\n');
  assert.equal(r.code, 1);
  const nf = edit(home, 'true', ['deployment/nope']);
  assert.equal(nf.stderr, 'Error from server (NotFound): deployments.apps "nope" not found\n');
  assert.equal(nf.code, 1);
});
