// The API as a pod reaches it (answerInProcess): the API server's router over the shell's cluster.
// No credentials is system:anonymous, the pod's projected token authenticates as its service account,
// RBAC decides, a binding made meanwhile is seen (Kubernetes in Action, ch. 8); reads answer at once,
// writes go through the registry only for a caller that holds the cluster for writing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../../src/store/cluster.js';
import { newClusterState } from '../../src/sim/bootstrap.js';
import { resourceForKind } from '../../src/api/resources.js';
import { createObject } from '../../src/server/registry.js';
import { serviceAccountToken } from '../../src/sim/shell/fs.js';
import { answerInProcess } from '../../src/server/http/inprocess.js';
import type { HttpResponse } from '../../src/sim/http/types.js';
import type { KObject } from '../../src/api/types.js';
import { createControllerManager } from '../../src/controllers/manager.js';

function create(c: Cluster, o: any): KObject {
  return createObject(c, resourceForKind(o.apiVersion, o.kind)!, o as KObject, { ns: o.metadata.namespace });
}

/** a read: answered synchronously */
function get(c: Cluster, path: string, token?: string, agent = 'kubesim-test'): HttpResponse {
  const headers: Record<string, string> = { 'user-agent': agent };
  if (token) headers.authorization = `Bearer ${token}`;
  const r = answerInProcess(c, { method: 'GET', path, headers });
  assert.ok(!(r instanceof Promise), `${path} answered at once`);
  return r as HttpResponse;
}

test('from inside a pod: anonymous without a token, 401 for a bad one, 403 from RBAC, 200 once a binding grants it', () => {
  const c = new Cluster(newClusterState('t'));
  const pod = create(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'curl', namespace: 'default' }, spec: { containers: [{ name: 'main', image: 'curlimages/curl' }] } });
  const token = serviceAccountToken(pod);
  const anon = get(c, '/api/v1/namespaces/default/pods');
  assert.equal(anon.status, 403);
  assert.equal(JSON.parse(anon.body).message, 'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"');
  assert.equal(get(c, '/version').status, 200);
  assert.equal(get(c, '/api', 'not-a-token').status, 401);
  const api = get(c, '/api', token);
  assert.equal(api.status, 200);
  assert.deepEqual(JSON.parse(api.body), { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: JSON.parse(api.body).serverAddressByClientCIDRs[0].serverAddress }] });
  assert.equal(get(c, '/apis/batch/v1', token).status, 200);
  const root = get(c, '/', token);
  assert.equal(root.status, 403);
  assert.equal(root.body, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"forbidden: User \\"system:serviceaccount:default:default\\" cannot get path \\"/\\"","reason":"Forbidden","details":{},"code":403}\n');
  const denied = get(c, '/api/v1/namespaces/default/pods', token);
  assert.equal(denied.status, 403);
  assert.deepEqual(JSON.parse(denied.body), {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: 'pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"',
    reason: 'Forbidden', details: { kind: 'pods' }, code: 403,
  });
  // kubectl create clusterrolebinding permissive-binding --clusterrole=cluster-admin --group=system:serviceaccounts
  create(c, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'permissive-binding' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:serviceaccounts' }] });
  const list = get(c, '/api/v1/namespaces/default/pods', token);
  assert.equal(list.status, 200);
  assert.deepEqual(JSON.parse(list.body).items.map((p: any) => p.metadata.name), ['curl']);
  assert.equal(JSON.parse(get(c, '/api/v1/namespaces/default/pods/curl', token).body).kind, 'Pod');
  const missing = get(c, '/api/v1/namespaces/default/pods/nope', token);
  assert.equal(missing.status, 404);
  assert.equal(JSON.parse(missing.body).message, 'pods "nope" not found');
  assert.deepEqual(JSON.parse(get(c, '/', token).body).paths.slice(0, 3), ['/api', '/api/v1', '/apis']);
  // a watch ends after its initial events
  const w = get(c, '/api/v1/namespaces/default/pods?watch=true', token);
  assert.deepEqual(w.body.trim().split('\n').map((l) => JSON.parse(l).type), ['ADDED']);
});

test('curl and wget get indented JSON (no newline at the end), as kube-apiserver gives "human" clients', () => {
  const c = new Cluster(newClusterState('t'));
  assert.equal(get(c, '/version', undefined, 'curl/8.11.1').body, JSON.stringify(JSON.parse(get(c, '/version').body), null, 2));
  assert.equal(get(c, '/version', undefined, 'Wget').body.startsWith('{\n  "major": "1",'), true);
  assert.equal(get(c, '/version?pretty=false', undefined, 'curl/8.11.1').body.endsWith('}\n'), true);
  assert.equal(get(c, '/version?pretty=1').body.startsWith('{\n  '), true);
});

test('a pod\'s write goes through the registry when its exec holds the cluster for writing; else 405', async () => {
  const c = new Cluster(newClusterState('t'));
  const pod = create(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'curl', namespace: 'default' }, spec: { containers: [{ name: 'main', image: 'curlimages/curl' }] } });
  create(c, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'permissive-binding' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:serviceaccounts' }] });
  const headers = { authorization: `Bearer ${serviceAccountToken(pod)}`, 'content-type': 'application/json' };
  const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-pod' }, data: { a: 'b' } });
  const refused = await answerInProcess(c, { method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers, body });
  assert.equal(refused.status, 405);
  assert.equal(c.get('configmaps', 'default', 'from-pod'), undefined);
  const created = await answerInProcess(c, { method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers, body }, { manager: async () => createControllerManager(c) });
  assert.equal(created.status, 201);
  assert.deepEqual(c.get('configmaps', 'default', 'from-pod')?.data, { a: 'b' });
  const gone = await answerInProcess(c, { method: 'DELETE', path: '/api/v1/namespaces/default/configmaps/from-pod', headers }, { manager: async () => createControllerManager(c) });
  assert.equal(gone.status, 200);
  assert.equal(c.get('configmaps', 'default', 'from-pod'), undefined);
});
