// `kubesim apply -f` then `kubesim describe` for kinds beyond the Deployment family: the
// describer map reached through the command, with related objects read from the store.
import test from 'node:test';
import assert from 'node:assert/strict';
process.env.TZ = 'UTC'; // describe prints local times; the spawned binary inherits this
import { ks, pinnedCluster } from './helpers.js';

const MANIFEST = `
apiVersion: v1
kind: Secret
metadata:
  name: db-user-pass
type: Opaque
data:
  username: YWRtaW4=
  password: UyFCXCpkJHpEc2I9
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: build-robot
imagePullSecrets:
- name: myregistrykey
secrets:
- name: db-user-pass
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "watch", "list"]
- apiGroups: ["apps"]
  resources: ["deployments", "deployments/scale"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
- kind: ServiceAccount
  name: build-robot
  namespace: default
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
spec:
  podSelector: {}
  policyTypes:
  - Ingress
---
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata:
  name: my-lock
spec:
  holderIdentity: worker-1
  leaseDurationSeconds: 15
`;

function setup(): string {
  const home = pinnedCluster();
  const r = ks(home, ['apply', '-f', '-'], MANIFEST);
  assert.equal(r.code, 0, r.stderr);
  return home;
}

const describe = (home: string, ...args: string[]) => {
  const r = ks(home, ['describe', ...args]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
};

test('describe secret: sizes, never values; serviceaccount: missing secrets marked', () => {
  const home = setup();
  assert.equal(
    describe(home, 'secret', 'db-user-pass'),
    'Name:         db-user-pass\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  12 bytes\nusername:  5 bytes\n',
  );
  assert.equal(
    describe(home, 'sa', 'build-robot'),
    [
      'Name:                build-robot',
      'Namespace:           default',
      'Labels:              <none>',
      'Annotations:         <none>',
      'Image pull secrets:  myregistrykey (not found)',
      'Mountable secrets:   db-user-pass',
      'Tokens:              <none>',
      'Events:              <none>',
      '',
    ].join('\n'),
  );
});

test('describe role and rolebinding (rules broken down, compacted and sorted as kubectl)', () => {
  const home = setup();
  assert.equal(
    describe(home, 'role', 'pod-reader'),
    [
      'Name:         pod-reader',
      'Labels:       <none>',
      'Annotations:  <none>',
      'PolicyRule:',
      '  Resources               Non-Resource URLs  Resource Names  Verbs',
      '  ---------               -----------------  --------------  -----',
      '  pods                    []                 []              [get watch list]',
      '  deployments.apps/scale  []                 []              [get]',
      '  deployments.apps        []                 []              [get]',
      '',
    ].join('\n'),
  );
  assert.equal(
    describe(home, 'rolebinding/read-pods'),
    [
      'Name:         read-pods',
      'Labels:       <none>',
      'Annotations:  <none>',
      'Role:',
      '  Kind:  Role',
      '  Name:  pod-reader',
      'Subjects:',
      '  Kind            Name         Namespace',
      '  ----            ----         ---------',
      '  User            jane         ',
      '  ServiceAccount  build-robot  default',
      '',
    ].join('\n'),
  );
});

test('describe networkpolicy, and a kind without a describer (Lease) through the generic describer', () => {
  const home = setup();
  assert.equal(
    describe(home, 'netpol', 'default-deny-ingress'),
    [
      'Name:         default-deny-ingress',
      'Namespace:    default',
      'Created on:   2030-01-01 00:00:00 +0000 UTC',
      'Labels:       <none>',
      'Annotations:  <none>',
      'Spec:',
      '  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)',
      '  Allowing ingress traffic:',
      '    <none> (Selected pods are isolated for ingress connectivity)',
      '  Not affecting egress traffic',
      '  Policy Types: Ingress',
      '',
    ].join('\n'),
  );
  const lease = describe(home, 'lease', 'my-lock');
  assert.match(lease, /^Name:         my-lock\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\nAPI Version:  coordination.k8s.io\/v1\nKind:         Lease\nMetadata:\n  Creation Timestamp:  2030-01-01T00:00:00Z\n/);
  assert.ok(lease.endsWith('Spec:\n  Holder Identity:         worker-1\n  Lease Duration Seconds:  15\nEvents:                    <none>\n'), lease);
});

test('describe --show-events=false leaves the Events block out', () => {
  const home = setup();
  assert.ok(!describe(home, 'sa', 'build-robot', '--show-events=false').includes('Events:'));
});
