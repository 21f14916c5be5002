// Core v1 tables (printers.go: printService, printEndpoints, printSecret, printServiceAccount,
// printPersistentVolume(Claim), printResourceQuota, printPodTemplate, printReplicationController,
// printComponentStatus) and the default table convertor for LimitRanges.
import test from 'node:test';
import { printTable } from '../../../src/printers/tables.js';
import { NOW, S, M, H, D, meta, sameTable } from './helpers.js';

const now = NOW;
const ns = (name: string, age: number, extra: Record<string, any> = {}) => meta(name, age, { namespace: 'default', ...extra });

const services = [
  { metadata: ns('web', 5 * M), spec: { type: 'ClusterIP', clusterIP: '10.96.12.34', clusterIPs: ['10.96.12.34'], ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], selector: { app: 'web' }, sessionAffinity: 'None' } },
  { metadata: ns('np', 2 * D), spec: { type: 'NodePort', clusterIP: '10.96.100.7', clusterIPs: ['10.96.100.7'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 443, nodePort: 30443, protocol: 'TCP' }], selector: { tier: 'fe', app: 'np' } } },
  {
    metadata: ns('lb', 90 * S),
    spec: { type: 'LoadBalancer', clusterIP: '10.96.0.50', clusterIPs: ['10.96.0.50'], externalIPs: ['192.0.2.10'], ports: [{ port: 443, nodePort: 31234, protocol: 'TCP' }], selector: { app: 'lb' } },
    status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }, { hostname: 'lb.example.com' }, { ip: '198.51.100.2' }, { ip: '203.0.113.7' }] } },
  },
  { metadata: ns('pending', 10 * S), spec: { type: 'LoadBalancer', clusterIP: '10.96.0.51', clusterIPs: ['10.96.0.51'], ports: [{ port: 53, nodePort: 30001, protocol: 'UDP' }] }, status: { loadBalancer: {} } },
  { metadata: ns('ext', 3 * H), spec: { type: 'ExternalName', externalName: 'my.database.example.com' } },
  { metadata: ns('headless', 5 * M), spec: { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }], selector: { app: 'db' } } },
];

test('services: every type, LoadBalancer ingress + external IPs, <pending>, ExternalName (printService)', () => {
  sameTable(printTable('services', services, { now }), [
    'NAME       TYPE           CLUSTER-IP    EXTERNAL-IP                                          PORT(S)                      AGE',
    'web        ClusterIP      10.96.12.34   <none>                                               80/TCP                       5m',
    'np         NodePort       10.96.100.7   <none>                                               80:30080/TCP,443:30443/TCP   2d',
    'lb         LoadBalancer   10.96.0.50    198.51.100.2,203.0.113.7,lb.example.com,192.0.2.10   443:31234/TCP                90s',
    'pending    LoadBalancer   10.96.0.51    <pending>                                            53:30001/UDP                 10s',
    'ext        ExternalName   <none>        my.database.example.com                              <none>                       3h',
    'headless   ClusterIP      None          <none>                                               5432/TCP                     5m',
  ]);
  sameTable(printTable('services', services.slice(0, 3), { now, wide: true }), [
    'NAME   TYPE           CLUSTER-IP    EXTERNAL-IP                                          PORT(S)                      AGE   SELECTOR',
    'web    ClusterIP      10.96.12.34   <none>                                               80/TCP                       5m    app=web',
    'np     NodePort       10.96.100.7   <none>                                               80:30080/TCP,443:30443/TCP   2d    app=np,tier=fe',
    'lb     LoadBalancer   10.96.0.50    198.51.100.2,203.0.113.7,lb.example.com,192.0.2.10   443:31234/TCP                90s   app=lb',
  ]);
});

test('endpoints: ip:port pairs, more than 3, headless without ports, none, IPv6 (printEndpoints/formatEndpoints)', () => {
  const addrs = (...ips: string[]) => ips.map((ip) => ({ ip, nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: `p-${ip}` } }));
  const eps = [
    { metadata: ns('kubernetes', 30 * D), subsets: [{ addresses: addrs('172.18.0.2'), ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }] },
    {
      metadata: ns('web', 5 * M),
      subsets: [{ addresses: addrs('10.244.0.5', '10.244.0.6', '10.244.0.7', '10.244.0.8'), notReadyAddresses: addrs('10.244.0.9'), ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }] }],
    },
    { metadata: ns('two-ports', 5 * M), subsets: [{ addresses: addrs('10.244.0.5'), ports: [{ name: 'a', port: 80, protocol: 'TCP' }, { name: 'b', port: 81, protocol: 'TCP' }] }] },
    { metadata: ns('headless', 5 * M), subsets: [{ addresses: addrs('10.244.1.1', '10.244.1.2') }] },
    { metadata: ns('empty', 5 * M) },
    { metadata: ns('v6', 5 * M), subsets: [{ addresses: addrs('fd00::1'), ports: [{ port: 8080, protocol: 'TCP' }] }] },
  ];
  sameTable(printTable('endpoints', eps, { now }), [
    'NAME         ENDPOINTS                                               AGE',
    'kubernetes   172.18.0.2:6443                                         30d',
    'web          10.244.0.5:80,10.244.0.6:80,10.244.0.7:80 + 5 more...   5m',
    'two-ports    10.244.0.5:80,10.244.0.5:81                             5m',
    'headless     10.244.1.1,10.244.1.2                                   5m',
    'empty        <none>                                                  5m',
    'v6           [fd00::1]:8080                                          5m',
  ]);
});

