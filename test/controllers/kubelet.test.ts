import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newCluster, rsObject, pods, podStatus, eventLines, T0 } from './helpers.js';
import { goDuration } from '../../src/controllers/kubelet.js';
import { rfc3339 } from '../../src/sim/clock.js';

const kubeletOnly = (e: any) => e.source?.component === 'kubelet';

test('a pod is ContainerCreating at once and Running+Ready after 1.5 s', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('web', 1));
  at(0);
  let [p] = pods(cluster);
  assert.equal(podStatus(p), 'ContainerCreating');
  assert.equal(p.status!.phase, 'Pending');
  assert.equal(p.spec!.nodeName, 'node-1');
  assert.equal(p.status!.hostIP, '172.18.0.2');
  assert.deepEqual(p.status!.hostIPs, [{ ip: '172.18.0.2' }]);
  assert.equal(p.status!.podIP, '10.244.0.2');
  assert.equal(p.status!.startTime, '2026-11-22T23:18:35Z');
  assert.equal(p.status!.qosClass, 'BestEffort');
  assert.deepEqual(p.status!.conditions.map((c: any) => `${c.type}=${c.status}${c.reason ? '/' + c.reason : ''}`), [
    'PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False/ContainersNotReady', 'ContainersReady=False/ContainersNotReady', 'PodScheduled=True',
  ]);
  assert.equal(p.status!.conditions[2].message, 'containers with unready status: [nginx]');
  assert.deepEqual(p.status!.containerStatuses, [{
    name: 'nginx', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0,
    image: 'nginx:1.14.2', imageID: '', started: false,
  }]);
  at(1499);
  assert.equal(podStatus(pods(cluster)[0]), 'ContainerCreating');
  at(1500);
  [p] = pods(cluster);
  assert.equal(podStatus(p), 'Running');
  assert.equal(p.status!.phase, 'Running');
  assert.ok(p.status!.conditions.every((c: any) => c.status === 'True'));
  assert.equal(p.status!.conditions.find((c: any) => c.type === 'Ready').lastTransitionTime, '2026-11-22T23:18:36Z');
  const cs = p.status!.containerStatuses[0];
  assert.deepEqual(cs.state, { running: { startedAt: '2026-11-22T23:18:36Z' } });
  assert.equal(cs.ready, true);
  assert.equal(cs.started, true);
  assert.equal(cs.image, 'docker.io/library/nginx:1.14.2');
  assert.match(cs.imageID, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  assert.match(cs.containerID, /^containerd:\/\/[0-9a-f]{64}$/);
  assert.deepEqual(eventLines(cluster, kubeletOnly), [
    'Normal Pulling Pod/' + p.metadata!.name + ' Pulling image "nginx:1.14.2"',
    'Normal Pulled Pod/' + p.metadata!.name + ' Successfully pulled image "nginx:1.14.2" in 1.2s (1.2s including waiting). Image size: 72195292 bytes.',
    'Normal Created Pod/' + p.metadata!.name + ' Created container: nginx',
    'Normal Started Pod/' + p.metadata!.name + ' Started container nginx',
  ]);
  const ev = cluster.list('events').find((e) => e.reason === 'Started')!;
  assert.deepEqual(ev.source, { component: 'kubelet', host: 'node-1' });
  assert.equal(ev.involvedObject.fieldPath, 'spec.containers{nginx}');
  assert.equal(ev.reportingComponent, 'kubelet');
  assert.equal(ev.reportingInstance, 'node-1');
});

test('pod IPs are handed out in order per node and reused only when free', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('web', 3));
  at(0);
  const byCreation = [...pods(cluster)].sort((a, b) => Number(a.metadata!.resourceVersion) - Number(b.metadata!.resourceVersion));
  assert.deepEqual(pods(cluster).map((p) => p.status!.podIP).sort(), ['10.244.0.2', '10.244.0.3', '10.244.0.4']);
  assert.ok(byCreation.length === 3);
});

test('an image already on the node is not pulled again (IfNotPresent)', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('web', 1));
  at(2000);
  cluster.create('replicasets', rsObject('two', 1));
  at(4000);
  const p = pods(cluster).find((x) => x.metadata!.name!.startsWith('two-'))!;
  assert.equal(podStatus(p), 'Running');
  assert.deepEqual(eventLines(cluster, (e) => kubeletOnly(e) && e.involvedObject.name === p.metadata!.name), [
    `Normal Pulled Pod/${p.metadata!.name} Container image "nginx:1.14.2" already present on machine`,
    `Normal Created Pod/${p.metadata!.name} Created container: nginx`,
    `Normal Started Pod/${p.metadata!.name} Started container nginx`,
  ]);
});

