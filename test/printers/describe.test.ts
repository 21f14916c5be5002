import test from 'node:test';
import assert from 'node:assert/strict';
process.env.TZ = 'UTC'; // kubectl prints local time; the transcripts were recorded in UTC
import { describeDeployment, describeReplicaSet, describePodTemplate, describePod, describeNode, describeService, describeNamespace, describeConfigMap, describeEvents, formatRFC1123Z, listView } from '../../src/printers/describe/index.js';
import { printHistoryTable, printRevision, printUndoDryRun } from '../../src/printers/history.js';
import { step, yamlStep, T0 } from './helpers.js';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const clone = (x: any) => JSON.parse(JSON.stringify(x));
const A = 'a-create', C = 'c-bad-image-history-undo', D = 'd-pause-resume', K = 'k-errors-and-output-formats';
const tab = (s: string) => s.replace(/<TAB>/g, '\t');

const baseDeploy = () => yamlStep(A, 10);
const baseRS = () => yamlStep(A, 13).items[0];

function rs(hash: string, image: string, created: number, replicas: number, extra: any = {}): any {
  const r = clone(baseRS());
  r.metadata.name = `nginx-deployment-${hash}`;
  r.metadata.uid = `uid-${hash}`;
  r.metadata.creationTimestamp = iso(created);
  r.metadata.labels['pod-template-hash'] = hash;
  r.spec.selector.matchLabels['pod-template-hash'] = hash;
  r.spec.template.metadata.labels['pod-template-hash'] = hash;
  r.spec.template.spec.containers[0].image = image;
  r.spec.replicas = replicas;
  r.status = { replicas, readyReplicas: replicas, availableReplicas: replicas };
  Object.assign(r.spec.template.spec.containers[0], extra);
  return r;
}

function ev(reason: string, msg: string, first: number, last = first, count = 1, component = 'deployment-controller', type = 'Normal'): any {
  return { type, reason, message: msg, firstTimestamp: iso(first), lastTimestamp: iso(last), count, source: { component } };
}

const scale = (h: string, dir: 'up' | 'down', from: number, to: number) => `Scaled ${dir} replica set nginx-deployment-${h} from ${from} to ${to}`;

test('RFC1123Z', () => {
  assert.equal(formatRFC1123Z('2026-11-22T23:18:35Z'), 'Sun, 22 Nov 2026 23:18:35 +0000');
});

test('describe deployment right after create (a#14)', () => {
  const now = T0 + 2300;
  const out = describeDeployment(baseDeploy(), [baseRS()], [ev('ScalingReplicaSet', scale('647677fc66', 'up', 0, 3), T0)], now);
  assert.equal(out, step(A, 14).stdout);
});

test('describe rs (a#15)', () => {
  const r = baseRS();
  const pods: any[] = ['mw588', 'jntln', 'rmfcr'].map((p) => ({
    metadata: { name: `nginx-deployment-647677fc66-${p}`, ownerReferences: [{ kind: 'ReplicaSet', name: r.metadata.name, uid: r.metadata.uid, controller: true }] },
    status: { phase: 'Running' },
  }));
  const evs = pods.map((p) => ev('SuccessfulCreate', `Created pod: ${p.metadata.name}`, T0, T0, 1, 'replicaset-controller'));
  assert.equal(describeReplicaSet(r, pods, evs, T0 + 3400), step(A, 15).stdout);
});

test('describe deployment mid-rollout with a bad image (c#6): old RSs in creation order', () => {
  const d = baseDeploy();
  d.metadata.annotations['deployment.kubernetes.io/revision'] = '3';
  d.spec.template.spec.containers[0].image = 'nginx:1.161';
  d.status = { ...d.status, replicas: 4, updatedReplicas: 1, availableReplicas: 3, unavailableReplicas: 1 };
  d.status.conditions[1].reason = 'ReplicaSetUpdated';
  const now = T0 + 22_400;
  const rss = [
    rs('579478bf45', 'nginx:1.161', T0 + 12_000, 1),
    rs('8d94c585f', 'nginx:1.16.1', T0 + 6_000, 3),
    rs('647677fc66', 'nginx:1.14.2', T0, 0),
  ];
  const evs = [
    ev('ScalingReplicaSet', scale('647677fc66', 'up', 0, 3), now - 22_000),
    ev('ScalingReplicaSet', scale('8d94c585f', 'up', 0, 1), now - 16_000),
    ev('ScalingReplicaSet', scale('647677fc66', 'down', 3, 2), now - 14_000),
    ev('ScalingReplicaSet', scale('8d94c585f', 'up', 1, 2), now - 14_000),
    ev('ScalingReplicaSet', scale('647677fc66', 'down', 2, 1), now - 12_000),
    ev('ScalingReplicaSet', scale('8d94c585f', 'up', 2, 3), now - 12_000),
    ev('ScalingReplicaSet', scale('647677fc66', 'down', 1, 0), now - 11_000),
    ev('ScalingReplicaSet', scale('579478bf45', 'up', 0, 1), now - 10_000),
  ];
  assert.equal(describeDeployment(d, rss, evs, now), step(C, 6).stdout);
});

