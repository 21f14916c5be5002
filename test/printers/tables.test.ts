import test from 'node:test';
import assert from 'node:assert/strict';
import { printTable } from '../../src/printers/tables.js';
import { step, yamlStep, T0 } from './helpers.js';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function pod(name: string, opts: { created: number; ip?: string; phase?: string; ready?: boolean; waiting?: string; deleting?: boolean; restarts?: number; lastFinished?: number }): any {
  const hash = name.split('-').slice(-2, -1)[0];
  const state = opts.waiting ? { waiting: { reason: opts.waiting } } : { running: { startedAt: iso(opts.created + 1500) } };
  const cs: any = { name: 'nginx', image: 'nginx:1.14.2', ready: opts.ready ?? !opts.waiting, restartCount: opts.restarts ?? 0, state };
  if (opts.lastFinished) cs.lastState = { terminated: { exitCode: 1, reason: 'Error', finishedAt: iso(opts.lastFinished) } };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      creationTimestamp: iso(opts.created),
      labels: { app: 'nginx', 'pod-template-hash': hash },
      ...(opts.deleting ? { deletionTimestamp: iso(opts.created + 20000) } : {}),
    },
    spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] },
    status: {
      phase: opts.phase ?? (opts.waiting ? 'Pending' : 'Running'),
      conditions: [{ type: 'Ready', status: opts.ready ?? !opts.waiting ? 'True' : 'False' }],
      podIP: opts.ip,
      podIPs: opts.ip ? [{ ip: opts.ip }] : undefined,
      containerStatuses: [cs],
    },
  };
}

const aPods = [
  pod('nginx-deployment-647677fc66-jntln', { created: T0, ip: '10.244.0.7' }),
  pod('nginx-deployment-647677fc66-mw588', { created: T0, ip: '10.244.0.6' }),
  pod('nginx-deployment-647677fc66-rmfcr', { created: T0, ip: '10.244.0.8' }),
];

test('get deployments (a#5) and -o wide (a#12)', () => {
  const d = yamlStep('a-create', 10);
  const now = T0 + 2200;
  assert.equal(printTable('deployments', [d], { now }), step('a-create', 5).stdout);
  assert.equal(printTable('deployments', [d], { now, wide: true }), step('a-create', 12).stdout);
});

test('get rs (a#6) and -o wide (a#11)', () => {
  const rs = yamlStep('a-create', 13).items;
  const now = T0 + 2200;
  assert.equal(printTable('replicasets', rs, { now }), step('a-create', 6).stdout);
  assert.equal(printTable('replicasets', rs, { now, wide: true }), step('a-create', 11).stdout);
});

test('get pods, --show-labels, -o wide (a#7-#9)', () => {
  const now = T0 + 2500;
  assert.equal(printTable('pods', aPods, { now }), step('a-create', 8).stdout);
  assert.equal(printTable('pods', aPods, { now, showLabels: true }), step('a-create', 7).stdout);
  assert.equal(printTable('pods', aPods, { now, wide: true }), step('a-create', 9).stdout);
});

test('pod STATUS: Terminating (b#4) and ImagePullBackOff (c#4)', () => {
  const t = T0 + 11_500;
  const b = [
    pod('nginx-deployment-647677fc66-rmfcr', { created: T0, deleting: true }),
    pod('nginx-deployment-8d94c585f-f4fn9', { created: t - 5500 }),
    pod('nginx-deployment-8d94c585f-ghk86', { created: t - 3500 }),
    pod('nginx-deployment-8d94c585f-tr66f', { created: t - 1500 }),
  ];
  assert.equal(printTable('pods', b, { now: t }), step('b-set-image', 4).stdout);
  const t2 = T0 + 22_500;
  const c = [
    pod('nginx-deployment-579478bf45-t68gt', { created: t2 - 10_300, waiting: 'ImagePullBackOff' }),
    pod('nginx-deployment-8d94c585f-f4fn9', { created: t2 - 16_300 }),
    pod('nginx-deployment-8d94c585f-ghk86', { created: t2 - 14_300 }),
    pod('nginx-deployment-8d94c585f-tr66f', { created: t2 - 12_300 }),
  ];
  assert.equal(printTable('pods', c, { now: t2 }), step('c-bad-image-history-undo', 4).stdout);
});

