// kubectl apply --prune end to end (outputs recorded from kubectl v1.32 against kubesim serve):
// -l / --all, --prune-allowlist, the default allowlist with its klog deprecation line, the dry-run
// forms, -o name|yaml, the flag-combination errors, and `apply -l` filtering the files' objects.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, ok, pinnedCluster, stateFile, type Result } from './helpers.js';

const cm = (name: string, app: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  labels: {app: ${app}}
data: {k: v}
`;

const DEP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: x}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx}]}
`;

const DEPRECATION = 'W prune.go:71] Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.\n';

/** klog's time and pid vary from run to run. */
const sanitise = (r: Result): Result => ({ ...r, stderr: r.stderr.replace(/^W\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, 'W ') });

function setup(): { home: string; file: (name: string, text: string) => string } {
  const home = pinnedCluster();
  const file = (name: string, text: string) => { const p = path.join(home, name); fs.writeFileSync(p, text); return p; };
  return { home, file };
}

test('apply --prune -l: the objects left out of the file are pruned after the applied ones', () => {
  const { home, file } = setup();
  const ab = file('ab.yaml', cm('a', 'x') + '---\n' + cm('b', 'x') + '---\n' + DEP);
  assert.equal(ok(ks(home, ['apply', '-f', ab])), 'configmap/a created\nconfigmap/b created\ndeployment.apps/web created\n');
  const a = file('a.yaml', cm('a', 'x'));
  // dry runs print what would go and change nothing
  const before = fs.readFileSync(stateFile(home), 'utf8');
  assert.deepEqual(sanitise(ks(home, ['apply', '--prune', '-l', 'app=x', '-f', a, '--dry-run=client'])), {
    stdout: 'configmap/a configured (dry run)\nconfigmap/b pruned (dry run)\ndeployment.apps/web pruned (dry run)\n', stderr: DEPRECATION, code: 0,
  });
  assert.deepEqual(sanitise(ks(home, ['apply', '--prune', '-l', 'app=x', '-f', a, '--dry-run=server'])), {
    stdout: 'configmap/a unchanged (server dry run)\nconfigmap/b pruned (server dry run)\ndeployment.apps/web pruned (server dry run)\n', stderr: DEPRECATION, code: 0,
  });
  assert.equal(fs.readFileSync(stateFile(home), 'utf8'), before);
  // the allowlist narrows the types (and silences the deprecation)
  assert.deepEqual(ks(home, ['apply', '--prune', '-l', 'app=x', '--prune-allowlist=core/v1/ConfigMap', '-f', a]), {
    stdout: 'configmap/a unchanged\nconfigmap/b pruned\n', stderr: '', code: 0,
  });
  assert.deepEqual(sanitise(ks(home, ['apply', '--prune', '-l', 'app=x', '-f', a, '-n', 'default'])), {
    stdout: 'configmap/a unchanged\ndeployment.apps/web pruned\n', stderr: DEPRECATION, code: 0,
  });
  assert.equal(ok(ks(home, ['get', 'cm,deploy', '-o', 'name'])), 'configmap/a\nconfigmap/kube-root-ca.crt\n');
});

test('apply --prune --all: objects not created by apply (no last-applied annotation) and other selectors stay', () => {
  const { home, file } = setup();
  ok(ks(home, ['apply', '-f', file('ab.yaml', cm('a', 'x') + '---\n' + cm('b', 'z'))]));
  ok(ks(home, ['create', 'configmap', 'made', '--from-literal=k=v']));
  const a = file('a.yaml', cm('a', 'x'));
  assert.deepEqual(ks(home, ['apply', '--prune', '-l', 'app=x', '--prune-allowlist=core/v1/ConfigMap', '-f', a]), { stdout: 'configmap/a unchanged\n', stderr: '', code: 0 });
  assert.deepEqual(sanitise(ks(home, ['apply', '--prune', '--all', '-f', a, '-o', 'name'])), { stdout: 'configmap/a\nconfigmap/b\n', stderr: DEPRECATION, code: 0 });
  assert.equal(ok(ks(home, ['get', 'cm', '-o', 'name'])), 'configmap/a\nconfigmap/kube-root-ca.crt\nconfigmap/made\n');
});

test('apply --prune -o yaml: the applied object, then each pruned one as listed', () => {
  const { home, file } = setup();
  ok(ks(home, ['apply', '-f', file('ab.yaml', cm('a', 'x') + '---\n' + cm('b', 'x'))]));
  const r = ks(home, ['apply', '--prune', '--all', '--prune-allowlist=core/v1/ConfigMap', '-f', file('a.yaml', cm('a', 'x')), '-o', 'yaml', '--dry-run=client']);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  const docs = r.stdout.split(/^(?=apiVersion: v1$)/m);
  assert.equal(docs.length, 2);
  assert.match(docs[0], /^ {2}name: a$/m);
  assert.match(docs[1], /^ {2}name: b$/m);
  assert.doesNotMatch(r.stdout, /^---$/m);
});

test('apply --prune: kubectl\'s flag checks, in its order, before anything is read', () => {
  const { home, file } = setup();
  const a = file('a.yaml', cm('a', 'x'));
  const cases: [string[], string][] = [
    [['--prune'], 'error: all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector\n'],
    [['--all', '-l', 'app=x'], 'error: cannot set --all and --selector at the same time\n'],
    [['--prune', '--all', '--server-side'], "error: --prune is in alpha and doesn't currently work on objects created by server-side apply\n"],
    [['--prune', '--all', '--prune-allowlist=foo'], 'error: invalid GroupVersionKind format: foo, please follow <group/version/kind>\n'],
    [['--prune', '--all', '--prune-allowlist=core/v1/Foo'], 'error: no matches for kind "Foo" in version "v1"\n'],
    [['--prune', '--all', '--prune-allowlist=v1/ConfigMap/x'], 'error: no matches for kind "x" in version "v1/ConfigMap"\n'],
    [['--prune', '-l', 'app=x', '--prune-allowlist=foo', '--all'], 'error: invalid GroupVersionKind format: foo, please follow <group/version/kind>\n'],
  ];
  for (const [flags, stderr] of cases) assert.deepEqual(ks(home, ['apply', '-f', a, ...flags]), { stdout: '', stderr, code: 1 }, flags.join(' '));
  assert.equal(ok(ks(home, ['get', 'cm', '-o', 'name'])), 'configmap/kube-root-ca.crt\n');
});

test('apply|create -l filters the files\' objects; none left is "no objects passed"', () => {
  const { home, file } = setup();
  const ab = file('ab.yaml', cm('a', 'x') + '---\n' + cm('b', 'z'));
  assert.deepEqual(ks(home, ['apply', '-l', 'app=z', '-f', file('a.yaml', cm('a', 'x'))]), { stdout: '', stderr: 'error: no objects passed to apply\n', code: 1 });
  assert.deepEqual(ks(home, ['create', '-l', 'app=z', '-f', file('a2.yaml', cm('a', 'x'))]), { stdout: '', stderr: 'error: no objects passed to create\n', code: 1 });
  assert.deepEqual(ks(home, ['apply', '-l', 'app=x', '-f', ab]), { stdout: 'configmap/a created\n', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['create', '-l', 'app in (z)', '-f', ab]), { stdout: 'configmap/b created\n', stderr: '', code: 0 });
});

test('apply -o yaml of several objects is one List (kubectl prints the objects once all are applied)', () => {
  const { home, file } = setup();
  const r = ks(home, ['apply', '-f', file('ab.yaml', cm('a', 'x') + '---\n' + cm('b', 'x')), '-o', 'go-template={{.kind}} {{len .items}}{{"\\n"}}']);
  assert.deepEqual(r, { stdout: 'List 2\n', stderr: '', code: 0 });
  const one = ks(home, ['apply', '-f', file('a.yaml', cm('a', 'x')), '-o', 'jsonpath={.kind}']);
  assert.deepEqual(one, { stdout: 'ConfigMap', stderr: '', code: 0 });
});

test('apply to an object made without apply warns about the missing annotation', () => {
  const { home, file } = setup();
  ok(ks(home, ['create', 'configmap', 'qq', '--from-literal=a=b']));
  assert.deepEqual(ks(home, ['apply', '-f', file('q.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: qq}\ndata: {a: c}\n')]), {
    stdout: 'configmap/qq configured\n',
    stderr: 'Warning: resource configmaps/qq is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    code: 0,
  });
});

test('apply --prune stops at the first object the API server refuses to delete, after what it pruned', () => {
  const { home, file } = setup();
  ok(ks(home, ['apply', '-f', file('cms.yaml', cm('c', 'x'))]));
  const nsFile = file('ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default, labels: {app: x}}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: zz, labels: {app: x}}\n');
  const applied = ks(home, ['apply', '-f', nsFile]);
  assert.equal(applied.stdout, 'namespace/default configured\nnamespace/zz created\n');
  const r = sanitise(ks(home, ['apply', '--prune', '-l', 'app=x', '-f', file('a.yaml', cm('a', 'x'))]));
  assert.deepEqual(r, {
    stdout: 'configmap/a created\nconfigmap/c pruned\n',
    stderr: DEPRECATION + 'error: error pruning nonNamespaced object /v1, Kind=Namespace: namespaces "default" is forbidden: this namespace may not be deleted\n',
    code: 1,
  });
  assert.equal(ok(ks(home, ['get', 'cm', '-o', 'name'])), 'configmap/a\nconfigmap/kube-root-ca.crt\n');
  assert.equal(ok(ks(home, ['get', 'ns', 'zz', '-o', 'name'])), 'namespace/zz\n');
});
