// `auth reconcile` end to end, against what kubectl v1.32 prints with a v1.32 API server: objects
// created (with their namespace), rules and subjects unioned or stomped, a binding with a new roleRef
// recreated, protected objects left alone, other kinds skipped, dry runs, -o, and kubectl's errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, ok, pinnedCluster } from './helpers.js';

const home = pinnedCluster();

const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
  namespace: team-a
  labels: {a: b}
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: ["get", "list"]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm}
data: {a: b}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: team-a
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
- kind: ServiceAccount
  name: default
  namespace: team-a
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: mon
subjects:
- kind: Group
  name: ops
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: ClusterRole
  name: edit
  apiGroup: rbac.authorization.k8s.io
`;

const UPDATE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
  namespace: team-a
  annotations: {x: "z"}
rules:
- apiGroups: ["", "apps"]
  resources: ["pods"]
  verbs: ["get", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: team-a
subjects:
- kind: User
  name: bob
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: mon
subjects:
- kind: Group
  name: ops
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: ClusterRole
  name: view
  apiGroup: rbac.authorization.k8s.io
`;

const reconcile = (args: string[], input?: string) => ks(home, ['auth', 'reconcile', ...args], input);

test('missing objects are created, their namespace too; other kinds are skipped', () => {
  assert.deepEqual(reconcile(['-f', '-'], RBAC), {
    stdout: 'role.rbac.authorization.k8s.io/pod-reader reconciled\nrolebinding.rbac.authorization.k8s.io/read-pods reconciled\n'
      + 'clusterrolebinding.rbac.authorization.k8s.io/mon reconciled\n',
    stderr: '\treconciliation required create\n\tmissing rules added:\n'
      + '\t\t{Verbs:[get list] APIGroups:[] Resources:[pods pods/log] ResourceNames:[] NonResourceURLs:[]}\n'
      + '\treconciliation required create\n\tmissing subjects added:\n'
      + '\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:jane Namespace:}\n'
      + '\t\t{Kind:ServiceAccount APIGroup: Name:default Namespace:team-a}\n'
      + '\treconciliation required create\n\tmissing subjects added:\n'
      + '\t\t{Kind:Group APIGroup:rbac.authorization.k8s.io Name:ops Namespace:}\n',
    code: 0,
  });
  assert.match(ok(ks(home, ['get', 'ns', 'team-a'])), /^team-a\s+Active/m);
  assert.equal(ks(home, ['get', 'cm', 'cm']).code, 1);
});

test('reconciling again changes nothing and says nothing on stderr', () => {
  const before = ok(ks(home, ['get', 'role,rolebinding', '-n', 'team-a', '-o', 'yaml']));
  assert.deepEqual(reconcile(['-f', '-'], RBAC), {
    stdout: 'role.rbac.authorization.k8s.io/pod-reader reconciled\nrolebinding.rbac.authorization.k8s.io/read-pods reconciled\n'
      + 'clusterrolebinding.rbac.authorization.k8s.io/mon reconciled\n',
    stderr: '',
    code: 0,
  });
  assert.equal(ok(ks(home, ['get', 'role,rolebinding', '-n', 'team-a', '-o', 'yaml'])), before);
});

const UNION_STDERR = '\treconciliation required update\n\tmissing rules added:\n'
  + '\t\t{Verbs:[watch] APIGroups:[] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n'
  + '\t\t{Verbs:[get] APIGroups:[apps] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n'
  + '\t\t{Verbs:[watch] APIGroups:[apps] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n'
  + '\treconciliation required update\n\tmissing subjects added:\n'
  + '\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:bob Namespace:}\n'
  + '\treconciliation required recreate\n';

test('--dry-run=client: what would change, nothing written', () => {
  const before = ok(ks(home, ['get', 'role,rolebinding', '-n', 'team-a', '-o', 'yaml']));
  assert.deepEqual(reconcile(['-f', '-', '--dry-run=client'], UPDATE), {
    stdout: 'role.rbac.authorization.k8s.io/pod-reader reconciled (dry run)\nrolebinding.rbac.authorization.k8s.io/read-pods reconciled (dry run)\n'
      + 'clusterrolebinding.rbac.authorization.k8s.io/mon reconciled (dry run)\n',
    stderr: UNION_STDERR,
    code: 0,
  });
  assert.equal(ok(ks(home, ['get', 'role,rolebinding', '-n', 'team-a', '-o', 'yaml'])), before);
});

