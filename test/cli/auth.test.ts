// `auth can-i` and `auth whoami` end to end: a Role and RoleBindings for a ServiceAccount, then
// decisions as that ServiceAccount (--as=system:serviceaccount:NS:NAME), as another user, and as
// kubesim's admin, with kubectl's warnings, exit codes and --list table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, tempHome, type Result } from './helpers.js';

const home = tempHome();
const SA = '--as=system:serviceaccount:dev:bot';
const yes: Result = { stdout: 'yes\n', stderr: '', code: 0 };
const no: Result = { stdout: 'no\n', stderr: '', code: 1 };

test('setup: a Role and RoleBindings for a ServiceAccount', () => {
  for (const a of [
    ['create', 'namespace', 'dev'],
    ['create', 'serviceaccount', 'bot', '-n', 'dev'],
    ['create', 'role', 'pod-reader', '-n', 'dev', '--verb=get,list,watch', '--resource=pods,pods/log'],
    ['create', 'role', 'dep-scaler', '-n', 'dev', '--verb=update', '--resource=deployments.apps/scale', '--resource-name=web'],
    ['create', 'rolebinding', 'bot-read', '-n', 'dev', '--role=pod-reader', '--serviceaccount=dev:bot'],
    ['create', 'rolebinding', 'bot-scale', '-n', 'dev', '--role=dep-scaler', '--serviceaccount=dev:bot'],
    ['create', 'rolebinding', 'alice-view', '-n', 'dev', '--clusterrole=view', '--user=alice'],
  ]) ok(ks(home, a));
});

const cases: [string[], Result][] = [
  [['get', 'pods', '-n', 'dev', SA], yes],
  [['list', 'pods', '-n', 'dev', SA], yes],
  [['watch', 'po', '-n', 'dev', SA], yes],
  [['delete', 'pods', '-n', 'dev', SA], no],
  [['get', 'pods', SA], no], // the default namespace has no binding
  [['list', 'pods', '-A', SA], no], // a Role grants nothing cluster-wide
  [['get', 'pods', '-n', 'dev', '--subresource=log', SA], yes],
  [['create', 'pods', '-n', 'dev', '--subresource=exec', SA], no],
  [['update', 'deployments/web', '-n', 'dev', '--subresource=scale', SA], yes],
  [['update', 'deployments.apps/other', '-n', 'dev', '--subresource=scale', SA], no],
  [['update', 'deployments/web', '-n', 'dev', SA], no],
  [['get', 'secrets', '-n', 'dev', SA], no],
  [['get', '/healthz', SA], yes], // system:public-info-viewer, bound to system:authenticated
  [['post', '/healthz', SA], no],
  [['create', 'selfsubjectaccessreviews', SA], { stdout: 'yes\n', stderr: "Warning: resource 'selfsubjectaccessreviews' is not namespace scoped in group 'authorization.k8s.io'\n\n", code: 0 }],
  [['get', 'nodes', '-n', 'dev', SA], { stdout: 'no\n', stderr: "Warning: resource 'nodes' is not namespace scoped\n\n", code: 1 }],
  [['frob', 'pods', '-n', 'dev', SA], { stdout: 'no\n', stderr: "Warning: verb 'frob' is not a known verb\n\n", code: 1 }],
  [['get', 'foos', SA], { stdout: 'no\n', stderr: "Warning: the server doesn't have a resource type 'foos'\n\n", code: 1 }],
  [['get', 'pods', '-n', 'dev', '-q', SA], { stdout: '', stderr: '', code: 0 }],
  [['delete', 'pods', '-n', 'dev', '--quiet', SA], { stdout: '', stderr: '', code: 1 }],
  // a user bound to the aggregated view role, and one bound to nothing
  [['list', 'deployments.apps', '-n', 'dev', '--as=alice'], yes],
  [['get', 'secrets', '-n', 'dev', '--as=alice'], no],
  [['get', 'pods', '-n', 'dev', '--as=bob'], no],
  [['get', 'pods', '-n', 'dev', '--as=bob', '--as-group=system:serviceaccounts:dev'], no],
  // kubesim's admin is cluster-admin
  [['delete', 'nodes', '--all-namespaces'], yes],
  [['*', '*', '-A'], yes],
];

for (const [args, want] of cases) {
  test(`auth can-i ${args.join(' ')}`, () => {
    assert.deepEqual(ks(home, ['auth', 'can-i', ...args]), want);
  });
}

