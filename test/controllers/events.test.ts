import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../../src/store/cluster.js';
import { createEventRecorder } from '../../src/controllers/events.js';
import { newCluster, T0 } from './helpers.js';
import { rfc3339 } from '../../src/sim/clock.js';
import { decodeState, encodeState } from '../../src/store/sections.js';

function setup() {
  const { cluster } = newCluster();
  const rec = createEventRecorder(cluster);
  const d = cluster.create('deployments', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [] } } },
  });
  const src = { component: 'deployment-controller' };
  const tick = (ms: number) => cluster.setNow(cluster.now() + ms);
  const evs = () => cluster.list('events', 'default');
  return { cluster, rec, d, src, tick, evs };
}

test('an event object looks like the API server stores it', () => {
  const { rec, d, src, evs } = setup();
  rec.event(src, d, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-1 from 0 to 1');
  const [e] = evs();
  const nanos = BigInt(T0) * 1000000n;
  assert.equal(e.metadata!.name, `web.${nanos.toString(16)}`);
  assert.deepEqual(
    { ...e, metadata: { name: e.metadata!.name, namespace: e.metadata!.namespace } },
    {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name: e.metadata!.name, namespace: 'default' },
      involvedObject: { kind: 'Deployment', namespace: 'default', name: 'web', uid: d.metadata!.uid, apiVersion: 'apps/v1', resourceVersion: d.metadata!.resourceVersion },
      reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-1 from 0 to 1',
      source: { component: 'deployment-controller' },
      firstTimestamp: '2026-11-22T23:18:35Z', lastTimestamp: '2026-11-22T23:18:35Z', count: 1, type: 'Normal',
      eventTime: null, reportingComponent: 'deployment-controller', reportingInstance: '',
    },
  );
  assert.ok(e.metadata!.uid && e.metadata!.resourceVersion && e.metadata!.creationTimestamp);
});

test('names stay unique within one virtual millisecond', () => {
  const { rec, d, src, evs } = setup();
  rec.event(src, d, 'Normal', 'A', 'one');
  rec.event(src, d, 'Normal', 'B', 'two');
  const names = evs().map((e) => e.metadata!.name);
  assert.equal(new Set(names).size, 2);
});

test('an identical event bumps count on the first one, keeping firstTimestamp', () => {
  const { rec, d, src, tick, evs } = setup();
  rec.event(src, d, 'Normal', 'X', 'same');
  tick(5000);
  rec.event(src, d, 'Normal', 'X', 'same');
  assert.equal(evs().length, 1);
  const [e] = evs();
  assert.equal(e.count, 2);
  assert.equal(e.firstTimestamp, '2026-11-22T23:18:35Z');
  assert.equal(e.lastTimestamp, '2026-11-22T23:18:40Z');
});

test('ten similar events with distinct messages are combined', () => {
  const { rec, d, src, tick, evs } = setup();
  for (let i = 1; i <= 9; i++) { rec.event(src, d, 'Normal', 'ScalingReplicaSet', `m${i}`); tick(1000); }
  assert.equal(evs().length, 9);
  rec.event(src, d, 'Normal', 'ScalingReplicaSet', 'm10');
  let combined = evs().filter((e) => e.message.startsWith('(combined'));
  assert.equal(combined.length, 1);
  assert.equal(combined[0].message, '(combined from similar events): m10');
  assert.equal(combined[0].count, 1);
  assert.equal(combined[0].reportingComponent, '');
  tick(1000);
  rec.event(src, d, 'Normal', 'ScalingReplicaSet', 'm11');
  combined = evs().filter((e) => e.message.startsWith('(combined'));
  assert.equal(combined.length, 1);
  assert.equal(combined[0].message, '(combined from similar events): m11');
  assert.equal(combined[0].count, 2);
  assert.equal(combined[0].firstTimestamp, '2026-11-22T23:18:44Z');
  // a repeat of an early message still dedupes into its own event
  rec.event(src, d, 'Normal', 'ScalingReplicaSet', 'm3');
  assert.equal(evs().find((e) => e.message === 'm3')!.count, 2);
  assert.equal(evs().length, 10);
  // another reason is another group
  rec.event(src, d, 'Normal', 'Other', 'x');
  assert.equal(evs().length, 11);
  // after 10 minutes of quiet the group starts afresh
  tick(601_000);
  rec.event(src, d, 'Normal', 'ScalingReplicaSet', 'm12');
  assert.ok(evs().some((e) => e.message === 'm12'));
});

test('the spam filter lets 25 events about an object through, then one per 5 minutes', () => {
  const { rec, d, src, tick, evs } = setup();
  for (let i = 1; i <= 30; i++) rec.event(src, d, 'Warning', `R${i}`, 'm');
  assert.equal(evs().length, 25);
  tick(299_000);
  rec.event(src, d, 'Warning', 'R31', 'm');
  assert.equal(evs().length, 25);
  tick(1000);
  rec.event(src, d, 'Warning', 'R32', 'm');
  assert.equal(evs().length, 26);
  // other sources have their own budget
  rec.event({ component: 'replicaset-controller' }, d, 'Normal', 'R', 'm');
  assert.equal(evs().length, 27);
  // dropped repeats still count: the next accepted repeat carries the total
  tick(300_000);
  rec.event(src, d, 'Warning', 'R1', 'm');
  assert.equal(evs().find((e) => e.reason === 'R1')!.count, 2);
});