test('--dry-run=client -o yaml: the reconciled objects, a recreated binding as the file has it', () => {
  const r = reconcile(['-f', '-', '--dry-run=client', '-o', 'yaml'], UPDATE);
  assert.equal(r.code, 0);
  const docs = r.stdout.split('---\n');
  assert.equal(docs.length, 3);
  assert.match(docs[0], /^apiVersion: rbac.authorization.k8s.io\/v1\nkind: Role\nmetadata:\n  annotations:\n    x: z\n  creationTimestamp: "2030-01-01T00:00:00Z"\n  labels:\n    a: b\n/);
  assert.equal(docs[2], `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  creationTimestamp: null
  name: mon
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: Group
  name: ops
`);
});

test('--remove-extra-permissions --remove-extra-subjects --dry-run=client: what would be stomped', () => {
  assert.deepEqual(reconcile(['-f', '-', '--remove-extra-permissions', '--remove-extra-subjects', '--dry-run=client', '-o', 'name'], UPDATE), {
    stdout: 'role.rbac.authorization.k8s.io/pod-reader\nrolebinding.rbac.authorization.k8s.io/read-pods\nclusterrolebinding.rbac.authorization.k8s.io/mon\n',
    stderr: '\treconciliation required update\n\tmissing rules added:\n'
      + '\t\t{Verbs:[watch] APIGroups:[] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n'
      + '\t\t{Verbs:[get] APIGroups:[apps] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n'
      + '\t\t{Verbs:[watch] APIGroups:[apps] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n'
      + '\textra rules removed:\n'
      + '\t\t{Verbs:[list] APIGroups:[] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n'
      + '\t\t{Verbs:[get] APIGroups:[] Resources:[pods/log] ResourceNames:[] NonResourceURLs:[]}\n'
      + '\t\t{Verbs:[list] APIGroups:[] Resources:[pods/log] ResourceNames:[] NonResourceURLs:[]}\n'
      + '\treconciliation required update\n\tmissing subjects added:\n'
      + '\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:bob Namespace:}\n'
      + '\textra subjects removed:\n'
      + '\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:jane Namespace:}\n'
      + '\t\t{Kind:ServiceAccount APIGroup: Name:default Namespace:team-a}\n'
      + '\treconciliation required recreate\n',
    code: 0,
  });
});

test('the union is written: broken-down missing rules appended, subjects appended, the binding recreated', () => {
  const oldUid = ok(ks(home, ['get', 'clusterrolebinding', 'mon', '-o', 'jsonpath={.metadata.uid}']));
  const r = reconcile(['-f', '-'], UPDATE);
  assert.equal(r.stderr, UNION_STDERR);
  assert.equal(r.code, 0);
  assert.equal(ok(ks(home, ['get', 'role', 'pod-reader', '-n', 'team-a', '-o', 'jsonpath={.rules}'])),
    '[{"apiGroups":[""],"resources":["pods","pods/log"],"verbs":["get","list"]},{"apiGroups":[""],"resources":["pods"],"verbs":["watch"]},'
    + '{"apiGroups":["apps"],"resources":["pods"],"verbs":["get"]},{"apiGroups":["apps"],"resources":["pods"],"verbs":["watch"]}]');
  assert.equal(ok(ks(home, ['get', 'role', 'pod-reader', '-n', 'team-a', '-o', 'jsonpath={.metadata.annotations.x}/{.metadata.labels.a}'])), 'z/b');
  assert.equal(ok(ks(home, ['get', 'rolebinding', 'read-pods', '-n', 'team-a', '-o', 'jsonpath={.subjects[*].name}'])), 'jane default bob');
  assert.equal(ok(ks(home, ['get', 'clusterrolebinding', 'mon', '-o', 'jsonpath={.roleRef.name}'])), 'view');
  assert.notEqual(ok(ks(home, ['get', 'clusterrolebinding', 'mon', '-o', 'jsonpath={.metadata.uid}'])), oldUid);
});

