import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../../src/store/cluster.js';
import { advanceTo } from '../../src/sim/loop.js';
import { createControllerManager } from '../../src/controllers/manager.js';
import { newCluster, rsObject, pods, podStatus, T0 } from './helpers.js';

test('a manager started after writes syncs what it finds (the informers\' initial list)', () => {
  const { cluster } = newCluster();
  cluster.create('replicasets', rsObject('early', 2)); // before any manager listens
  const mgr2 = createControllerManager(new Cluster(JSON.parse(JSON.stringify(cluster.state))));
  const c2 = (mgr2.ctx.cluster);
  advanceTo(c2, T0 + 1500, mgr2);
  assert.deepEqual(pods(c2).map(podStatus), ['Running', 'Running']);
});

test('the state can be saved mid-way and picked up by a new process', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('web', 2, 'nginx:1.161'));
  at(1000);
  const saved = JSON.stringify(cluster.state);
  const c2 = new Cluster(JSON.parse(saved));
  const mgr2 = createControllerManager(c2);
  advanceTo(c2, T0 + 16_400, mgr2);
  at(16_400);
  // the reloaded cluster evolves exactly like the original
  assert.equal(JSON.stringify(c2.state), JSON.stringify(cluster.state));
  assert.deepEqual(pods(c2).map(podStatus), ['ImagePullBackOff', 'ImagePullBackOff']);
});

test('a settled cluster stays unchanged by another settle', () => {
  const { cluster, at, mgr } = newCluster();
  cluster.create('replicasets', rsObject('web', 3));
  at(5000);
  const before = JSON.stringify(cluster.state);
  mgr.settle();
  const m2 = createControllerManager(cluster);
  m2.settle();
  assert.equal(JSON.stringify(cluster.state), before);
});

test('a livelock is reported instead of spinning forever', () => {
  const { cluster } = newCluster();
  const mgr = createControllerManager(cluster, { maxWorkItems: 20 });
  cluster.create('replicasets', rsObject('web', 50));
  assert.throws(() => mgr.settle(), /did not settle after 20 work items \(a livelock\); last items: /);
});

test('1,000 pods from creation to Running settle; 5,000 take no more than linearly longer', () => {
  const run = (n: number, nodes: number) => {
    const { cluster, at } = newCluster(nodes);
    const t0 = process.cpuUsage();
    cluster.create('replicasets', rsObject('web', n));
    at(0);
    at(1500);
    const u = process.cpuUsage(t0);
    assert.equal(pods(cluster).filter((p) => podStatus(p) === 'Running').length, n);
    return (u.user + u.system) / 1000;
  };
  run(200, 2); // warm up the JIT
  const small = run(1000, 10);
  const big = run(5000, 50);
  console.log(`cpu: 1000 pods ${small.toFixed(0)} ms, 5000 pods ${big.toFixed(0)} ms`);
  // (how fast is bench/'s to say, on a quiet machine: a bound in ms here would fail on a slow one)
  assert.ok(big < small * 5 * 2.5, `5000 pods took ${big} ms, not linear in ${small}`);
});