test('pod STATUS edge cases', () => {
  const now = T0 + 600_000;
  const cell = (p: any) => printTable('pods', [p], { now, noHeaders: true });
  assert.match(cell(pod('p-1-a', { created: T0, waiting: 'ContainerCreating' })), /^p-1-a {3}0\/1 {3}ContainerCreating {3}0 {5}10m\n$/);
  assert.match(cell(pod('p-1-a', { created: T0, waiting: 'CrashLoopBackOff', restarts: 3, lastFinished: T0 + 540_000 })), /CrashLoopBackOff {3}3 \(60s ago\) {3}10m/);
  const done = pod('p-1-a', { created: T0, phase: 'Succeeded', ready: false });
  done.status.containerStatuses[0].state = { terminated: { exitCode: 0, reason: 'Completed' } };
  done.metadata.deletionTimestamp = iso(now);
  assert.match(cell(done), /0\/1 {3}Completed/);
  const exit = pod('p-1-a', { created: T0, phase: 'Running', ready: false });
  exit.status.containerStatuses[0].state = { terminated: { exitCode: 2 } };
  assert.match(cell(exit), /ExitCode:2/);
  const init = pod('p-1-a', { created: T0, waiting: 'PodInitializing' });
  init.spec.initContainers = [{ name: 'i1' }, { name: 'i2' }];
  init.status.initContainerStatuses = [
    { name: 'i1', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
    { name: 'i2', state: { running: {} } },
  ];
  assert.match(cell(init), /Init:1\/2/);
  init.status.initContainerStatuses[1].state = { waiting: { reason: 'ImagePullBackOff' } };
  assert.match(cell(init), /Init:ImagePullBackOff/);
  const gated = pod('p-1-a', { created: T0, phase: 'Pending', ready: false });
  gated.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] };
  assert.match(cell(gated), /0\/1 {3}SchedulingGated/);
});

test('multi-type get with kind prefix, services (k#25)', () => {
  const expected = step('k-errors-and-output-formats', 25).stdout;
  const svcSection = expected.split('\n\n')[1] + '\n';
  const now = Date.parse('2026-11-22T23:19:25Z');
  const svc = {
    metadata: { name: 'kubernetes', namespace: 'default', creationTimestamp: iso(now - 115_300) },
    spec: { type: 'ClusterIP', clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
  };
  assert.equal(printTable('services', [svc], { now, withKind: true }), svcSection);
  assert.equal(
    printTable('services', [svc], { now, wide: true }),
    'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE    SELECTOR\nkubernetes   ClusterIP   10.0.0.1     <none>        443/TCP   115s   <none>\n',
  );
});

function deploy(name: string, ready: number, replicas: number, created: number): any {
  return {
    metadata: { name, namespace: 'default', creationTimestamp: iso(created), labels: { app: name } },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    status: { readyReplicas: ready, updatedReplicas: replicas, availableReplicas: ready },
  };
}

test('-A, --no-headers, kind prefix for deployments (k#25, k#31, k#35)', () => {
  const now = Date.parse('2026-11-22T23:19:25.400Z');
  const ds = [deploy('nginx-deployment', 3, 3, now - 50_300), deploy('nginx2', 2, 2, now - 2_300), deploy('sel-deploy', 1, 1, now - 3_300)];
  assert.equal(printTable('deployments', ds, { now, noHeaders: true }), step('k-errors-and-output-formats', 31).stdout);
  assert.equal(printTable('deployments', ds, { now, withNamespace: true }), step('k-errors-and-output-formats', 35).stdout);
  assert.equal(
    printTable('deployments', ds, { now, withKind: true }),
    'NAME                               READY   UP-TO-DATE   AVAILABLE   AGE\n' +
      'deployment.apps/nginx-deployment   3/3     3            3           50s\n' +
      'deployment.apps/nginx2             2/2     2            2           2s\n' +
      'deployment.apps/sel-deploy         1/1     1            1           3s\n',
  );
  assert.equal(printTable('deployments', [], { now }), '');
});

test('-L label columns', () => {
  const now = T0 + 2500;
  assert.equal(
    printTable('pods', aPods.slice(0, 1), { now, labelColumns: ['app', 'example.com/tier'] }),
    'NAME                                READY   STATUS    RESTARTS   AGE   APP     TIER\n' +
      'nginx-deployment-647677fc66-jntln   1/1     Running   0          2s    nginx   \n',
  );
});

test('configmaps (n#44 section)', () => {
  const now = Date.parse('2026-11-22T23:20:00Z');
  const cms = [
    { metadata: { name: 'dir-b', creationTimestamp: iso(now - 1000) }, data: { a: '1' } },
    { metadata: { name: 'kube-root-ca.crt', creationTimestamp: iso(now - 65_000) }, data: { 'ca.crt': 'x' } },
  ];
  assert.equal(
    printTable('configmaps', cms, { now, withKind: true }),
    'NAME                         DATA   AGE\nconfigmap/dir-b              1      1s\nconfigmap/kube-root-ca.crt   1      65s\n',
  );
});

test('nodes and -o wide (k#55, k#56)', () => {
  const now = Date.parse('2026-11-22T23:19:33Z');
  const node = {
    metadata: { name: 'node-1', creationTimestamp: iso(now - 109_000), labels: { 'kubernetes.io/hostname': 'node-1' } },
    spec: {},
    status: {
      conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'node-1' }],
      nodeInfo: { kubeletVersion: 'v1.32.5', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0-fake', containerRuntimeVersion: 'containerd://1.7.24' },
    },
  };
  assert.equal(printTable('nodes', [node], { now }), step('k-errors-and-output-formats', 55).stdout);
  assert.equal(printTable('nodes', [node], { now, wide: true }), step('k-errors-and-output-formats', 56).stdout);
  const cp = { ...node, metadata: { ...node.metadata, labels: { 'node-role.kubernetes.io/control-plane': '' } }, spec: { unschedulable: true } };
  assert.match(printTable('nodes', [cp], { now, noHeaders: true }), /^node-1 {3}Ready,SchedulingDisabled {3}control-plane {3}109s/);
  // -A is ignored for cluster-scoped resources
  assert.equal(printTable('nodes', [node], { now, withNamespace: true }), step('k-errors-and-output-formats', 55).stdout);
});