test('--remove-extra-subjects writes the expected subjects', () => {
  const r = reconcile(['-f', '-', '--remove-extra-subjects', '-o', 'name'], UPDATE);
  assert.equal(r.code, 0);
  assert.equal(ok(ks(home, ['get', 'rolebinding', 'read-pods', '-n', 'team-a', '-o', 'jsonpath={.subjects[*].name}'])), 'bob');
});

test('an object annotated autoupdate=false is reported, not changed', () => {
  const prot = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: prot
  annotations: {rbac.authorization.kubernetes.io/autoupdate: "false"}
rules:
- {apiGroups: [""], resources: [pods], verbs: [get]}
`;
  assert.equal(reconcile(['-f', '-', '-o', 'name'], prot).code, 0);
  const more = prot.replace('verbs: [get]', 'verbs: [get, list]').replace(/  annotations:.*\n/, '');
  assert.deepEqual(reconcile(['-f', '-'], more), {
    stdout: 'clusterrole.rbac.authorization.k8s.io/prot reconciled\n',
    stderr: '\treconciliation required update, but object opted out (rbac.authorization.kubernetes.io/autoupdate: false)\n\tmissing rules added:\n'
      + '\t\t{Verbs:[list] APIGroups:[] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n',
    code: 0,
  });
  assert.equal(ok(ks(home, ['get', 'clusterrole', 'prot', '-o', 'jsonpath={.rules[*].verbs}'])), '["get"]');
});

test('aggregation rules: missing selectors added, rules not reported as extra when both are aggregated', () => {
  const agg = (sel: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring}
aggregationRule:
  clusterRoleSelectors:
${sel}rules: []
`;
  const one = '  - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}\n';
  const two = one + '  - matchExpressions: [{key: team, operator: Exists}]\n';
  assert.equal(reconcile(['-f', '-'], agg(one)).stderr, '\treconciliation required create\n');
  assert.deepEqual(reconcile(['-f', '-', '--remove-extra-permissions'], agg(two)), {
    stdout: 'clusterrole.rbac.authorization.k8s.io/monitoring reconciled\n', stderr: '\treconciliation required update\n', code: 0,
  });
  assert.equal(ok(ks(home, ['get', 'clusterrole', 'monitoring', '-o', 'jsonpath={.aggregationRule.clusterRoleSelectors[1].matchExpressions[0].key}'])), 'team');
  // a role no longer aggregated loses its aggregation rule
  const plain = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: monitoring}\nrules:\n- {apiGroups: [""], resources: [pods], verbs: [get]}\n';
  assert.equal(reconcile(['-f', '-'], plain).stderr, '\treconciliation required update\n\tmissing rules added:\n\t\t{Verbs:[get] APIGroups:[] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}\n');
  assert.equal(ok(ks(home, ['get', 'clusterrole', 'monitoring', '-o', 'jsonpath={.aggregationRule}'])), '');
});

test('covering rules: wildcards and */subresources cover, non-resource URL prefixes cover', () => {
  const wide = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: wide}
rules:
- {apiGroups: [apps], resources: ["*"], verbs: ["*"]}
- {nonResourceURLs: ["/api/*"], verbs: [get]}
`;
  assert.equal(reconcile(['-f', '-', '-o', 'name'], wide).code, 0);
  const narrow = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: wide}
rules:
- {apiGroups: [apps], resources: [deployments, deployments/scale], verbs: [get]}
- {nonResourceURLs: [/api/v1, /healthz], verbs: [get]}
`;
  assert.deepEqual(reconcile(['-f', '-'], narrow), {
    stdout: 'clusterrole.rbac.authorization.k8s.io/wide reconciled\n',
    stderr: '\treconciliation required update\n\tmissing rules added:\n\t\t{Verbs:[get] APIGroups:[] Resources:[] ResourceNames:[] NonResourceURLs:[/healthz]}\n',
    code: 0,
  });
});