test('a deleted event is recreated with the running count', () => {
  const { cluster, rec, d, src, evs } = setup();
  rec.event(src, d, 'Normal', 'X', 'same');
  const [e] = evs();
  cluster.remove('events', 'default', e.metadata!.name!);
  rec.event(src, d, 'Normal', 'X', 'same');
  const [e2] = evs();
  assert.equal(e2.metadata!.name, e.metadata!.name);
  assert.equal(e2.count, 2);
});

test('events expire an hour after their last update', () => {
  const { rec, d, src, tick, evs } = setup();
  rec.event(src, d, 'Normal', 'X', 'old');
  tick(1_800_000);
  rec.event(src, d, 'Normal', 'Y', 'newer');
  tick(1_800_000);
  rec.purge(true);
  assert.deepEqual(evs().map((e) => e.reason), ['Y']);
  tick(1_800_000);
  rec.purge(true);
  assert.equal(evs().length, 0);
});

test('purge: an event repeated later lives an hour from its last time, whatever its name says; others are judged by their times', () => {
  const { cluster, rec, d, src, tick, evs } = setup();
  rec.event(src, d, 'Normal', 'X', 'repeats');
  tick(3_000_000);
  rec.event(src, d, 'Normal', 'X', 'repeats'); // count 2: same name, later lastTimestamp
  // an event created by hand, named like nothing the recorders make: judged by its times (creation the latest)
  cluster.create('events', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'by-hand', namespace: 'default' }, involvedObject: {}, reason: 'Hand', lastTimestamp: rfc3339(cluster.now() - 3_000_000) });
  tick(1_000_000); // 66 min after the first time, 16 after the second
  rec.purge(true);
  assert.deepEqual(evs().map((e) => [e.reason, e.count]), [['Hand', undefined], ['X', 2]]);
  tick(2_600_000);
  rec.purge(true);
  assert.equal(evs().length, 0);
});

test('scheduler events use events.k8s.io series', () => {
  const { cluster, rec, tick, evs } = setup();
  const pod = cluster.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [] } });
  rec.eventNew('default-scheduler', pod, 'Warning', 'FailedScheduling', 'Scheduling', 'no room');
  let [e] = evs();
  assert.equal(e.eventTime, '2026-11-22T23:18:35.000000Z');
  assert.equal(e.firstTimestamp, null);
  assert.equal(e.action, 'Scheduling');
  assert.deepEqual(e.source, {});
  assert.equal(e.reportingComponent, 'default-scheduler');
  tick(1000);
  rec.eventNew('default-scheduler', pod, 'Warning', 'FailedScheduling', 'Scheduling', 'no room');
  [e] = evs();
  assert.deepEqual(e.series, { count: 2, lastObservedTime: '2026-11-22T23:18:36.000000Z' });
  tick(1000);
  rec.eventNew('default-scheduler', pod, 'Warning', 'FailedScheduling', 'Scheduling', 'no room');
  assert.equal(evs()[0].series.count, 2); // written on the next refresh
  tick(6 * 60_000);
  rec.refreshSeries();
  assert.deepEqual(evs()[0].series, { count: 3, lastObservedTime: '2026-11-22T23:18:37.000000Z' });
});

test('the correlator state survives a JSON round trip of the cluster state', () => {
  const { cluster, rec, d, src, tick } = setup();
  rec.event(src, d, 'Normal', 'X', 'same');
  tick(1000);
  const copy = new Cluster(JSON.parse(JSON.stringify(cluster.state)));
  const rec2 = createEventRecorder(copy);
  rec2.event(src, copy.get('deployments', 'default', 'web')!, 'Normal', 'X', 'same');
  const [e] = copy.list('events', 'default');
  assert.equal(e.count, 2);
  assert.equal(e.lastTimestamp, rfc3339(T0 + 1000));
});

test('the correlator records are written to the state file as arrays (held as text in memory)', () => {
  const { cluster, rec, d, src } = setup();
  rec.event(src, d, 'Normal', 'X', 'same');
  const written = JSON.parse(encodeState(cluster.state)).controllers.events.correlators['deployment-controller/'];
  const [log] = Object.values(written.log.m) as unknown[][];
  assert.deepEqual(log.slice(0, 2), [1, '2026-11-22T23:18:35Z']);
  assert.equal(log[3], d.metadata!.uid);
  assert.deepEqual((Object.values(written.spam.m) as unknown[][])[0], [24, T0]);
  assert.deepEqual(written.agg.n, 1);
  // the records' keys are hashes of upstream's key strings, as earlier state files hold them
  assert.equal(d.metadata!.uid, 'c0c0c0f9-7184-4d6c-9488-3645347820ac');
  assert.deepEqual([Object.keys(written.log.m), Object.keys(written.spam.m), Object.keys(written.agg.m)], [['47fc446e1d63e34a'], ['dbab297fe9b50fbb'], ['6a07d44eeab3ed69']]);
  // read back, the records behave as before: the repeat bumps the count
  const copy = new Cluster(decodeState(Buffer.from(encodeState(cluster.state)), (e) => e) as any);
  createEventRecorder(copy).event(src, copy.get('deployments', 'default', 'web')!, 'Normal', 'X', 'same');
  assert.equal(copy.list('events', 'default')[0].count, 2);
});