test('describe paused deployment (d#10): no new RS, Limits block, aggregated events', () => {
  const d = yamlStep(D, 11);
  d.status.unavailableReplicas = undefined;
  d.status.updatedReplicas = 0;
  const now = T0 + 41_500;
  const rss = [rs('647677fc66', 'nginx:1.14.2', T0, 3), rs('8d94c585f', 'nginx:1.16.1', T0 + 6_000, 0), rs('579478bf45', 'nginx:1.161', T0 + 12_000, 0)];
  const evs = [
    ev('ScalingReplicaSet', scale('647677fc66', 'up', 0, 3), now - 36_000),
    ev('ScalingReplicaSet', scale('8d94c585f', 'up', 0, 1), now - 30_000),
    ev('ScalingReplicaSet', scale('647677fc66', 'down', 3, 2), now - 28_000),
    ev('ScalingReplicaSet', scale('8d94c585f', 'up', 1, 2), now - 28_000),
    ev('ScalingReplicaSet', scale('647677fc66', 'down', 2, 1), now - 26_000),
    ev('ScalingReplicaSet', scale('8d94c585f', 'up', 2, 3), now - 26_000),
    ev('ScalingReplicaSet', scale('647677fc66', 'down', 1, 0), now - 25_000),
    ev('ScalingReplicaSet', scale('579478bf45', 'up', 0, 1), now - 24_000),
    ev('ScalingReplicaSet', scale('579478bf45', 'down', 1, 0), now - 13_000),
    ev('ScalingReplicaSet', '(combined from similar events): ' + scale('8d94c585f', 'down', 1, 0), now - 13_000, now - 8_000, 6),
  ];
  assert.equal(describeDeployment(d, rss, evs, now), step(D, 10).stdout);
});

test('describe deployment with template annotations and 4 old RSs (k#44, events dropped)', () => {
  const d = baseDeploy();
  d.metadata.annotations['deployment.kubernetes.io/revision'] = '7';
  d.spec.template.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-11-22T23:19:25Z' };
  d.spec.template.spec.containers[0].image = 'nginx:1.17';
  d.spec.template.spec.containers[0].resources = { limits: { cpu: '200m', memory: '512Mi' } };
  const tpl = d.spec.template;
  const mk = (h: string, img: string, t: number, n: number) => rs(h, img, t, n, { resources: { limits: { cpu: '200m', memory: '512Mi' } } });
  const newRS = mk('6c5867cbbd', 'nginx:1.17', T0 + 50_000, 3);
  newRS.spec.template.metadata.annotations = clone(tpl.metadata.annotations);
  const rss = [mk('886b96b9c', 'nginx:1.17', T0 + 36_000, 0), newRS, rs('579478bf45', 'nginx:1.161', T0 + 12_000, 0), rs('647677fc66', 'nginx:1.14.2', T0, 0), rs('8d94c585f', 'nginx:1.16.1', T0 + 6_000, 0)];
  const want = step(K, 44).stdout.split('\n').filter((l) => !/\bScalingReplicaSet\b/.test(l));
  const got = describeDeployment(d, rss, [ev('Other', 'x', T0)], T0 + 55_000).split('\n').filter((l) => !/\bOther\b/.test(l));
  // the Events header widths depend on the (dropped) rows; compare everything above it
  const cut = (ls: string[]) => ls.slice(0, ls.indexOf('Events:'));
  assert.deepEqual(cut(got), cut(want));
});

test('rollout history tables (a#16, c#10) and empty history', () => {
  assert.equal(printHistoryTable('deployment.apps', 'nginx-deployment', [{ revision: 1 }]), step(A, 16).stdout);
  assert.equal(
    printHistoryTable('deployment.apps', 'nginx-deployment', [{ revision: 3, changeCause: 'image updated to 1.16.1' }, { revision: 1 }, { revision: 2 }]),
    step(C, 10).stdout,
  );
  assert.equal(printHistoryTable('deployment.apps', 'x', []), 'deployment.apps/x \nNo rollout history found.\n');
});