test('-o json prints the typed object in field order', () => {
  const r = reconcile(['-f', '-', '--dry-run=client', '-o', 'json'], 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r1, namespace: other}\n');
  assert.deepEqual(r, {
    stdout: '{\n    "kind": "Role",\n    "apiVersion": "rbac.authorization.k8s.io/v1",\n    "metadata": {\n        "name": "r1",\n        "namespace": "other",\n        "creationTimestamp": null\n    },\n    "rules": null\n}\n',
    stderr: '\treconciliation required create\n',
    code: 0,
  });
  assert.equal(ks(home, ['get', 'ns', 'other']).code, 1);
});

test('a -f directory with -R', () => {
  const dir = fs.mkdtempSync(path.join(home, 'rbac-'));
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'sub', 'rbac.yaml'), RBAC);
  assert.deepEqual(reconcile(['-f', dir, '-R', '-o', 'name']), {
    stdout: 'role.rbac.authorization.k8s.io/pod-reader\nrolebinding.rbac.authorization.k8s.io/read-pods\nclusterrolebinding.rbac.authorization.k8s.io/mon\n',
    // read-pods lost jane and default to --remove-extra-subjects; mon binds view again
    stderr: '\treconciliation required update\n\tmissing subjects added:\n'
      + '\t\t{Kind:User APIGroup:rbac.authorization.k8s.io Name:jane Namespace:}\n'
      + '\t\t{Kind:ServiceAccount APIGroup: Name:default Namespace:team-a}\n'
      + '\treconciliation required recreate\n',
    code: 0,
  });
});

const errors: [string, string[], string | undefined, string][] = [
  ['no -f or -k', [], undefined, 'error: must specify one of -f and -k\n'],
  ['arguments', ['-f', '-', 'x'], RBAC, 'error: no arguments are allowed\n'],
  ['--dry-run=server', ['-f', '-', '--dry-run=server'], RBAC, 'error: --dry-run=server for command reconcile is not supported yet\n'],
  ['-f and -k', ['-f', '-', '-k', '.'], RBAC, 'error: only one of -f or -k can be specified\n'],
  ['an older RBAC version (one)', ['-f', '-'], RBAC.split('---')[0].replace('/v1\n', '/v1beta1\n'), 'error: only rbac.authorization.k8s.io/v1 is supported: not *v1beta1.Role\n'],
  ['older RBAC versions (several: one line each)', ['-f', '-'], RBAC.replaceAll('rbac.authorization.k8s.io/v1\n', 'rbac.authorization.k8s.io/v1beta1\n'),
    'only rbac.authorization.k8s.io/v1 is supported: not *v1beta1.Role\nonly rbac.authorization.k8s.io/v1 is supported: not *v1beta1.RoleBinding\nonly rbac.authorization.k8s.io/v1 is supported: not *v1beta1.ClusterRoleBinding\n'],
  ['a kind kubectl does not know', ['-f', '-'], 'apiVersion: example.com/v1\nkind: Foo\nmetadata: {name: x}\n', 'error: unable to decode "STDIN": no kind "Foo" is registered for version "example.com/v1" in scheme "pkg/scheme/scheme.go:28"\n'],
  ['a namespace other than -n', ['-f', '-', '-n', 'foo'], RBAC.split('---')[0], 'error: the namespace from the provided object "team-a" does not match the namespace "foo". You must pass \'--namespace=team-a\' to perform this operation.\n'],
];
for (const [name, args, input, stderr] of errors) {
  test(`error: ${name}`, () => {
    assert.deepEqual(reconcile(args, input), { stdout: '', stderr, code: 1 });
  });
}

test('an invalid update fails that object; the others are still reconciled', () => {
  const bad = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader, namespace: team-a}
rules:
- {nonResourceURLs: [/healthz], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: after}
`;
  assert.deepEqual(reconcile(['-f', '-'], bad), {
    stdout: 'clusterrole.rbac.authorization.k8s.io/after reconciled\n',
    stderr: '\treconciliation required create\nThe Role "pod-reader" is invalid: rules[4].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs\n',
    code: 1,
  });
});
