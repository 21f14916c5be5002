import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newCluster, rsObject, pods, podStatus, eventLines, T0 } from './helpers.js';
import { Cluster } from '../../src/store/cluster.js';
import { createControllerManager } from '../../src/controllers/manager.js';
import { advanceTo } from '../../src/sim/loop.js';
import { makeNode } from '../../src/controllers/nodes.js';
import { deleteWithPropagation } from '../../src/controllers/gc.js';

const TOO_MANY = '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';

test('more pods than a node allows stay Pending with FailedScheduling', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('web', 112));
  at(0);
  const ps = pods(cluster);
  assert.equal(ps.length, 112);
  const pending = ps.filter((p) => !p.spec!.nodeName);
  assert.equal(pending.length, 2);
  for (const p of pending) {
    assert.equal(podStatus(p), 'Pending');
    assert.deepEqual(p.status!.conditions, [{
      type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2026-11-22T23:18:35Z',
      reason: 'Unschedulable', message: TOO_MANY,
    }]);
  }
  const failed = cluster.list('events').filter((e) => e.reason === 'FailedScheduling');
  assert.equal(failed.length, 2);
  assert.equal(failed[0].message, TOO_MANY);
  assert.equal(failed[0].type, 'Warning');
  at(1500);
  const rs = cluster.get('replicasets', 'default', 'web')!;
  assert.equal(rs.status!.replicas, 112);
  assert.equal(rs.status!.readyReplicas, 110);

  // room appears: scaling down deletes the pending pods first (unscheduled < scheduled)
  const scaled = JSON.parse(JSON.stringify(rs));
  scaled.spec.replicas = 110;
  cluster.update('replicasets', scaled);
  at(1500);
  assert.equal(pods(cluster).filter((p) => !p.spec!.nodeName).length, 0);
  assert.equal(pods(cluster).length, 110);
});

test('a freed slot goes to the pod that has waited longest', () => {
  const { cluster, at, ctx } = newCluster();
  cluster.create('replicasets', rsObject('web', 111));
  at(0);
  const [a] = pods(cluster).filter((p) => !p.spec!.nodeName);
  at(2000);
  const victim = pods(cluster).find((p) => p.spec!.nodeName)!;
  deleteWithPropagation(ctx, 'pods', 'default', victim.metadata!.name!, 'Background');
  at(2000);
  // the replacement is created at once but the terminating pod still holds its slot
  const pending = pods(cluster).filter((p) => !p.spec!.nodeName);
  assert.equal(pending.length, 2);
  at(3000);
  assert.equal(cluster.get('pods', 'default', victim.metadata!.name!), undefined);
  assert.equal(cluster.get('pods', 'default', a.metadata!.name!)!.spec!.nodeName, 'node-1');
  const b = pods(cluster).filter((p) => !p.spec!.nodeName);
  assert.equal(b.length, 1);
  assert.notEqual(b[0].metadata!.name, a.metadata!.name);
  // events.k8s.io keys include the pod's resourceVersion, which the first failure's condition
  // update changed: the second failure is a new event, later ones extend its series
  const failed = () => cluster.list('events').filter((e) => e.reason === 'FailedScheduling' && e.involvedObject.name === b[0].metadata!.name);
  assert.equal(failed().length, 2);
  assert.ok(failed().every((e) => !e.series));
  // still no room: retried at the latest after five minutes
  at(3000 + 300_000);
  assert.equal(failed().length, 2);
  assert.deepEqual(failed()[1].series, { count: 2, lastObservedTime: '2026-11-22T23:23:37.000000Z' });
});

