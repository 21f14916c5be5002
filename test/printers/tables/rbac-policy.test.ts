// rbac.authorization.k8s.io/v1 and policy/v1 tables (printers.go: printRoleBinding,
// printClusterRoleBinding, printPodDisruptionBudget); Roles and ClusterRoles have no printer.
import test from 'node:test';
import { printTable } from '../../../src/printers/tables.js';
import { NOW, S, M, D, meta, sameTable } from './helpers.js';

const now = NOW;
const ns = (name: string, age: number) => meta(name, age, { namespace: 'default' });

test('roles and clusterroles: the default table convertor, NAME and CREATED AT', () => {
  const roles = [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: ns('pod-reader', 10 * M), rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list'] }] },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { ...ns('odd', 0), creationTimestamp: '2026-11-22T11:59:59.750Z' } },
  ];
  sameTable(printTable('roles', roles, { now }), [
    'NAME         CREATED AT',
    'pod-reader   2026-11-22T11:50:00Z',
    'odd          2026-11-22T11:59:59Z',
  ]);
  sameTable(printTable('roles.rbac.authorization.k8s.io', roles.slice(0, 1), { now, withNamespace: true, wide: true, withKind: true }), [
    'NAMESPACE   NAME                                        CREATED AT',
    'default     role.rbac.authorization.k8s.io/pod-reader   2026-11-22T11:50:00Z',
  ]);
  const cr = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta('secret-reader', 400 * D), rules: [] };
  sameTable(printTable('clusterroles', [cr], { now, withNamespace: true }), [
    'NAME            CREATED AT',
    'secret-reader   2025-10-18T12:00:00Z',
  ]);
});

test('rolebindings and clusterrolebindings: ROLE kind/name, wide USERS GROUPS SERVICEACCOUNTS', () => {
  const rbs = [
    {
      metadata: ns('read-pods', 10 * M),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane' },
        { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' },
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'bob' },
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'default' },
      ],
    },
    { metadata: ns('no-subjects', 30 * S), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' } },
  ];
  sameTable(printTable('rolebindings', rbs, { now }), [
    'NAME          ROLE               AGE',
    'read-pods     Role/pod-reader    10m',
    'no-subjects   ClusterRole/view   30s',
  ]);
  sameTable(printTable('rolebindings', rbs, { now, wide: true }), [
    'NAME          ROLE               AGE   USERS       GROUPS   SERVICEACCOUNTS',
    'read-pods     Role/pod-reader    10m   jane, bob   devs     ci/builder, default/default',
    'no-subjects   ClusterRole/view   30s                        ',
  ]);
  const crb = {
    metadata: meta('cluster-admin', 30 * D, { labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } }),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }],
  };
  sameTable(printTable('clusterrolebindings', [crb], { now, wide: true, withNamespace: true }), [
    'NAME            ROLE                        AGE   USERS   GROUPS           SERVICEACCOUNTS',
    'cluster-admin   ClusterRole/cluster-admin   30d           system:masters   ',
  ]);
});

test('poddisruptionbudgets: MIN AVAILABLE / MAX UNAVAILABLE as int or percent, N/A (printPodDisruptionBudget)', () => {
  const pdbs = [
    { metadata: ns('zk-pdb', 3 * D), spec: { minAvailable: 2, selector: { matchLabels: { app: 'zookeeper' } } }, status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, observedGeneration: 1 } },
    { metadata: ns('web-pdb', 5 * M), spec: { maxUnavailable: '25%', selector: { matchLabels: { app: 'web' } }, unhealthyPodEvictionPolicy: 'AlwaysAllow' }, status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 } },
    { metadata: ns('new', 1 * S), spec: { minAvailable: '50%' } },
  ];
  sameTable(printTable('poddisruptionbudgets', pdbs, { now }), [
    'NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE',
    'zk-pdb    2               N/A               1                     3d',
    'web-pdb   N/A             25%               0                     5m',
    'new       50%             N/A               0                     1s',
  ]);
});
