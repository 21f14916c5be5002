import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newCluster, pods, podStatus } from './helpers.js';
import { deleteWithPropagation } from '../../src/controllers/gc.js';
import { applyDefaults } from '../../src/api/defaults.js';

function deployment(cluster: any, at: (ms: number) => void) {
  cluster.create('deployments', applyDefaults({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } } },
  }));
  at(2000);
  assert.equal(cluster.list('replicasets').length, 1);
  assert.equal(pods(cluster).length, 2);
}

test('background: deleting a Deployment removes its ReplicaSets, then its pods gracefully', () => {
  const { cluster, at, ctx } = newCluster();
  deployment(cluster, at);
  deleteWithPropagation(ctx, 'deployments', 'default', 'web', 'Background');
  assert.equal(cluster.get('deployments', 'default', 'web'), undefined);
  at(2000);
  assert.equal(cluster.list('replicasets').length, 0);
  assert.deepEqual(pods(cluster).map(podStatus), ['Terminating', 'Terminating']);
  at(3000);
  assert.equal(pods(cluster).length, 0);
});

test('orphan: the ReplicaSet stays, without its owner reference, and keeps its pods', () => {
  const { cluster, at, ctx } = newCluster();
  deployment(cluster, at);
  deleteWithPropagation(ctx, 'deployments', 'default', 'web', 'Orphan');
  at(5000);
  const [rs] = cluster.list('replicasets');
  assert.equal(rs.metadata!.ownerReferences, undefined);
  assert.deepEqual(pods(cluster).map(podStatus), ['Running', 'Running']);
});

test('foreground: the Deployment waits, marked, until its dependents are gone', () => {
  const { cluster, at, ctx } = newCluster();
  deployment(cluster, at);
  deleteWithPropagation(ctx, 'deployments', 'default', 'web', 'Foreground');
  at(2000);
  const d = cluster.get('deployments', 'default', 'web')!;
  assert.ok(d.metadata!.deletionTimestamp);
  assert.deepEqual(d.metadata!.finalizers, ['foregroundDeletion']);
  const [rs] = cluster.list('replicasets');
  assert.deepEqual(rs.metadata!.finalizers, ['foregroundDeletion']);
  assert.deepEqual(pods(cluster).map(podStatus), ['Terminating', 'Terminating']);
  at(3000);
  assert.equal(pods(cluster).length, 0);
  assert.equal(cluster.list('replicasets').length, 0);
  assert.equal(cluster.get('deployments', 'default', 'web'), undefined);
});

test('a pod that never got a node is removed at once', () => {
  const { cluster, at, ctx } = newCluster(0);
  cluster.create('pods', applyDefaults({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }));
  at(0);
  deleteWithPropagation(ctx, 'pods', 'default', 'p', 'Background');
  assert.equal(cluster.get('pods', 'default', 'p'), undefined);
  assert.throws(() => deleteWithPropagation(ctx, 'pods', 'default', 'p', 'Background'), /pods "p" not found/);
});