test('namespaces', () => {
  const now = T0 + 3_600_000;
  const ns = [{ metadata: { name: 'default', creationTimestamp: iso(T0) }, status: { phase: 'Active' } }];
  assert.equal(printTable('namespaces', ns, { now }), 'NAME      STATUS   AGE\ndefault   Active   60m\n');
});

test('events, default and wide', () => {
  const now = Date.parse('2026-11-22T23:19:25Z');
  const ev = (name: string, kind: string, obj: string, reason: string, msg: string, first: number, last: number, count: number, comp: string, type = 'Normal') => ({
    metadata: { name, namespace: 'default' },
    involvedObject: { kind, name: obj, namespace: 'default' },
    reason,
    message: msg,
    type,
    count,
    firstTimestamp: iso(now - first),
    lastTimestamp: iso(now - last),
    source: { component: comp },
  });
  const evs = [
    ev('nginx-deployment-579478bf45-t68gt.1', 'Pod', 'nginx-deployment-579478bf45-t68gt', 'Scheduled', 'Successfully assigned default/nginx-deployment-579478bf45-t68gt to node-1', 37_000, 37_000, 1, 'default-scheduler'),
    ev('nginx-deployment-579478bf45.2', 'ReplicaSet', 'nginx-deployment-579478bf45', 'SuccessfulCreate', 'Created pod: nginx-deployment-579478bf45-t68gt', 38_000, 38_000, 1, 'replicaset-controller'),
    ev('nginx-deployment.3', 'Deployment', 'nginx-deployment', 'ScalingReplicaSet', 'Scaled up replica set nginx-deployment-579478bf45 from 0 to 1\n', 44_000, 9_000, 2, 'deployment-controller'),
  ];
  assert.equal(
    printTable('events', evs, { now }),
    'LAST SEEN   TYPE     REASON              OBJECT                                   MESSAGE\n' +
      '37s         Normal   Scheduled           pod/nginx-deployment-579478bf45-t68gt    Successfully assigned default/nginx-deployment-579478bf45-t68gt to node-1\n' +
      '38s         Normal   SuccessfulCreate    replicaset/nginx-deployment-579478bf45   Created pod: nginx-deployment-579478bf45-t68gt\n' +
      '9s          Normal   ScalingReplicaSet   deployment/nginx-deployment              Scaled up replica set nginx-deployment-579478bf45 from 0 to 1\n',
  );
  assert.equal(
    printTable('events', evs.slice(2), { now, wide: true }),
    'LAST SEEN   TYPE     REASON              OBJECT                        SUBOBJECT   SOURCE                  MESSAGE                                                         FIRST SEEN   COUNT   NAME\n' +
      '9s          Normal   ScalingReplicaSet   deployment/nginx-deployment               deployment-controller   Scaled up replica set nginx-deployment-579478bf45 from 0 to 1   44s          2       nginx-deployment.3\n',
  );
});
