// kubectl diff --server-side end to end (recorded from kubectl v1.32 against kubesim serve): the merged
// side is a dry-run apply patch; a field owned by another manager is the API server's Conflict after
// kubectl's retries (with its klog line), exit 2; --force-conflicts diffs anyway.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ks, ok, pinnedCluster, stateFile } from './helpers.js';

const HAVE_DIFF = spawnSync('diff', ['--version']).status === 0;
const skip = HAVE_DIFF ? false : 'the system diff program is not installed';

const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa1}\ndata: {k: ${v}}\n`;

function sanitise(s: string): string {
  return s.replace(/\S*\/(LIVE|MERGED)-[A-Za-z0-9]+/g, '/tmp/$1-XXXX').replace(/^(---|\+\+\+) (\S+)\t.*$/gm, '$1 $2\tTIME');
}


/** a file in the test's home, by name */
const writer = (home: string) => (name: string, text: string) => { const p = path.join(home, name); fs.writeFileSync(p, text); return p; };
test('diff --server-side: a new object, a change, a conflict and --force-conflicts', { skip }, () => {
  const home = pinnedCluster();
  const file = writer(home);
  const d1 = file('d1.yaml', cm('v'));
  const d2 = file('d2.yaml', cm('w'));
  const created = ks(home, ['diff', '--server-side', '-f', d1]);
  assert.equal(created.code, 1);
  assert.equal(created.stderr, '');
  const lines = sanitise(created.stdout).split('\n');
  assert.deepEqual(lines.slice(0, 12), [
    'diff -u -N /tmp/LIVE-XXXX/v1.ConfigMap.default.ssa1 /tmp/MERGED-XXXX/v1.ConfigMap.default.ssa1',
    '--- /tmp/LIVE-XXXX/v1.ConfigMap.default.ssa1\tTIME',
    '+++ /tmp/MERGED-XXXX/v1.ConfigMap.default.ssa1\tTIME',
    '@@ -0,0 +1,9 @@',
    '+apiVersion: v1',
    '+data:',
    '+  k: v',
    '+kind: ConfigMap',
    '+metadata:',
    '+  creationTimestamp: "2030-01-01T00:00:00Z"',
    '+  name: ssa1',
    '+  namespace: default',
  ]);
  assert.match(lines[12], /^\+ {2}uid: [0-9a-f-]{36}$/);
  assert.equal(ok(ks(home, ['apply', '--server-side', '-f', d1])), 'configmap/ssa1 serverside-applied\n');
  const changed = ks(home, ['diff', '--server-side', '-f', d2]);
  assert.equal(changed.code, 1);
  assert.deepEqual(sanitise(changed.stdout).split('\n').slice(3, 10), ['@@ -1,6 +1,6 @@', ' apiVersion: v1', ' data:', '-  k: v', '+  k: w', ' kind: ConfigMap', ' metadata:']);
  const before = fs.readFileSync(stateFile(home), 'utf8');
  const conflict = ks(home, ['diff', '--server-side', '--field-manager=other', '-f', d2]);
  assert.equal(conflict.stdout, '');
  assert.equal(conflict.code, 2);
  assert.equal(conflict.stderr.replace(/^W\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /m, 'W '),
    'W diff.go:723] Object (/v1, Kind=ConfigMap: ssa1) keeps changing, diffing without lock\nError from server (Conflict): Apply failed with 1 conflict: conflict with "kubectl": .data.k\n');
  const forced = ks(home, ['diff', '--server-side', '--field-manager=other', '--force-conflicts', '-f', d2]);
  assert.equal(forced.code, 1);
  assert.match(forced.stdout, /^-  k: v\n\+  k: w$/m);
  assert.equal(fs.readFileSync(stateFile(home), 'utf8'), before);
  assert.deepEqual(ks(home, ['diff', '--force-conflicts', '-f', d2]), { stdout: '', stderr: 'error: --force-conflicts only works with --server-side\n', code: 2 });
});

test('diff --prune: what apply --prune would delete appears only on the LIVE side (with its managedFields)', { skip }, () => {
  const home = pinnedCluster();
  const file = writer(home);
  const two = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {app: x}}\ndata: {k: v}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, labels: {app: x}}\ndata: {k: v}\n';
  ok(ks(home, ['apply', '-f', file('ab.yaml', two)]));
  const a = file('a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {app: x}}\ndata: {k: v}\n');
  const r = ks(home, ['diff', '--prune', '-l', 'app=x', '--prune-allowlist=core/v1/ConfigMap', '-f', a]);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 1);
  const lines = sanitise(r.stdout).split('\n');
  assert.deepEqual(lines.slice(0, 8), [
    'diff -u -N /tmp/LIVE-XXXX/v1.ConfigMap.default.b /tmp/MERGED-XXXX/v1.ConfigMap.default.b',
    '--- /tmp/LIVE-XXXX/v1.ConfigMap.default.b\tTIME',
    '+++ /tmp/MERGED-XXXX/v1.ConfigMap.default.b\tTIME',
    '@@ -1,32 +0,0 @@',
    '-apiVersion: v1',
    '-data:',
    '-  k: v',
    '-kind: ConfigMap',
  ]);
  assert.ok(lines.includes('-  managedFields:'));
  assert.ok(lines.includes('-    manager: kubectl-client-side-apply'));
  const d = ks(home, ['diff', '--prune', '-l', 'app=x', '-f', a]);
  assert.equal(d.code, 1);
  assert.match(d.stderr, /^W\d{4} [\d:.]+ +\d+ prune\.go:71\] Deprecated: kubectl apply will no longer prune non-namespaced resources by default/);
  assert.deepEqual(ks(home, ['diff', '--prune', '--prune-allowlist=foo', '-f', a]), { stdout: '', stderr: 'error: invalid GroupVersionKind format: foo, please follow <group/version/kind>\n', code: 2 });
});
