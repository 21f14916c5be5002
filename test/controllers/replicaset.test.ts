import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newCluster, rsObject, pods, podStatus, eventLines, T0 } from './helpers.js';
import { slowStartBatch, getPodsToDelete } from '../../src/controllers/replicaset.js';
import { rfc3339 } from '../../src/sim/clock.js';
import type { KObject } from '../../src/api/types.js';

const rsEvents = (e: any) => e.source?.component === 'replicaset-controller';

test('creates pods from the template with owner references and events; status omits zeros', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('web', 3));
  at(0);
  const ps = pods(cluster);
  assert.equal(ps.length, 3);
  const rs = cluster.get('replicasets', 'default', 'web')!;
  for (const p of ps) {
    assert.equal(p.metadata!.generateName, 'web-');
    assert.match(p.metadata!.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.deepEqual(p.metadata!.labels, { app: 'web' });
    assert.deepEqual(p.metadata!.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
    assert.equal(p.spec!.serviceAccountName, 'default');
    assert.equal(p.spec!.enableServiceLinks, true);
    assert.match(p.spec!.volumes[0].name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  }
  assert.deepEqual(rs.status, { replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  assert.equal(eventLines(cluster, rsEvents).length, 3);
  assert.ok(eventLines(cluster, rsEvents).every((l) => /^Normal SuccessfulCreate ReplicaSet\/web Created pod: web-\w{5}$/.test(l)));
  at(1500);
  assert.deepEqual(cluster.get('replicasets', 'default', 'web')!.status,
    { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  // scaling to zero leaves only replicas (not omitempty) and observedGeneration
  const upd = JSON.parse(JSON.stringify(cluster.get('replicasets', 'default', 'web')));
  upd.spec.replicas = 0;
  cluster.update('replicasets', upd);
  at(3000);
  assert.deepEqual(cluster.get('replicasets', 'default', 'web')!.status, { replicas: 0, observedGeneration: 2 });
  assert.equal(pods(cluster).length, 0);
});

test('scale down deletes gracefully: Terminating for a second, SuccessfulDelete events', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('web', 3));
  at(2000);
  const upd = JSON.parse(JSON.stringify(cluster.get('replicasets', 'default', 'web')));
  upd.spec.replicas = 1;
  cluster.update('replicasets', upd);
  at(2000);
  const terminating = pods(cluster).filter((p) => podStatus(p) === 'Terminating');
  assert.equal(terminating.length, 2);
  for (const p of terminating) {
    assert.equal(p.metadata!.deletionTimestamp, rfc3339(T0 + 32_000));
    assert.equal(p.metadata!.deletionGracePeriodSeconds, 30);
  }
  assert.equal(cluster.get('replicasets', 'default', 'web')!.status!.replicas, 1);
  assert.equal(eventLines(cluster, (e) => rsEvents(e) && e.reason === 'SuccessfulDelete').length, 2);
  at(3000);
  assert.equal(pods(cluster).length, 1);
});

test('slowStartBatch: batches of 1, 2, 4 ... stopping after a failing batch', () => {
  let calls = 0;
  assert.deepEqual(slowStartBatch(10, 1, () => { calls++; }), [10, undefined]);
  assert.equal(calls, 10);
  calls = 0;
  const [ok, err] = slowStartBatch(10, 1, () => { calls++; if (calls === 2) throw new Error('quota'); });
  assert.equal(ok, 2); // batch 1 (1 ok) + batch 2 (1 ok, 1 failed); nothing after
  assert.equal(calls, 3);
  assert.equal((err as Error).message, 'quota');
});

function fakePod(name: string, o: { node?: string; phase?: string; ready?: boolean; readyAt?: number; created: number; uid?: string; cost?: number; restarts?: number }): KObject {
  return {
    metadata: { name, uid: o.uid ?? name, creationTimestamp: rfc3339(o.created), annotations: o.cost !== undefined ? { 'controller.kubernetes.io/pod-deletion-cost': String(o.cost) } : undefined },
    spec: { nodeName: o.node },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False', lastTransitionTime: rfc3339(o.readyAt ?? o.created) }],
      containerStatuses: [{ restartCount: o.restarts ?? 0 }],
    },
  };
}

test('deletion order follows ActivePodsWithRanks', () => {
  const now = T0 + 3_600_000;
  const ps = [
    fakePod('old-ready', { node: 'n1', ready: true, created: T0, readyAt: T0 + 2000 }),
    fakePod('new-ready', { node: 'n1', ready: true, created: T0 + 3_000_000, readyAt: T0 + 3_000_000 }),
    fakePod('unscheduled', { phase: 'Pending', created: T0 }),
    fakePod('pending', { node: 'n1', phase: 'Pending', created: T0 }),
    fakePod('not-ready', { node: 'n1', ready: false, created: T0 }),
    fakePod('costly', { node: 'n1', ready: true, created: T0 + 3_000_000, readyAt: T0 + 3_000_000, cost: 100 }),
    fakePod('restarts', { node: 'n1', ready: true, created: T0, readyAt: T0 + 2000, restarts: 5 }),
  ];
  const order = getPodsToDelete(ps, ps, 6, now).map((p) => p.metadata!.name);
  assert.deepEqual(order, ['unscheduled', 'pending', 'not-ready', 'new-ready', 'restarts', 'old-ready']);
  // doubled-up pods go first
  const spread = [
    fakePod('alone', { node: 'n2', ready: true, created: T0, readyAt: T0 }),
    fakePod('pair-a', { node: 'n1', ready: true, created: T0, readyAt: T0 }),
    fakePod('pair-b', { node: 'n1', ready: true, created: T0, readyAt: T0 }),
  ];
  assert.deepEqual(getPodsToDelete(spread, spread, 1, now).map((p) => p.metadata!.name), ['pair-a']);
  // creation times in the same log2 bucket tie-break on uid
  const same = [
    fakePod('b', { node: 'n1', created: T0 + 10_000, uid: 'bbb' }),
    fakePod('a', { node: 'n1', created: T0, uid: 'aaa' }),
    fakePod('c', { node: 'n1', created: T0 + 5000, uid: 'ccc' }),
  ];
  assert.deepEqual(getPodsToDelete(same, same, 1, now).map((p) => p.metadata!.name), ['a']);
});

test('minReadySeconds: available only after the pod has been Ready that long', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('web', 2, 'nginx:1.14.2', { spec: { minReadySeconds: 5 } }));
  at(1500);
  const st = () => cluster.get('replicasets', 'default', 'web')!.status!;
  assert.equal(st().readyReplicas, 2);
  assert.equal(st().availableReplicas, undefined);
  // Ready at 23:18:36.5, stored as 23:18:36; available once 36 + 5 < now. The sync at 1.5 s saw
  // all pods ready but not available and requeued itself after minReadySeconds.
  at(6499);
  assert.equal(st().availableReplicas, undefined);
  at(6500);
  assert.equal(st().availableReplicas, 2);
});