test('a missing image: ErrImagePull at 1.2 s, ImagePullBackOff, retried with doubling back-off', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('bad', 1, 'nginx:1.161'));
  at(0);
  const name = pods(cluster)[0].metadata!.name!;
  const cs = () => pods(cluster)[0].status!.containerStatuses[0];
  assert.equal(podStatus(pods(cluster)[0]), 'ContainerCreating');
  at(1199);
  assert.equal(podStatus(pods(cluster)[0]), 'ContainerCreating');
  at(1200);
  assert.equal(podStatus(pods(cluster)[0]), 'ErrImagePull');
  const err = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found';
  assert.deepEqual(cs().state, { waiting: { reason: 'ErrImagePull', message: err } });
  assert.equal(pods(cluster)[0].status!.phase, 'Pending');
  assert.equal(pods(cluster)[0].status!.conditions[0].status, 'True'); // sandbox is up
  at(3200);
  assert.deepEqual(cs().state, { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:1.161"' } });
  // back-off 10 s from the failure at 1.2 s: the sync at 13.2 s pulls again, failing at 14.4 s
  at(13_199);
  assert.equal(cs().state.waiting.reason, 'ImagePullBackOff');
  at(14_399);
  assert.equal(cs().state.waiting.reason, 'ImagePullBackOff');
  at(14_400);
  assert.equal(cs().state.waiting.reason, 'ErrImagePull');
  at(16_400);
  assert.equal(cs().state.waiting.reason, 'ImagePullBackOff');
  assert.deepEqual(eventLines(cluster, kubeletOnly), [
    `Normal Pulling Pod/${name} Pulling image "nginx:1.161" x2`,
    `Warning Failed Pod/${name} Failed to pull image "nginx:1.161": ${err} x2`,
    `Warning Failed Pod/${name} Error: ErrImagePull x2`,
    `Normal BackOff Pod/${name} Back-off pulling image "nginx:1.161" x2`,
    `Warning Failed Pod/${name} Error: ImagePullBackOff x2`,
  ]);
  // second back-off is 20 s from 14.4 s: syncs at 26.4 (still backing off) and 36.4 (pull)
  at(36_399);
  assert.equal(cluster.list('events').find((e) => e.reason === 'Pulling')!.count, 2);
  at(36_400);
  assert.equal(cluster.list('events').find((e) => e.reason === 'Pulling')!.count, 3);
  const pulling = cluster.list('events').find((e) => e.reason === 'Pulling')!;
  assert.equal(pulling.firstTimestamp, '2026-11-22T23:18:35Z');
  assert.equal(pulling.lastTimestamp, rfc3339(T0 + 36_400));
  // never Ready
  assert.equal(pods(cluster)[0].status!.conditions.find((c: any) => c.type === 'Ready').status, 'False');
});

test('back-off grows to five minutes', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('bad', 1, 'nginx:doesnotexist'));
  at(3_600_000);
  const st = cluster.state.controllers.kubelet;
  const uid = pods(cluster)[0].metadata!.uid!;
  assert.equal(st.backoff[uid]['nginx:doesnotexist'][0], 300_000);
  // unknown repositories answer with an authorization failure
  const other = newCluster();
  other.cluster.create('replicasets', rsObject('bad', 1, 'example/doesnotexist:v1'));
  other.at(1200);
  assert.match(pods(other.cluster)[0].status!.containerStatuses[0].state.waiting.message, /pull access denied, repository does not exist or may require authorization/);
});

test('deleting a pod: Killing, Terminating for 1 s, then gone', () => {
  const { cluster, at, ctx } = newCluster();
  cluster.create('replicasets', rsObject('web', 1));
  at(2000);
  const p = pods(cluster)[0];
  const del = { ...p, metadata: { ...p.metadata, deletionTimestamp: rfc3339(T0 + 32_000), deletionGracePeriodSeconds: 30 } };
  cluster.update('pods', del);
  at(2000);
  assert.equal(podStatus(cluster.get('pods', 'default', p.metadata!.name!)!), 'Terminating');
  assert.ok(eventLines(cluster, kubeletOnly).includes(`Normal Killing Pod/${p.metadata!.name} Stopping container nginx`));
  at(2999);
  assert.ok(cluster.get('pods', 'default', p.metadata!.name!));
  at(3000);
  assert.equal(cluster.get('pods', 'default', p.metadata!.name!), undefined);
  void ctx;
});

test('readiness probes gate Ready; luksa/kubia:v3 fails from its fifth request (`++requestCount >= 5`)', () => {
  const { cluster, at } = newCluster();
  const probe = { httpGet: { path: '/', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };
  cluster.create('replicasets', rsObject('kubia', 1, 'luksa/kubia:v3', { container: { readinessProbe: probe } }));
  at(1500);
  const ready = () => pods(cluster)[0].status!.conditions.find((c: any) => c.type === 'Ready').status;
  assert.equal(ready(), 'True'); // first probe right after start
  at(1500 + 30_000); // requests 1..4 answered 200
  assert.equal(ready(), 'True');
  at(1500 + 50_000); // requests 5 and 6 fail: below the threshold
  assert.equal(ready(), 'True');
  at(1500 + 60_000); // third failure
  assert.equal(ready(), 'False');
  assert.equal(pods(cluster)[0].status!.containerStatuses[0].ready, false);
  const unhealthy = cluster.list('events').find((e) => e.reason === 'Unhealthy')!;
  assert.equal(unhealthy.message, 'Readiness probe failed: HTTP probe failed with statuscode: 500');
  assert.equal(unhealthy.count, 3);

  // a healthy image with an initial delay becomes Ready on the first probe period after it
  const c2 = newCluster();
  c2.cluster.create('replicasets', rsObject('slow', 1, 'nginx:1.14.2', { container: { readinessProbe: { ...probe, httpGet: { ...probe.httpGet, port: 80 }, initialDelaySeconds: 5 } } }));
  c2.at(1500);
  const r2 = () => pods(c2.cluster)[0].status!.conditions.find((c: any) => c.type === 'Ready').status;
  assert.equal(r2(), 'False');
  assert.equal(podStatus(pods(c2.cluster)[0]), 'Running');
  c2.at(11_499);
  assert.equal(r2(), 'False');
  c2.at(11_500);
  assert.equal(r2(), 'True');
  assert.equal(c2.cluster.state.timers.filter((t) => t.kind === 'kubelet.probe').length, 0);
});

test('goDuration formats like Go', () => {
  assert.equal(goDuration(1200), '1.2s');
  assert.equal(goDuration(850), '850ms');
  assert.equal(goDuration(61_500), '1m1.5s');
  assert.equal(goDuration(1234), '1.234s');
});