test('secrets, serviceaccounts, configmaps (printSecret, printServiceAccount, printConfigMap)', () => {
  const secrets = [
    { metadata: ns('db-pass', 10 * M), type: 'Opaque', data: { username: 'YWRtaW4=', password: 'czNjcjN0' } },
    { metadata: ns('tls', 2 * H), type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' } },
    { metadata: ns('regcred', 400 * D), type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'e30=' } },
    { metadata: ns('empty', 30 * S), type: 'Opaque' },
  ];
  sameTable(printTable('secrets', secrets, { now }), [
    'NAME      TYPE                             DATA   AGE',
    'db-pass   Opaque                           2      10m',
    'tls       kubernetes.io/tls                2      120m',
    'regcred   kubernetes.io/dockerconfigjson   1      400d',
    'empty     Opaque                           0      30s',
  ]);
  const sas = [
    { metadata: ns('default', 3 * D) },
    { metadata: ns('builder', 2 * M), secrets: [{ name: 'builder-token' }], imagePullSecrets: [{ name: 'regcred' }] },
  ];
  sameTable(printTable('serviceaccounts', sas, { now }), [
    'NAME      SECRETS   AGE',
    'default   0         3d',
    'builder   1         2m',
  ]);
  const cms = [
    { metadata: ns('kube-root-ca.crt', 3 * D), data: { 'ca.crt': 'x' } },
    { metadata: ns('mixed', 1 * M), data: { a: '1', b: '2' }, binaryData: { c: 'AAE=' } },
    { metadata: ns('nothing', 1 * M) },
  ];
  sameTable(printTable('configmaps', cms, { now }), [
    'NAME               DATA   AGE',
    'kube-root-ca.crt   1      3d',
    'mixed              3      60s',
    'nothing            0      60s',
  ]);
});

test('persistentvolumes and claims: bound, pending, terminating, default class annotation, wide VOLUMEMODE', () => {
  const pvs = [
    {
      metadata: meta('pv-bound', 1 * H, { finalizers: ['kubernetes.io/pv-protection'] }),
      spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'manual', volumeMode: 'Filesystem', hostPath: { path: '/mnt/data', type: '' }, claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' } },
      status: { phase: 'Bound' },
    },
    {
      metadata: meta('pv-old', 20 * D, { annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } }),
      spec: { capacity: { storage: '1500Mi' }, accessModes: ['ReadWriteMany', 'ReadWriteOncePod'], persistentVolumeReclaimPolicy: 'Delete', volumeMode: 'Block', nfs: { server: 'nfs', path: '/' } },
      status: { phase: 'Failed', reason: 'Recycle failed' },
    },
    {
      metadata: meta('pv-going', 5 * M, { deletionTimestamp: '2026-11-22T11:59:00Z' }),
      spec: { capacity: { storage: '500M' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', volumeAttributesClassName: 'gold', volumeMode: 'Filesystem' },
      status: { phase: 'Released' },
    },
  ];
  sameTable(printTable('persistentvolumes', pvs, { now }), [
    'NAME       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS        CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON           AGE',
    'pv-bound   10Gi       RWO,ROX        Retain           Bound         default/data   manual         <unset>                                  60m',
    'pv-old     1500Mi     RWX,RWOP       Delete           Failed                       slow           <unset>                 Recycle failed   20d',
    'pv-going   500M       RWO            Delete           Terminating                  standard       gold                                     5m',
  ]);
  sameTable(printTable('persistentvolumes', pvs.slice(0, 2), { now, wide: true }), [
    'NAME       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON           AGE   VOLUMEMODE',
    'pv-bound   10Gi       RWO,ROX        Retain           Bound    default/data   manual         <unset>                                  60m   Filesystem',
    'pv-old     1500Mi     RWX,RWOP       Delete           Failed                  slow           <unset>                 Recycle failed   20d   Block',
  ]);
  const pvcs = [
    {
      metadata: ns('data', 1 * H),
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } }, volumeName: 'pv-bound', storageClassName: 'manual', volumeMode: 'Filesystem' },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], capacity: { storage: '10Gi' } },
    },
    {
      metadata: ns('waiting', 2 * M),
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    },
    {
      metadata: ns('old-class', 2 * M, { annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' }, deletionTimestamp: '2026-11-22T11:59:30Z' }),
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Bound' },
    },
  ];
  sameTable(printTable('persistentvolumeclaims', pvcs, { now }), [
    'NAME        STATUS        VOLUME     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
    'data        Bound         pv-bound   10Gi       RWO,ROX        manual         <unset>                 60m',
    'waiting     Pending                                            standard       <unset>                 2m',
    'old-class   Terminating                                        slow           <unset>                 2m',
  ]);
  sameTable(printTable('persistentvolumeclaims', pvcs, { now, wide: true }), [
    'NAME        STATUS        VOLUME     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE   VOLUMEMODE',
    'data        Bound         pv-bound   10Gi       RWO,ROX        manual         <unset>                 60m   Filesystem',
    'waiting     Pending                                            standard       <unset>                 2m    Filesystem',
    'old-class   Terminating                                        slow           <unset>                 2m    <unset>',
  ]);
});