test('nodeSelector mismatch and spreading over nodes', () => {
  const { cluster, at } = newCluster(2);
  cluster.create('replicasets', rsObject('web', 4));
  at(0);
  const byNode = new Map<string, number>();
  for (const p of pods(cluster)) byNode.set(p.spec!.nodeName, (byNode.get(p.spec!.nodeName) ?? 0) + 1);
  assert.deepEqual([...byNode].sort(), [['node-1', 2], ['node-2', 2]]);
  cluster.create('replicasets', rsObject('picky', 1, 'nginx', { spec: { template: { metadata: { labels: { app: 'picky' } }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'nginx', image: 'nginx' }] } } } }));
  at(0);
  const p = pods(cluster).find((x) => x.metadata!.name!.startsWith('picky-'))!;
  assert.equal(p.status!.conditions[0].message,
    "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
  // a matching node arrives: the pod is scheduled there
  const n3 = makeNode('node-3', cluster.nowRFC3339());
  n3.metadata!.labels!.disk = 'ssd';
  cluster.create('nodes', n3);
  at(2000);
  assert.equal(cluster.get('pods', 'default', p.metadata!.name!)!.spec!.nodeName, 'node-3');
  assert.ok(eventLines(cluster).includes(`Normal Scheduled Pod/${p.metadata!.name} Successfully assigned default/${p.metadata!.name} to node-3`));
});

test('no nodes at all', () => {
  const { cluster, at } = newCluster(0);
  cluster.create('replicasets', rsObject('web', 1));
  at(0);
  assert.equal(pods(cluster)[0].status!.conditions[0].message, 'no nodes available to schedule pods');
});

test('cpu requests count against allocatable', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('big', 3, 'nginx', { container: { resources: { requests: { cpu: '3' } } } }));
  at(0);
  const pending = pods(cluster).filter((p) => !p.spec!.nodeName);
  assert.equal(pending.length, 1);
  assert.equal(pending[0].status!.conditions[0].message,
    '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  assert.equal(pods(cluster)[0].status!.qosClass, 'Burstable');
});

test('a new manager does not retry pods that already failed to schedule', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('web', 111));
  at(2000);
  const before = JSON.stringify(cluster.list('events').filter((e) => e.reason === 'FailedScheduling'));
  const c2 = new Cluster(JSON.parse(JSON.stringify(cluster.state)));
  const m2 = createControllerManager(c2);
  advanceTo(c2, T0 + 10_000, m2);
  assert.equal(JSON.stringify(c2.list('events').filter((e) => e.reason === 'FailedScheduling')), before);
});

test("the scheduler's node cache follows a status write, a label change and a deletion of an assigned pod", async () => {
  const { NodeCache } = await import('../../src/controllers/scheduler.js');
  const { countPodsMatching } = await import('../../src/controllers/scheduler/framework.js');
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('web', 2));
  at(1500);
  const cache = new NodeCache(cluster);
  const node = () => cluster.get('nodes', undefined, 'node-1')!;
  const web = (ni: any) => countPodsMatching(ni, 'default', (l) => l.app === 'web');
  const before = cache.nodeInfo(node());
  assert.equal(before.podCount, 2);
  assert.equal(web(before), 2);
  // nothing changed: the same view
  assert.equal(cache.nodeInfo(node()), before);
  const [p0, p1] = pods(cluster);
  // a status write: the view holds the newer object, last in the node's order, and counts as before
  const st = cluster.updateStatus('pods', { ...p0, status: { ...p0.status, message: 'x' } });
  cache.observe(st, undefined);
  const afterStatus = cache.nodeInfo(node());
  assert.notEqual(afterStatus, before);
  assert.deepEqual(afterStatus.pods, [p1, st]);
  assert.equal(web(afterStatus), 2);
  // a label change: counted again
  const relabelled = cluster.update('pods', { ...p1, metadata: { ...p1.metadata, labels: { app: 'other' } } });
  cache.observe(relabelled, undefined);
  assert.equal(web(cache.nodeInfo(node())), 1);
  // a deletion: gone from the node
  cache.observe(undefined, st);
  const last = cache.nodeInfo(node());
  assert.equal(last.podCount, 1);
  assert.deepEqual(last.pods, [relabelled]);
  assert.equal(web(last), 0);
});
