// The RBAC evaluation helpers (pkg/apis/rbac/v1/evaluation_helpers.go) and the authorizer over a
// bootstrapped cluster's roles and bindings, table-driven.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../../src/store/cluster.js';
import { newClusterState } from '../../src/sim/bootstrap.js';
import { authorize, nonResourceURLMatches, resourceMatches, resourceNameMatches, ruleAllows, type Attributes, type PolicyRule } from '../../src/server/authorization/rbac.js';
import type { KObject } from '../../src/api/types.js';

test('resourceMatches: *, exact, resource/subresource, */subresource', () => {
  const cases: [string[], string, string, boolean][] = [
    [['*'], 'pods', '', true],
    [['pods'], 'pods', '', true],
    [['pods'], 'pods/log', 'log', false],
    [['pods/log'], 'pods/log', 'log', true],
    [['*/status'], 'deployments/status', 'status', true],
    [['*/status'], 'deployments', '', false],
    [['*/scale'], 'deployments/status', 'status', false],
    [['deployments'], 'pods', '', false],
  ];
  for (const [resources, combined, sub, want] of cases) {
    assert.equal(resourceMatches({ verbs: ['get'], resources }, combined, sub), want, `${resources} ${combined}`);
  }
});

test('resourceNameMatches and nonResourceURLMatches', () => {
  assert.equal(resourceNameMatches({ verbs: [] }, 'x'), true);
  assert.equal(resourceNameMatches({ verbs: [], resourceNames: ['web'] }, 'web'), true);
  assert.equal(resourceNameMatches({ verbs: [], resourceNames: ['web'] }, ''), false);
  const cases: [string[], string, boolean][] = [
    [['*'], '/anything', true],
    [['/healthz'], '/healthz', true],
    [['/healthz'], '/healthz/etcd', false],
    [['/healthz/*'], '/healthz/etcd', true],
    [['/api/*'], '/api', false],
    [['/apis**'], '/apis/apps', true],
  ];
  for (const [urls, path, want] of cases) assert.equal(nonResourceURLMatches({ verbs: ['get'], nonResourceURLs: urls }, path), want, `${urls} ${path}`);
});

test('ruleAllows: verb, group, resource and name together', () => {
  const rule: PolicyRule = { verbs: ['get', 'update'], apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'], resourceNames: ['web'] };
  const cases: [Attributes, boolean][] = [
    [{ verb: 'get', apiGroup: 'apps', resource: 'deployments', name: 'web' }, true],
    [{ verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'scale', name: 'web' }, true],
    [{ verb: 'get', apiGroup: '', resource: 'deployments', name: 'web' }, false],
    [{ verb: 'delete', apiGroup: 'apps', resource: 'deployments', name: 'web' }, false],
    [{ verb: 'list', apiGroup: 'apps', resource: 'deployments' }, false],
    [{ verb: 'get', path: '/healthz' }, false],
  ];
  for (const [a, want] of cases) assert.equal(ruleAllows(a, rule), want, JSON.stringify(a));
});

test('authorize: bindings to users, groups and service accounts; system:masters is the superuser', () => {
  const c = new Cluster(newClusterState('t'));
  c.create('roles', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'dev' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] } as KObject);
  c.create('rolebindings', {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: 'dev' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
    subjects: [{ kind: 'User', name: 'ann' }, { kind: 'Group', name: 'team' }, { kind: 'ServiceAccount', name: 'bot' }],
  } as KObject);
  const get = { verb: 'get', namespace: 'dev', apiGroup: '', resource: 'configmaps' };
  assert.equal(authorize(c, { name: 'ann', groups: [] }, get).allowed, true);
  assert.equal(authorize(c, { name: 'zed', groups: ['team'] }, get).allowed, true);
  // a ServiceAccount subject without a namespace is in the binding's namespace
  assert.equal(authorize(c, { name: 'system:serviceaccount:dev:bot', groups: [] }, get).allowed, true);
  assert.equal(authorize(c, { name: 'system:serviceaccount:other:bot', groups: [] }, get).allowed, false);
  assert.equal(authorize(c, { name: 'ann', groups: [] }, { ...get, namespace: 'default' }).allowed, false);
  assert.equal(authorize(c, { name: 'ann', groups: [] }, { ...get, verb: 'delete' }).allowed, false);
  assert.equal(authorize(c, { name: 'root', groups: ['system:masters'] }, { verb: 'delete', apiGroup: '', resource: 'nodes' }).allowed, true);
  // the aggregated bootstrap roles
  c.create('clusterrolebindings', {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'v' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'User', name: 'eve' }],
  } as KObject);
  const eve = { name: 'eve', groups: ['system:authenticated'] };
  assert.equal(authorize(c, eve, { verb: 'create', namespace: 'x', apiGroup: 'apps', resource: 'deployments' }).allowed, true);
  assert.equal(authorize(c, eve, { verb: 'create', namespace: 'x', apiGroup: 'rbac.authorization.k8s.io', resource: 'roles' }).allowed, false);
  assert.equal(authorize(c, eve, { verb: 'get', path: '/version' }).allowed, true);
});