test('resourcequotas: REQUEST and LIMIT columns in byte order, canonical quantities (printResourceQuota)', () => {
  const rqs = [
    {
      metadata: ns('compute', 10 * M),
      spec: { hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi', pods: '10' } },
      status: {
        hard: { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi', pods: '10' },
        used: { 'requests.cpu': '500m', 'requests.memory': '128Mi', 'limits.cpu': '1', 'limits.memory': '256Mi', pods: '2' },
      },
    },
    { metadata: ns('objects', 10 * M), spec: { hard: { configmaps: '10', 'count/deployments.apps': '5' } }, status: { hard: { configmaps: '10', 'count/deployments.apps': '5' }, used: { configmaps: '1' } } },
    { metadata: ns('fresh', 1 * S), spec: { hard: { pods: '4' } } },
  ];
  sameTable(printTable('resourcequotas', rqs, { now }), [
    'NAME      REQUEST                                                        LIMIT                                       AGE',
    'compute   pods: 2/10, requests.cpu: 500m/1, requests.memory: 128Mi/1Gi   limits.cpu: 1/2, limits.memory: 256Mi/2Gi   10m',
    'objects   configmaps: 1/10, count/deployments.apps: 0/5                                                              10m',
    'fresh                                                                                                                1s',
  ]);
});

test('podtemplates, replicationcontrollers, componentstatuses (no AGE where upstream has none)', () => {
  const tpl = {
    metadata: ns('nginx-tpl', 1 * H),
    template: { metadata: { labels: { run: 'nginx', app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox' }] } },
  };
  sameTable(printTable('podtemplates', [tpl], { now }), [
    'NAME        CONTAINERS      IMAGES               POD LABELS',
    'nginx-tpl   nginx,sidecar   nginx:1.27,busybox   app=web,run=nginx',
  ]);
  const rc = {
    metadata: ns('nginx', 7 * M, { generation: 1 }),
    spec: { replicas: 3, selector: { app: 'nginx' }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    status: { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 },
  };
  sameTable(printTable('replicationcontrollers', [rc], { now }), [
    'NAME    DESIRED   CURRENT   READY   AGE',
    'nginx   3         3         2       7m',
  ]);
  sameTable(printTable('replicationcontrollers', [rc], { now, wide: true }), [
    'NAME    DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES   SELECTOR',
    'nginx   3         3         2       7m    nginx        nginx    app=nginx',
  ]);
  const css = [
    { metadata: { name: 'etcd-0' }, conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }] },
    { metadata: { name: 'scheduler' }, conditions: [{ type: 'Healthy', status: 'False', error: 'dial tcp 127.0.0.1:10259: connect: connection refused' }] },
    { metadata: { name: 'controller-manager' } },
  ];
  sameTable(printTable('componentstatuses', css, { now }), [
    'NAME                 STATUS      MESSAGE   ERROR',
    'etcd-0               Healthy     ok        ',
    'scheduler            Unhealthy             dial tcp 127.0.0.1:10259: connect: connection refused',
    'controller-manager   Unknown               ',
  ]);
});

test('limitranges have no printer: the default table convertor (NAME, CREATED AT)', () => {
  const lr = { apiVersion: 'v1', kind: 'LimitRange', metadata: ns('mem-limit-range', 3 * D + 5 * H), spec: { limits: [{ type: 'Container', default: { memory: '512Mi' } }] } };
  sameTable(printTable('limitranges', [lr], { now }), [
    'NAME              CREATED AT',
    'mem-limit-range   2026-11-19T07:00:00Z',
  ]);
  sameTable(printTable('limitranges', [lr], { now, withNamespace: true, withKind: true }), [
    'NAMESPACE   NAME                         CREATED AT',
    'default     limitrange/mem-limit-range   2026-11-19T07:00:00Z',
  ]);
});