test('rollout history --revision raw template (c#8, c#11) and undo --dry-run (c#24)', () => {
  const t2 = rs('8d94c585f', 'nginx:1.16.1', T0, 3).spec.template;
  assert.equal(printRevision('deployment.apps', 'nginx-deployment', 2, t2), tab(step(C, 8).stdout));
  const t3 = rs('579478bf45', 'nginx:1.161', T0, 1).spec.template;
  t3.metadata.annotations = { 'kubernetes.io/change-cause': 'image updated to 1.16.1' };
  assert.equal(printRevision('deployment.apps', 'nginx-deployment', 3, t3), tab(step(C, 11).stdout));
  assert.equal(printUndoDryRun('deployment.apps', 'nginx-deployment', t2), tab(step(C, 24).stdout));
  assert.equal(describePodTemplate(t2, true), tab(step(C, 24).stdout).replace('deployment.apps/nginx-deployment ', '').replace(' (dry run)\n', ''));
});

test('describeEvents: <none>, and repeated events', () => {
  assert.equal(describeEvents([], T0), 'Events:  <none>\n');
  assert.equal(
    describeEvents([ev('BackOff', 'Back-off pulling image "x"', T0, T0 + 50_000, 4, 'kubelet', 'Normal'), ev('Failed', 'Error: ErrImagePull', T0 + 1000, T0 + 1000, 1, 'kubelet', 'Warning')], T0 + 60_000),
    'Events:\n  Type     Reason   Age                From     Message\n  ----     ------   ----               ----     -------\n  Warning  Failed   59s                kubelet  Error: ErrImagePull\n  Normal   BackOff  10s (x4 over 60s)  kubelet  Back-off pulling image "x"\n',
  );
});

test('describe pod (kubectl v1.32 layout for a Running deployment pod)', () => {
  const start = T0;
  const pod = {
    metadata: {
      name: 'nginx-deployment-647677fc66-jntln',
      namespace: 'default',
      uid: 'p1',
      creationTimestamp: iso(start),
      labels: { app: 'nginx', 'pod-template-hash': '647677fc66' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'nginx-deployment-647677fc66', uid: 'r1', controller: true }],
    },
    spec: {
      nodeName: 'node-1',
      serviceAccountName: 'default',
      priority: 0,
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.14.2',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          volumeMounts: [{ name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
        },
      ],
      volumes: [
        {
          name: 'kube-api-access-abcde',
          projected: {
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
            ],
          },
        },
      ],
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
    status: {
      phase: 'Running',
      hostIP: '172.18.0.2',
      podIP: '10.244.0.7',
      podIPs: [{ ip: '10.244.0.7' }],
      startTime: iso(start),
      qosClass: 'BestEffort',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True' },
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'True' },
        { type: 'ContainersReady', status: 'True' },
        { type: 'PodScheduled', status: 'True' },
      ],
      containerStatuses: [
        {
          name: 'nginx',
          containerID: 'containerd://abc',
          image: 'docker.io/library/nginx:1.14.2',
          imageID: 'docker.io/library/nginx@sha256:f7988fb6c02e0ce69257d9bd9cf37ae20a60f1df7563c3a2a6abe24160306b8d',
          ready: true,
          restartCount: 0,
          state: { running: { startedAt: iso(start + 1500) } },
        },
      ],
    },
  };
  const out = describePod(pod, [ev('Scheduled', 'Successfully assigned default/nginx-deployment-647677fc66-jntln to node-1', start, start, 1, 'default-scheduler')], start + 60_000);
  assert.equal(
    out,
    [
      'Name:             nginx-deployment-647677fc66-jntln',
      'Namespace:        default',
      'Priority:         0',
      'Service Account:  default',
      'Node:             node-1/172.18.0.2',
      'Start Time:       Sun, 22 Nov 2026 23:18:35 +0000',
      'Labels:           app=nginx',
      '                  pod-template-hash=647677fc66',
      'Annotations:      <none>',
      'Status:           Running',
      'IP:               10.244.0.7',
      'IPs:',
      '  IP:           10.244.0.7',
      'Controlled By:  ReplicaSet/nginx-deployment-647677fc66',
      'Containers:',
      '  nginx:',
      '    Container ID:   containerd://abc',
      '    Image:          nginx:1.14.2',
      '    Image ID:       docker.io/library/nginx@sha256:f7988fb6c02e0ce69257d9bd9cf37ae20a60f1df7563c3a2a6abe24160306b8d',
      '    Port:           80/TCP',
      '    Host Port:      0/TCP',
      '    State:          Running',
      '      Started:      Sun, 22 Nov 2026 23:18:36 +0000',
      '    Ready:          True',
      '    Restart Count:  0',
      '    Environment:    <none>',
      '    Mounts:',
      '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-abcde (ro)',
      'Conditions:',
      '  Type                        Status',
      '  PodReadyToStartContainers   True ',
      '  Initialized                 True ',
      '  Ready                       True ',
      '  ContainersReady             True ',
      '  PodScheduled                True ',
      'Volumes:',
      '  kube-api-access-abcde:',
      '    Type:                    Projected (a volume that contains injected data from multiple sources)',
      '    TokenExpirationSeconds:  3607',
      '    ConfigMapName:           kube-root-ca.crt',
      '    ConfigMapOptional:       <nil>',
      '    DownwardAPI:             true',
      'QoS Class:                   BestEffort',
      'Node-Selectors:              <none>',
      'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
      '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
      'Events:',
      '  Type    Reason     Age   From               Message',
      '  ----    ------     ----  ----               -------',
      '  Normal  Scheduled  60s   default-scheduler  Successfully assigned default/nginx-deployment-647677fc66-jntln to node-1',
      '',
    ].join('\n'),
  );
});