test('auth can-i --list as the ServiceAccount: its Roles, then the discovery roles every user has', () => {
  const r = ks(home, ['auth', 'can-i', '--list', '-n', 'dev', SA]);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.deepEqual(r.stdout.split('\n'), [
    'Resources                                       Non-Resource URLs   Resource Names   Verbs',
    'selfsubjectreviews.authentication.k8s.io        []                  []               [create]',
    'selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]',
    'selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]',
    'pods/log                                        []                  []               [get list watch]',
    'pods                                            []                  []               [get list watch]',
    '                                                [/api/*]            []               [get]',
    '                                                [/api]              []               [get]',
    '                                                [/apis/*]           []               [get]',
    '                                                [/apis]             []               [get]',
    '                                                [/healthz]          []               [get]',
    '                                                [/healthz]          []               [get]',
    '                                                [/livez]            []               [get]',
    '                                                [/livez]            []               [get]',
    '                                                [/openapi/*]        []               [get]',
    '                                                [/openapi]          []               [get]',
    '                                                [/readyz]           []               [get]',
    '                                                [/readyz]           []               [get]',
    '                                                [/version/]         []               [get]',
    '                                                [/version/]         []               [get]',
    '                                                [/version]          []               [get]',
    '                                                [/version]          []               [get]',
    'deployments.apps/scale                          []                  [web]            [update]',
    '',
  ]);
});

test('auth can-i --list --no-headers as the admin: cluster-admin first', () => {
  const lines = ok(ks(home, ['auth', 'can-i', '--list', '--no-headers'])).split('\n');
  assert.deepEqual(lines.slice(0, 3), [
    '*.*                                             []             []    [*]',
    '                                                [*]            []    [*]',
    'selfsubjectreviews.authentication.k8s.io        []             []    [create]',
  ]);
});

test('auth can-i: a binding to a missing role is the denial\'s reason', () => {
  ok(ks(home, ['create', 'rolebinding', 'dangling', '-n', 'dev', '--clusterrole=nope', '--serviceaccount=dev:bot']));
  assert.deepEqual(ks(home, ['auth', 'can-i', 'delete', 'pods', '-n', 'dev', SA]),
    { stdout: 'no - RBAC: clusterrole.rbac.authorization.k8s.io "nope" not found\n', stderr: '', code: 1 });
  assert.deepEqual(ks(home, ['auth', 'can-i', 'get', 'pods', '-n', 'dev', SA]), yes);
});

test('auth can-i usage errors', () => {
  assert.deepEqual(ks(home, ['auth', 'can-i', 'get']), { stdout: '', stderr: "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n", code: 1 });
  assert.deepEqual(ks(home, ['auth', 'can-i', '--list', 'get', 'pods']), { stdout: '', stderr: 'error: list option must be specified with no arguments\n', code: 1 });
  assert.deepEqual(ks(home, ['auth', 'can-i', 'get', 'pods', '--as-group=devs']), { stdout: '', stderr: 'error: invalid configuration: requesting uid, groups or user-extra for kubernetes-admin without impersonating a user\n', code: 1 });
  assert.deepEqual(ks(home, ['auth', 'can-i', 'get', '/healthz', '--subresource=x']), { stdout: '', stderr: 'error: --subresource can not be used with NonResourceURL\n', code: 1 });
});

test('auth whoami: the kubeconfig user, or the impersonated one', () => {
  assert.equal(ok(ks(home, ['auth', 'whoami'])),
    'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n');
  assert.equal(ok(ks(home, ['auth', 'whoami', SA])),
    'ATTRIBUTE   VALUE\nUsername    system:serviceaccount:dev:bot\nGroups      [system:serviceaccounts system:serviceaccounts:dev system:authenticated]\n');
  assert.equal(ok(ks(home, ['auth', 'whoami', '--as=alice', '--as-group=devs'])),
    'ATTRIBUTE   VALUE\nUsername    alice\nGroups      [devs system:authenticated]\n');
});

test('auth whoami -o json|yaml: a SelfSubjectReview', () => {
  assert.equal(ok(ks(home, ['auth', 'whoami', '-o', 'json'])), [
    '{',
    '    "kind": "SelfSubjectReview",',
    '    "apiVersion": "authentication.k8s.io/v1",',
    '    "metadata": {',
    '        "creationTimestamp": null',
    '    },',
    '    "status": {',
    '        "userInfo": {',
    '            "username": "kubernetes-admin",',
    '            "groups": [',
    '                "kubeadm:cluster-admins",',
    '                "system:authenticated"',
    '            ]',
    '        }',
    '    }',
    '}',
    '',
  ].join('\n'));
  assert.equal(ok(ks(home, ['auth', 'whoami', '-o', 'yaml', '--as=bob'])), [
    'apiVersion: authentication.k8s.io/v1',
    'kind: SelfSubjectReview',
    'metadata:',
    '  creationTimestamp: null',
    'status:',
    '  userInfo:',
    '    groups:',
    '    - system:authenticated',
    '    username: bob',
    '',
  ].join('\n'));
});

test('auth whoami: the other printers', () => {
  assert.equal(ok(ks(home, ['auth', 'whoami', '-o', 'name'])), 'selfsubjectreview.authentication.k8s.io/\n');
  assert.equal(ok(ks(home, ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}', SA])), 'system:serviceaccount:dev:bot');
  assert.equal(ok(ks(home, ['auth', 'whoami', '-o', 'go-template={{.status.userInfo.groups}}'])), '[kubeadm:cluster-admins system:authenticated]');
  assert.deepEqual(ks(home, ['auth', 'whoami', '-o', 'wide']), { stdout: '', stderr: 'Error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n', code: 1 });
});
