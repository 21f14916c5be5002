// Containers that run and end: the kubelet's process model, restarts, back-off, probes, inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newCluster, eventLines, T0 } from './helpers.js';
import { applyDefaults } from '../../src/api/defaults.js';
import { podRowCells } from '../../src/printers/tables/pod.js';
import type { KObject } from '../../src/api/types.js';

function podObject(name: string, spec: any): KObject {
  return applyDefaults({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec });
}

function setup(name: string, spec: any) {
  const h = newCluster();
  h.cluster.create('pods', podObject(name, spec));
  const pod = () => h.cluster.get('pods', 'default', name)!;
  /** NAME READY STATUS RESTARTS at a moment */
  const row = (ms: number) => { h.at(ms); return podRowCells(pod(), T0 + ms).slice(1, 4).join(' '); };
  const evs = () => eventLines(h.cluster, (e) => e.source?.component === 'kubelet').map((l) => l.replace(/ Pod\/\S+ /, ' '));
  return { ...h, pod, row, evs };
}

test('sh -c "exit 1" goes to CrashLoopBackOff with back-off 10s, 20s, 40s', () => {
  const s = setup('crash', { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] });
  const uid = s.pod().metadata!.uid;
  assert.equal(s.row(0), '0/1 ContainerCreating 0');
  assert.equal(s.row(1500), '0/1 Error 0');
  const cs = () => s.pod().status!.containerStatuses[0];
  assert.deepEqual(cs().state.terminated, {
    exitCode: 1, reason: 'Error', startedAt: '2026-11-22T23:18:36Z', finishedAt: '2026-11-22T23:18:36Z', containerID: cs().containerID,
  });
  assert.equal(s.pod().status!.phase, 'Running');
  assert.equal(s.row(2500), '0/1 Error 1 (1s ago)');
  assert.equal(s.row(3500), '0/1 CrashLoopBackOff 1 (1s ago)');
  assert.deepEqual(cs().state.waiting, { reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=c pod=crash_default(${uid})` });
  assert.equal(cs().lastState.terminated.exitCode, 1);
  assert.equal(s.row(13_499), '0/1 CrashLoopBackOff 1 (11s ago)');
  assert.equal(s.row(13_500), '0/1 Error 2 (11s ago)');
  assert.equal(s.row(14_500), '0/1 CrashLoopBackOff 2 (1s ago)');
  assert.equal(cs().state.waiting.message, `back-off 20s restarting failed container=c pod=crash_default(${uid})`);
  assert.equal(s.row(34_499), '0/1 CrashLoopBackOff 2 (21s ago)');
  assert.equal(s.row(34_500), '0/1 Error 3 (21s ago)');
  assert.equal(s.row(35_500), '0/1 CrashLoopBackOff 3 (1s ago)');
  assert.equal(cs().state.waiting.message, `back-off 40s restarting failed container=c pod=crash_default(${uid})`);
  assert.equal(s.row(75_500), '0/1 Error 4 (41s ago)');
  assert.deepEqual(s.evs(), [
    'Normal Pulling Pulling image "busybox" x5',
    'Normal Pulled Successfully pulled image "busybox" in 1.2s (1.2s including waiting). Image size: 2156000 bytes.',
    // the event correlator's spam filter (burst 25 per object) has dropped the fifth
    'Normal Created Created container: c x4',
    'Normal Started Started container c x4',
    'Normal Pulled Successfully pulled image "busybox" in 500ms (500ms including waiting). Image size: 2156000 bytes. x4',
    `Warning BackOff Back-off restarting failed container c in pod crash_default(${uid}) x7`,
  ]);
  // five minutes is the cap
  assert.equal(s.row(3_600_000), '0/1 CrashLoopBackOff 16 (4m33s ago)');
  assert.equal(cs().state.waiting.message, `back-off 5m0s restarting failed container=c pod=crash_default(${uid})`);
});

test('sleep 5 with restartPolicy Never completes; exit 2 fails', () => {
  const s = setup('sleeper', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '5'] }] });
  assert.equal(s.row(1500), '1/1 Running 0');
  assert.equal(s.row(6499), '1/1 Running 0');
  assert.equal(s.row(6500), '0/1 Completed 0');
  const p = s.pod();
  assert.equal(p.status!.phase, 'Succeeded');
  assert.deepEqual(p.status!.conditions.map((c: any) => `${c.type}=${c.status}${c.reason ? '/' + c.reason : ''}`), [
    'PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False/PodCompleted', 'ContainersReady=False/PodCompleted', 'PodScheduled=True',
  ]);
  assert.deepEqual(p.status!.containerStatuses[0].state.terminated, {
    exitCode: 0, reason: 'Completed', startedAt: '2026-11-22T23:18:36Z', finishedAt: '2026-11-22T23:18:41Z', containerID: p.status!.containerStatuses[0].containerID,
  });
  s.at(100_000);
  assert.equal(s.row(100_000), '0/1 Completed 0');
  const f = setup('fails', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo bye; exit 2'] }] });
  assert.equal(f.row(1500), '0/1 Error 0');
  assert.equal(f.pod().status!.phase, 'Failed');
  assert.equal(f.pod().status!.conditions[2].reason, 'PodFailed');
  assert.equal(f.pod().status!.containerStatuses[0].state.terminated.exitCode, 2);
});

test('OnFailure restarts a failing container and leaves a succeeding one Completed', () => {
  const s = setup('onf', { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2; exit 3'] }] });
  assert.equal(s.row(3500), '0/1 Error 0');
  assert.equal(s.row(4500), '1/1 Running 1 (1s ago)');
  assert.equal(s.row(6500), '0/1 Error 1 (3s ago)');
  assert.equal(s.row(7500), '0/1 CrashLoopBackOff 1 (1s ago)');
  assert.equal(s.pod().status!.phase, 'Running');
  const ok = setup('onok', { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36', command: ['true'] }] });
  assert.equal(ok.row(60_000), '0/1 Completed 0');
  assert.equal(ok.pod().status!.phase, 'Succeeded');
});

test('a failing liveness probe restarts the container (the docs\' exec liveness example)', () => {
  const s = setup('liveness-exec', {
    containers: [{
      name: 'liveness', image: 'registry.k8s.io/busybox', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
    }],
  });
  assert.equal(s.row(30_000), '1/1 Running 0');
  // started at 1.5 s; probes at 6.5, 11.5 ...; the file is gone at 31.5: failures at 31.5, 36.5, 41.5
  s.at(41_500);
  assert.deepEqual(s.evs().filter((l) => /Unhealthy|Killing/.test(l)), [
    'Warning Unhealthy Liveness probe failed: cat: can\'t open \'/tmp/healthy\': No such file or directory x3',
    'Normal Killing Container liveness failed liveness probe, will be restarted',
  ]);
  // sh as PID 1 ignores SIGTERM: killed after the 30 s grace period, exit 137
  assert.equal(s.row(71_499), '1/1 Running 0');
  assert.equal(s.row(71_500), '1/1 Running 1 (0s ago)');
  const cs = s.pod().status!.containerStatuses[0];
  assert.equal(cs.lastState.terminated.exitCode, 137);
  assert.equal(cs.lastState.terminated.reason, 'Error');
});

test('an httpGet liveness probe on a port nothing listens on', () => {
  const s = setup('web', {
    containers: [{ name: 'nginx', image: 'nginx:1.27.4', livenessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 10 } }],
  });
  s.at(21_500);
  const ip = s.pod().status!.podIP;
  assert.deepEqual(s.evs().filter((l) => /Unhealthy|Killing/.test(l)), [
    `Warning Unhealthy Liveness probe failed: Get "http://${ip}:8080/": dial tcp ${ip}:8080: connect: connection refused x3`,
    'Normal Killing Container nginx failed liveness probe, will be restarted',
  ]);
  assert.equal(s.row(21_600), '1/1 Running 1 (0s ago)');
  assert.equal(s.pod().status!.containerStatuses[0].lastState.terminated.reason, 'Completed');
  const ok = setup('web2', { containers: [{ name: 'nginx', image: 'nginx:1.27.4', livenessProbe: { httpGet: { path: '/', port: 80 } } }] });
  assert.equal(ok.row(600_000), '1/1 Running 0');
  const nf = setup('web3', { containers: [{ name: 'nginx', image: 'nginx:1.27.4', livenessProbe: { httpGet: { path: '/healthz', port: 80 } } }] });
  nf.at(1500);
  assert.ok(nf.evs().some((l) => l === 'Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 404'));
});

test('init containers run first, in order: Init:0/2, Init:1/2, PodInitializing, Running', () => {
  const s = setup('myapp', {
    initContainers: [
      { name: 'init-a', image: 'busybox:1.28', command: ['sh', '-c', 'sleep 3'] },
      { name: 'init-b', image: 'busybox:1.28', command: ['sh', '-c', 'sleep 2'] },
    ],
    containers: [{ name: 'app', image: 'busybox:1.28', command: ['sh', '-c', 'echo The app is running! && sleep 3600'] }],
  });
  assert.equal(s.row(0), '0/1 Init:0/2 0');
  assert.equal(s.pod().status!.conditions[1].message, 'containers with incomplete status: [init-a init-b]');
  assert.equal(s.row(4499), '0/1 Init:0/2 0');
  assert.equal(s.row(4500), '0/1 Init:1/2 0');
  assert.equal(s.row(5500), '0/1 Init:1/2 0');
  assert.equal(s.row(7500), '0/1 PodInitializing 0');
  assert.equal(s.row(8500), '1/1 Running 0');
  assert.deepEqual(s.evs(), [
    'Normal Pulling Pulling image "busybox:1.28"',
    'Normal Pulled Successfully pulled image "busybox:1.28" in 1.2s (1.2s including waiting). Image size: 2156000 bytes.',
    'Normal Created Created container: init-a',
    'Normal Started Started container init-a',
    'Normal Pulled Container image "busybox:1.28" already present on machine',
    'Normal Created Created container: init-b',
    'Normal Started Started container init-b',
    'Normal Pulled Container image "busybox:1.28" already present on machine',
    'Normal Created Created container: app',
    'Normal Started Started container app',
  ]);
  const bad = setup('badinit', { restartPolicy: 'Never', initContainers: [{ name: 'i', image: 'busybox:1.28', command: ['false'] }], containers: [{ name: 'app', image: 'busybox:1.28' }] });
  assert.equal(bad.row(1500), '0/1 Init:Error 0');
  assert.equal(bad.pod().status!.phase, 'Failed');
  const loop = setup('loopinit', { initContainers: [{ name: 'i', image: 'busybox:1.28', command: ['false'] }], containers: [{ name: 'app', image: 'busybox:1.28' }] });
  assert.equal(loop.row(3500), '0/1 Init:CrashLoopBackOff 1 (1s ago)');
});

test('a native sidecar keeps running while the app starts (2/2)', () => {
  const s = setup('sc', {
    initContainers: [{ name: 'logshipper', image: 'busybox:1.28', restartPolicy: 'Always', command: ['sh', '-c', 'tail -f /dev/null'] }],
    containers: [{ name: 'app', image: 'nginx:1.27.4' }],
  });
  assert.equal(s.row(0), '0/2 Init:0/1 0');
  assert.equal(s.row(1500), '1/2 PodInitializing 0');
  assert.equal(s.row(2500), '2/2 Running 0');
  assert.equal(s.pod().status!.phase, 'Running');
});

test('a missing ConfigMap: CreateContainerConfigError until it is created', () => {
  const s = setup('cfg', { containers: [{ name: 'c', image: 'nginx:1.27.4', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'x' } } }] }] });
  assert.equal(s.row(1500), '0/1 CreateContainerConfigError 0');
  assert.deepEqual(s.pod().status!.containerStatuses[0].state.waiting, { reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' });
  s.at(21_500);
  assert.deepEqual(s.evs(), [
    'Normal Pulling Pulling image "nginx:1.27.4"',
    'Normal Pulled Successfully pulled image "nginx:1.27.4" in 1.2s (1.2s including waiting). Image size: 72195292 bytes.',
    'Warning Failed Error: configmap "app-config" not found x3',
    'Normal Pulled Container image "nginx:1.27.4" already present on machine x2',
  ]);
  s.cluster.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { y: '1' } });
  assert.equal(s.row(31_500), '0/1 CreateContainerConfigError 0');
  assert.equal(s.pod().status!.containerStatuses[0].state.waiting.message, "couldn't find key x in ConfigMap default/app-config");
  const cm = s.cluster.get('configmaps', 'default', 'app-config')!;
  s.cluster.update('configmaps', { ...cm, data: { x: '1' } });
  assert.equal(s.row(41_500), '1/1 Running 0');
});

test('a missing ConfigMap volume: ContainerCreating with FailedMount', () => {
  const s = setup('vol', {
    containers: [{ name: 'c', image: 'nginx:1.27.4', volumeMounts: [{ name: 'config', mountPath: '/etc/config' }] }],
    volumes: [{ name: 'config', configMap: { name: 'special-config' } }],
  });
  assert.equal(s.row(4000), '0/1 ContainerCreating 0');
  assert.deepEqual(s.evs(), ['Warning FailedMount MountVolume.SetUp failed for volume "config" : configmap "special-config" not found x4']);
  s.cluster.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'special-config', namespace: 'default' }, data: {} });
  // the next retry (7.5 s) mounts it; then the image is pulled
  assert.equal(s.row(8999), '0/1 ContainerCreating 0');
  assert.equal(s.row(9000), '1/1 Running 0');
});

test('a command that is not in the image: RunContainerError, then CrashLoopBackOff (StartError)', () => {
  const s = setup('sheep', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sheep'] }] });
  const msg = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "sheep": executable file not found in $PATH: unknown';
  assert.equal(s.row(1500), '0/1 RunContainerError 0');
  const cs = s.pod().status!.containerStatuses[0];
  assert.deepEqual(cs.state.waiting, { reason: 'RunContainerError', message: msg });
  assert.deepEqual(cs.lastState.terminated, { exitCode: 128, reason: 'StartError', message: msg, startedAt: '1970-01-01T00:00:00Z', finishedAt: '2026-11-22T23:18:36Z', containerID: cs.containerID });
  assert.ok(s.evs().includes(`Warning Failed Error: ${msg}`));
  assert.equal(s.row(2500), '0/1 RunContainerError 1 (0s ago)');
  assert.equal(s.row(3500), '0/1 CrashLoopBackOff 1 (1s ago)');
});

test('a memory hog beyond its limit is OOMKilled', () => {
  const s = setup('memory-demo-2', {
    containers: [{
      name: 'memory-demo-2-ctr', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
      resources: { requests: { memory: '50Mi' }, limits: { memory: '100Mi' } },
    }],
  });
  assert.equal(s.row(1600), '0/1 OOMKilled 0');
  assert.equal(s.pod().status!.containerStatuses[0].state.terminated.exitCode, 137);
  assert.equal(s.row(2600), '1/1 Running 1 (1s ago)');
  assert.equal(s.row(2700), '0/1 OOMKilled 1 (1s ago)');
  assert.equal(s.row(3700), '0/1 CrashLoopBackOff 1 (1s ago)');
});

test('nginx logs its start-up and the kubelet\'s HTTP probes (200 for /, 404 and an error line for /healthz)', async () => {
  const { containerLogs } = await import('../../src/controllers/kubelet/logs.js');
  const s = setup('web', {
    containers: [{
      name: 'nginx', image: 'nginx:1.27.4',
      readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 },
      livenessProbe: { httpGet: { path: '/healthz', port: 80 }, initialDelaySeconds: 3, periodSeconds: 10, failureThreshold: 100 },
    }],
  });
  s.at(11_500);
  const ip = s.pod().status!.podIP;
  const lines = containerLogs(s.cluster, s.pod(), 'nginx', false, T0 + 11_500).map((l) => l.text);
  assert.equal(lines.length, 17 + 3 + 2);
  assert.deepEqual(lines.slice(17), [
    '10.244.0.1 - - [22/Nov/2026:23:18:36 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"',
    '10.244.0.1 - - [22/Nov/2026:23:18:41 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"',
    '10.244.0.1 - - [22/Nov/2026:23:18:46 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"',
    `2026/11/22 23:18:46 [error] 29#29: *4 open() "/usr/share/nginx/html/healthz" failed (2: No such file or directory), client: 10.244.0.1, server: localhost, request: "GET /healthz HTTP/1.1", host: "${ip}:80"`,
    '10.244.0.1 - - [22/Nov/2026:23:18:46 +0000] "GET /healthz HTTP/1.1" 404 153 "-" "kube-probe/1.32" "-"',
  ]);
});

