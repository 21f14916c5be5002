// `set subject`: Users, Groups and ServiceAccounts added to RoleBindings and ClusterRoleBindings, as
// kubectl v1.32 does (sorted and deduplicated per kind, existing subjects kept, nothing printed when
// nothing changes), with --local, dry runs and kubectl's errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, ok, pinnedCluster } from './helpers.js';

const home = pinnedCluster();

test('setup', () => {
  ok(ks(home, ['create', 'rolebinding', 'rb', '--clusterrole=view', '--user=alice']));
  ok(ks(home, ['create', 'deployment', 'web', '--image=nginx']));
});

test('subjects are added once, users then groups then service accounts, each sorted', () => {
  assert.deepEqual(ks(home, ['set', 'subject', 'rolebinding', 'rb', '--user=bob', '--group=devs', '--serviceaccount=:sa1', '--serviceaccount=kube-system:b', '--user=alice']), {
    stdout: 'rolebinding.rbac.authorization.k8s.io/rb subjects updated\n', stderr: '', code: 0,
  });
  assert.equal(ok(ks(home, ['get', 'rolebinding', 'rb', '-o', 'jsonpath={range .subjects[*]}{.kind}:{.namespace}:{.name} {end}'])),
    // sorted as typed: ":sa1" before "kube-system:b"
    'User::alice User::bob Group::devs ServiceAccount:default:sa1 ServiceAccount:kube-system:b ');
  // nothing to add: no patch, nothing printed
  assert.deepEqual(ks(home, ['set', 'subject', 'rolebinding', 'rb', '--user=bob']), { stdout: '', stderr: '', code: 0 });
});

test('--dry-run and -o', () => {
  const before = ok(ks(home, ['get', 'rolebinding', 'rb', '-o', 'yaml']));
  assert.deepEqual(ks(home, ['set', 'subject', 'rolebinding', 'rb', '--user=fay', '--dry-run=server']), {
    stdout: 'rolebinding.rbac.authorization.k8s.io/rb subjects updated (server dry run)\n', stderr: '', code: 0,
  });
  const y = ok(ks(home, ['set', 'subject', 'rolebinding', 'rb', '--user=carl', '--dry-run=client', '-o', 'yaml']));
  assert.match(y, /- apiGroup: rbac.authorization.k8s.io\n  kind: User\n  name: carl\n$/);
  assert.match(y, /- kind: ServiceAccount\n  name: b\n  namespace: kube-system\n/);
  assert.equal(ok(ks(home, ['get', 'rolebinding', 'rb', '-o', 'yaml'])), before);
  assert.deepEqual(ks(home, ['set', 'subject', 'rolebinding', 'rb', '--user=eve', '-o', 'name']), { stdout: 'rolebinding.rbac.authorization.k8s.io/rb\n', stderr: '', code: 0 });
});

test('--local prints the file\'s binding changed', () => {
  const file = path.join(home, 'crb.yaml');
  fs.writeFileSync(file, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: crb1}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n');
  assert.deepEqual(ks(home, ['set', 'subject', '-f', file, '--local', '--serviceaccount=ns:a', '-o', 'yaml']), {
    stdout: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  creationTimestamp: null\n  name: crb1\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- kind: ServiceAccount\n  name: a\n  namespace: ns\n',
    stderr: '', code: 0,
  });
  assert.deepEqual(ks(home, ['set', 'subject', '-f', file, '--local', '--serviceaccount=:a']), {
    stdout: '', stderr: 'error: serviceaccount must be <namespace>:<name>, namespace must be specified\n', code: 1,
  });
});

const errors: [string, string[], string][] = [
  ['no subject', ['rolebinding', 'rb'], 'error: you must specify at least one value of user, group or serviceaccount\n'],
  ['a malformed service account', ['rolebinding', 'rb', '--serviceaccount=x'], 'error: serviceaccount must be <namespace>:<name>\n'],
  ['a missing binding', ['rolebinding', 'nope', '--user=x'], 'Error from server (NotFound): rolebindings.rbac.authorization.k8s.io "nope" not found\n'],
  ['--local with a name', ['rolebinding', 'rb', '--user=x', '--local'], "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"],
  ['names with a selector', ['rolebinding', 'rb', '--all', '--user=x', '-l', 'a=b'], 'error: name cannot be provided when a selector is specified\n'],
];
for (const [name, args, stderr] of errors) {
  test(`error: ${name}`, () => {
    assert.deepEqual(ks(home, ['set', 'subject', ...args]), { stdout: '', stderr, code: 1 });
  });
}

test('a kind without subjects fails alone; the binding is still changed', () => {
  assert.deepEqual(ks(home, ['set', 'subject', 'rolebinding/rb', 'deploy/web', '--user=dave']), {
    stdout: 'rolebinding.rbac.authorization.k8s.io/rb subjects updated\n',
    stderr: 'error: deployments/web setting subjects is only supported for RoleBinding/ClusterRoleBinding\n',
    code: 1,
  });
});
