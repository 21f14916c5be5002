// Service-account bearer tokens against `kubesim serve`: authenticated (TokenRequest tokens and the
// token a pod reads from its projected volume), authorised by the cluster's Roles/ClusterRoles and
// bindings with the API server's 403 Status; the admin token stays cluster-admin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serviceAccountToken } from '../../src/sim/shell/fs.js';
import { serve, waitFor, type Served } from './http-helpers.js';

let s: Served;
before(async () => { s = await serve({ auth: true }); });
after(async () => { await s?.stop(); });

type Init = { method?: string; headers?: Record<string, string>; body?: string };
const post = (body: unknown): Init => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const as = (token: string, p: string, init: Init = {}) =>
  s.api(p, { ...init, headers: { ...(init.headers ?? {}), Authorization: `Bearer ${token}` } });

async function tokenFor(sa: string, ns = 'default'): Promise<string> {
  const r = await s.api(`/api/v1/namespaces/${ns}/serviceaccounts/${sa}/token`, post({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } }));
  assert.equal(r.status, 201);
  const tr = await r.json();
  assert.equal(tr.kind, 'TokenRequest');
  assert.equal(tr.spec.expirationSeconds, 600);
  return tr.status.token;
}

async function forbidden(r: Response): Promise<string> {
  assert.equal(r.status, 403);
  const st = await r.json();
  assert.equal(st.reason, 'Forbidden');
  assert.equal(st.code, 403);
  return st.message;
}