test('a startup probe holds liveness back until it succeeds; terminal pods give their IP back', () => {
  const s = setup('slow', {
    containers: [{
      name: 'app', image: 'registry.k8s.io/liveness', args: ['/server'],
      startupProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5, failureThreshold: 30 },
      livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 3 },
    }],
  });
  assert.equal(s.row(1500), '1/1 Running 0');
  assert.equal(s.pod().status!.containerStatuses[0].started, true);
  // /healthz answers 500 from 10 s on: liveness fails at 13.5, 16.5, 19.5 and restarts it
  s.at(19_500);
  assert.deepEqual(s.evs().filter((l) => /Unhealthy|Killing/.test(l)), [
    'Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500 x3',
    'Normal Killing Container app failed liveness probe, will be restarted',
  ]);
  assert.equal(s.row(19_600), '1/1 Running 1 (0s ago)');
  const done = setup('done', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['true'] }] });
  done.at(5000);
  assert.equal(done.pod().status!.podIP, '10.244.0.2');
  assert.deepEqual(done.cluster.state.controllers.kubelet.ipam['node-1'].used, {});
});

test('a container reads its mounted ConfigMap files (cat, ls)', async () => {
  const { containerLogs } = await import('../../src/controllers/kubelet/logs.js');
  const s = setup('reader', {
    restartPolicy: 'Never',
    containers: [{
      name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'ls /etc/config; cat /etc/config/mode; cat /etc/app.conf'],
      volumeMounts: [{ name: 'config', mountPath: '/etc/config' }, { name: 'config', mountPath: '/etc/app.conf', subPath: 'app.conf' }],
    }],
    volumes: [{ name: 'config', configMap: { name: 'app' } }],
  });
  s.cluster.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { mode: 'debug', 'app.conf': 'a=1\nb=2\n' } });
  assert.equal(s.row(10_000), '0/1 Completed 0');
  assert.deepEqual(containerLogs(s.cluster, s.pod(), 'c', false, T0 + 10_000).map((l) => l.text), ['app.conf', 'mode', 'debug', 'a=1', 'b=2']);
});

test('an init container whose image cannot be pulled: Init:ErrImagePull, Init:ImagePullBackOff', () => {
  const s = setup('badpull', { initContainers: [{ name: 'i', image: 'busybox:9.99' }], containers: [{ name: 'app', image: 'nginx:1.27.4' }] });
  assert.equal(s.row(1200), '0/1 Init:ErrImagePull 0');
  assert.equal(s.row(3200), '0/1 Init:ImagePullBackOff 0');
});