test('describe configmap, namespace, service', () => {
  const cm = { metadata: { name: 'c', namespace: 'default' }, data: { k: 'v' } };
  assert.equal(describeConfigMap(cm, [], T0), 'Name:         c\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nk:\n----\nv\n\n\nBinaryData\n====\n\nEvents:  <none>\n');
  const ns = { metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } }, status: { phase: 'Active' } };
  assert.equal(describeNamespace(ns, { view: listView({}), events: undefined, now: T0 }), 'Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n');
  const svc = {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { type: 'ClusterIP', clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' },
  };
  const slice = { metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } }, addressType: 'IPv4', endpoints: [{ addresses: ['172.18.0.2'], conditions: { ready: true } }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] };
  assert.equal(
    describeService(svc, { view: listView({ endpointslices: [slice] }), events: [], now: T0 }),
    [
      'Name:                     kubernetes',
      'Namespace:                default',
      'Labels:                   component=apiserver',
      '                          provider=kubernetes',
      'Annotations:              <none>',
      'Selector:                 <none>',
      'Type:                     ClusterIP',
      'IP Family Policy:         SingleStack',
      'IP Families:              IPv4',
      'IP:                       10.0.0.1',
      'IPs:                      10.0.0.1',
      'Port:                     https  443/TCP',
      'TargetPort:               6443/TCP',
      'Endpoints:                172.18.0.2:6443',
      'Session Affinity:         None',
      'Internal Traffic Policy:  Cluster',
      'Events:                   <none>',
      '',
    ].join('\n'),
  );
  assert.match(describeService(svc, { view: listView({}), events: [], now: T0 }), /Endpoints: +<none>/);
});

test('describe node (smoke: sections and allocation math)', () => {
  const node = {
    metadata: { name: 'node-1', creationTimestamp: iso(T0), labels: { 'kubernetes.io/hostname': 'node-1' } },
    spec: {},
    status: {
      capacity: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: iso(T0), lastTransitionTime: iso(T0) }],
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'node-1' }],
      nodeInfo: { kubeletVersion: 'v1.32.5', osImage: 'Debian', kernelVersion: '6.1.0-fake', containerRuntimeVersion: 'containerd://1.7.24', operatingSystem: 'linux', architecture: 'amd64' },
    },
  };
  const pod = { metadata: { namespace: 'default', name: 'p', creationTimestamp: iso(T0) }, spec: { containers: [{ resources: { requests: { cpu: '200m', memory: '512Mi' }, limits: { cpu: '1' } } }] }, status: { phase: 'Running' } };
  const out = describeNode(node, [pod], [], T0 + 120_000);
  assert.match(out, /^Name: +node-1\nRoles: +<none>\n/);
  assert.ok(out.includes('\n  default                     p       200m (5%)     1 (25%)     512Mi (6%)       0 (0%)         2m\n'));
  assert.ok(out.includes('\nNon-terminated Pods:          (1 in total)\n'));
  assert.ok(out.includes('\n  cpu                200m (5%)   1 (25%)\n  memory             512Mi (6%)  0 (0%)\n  ephemeral-storage  0 (0%)      0 (0%)\n'));
  assert.ok(out.includes('\n  Ready   True    Sun, 22 Nov 2026 23:18:35 +0000   Sun, 22 Nov 2026 23:18:35 +0000   KubeletReady   kubelet is posting ready status\n'));
  assert.match(out, /Events: +<none>\n$/);
});