test("a service account's token: 403 with the API server's message until a RoleBinding grants it", async () => {
  const t = await tokenFor('default');
  assert.equal(await forbidden(await as(t, '/api/v1/namespaces/default/pods')),
    'pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"');
  const r = await as(t, '/api/v1/namespaces/default/pods/web');
  assert.deepEqual((await r.clone().json()).details, { name: 'web', kind: 'pods' });
  assert.equal(await forbidden(r), 'pods "web" is forbidden: User "system:serviceaccount:default:default" cannot get resource "pods" in API group "" in the namespace "default"');
  assert.equal(await forbidden(await as(t, '/api/v1/nodes')), 'nodes is forbidden: User "system:serviceaccount:default:default" cannot list resource "nodes" in API group "" at the cluster scope');
  assert.equal(await forbidden(await as(t, '/apis/apps/v1/namespaces/default/deployments?watch=true')),
    'deployments.apps is forbidden: User "system:serviceaccount:default:default" cannot watch resource "deployments" in API group "apps" in the namespace "default"');
  assert.equal(await forbidden(await as(t, '/apis/apps/v1/namespaces/default/deployments/web/scale')),
    'deployments.apps "web" is forbidden: User "system:serviceaccount:default:default" cannot get resource "deployments/scale" in API group "apps" in the namespace "default"');
  assert.equal(await forbidden(await as(t, '/metrics')), 'forbidden: User "system:serviceaccount:default:default" cannot get path "/metrics"');
  // discovery and the public endpoints: system:discovery / system:public-info-viewer
  assert.equal((await as(t, '/api')).status, 200);
  assert.equal((await as(t, '/apis/batch/v1')).status, 200);
  assert.equal((await as(t, '/version')).status, 200);
  // the admin grants pod reading in default
  assert.equal((await s.api('/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles', post({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'pod-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] }))).status, 201);
  assert.equal((await s.api('/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', post({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'read-pods' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' } }))).status, 201);
  const list = await as(t, '/api/v1/namespaces/default/pods');
  assert.equal(list.status, 200);
  assert.equal((await list.json()).kind, 'PodList');
  assert.equal(await forbidden(await as(t, '/api/v1/namespaces/kube-system/pods')),
    'pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "kube-system"');
  assert.equal(await forbidden(await as(t, '/api/v1/namespaces/default/pods', post({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }))),
    'pods is forbidden: User "system:serviceaccount:default:default" cannot create resource "pods" in API group "" in the namespace "default"');
  // what `kubectl auth can-i` and `auth whoami` ask
  const ssar = await as(t, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', post({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'default', verb: 'list', resource: 'pods' } } }));
  assert.equal(ssar.status, 201);
  assert.deepEqual((await ssar.json()).status, { allowed: true });
  const no = await as(t, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', post({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace: 'default', verb: 'delete', resource: 'pods' } } }));
  assert.deepEqual((await no.json()).status, { allowed: false });
  const who = await (await as(t, '/apis/authentication.k8s.io/v1/selfsubjectreviews', post({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }))).json();
  assert.deepEqual(who.status.userInfo, { username: 'system:serviceaccount:default:default', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] });
});

test("the token a pod reads from its service-account volume authenticates as the pod's account while the pod exists", async () => {
  assert.equal((await s.api('/api/v1/namespaces/default/serviceaccounts', post({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } }))).status, 201);
  assert.equal((await s.api('/api/v1/namespaces/default/pods', post({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'curl' }, spec: { serviceAccountName: 'robot', containers: [{ name: 'c', image: 'curlimages/curl' }] } }))).status, 201);
  const pod = await (await s.api('/api/v1/namespaces/default/pods/curl')).json();
  const t = serviceAccountToken(pod);
  assert.equal(await forbidden(await as(t, '/api/v1/namespaces/default/services')),
    'services is forbidden: User "system:serviceaccount:default:robot" cannot list resource "services" in API group "" in the namespace "default"');
  // a ClusterRoleBinding to view: reads everywhere, writes nowhere
  assert.equal((await s.api('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', post({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'robot-view' }, subjects: [{ kind: 'ServiceAccount', name: 'robot', namespace: 'default' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' } }))).status, 201);
  assert.equal((await as(t, '/api/v1/namespaces/default/services')).status, 200);
  assert.equal((await as(t, '/apis/apps/v1/deployments')).status, 200);
  assert.equal(await forbidden(await as(t, '/api/v1/namespaces/default/configmaps/x', { method: 'DELETE' })),
    'configmaps "x" is forbidden: User "system:serviceaccount:default:robot" cannot delete resource "configmaps" in API group "" in the namespace "default"');
  assert.equal((await s.api('/api/v1/namespaces/default/pods/curl?gracePeriodSeconds=0', { method: 'DELETE' })).status, 200);
  await waitFor(async () => (await s.api('/api/v1/namespaces/default/pods/curl')).status === 404);
  assert.equal((await as(t, '/api/v1/namespaces/default/services')).status, 401);
});

test('the admin token is cluster-admin; an unknown or missing token is a 401', async () => {
  assert.equal((await s.api('/api/v1/nodes')).status, 200);
  const r = await as('not-a-token', '/api/v1/namespaces');
  assert.equal(r.status, 401);
  assert.deepEqual(await r.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  assert.equal((await fetch(`${s.url}/api/v1/namespaces`)).status, 401);
  const nf = await s.api('/api/v1/namespaces/default/serviceaccounts/ghost/token', post({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} }));
  assert.equal(nf.status, 404);
  assert.equal((await nf.json()).message, 'serviceaccounts "ghost" not found');
});

test('impersonation (kubectl --as / --as-group): the admin may, a service account may not', async () => {
  const r = await s.api('/api/v1/namespaces/default/pods', { headers: { 'Impersonate-User': 'jane', 'Impersonate-Group': 'devs' } });
  assert.equal(await forbidden(r), 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
  const who = await (await s.api('/apis/authentication.k8s.io/v1/selfsubjectreviews', { ...post({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }), headers: { 'Content-Type': 'application/json', 'Impersonate-User': 'system:serviceaccount:dev:ci' } })).json();
  assert.deepEqual(who.status.userInfo, { username: 'system:serviceaccount:dev:ci', groups: ['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated'] });
  const t = await tokenFor('default');
  assert.equal(await forbidden(await as(t, '/api/v1/namespaces/default/pods', { headers: { 'Impersonate-User': 'bob' } })),
    'users "bob" is forbidden: User "system:serviceaccount:default:default" cannot impersonate resource "users" in API group "" at the cluster scope');
});
