// kubectl create -f FILE --edit (recorded from kubectl v1.32 against kubesim serve): one editor session
// per object with edit's header, `created` lines, the no-change and error paths with the preserved file,
// --save-config, -o json as the editor's format; and edit-last-applied's own header.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, env, ks, ok, pinnedCluster } from './helpers.js';

const FILE = `apiVersion: v1
kind: ConfigMap
metadata: {name: e1}
data: {k: v}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: e2, namespace: kube-public}
data: {k: v}
`;

const HEADER = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

function setup(): { home: string; file: string; script: (name: string, body: string) => string } {
  const home = pinnedCluster();
  const file = path.join(home, 'e.yaml');
  fs.writeFileSync(file, FILE);
  const script = (name: string, body: string) => { const p = path.join(home, name); fs.writeFileSync(p, `#!/bin/sh\n${body}\n`, { mode: 0o755 }); return p; };
  return { home, file, script };
}

function withEditor(home: string, editor: string, args: string[]) {
  const r = spawnSync(BIN, args, { env: { ...env(home), KUBE_EDITOR: editor }, cwd: ROOT, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr.replace(/"\/[^"]*kubectl-edit-[a-z0-9]+\.(yaml|json)"/g, '"EDITFILE.$1"'), code: r.status ?? -1 };
}

test('create --edit: each object shown with its namespace; unchanged is cancelled, nothing created', () => {
  const { home, file, script } = setup();
  const show = script('show.sh', 'cat "$1" >&2');
  assert.deepEqual(withEditor(home, show, ['create', '--edit', '-f', file]), {
    stdout: '',
    stderr: `${HEADER}apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  name: e1\n  namespace: default\nEdit cancelled, no changes made.\n` +
      `${HEADER}apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  name: e2\n  namespace: kube-public\nEdit cancelled, no changes made.\n`,
    code: 0,
  });
  assert.equal(ok(ks(home, ['get', 'cm', '-o', 'name'])), 'configmap/kube-root-ca.crt\n');
});

test('create --edit: the edited object is created; another namespace and AlreadyExists keep the file', () => {
  const { home, file, script } = setup();
  const edit = script('edit.sh', 'sed -i "s/k: v/k: edited/" "$1"');
  assert.deepEqual(withEditor(home, edit, ['create', '--edit', '-f', file]), {
    stdout: 'configmap/e1 created\n',
    stderr: 'A copy of your changes has been stored to "EDITFILE.yaml"\nerror: the namespace from the provided object "kube-public" does not match the namespace "default". You must pass \'--namespace=kube-public\' to perform this operation.\n',
    code: 1,
  });
  assert.equal(ok(ks(home, ['get', 'cm', 'e1', '-o', 'jsonpath={.data}'])), '{"k":"edited"}');
  assert.deepEqual(withEditor(home, edit, ['create', '--edit', '-f', file]), {
    stdout: '', stderr: 'A copy of your changes has been stored to "EDITFILE.yaml"\nError from server (AlreadyExists): configmaps "e1" already exists\n', code: 1,
  });
  assert.deepEqual(withEditor(home, edit, ['create', '--edit', '-f', file, '-o', 'name']), {
    stdout: '', stderr: 'unable to match a printer suitable for the output format "name", allowed formats are: json,yaml\nunable to match a printer suitable for the output format "name", allowed formats are: json,yaml\n', code: 1,
  });
  assert.deepEqual(ks(home, ['create', '--edit']), { stdout: '', stderr: 'error: must specify one of -f and -k\n', code: 1 });
});

test('create --edit -o json --save-config: JSON without header, the created object printed, last-applied recorded', () => {
  const { home, file, script } = setup();
  const editj = script('editj.sh', 'sed -i "s/\\"k\\": \\"v\\"/\\"k\\": \\"j\\"/" "$1"');
  const r = withEditor(home, editj, ['create', '--edit', '-f', file, '-o', 'json', '--save-config']);
  assert.equal(r.code, 1);
  const printed = JSON.parse(r.stdout);
  assert.deepEqual(printed.data, { k: 'j' });
  assert.equal(printed.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'], '{"apiVersion":"v1","data":{"k":"j"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"e1","namespace":"default"}}\n');
  assert.match(r.stderr, /^A copy of your changes has been stored to "EDITFILE\.json"\nerror: the namespace from the provided object "kube-public"/);
});

test('edit-last-applied: its own header; objects without the annotation are an error', () => {
  const { home, script } = setup();
  ok(ks(home, ['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n'));
  const show = script('show.sh', 'cat "$1" >&2');
  assert.deepEqual(withEditor(home, show, ['apply', 'edit-last-applied', 'cm/a']), {
    stdout: '',
    stderr: "# Please edit the 'last-applied-configuration' annotations below.\n# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n#\napiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  name: a\n  namespace: default\nEdit cancelled, no changes made.\n",
    code: 0,
  });
  assert.deepEqual(withEditor(home, show, ['apply', 'edit-last-applied', 'cm/kube-root-ca.crt']), {
    stdout: '', stderr: 'error: no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`\n', code: 1,
  });
});

test('create --edit and edit-last-applied: a file that no longer parses reopens the editor with the error, as edit does', () => {
  const { home, file, script } = setup();
  fs.writeFileSync(file, FILE.split('---\n')[0]);
  // 1st round: break the YAML; 2nd: show what the editor reopened with, then repair it
  const rounds = path.join(home, 'rounds');
  const fix = script('fix.sh', `n=$(cat ${rounds} 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${rounds}\nif [ $n = 1 ]; then sed -i 's/k: v/k: [v/' "$1"; else head -6 "$1" >&2; sed -i 's/k: \\[v/k: fixed/' "$1"; fi`);
  const r = withEditor(home, fix, ['create', '--edit', '-f', file]);
  assert.equal(r.stdout, 'configmap/e1 created\n');
  assert.match(r.stderr, /^# Please edit the object below\. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit\. If an error occurs while saving this file will be\n# reopened with the relevant failures\.\n#\n# The edited file had a syntax error: .+\n#\n$/);
  assert.equal(r.code, 0);
  assert.equal(ok(ks(home, ['get', 'cm', 'e1', '-o', 'jsonpath={.data.k}'])), 'fixed');

  ok(ks(home, ['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: la}\ndata: {k: v}\n'));
  fs.rmSync(rounds);
  const la = withEditor(home, fix, ['apply', 'edit-last-applied', 'cm/la']);
  assert.equal(la.stdout, 'configmap/la edited\n');
  assert.match(la.stderr, /^# Please edit the 'last-applied-configuration' annotations below\.\n# Lines beginning with a '#' will be ignored, and an empty file will abort the edit\.\n#\n# The edited file had a syntax error: .+\n#\n/);
  assert.equal(JSON.parse(ok(ks(home, ['apply', 'view-last-applied', 'cm/la', '-o', 'json']))).data.k, 'fixed');
});
