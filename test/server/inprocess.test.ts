// The API as a pod reaches it (answerInProcess): the pod's projected token authenticates as its
// service account, RBAC decides, and a binding made meanwhile is seen (Kubernetes in Action, ch. 8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../../src/store/cluster.js';
import { newClusterState } from '../../src/sim/bootstrap.js';
import { resourceForKind } from '../../src/api/resources.js';
import { createObject } from '../../src/server/registry.js';
import { serviceAccountToken } from '../../src/sim/shell/fs.js';
import { answerInProcess } from '../../src/server/http/inprocess.js';
import type { KObject } from '../../src/api/types.js';

function create(c: Cluster, o: any): KObject {
  return createObject(c, resourceForKind(o.apiVersion, o.kind)!, o as KObject, { ns: o.metadata.namespace });
}

test('from inside a pod: 401 without the token, 403 from RBAC, 200 once a binding grants it', () => {
  const c = new Cluster(newClusterState('t'));
  const pod = create(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'curl', namespace: 'default' }, spec: { containers: [{ name: 'main', image: 'curlimages/curl' }] } });
  const token = serviceAccountToken(pod);
  const noToken = answerInProcess(c, { path: '/api/v1/namespaces/default/pods' });
  assert.equal(noToken.status, 401);
  assert.equal(JSON.parse(noToken.body).message, 'Unauthorized');
  const api = answerInProcess(c, { path: '/api', token });
  assert.equal(api.status, 200);
  assert.equal(JSON.parse(api.body).kind, 'APIVersions');
  assert.equal(answerInProcess(c, { path: '/apis/batch/v1', token }).status, 200);
  const denied = answerInProcess(c, { path: '/api/v1/namespaces/default/pods', token });
  assert.equal(denied.status, 403);
  assert.deepEqual(JSON.parse(denied.body), {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: 'pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"',
    reason: 'Forbidden', details: { kind: 'pods' }, code: 403,
  });
  // kubectl create clusterrolebinding permissive-binding --clusterrole=cluster-admin --group=system:serviceaccounts
  create(c, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'permissive-binding' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:serviceaccounts' }] });
  const list = answerInProcess(c, { path: '/api/v1/namespaces/default/pods', token });
  assert.equal(list.status, 200);
  assert.deepEqual(JSON.parse(list.body).items.map((p: any) => p.metadata.name), ['curl']);
  const one = answerInProcess(c, { path: '/api/v1/namespaces/default/pods/curl', token });
  assert.equal(JSON.parse(one.body).kind, 'Pod');
  const missing = answerInProcess(c, { path: '/api/v1/namespaces/default/pods/nope', token });
  assert.equal(missing.status, 404);
  assert.equal(JSON.parse(missing.body).message, 'pods "nope" not found');
  assert.equal(answerInProcess(c, { method: 'DELETE', path: '/api/v1/namespaces/default/pods/curl', token }).status, 405);
});