test('adopts matching orphans and releases pods that stop matching', () => {
  const { cluster, at } = newCluster();
  const orphan = cluster.create('pods', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx' }], schedulerName: 'default-scheduler' },
  });
  cluster.create('replicasets', rsObject('web', 2));
  at(0);
  const rs = cluster.get('replicasets', 'default', 'web')!;
  assert.equal(pods(cluster).length, 2); // adopted the orphan, created one more
  assert.equal(cluster.get('pods', 'default', 'stray')!.metadata!.ownerReferences![0].uid, rs.metadata!.uid);
  void orphan;
  // relabel one pod: it is released and replaced
  at(2000);
  const p = JSON.parse(JSON.stringify(cluster.get('pods', 'default', 'stray')));
  p.metadata.labels = { app: 'other' };
  cluster.update('pods', p);
  at(2000);
  assert.equal(cluster.get('pods', 'default', 'stray')!.metadata!.ownerReferences, undefined);
  assert.equal(pods(cluster).length, 3);
});

test('a large ReplicaSet is created in bursts of 500', () => {
  const { cluster, at } = newCluster(10);
  cluster.create('replicasets', rsObject('big', 700));
  at(0);
  assert.equal(pods(cluster).length, 700);
  at(1500);
  assert.equal(cluster.get('replicasets', 'default', 'big')!.status!.readyReplicas, 700);
});
