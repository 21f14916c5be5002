// The control-plane objects a real v1.32 cluster shows: the node and leader-election Leases (renewed as time passes,
// a stopped kubelet's lease no longer), ComponentStatus with kubectl's deprecation warning, the local APIServices and
// the API server's health endpoints (spawned binary, manual clock).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ks, tempHome, type Result } from './helpers.js';
import { apiserverID } from '../../src/controllers/leases/holders.js';

function cluster(...create: string[]): string {
  const home = tempHome();
  for (const a of [['cluster', 'create', 'default', ...create], ['clock', 'set-mode', 'manual']]) {
    const r = ks(home, a);
    assert.equal(r.code, 0, r.stderr);
  }
  return home;
}

function ok(home: string, ...args: string[]): string {
  const r: Result = ks(home, args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  assert.equal(r.stderr, '', args.join(' '));
  return r.stdout;
}

/** The cluster was made a moment before its clock was set to manual: AGE cells may be a second on. */
function ages(s: string): string {
  return s.replace(/ {3}\d+s$/gm, '   AGE');
}

function lease(home: string, ns: string, name: string): any {
  return JSON.parse(ok(home, 'get', 'lease', '-n', ns, name, '-o', 'json'));
}

const micro = (ms: number) => new Date(ms).toISOString().replace(/Z$/, '000Z');

test('the API server identity lease is named from the host as kube-apiserver names it', () => {
  // a kubeadm v1.32 control plane on host `controlplane` holds apiserver-ivtlveyukuyrha5ia44unn7io4
  assert.equal(apiserverID('controlplane'), 'apiserver-ivtlveyukuyrha5ia44unn7io4');
});

test('get leases -A: the node leases, the identity lease and the leader-election leases', () => {
  const home = cluster('--nodes', '2');
  assert.equal(ages(ok(home, 'get', 'leases', '-A')), [
    'NAMESPACE         NAME                                   HOLDER                                                                      AGE',
    'kube-node-lease   node-1                                 node-1                                                                      AGE',
    'kube-node-lease   node-2                                 node-2                                                                      AGE',
    'kube-system       apiserver-lgabes5ywnaqeagh5dny4zlzs4   apiserver-lgabes5ywnaqeagh5dny4zlzs4_18f02b07-9d29-495b-bb9b-f4f1d65a243c   AGE',
    'kube-system       kube-controller-manager                node-1_3c96bda1-9d4f-4d1a-97e3-4cd725e88357                                 AGE',
    'kube-system       kube-scheduler                         node-1_269bc977-4d3f-4116-8fdd-0c94930c8864                                 AGE',
    '',
  ].join('\n'));
  const node = lease(home, 'kube-node-lease', 'node-1');
  const uid = JSON.parse(ok(home, 'get', 'node', 'node-1', '-o', 'json')).metadata.uid;
  assert.deepEqual(node.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid }]);
  assert.deepEqual(node.spec, { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: micro(Date.parse(node.metadata.creationTimestamp)) });
  const id = lease(home, 'kube-system', 'apiserver-lgabes5ywnaqeagh5dny4zlzs4');
  assert.deepEqual(id.metadata.labels, { 'apiserver.kubernetes.io/identity': 'kube-apiserver', 'kubernetes.io/hostname': 'node-1' });
  assert.equal(id.spec.leaseDurationSeconds, 3600);
  const kcm = lease(home, 'kube-system', 'kube-controller-manager');
  const t0 = micro(Date.parse(kcm.metadata.creationTimestamp));
  assert.deepEqual(kcm.spec, { acquireTime: t0, holderIdentity: 'node-1_3c96bda1-9d4f-4d1a-97e3-4cd725e88357', leaseDurationSeconds: 15, leaseTransitions: 0, renewTime: t0 });
  // the kubeadm profile's control plane runs on `controlplane`
  const kubeadm = cluster('--nodes', '2', '--profile', 'kubeadm');
  assert.equal(ages(ok(kubeadm, 'get', 'leases', '-n', 'kube-system')), [
    'NAME                                   HOLDER                                                                      AGE',
    'apiserver-ivtlveyukuyrha5ia44unn7io4   apiserver-ivtlveyukuyrha5ia44unn7io4_18f02b07-9d29-495b-bb9b-f4f1d65a243c   AGE',
    'kube-controller-manager                controlplane_3c96bda1-9d4f-4d1a-97e3-4cd725e88357                           AGE',
    'kube-scheduler                         controlplane_269bc977-4d3f-4116-8fdd-0c94930c8864                           AGE',
    '',
  ].join('\n'));
  assert.equal(ages(ok(kubeadm, 'get', 'leases', '-n', 'kube-node-lease')), 'NAME           HOLDER         AGE\ncontrolplane   controlplane   AGE\nnode01         node01         AGE\n');
});

test('leases are renewed as time passes: every 10 s by the kubelet, every 2 s by the leaders; not while the kubelet is stopped', () => {
  const home = cluster();
  const created = Date.parse(lease(home, 'kube-node-lease', 'node-1').metadata.creationTimestamp);
  // the clock went to manual a moment (under a second) after the cluster was made
  ok(home, 'clock', 'advance', '25s');
  const renew = (ns: string, name: string) => lease(home, ns, name).spec.renewTime;
  assert.equal(renew('kube-node-lease', 'node-1'), micro(created + 20_000));
  assert.equal(renew('kube-system', 'kube-scheduler'), micro(created + 24_000));
  assert.equal(renew('kube-system', 'kube-controller-manager'), micro(created + 24_000));
  assert.equal(renew('kube-system', 'apiserver-lgabes5ywnaqeagh5dny4zlzs4'), micro(created + 20_000));
  // a renewal is the latest thing the cluster saw: its resourceVersion is the cluster's latest
  const rvs = JSON.parse(ok(home, 'get', 'leases', '-A', '-o', 'json')).items.map((l: any) => Number(l.metadata.resourceVersion));
  const latest = Math.max(...JSON.parse(ok(home, 'get', 'namespaces,nodes,apiservices,leases', '-A', '-o', 'json')).items.map((o: any) => Number(o.metadata.resourceVersion)));
  assert.deepEqual(rvs, rvs.map(() => latest));
  // and describe node shows the Lease itself
  const described = ok(home, 'describe', 'node', 'node-1');
  const rfc1123 = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');
  assert.ok(described.includes(`\nLease:\n  HolderIdentity:  node-1\n  AcquireTime:     <unset>\n  RenewTime:       ${rfc1123(created + 20_000)}\n`), described);

  // node stop at +25 s: the kubelet's last renewal stays; the control plane goes on renewing
  assert.equal(ok(home, 'node', 'stop', 'node-1'), 'node/node-1 stopped\n');
  ok(home, 'clock', 'advance', '1h');
  assert.equal(renew('kube-node-lease', 'node-1'), micro(created + 20_000));
  assert.equal(renew('kube-system', 'kube-scheduler'), micro(created + 3_624_000));
  assert.equal(renew('kube-system', 'apiserver-lgabes5ywnaqeagh5dny4zlzs4'), micro(created + 3_620_000));
  assert.ok(ok(home, 'describe', 'node', 'node-1').includes(`\n  RenewTime:       ${rfc1123(created + 20_000)}\n`));
  assert.match(ok(home, 'get', 'nodes'), /node-1 {3}NotReady /);

  // node start: the kubelet renews at once, then every 10 s from then on
  assert.equal(ok(home, 'node', 'start', 'node-1'), 'node/node-1 started\n');
  const started = Date.parse(renew('kube-node-lease', 'node-1'));
  assert.ok(started >= created + 3_625_000 && started < created + 3_626_000, renew('kube-node-lease', 'node-1'));
  ok(home, 'clock', 'advance', '15s');
  assert.equal(renew('kube-node-lease', 'node-1'), micro(started + 10_000));
});

test('a node that registers gets its lease; deleting the node takes the lease with it', () => {
  const home = cluster();
  const r = ks(home, ['apply', '-f', '-'], 'apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-2\n');
  assert.equal(r.code, 0, r.stderr);
  ok(home, 'clock', 'advance', '1s');
  assert.deepEqual(lease(home, 'kube-node-lease', 'worker-2').spec.holderIdentity, 'worker-2');
  ok(home, 'delete', 'node', 'worker-2');
  ok(home, 'clock', 'advance', '1s');
  const gone = ks(home, ['get', 'lease', '-n', 'kube-node-lease', 'worker-2']);
  assert.equal(gone.stderr, 'Error from server (NotFound): leases.coordination.k8s.io "worker-2" not found\n');
});

test('a deleted lease is written again by its holder at its next renewal (a stopped kubelet: when it starts)', () => {
  const home = cluster();
  const created = Date.parse(lease(home, 'kube-node-lease', 'node-1').metadata.creationTimestamp);
  ok(home, 'clock', 'advance', '5s');
  assert.equal(ok(home, 'delete', 'lease', '-n', 'kube-system', 'kube-scheduler'), 'lease.coordination.k8s.io "kube-scheduler" deleted\n');
  assert.equal(ok(home, 'delete', 'lease', '-n', 'kube-node-lease', 'node-1'), 'lease.coordination.k8s.io "node-1" deleted\n');
  ok(home, 'clock', 'advance', '5s');
  // the scheduler re-acquired it at its next retry (+6 s), the kubelet at its next renewal (+10 s)
  const scheduler = lease(home, 'kube-system', 'kube-scheduler');
  assert.deepEqual(scheduler.spec, { acquireTime: micro(created + 6_000), holderIdentity: 'node-1_269bc977-4d3f-4116-8fdd-0c94930c8864', leaseDurationSeconds: 15, leaseTransitions: 0, renewTime: micro(created + 10_000) });
  assert.equal(lease(home, 'kube-node-lease', 'node-1').spec.renewTime, micro(created + 10_000));
  // deleted while the kubelet is down: back when it starts
  ok(home, 'node', 'stop', 'node-1');
  ok(home, 'delete', 'lease', '-n', 'kube-node-lease', 'node-1');
  ok(home, 'clock', 'advance', '30s');
  assert.equal(ks(home, ['get', 'lease', '-n', 'kube-node-lease', 'node-1']).code, 1);
  // describe node says so, as kubectl does when its GET of the lease fails
  assert.match(ok(home, 'describe', 'node', 'node-1'), /\nLease:              Failed to get lease: leases\.coordination\.k8s\.io "node-1" not found\nConditions:\n/);
  ok(home, 'node', 'start', 'node-1');
  assert.equal(lease(home, 'kube-node-lease', 'node-1').spec.holderIdentity, 'node-1');
});

test('get cs: the deprecation warning, then every component Healthy', () => {
  const home = cluster();
  const table = 'NAME                 STATUS    MESSAGE   ERROR\nscheduler            Healthy   ok        \ncontroller-manager   Healthy   ok        \netcd-0               Healthy   ok        \n';
  for (const name of ['cs', 'componentstatuses', 'componentstatus']) {
    const r = ks(home, ['get', name]);
    assert.deepEqual(r, { stdout: table, stderr: 'Warning: v1 ComponentStatus is deprecated in v1.19+\n', code: 0 });
  }
  const one = ks(home, ['get', 'cs', 'etcd-0', '-o', 'yaml']);
  assert.deepEqual(one, {
    stdout: 'apiVersion: v1\nconditions:\n- message: ok\n  status: "True"\n  type: Healthy\nkind: ComponentStatus\nmetadata:\n  creationTimestamp: null\n  name: etcd-0\n',
    stderr: 'Warning: v1 ComponentStatus is deprecated in v1.19+\n',
    code: 0,
  });
  const described = ks(home, ['describe', 'cs', 'scheduler']);
  assert.equal(described.stderr, 'Warning: v1 ComponentStatus is deprecated in v1.19+\n');
  assert.match(described.stdout, /^Name: {9}scheduler\n/);
});

test('get apiservices: one local APIService per served group/version', () => {
  const home = cluster();
  assert.equal(ages(ok(home, 'get', 'apiservices')), [
    'NAME                              SERVICE   AVAILABLE   AGE',
    ...['v1.', 'v1.admissionregistration.k8s.io', 'v1.apiextensions.k8s.io', 'v1.apps', 'v1.authentication.k8s.io', 'v1.authorization.k8s.io',
      'v1.autoscaling', 'v1.batch', 'v1.certificates.k8s.io', 'v1.coordination.k8s.io', 'v1.discovery.k8s.io', 'v1.events.k8s.io',
      'v1.flowcontrol.apiserver.k8s.io', 'v1.networking.k8s.io', 'v1.node.k8s.io', 'v1.policy', 'v1.rbac.authorization.k8s.io',
      'v1.scheduling.k8s.io', 'v1.storage.k8s.io', 'v2.autoscaling'].map((n) => `${n.padEnd(34)}Local     True        AGE`),
    '',
  ].join('\n'));
  const apps = JSON.parse(ok(home, 'get', 'apiservice', 'v1.apps', '-o', 'json'));
  assert.deepEqual(apps.metadata.labels, { 'kube-aggregator.kubernetes.io/automanaged': 'onstart' });
  assert.deepEqual(apps.spec, { group: 'apps', groupPriorityMinimum: 17800, version: 'v1', versionPriority: 15 });
  assert.deepEqual(apps.status.conditions.map((c: any) => [c.type, c.status, c.reason, c.message]), [['Available', 'True', 'Local', 'Local APIServices are always available']]);
  assert.deepEqual(JSON.parse(ok(home, 'get', 'apiservice', 'v1.', '-o', 'json')).spec, { groupPriorityMinimum: 18000, version: 'v1', versionPriority: 1 });
});

const HOOKS = [
  'start-apiserver-admission-initializer', 'generic-apiserver-start-informers', 'priority-and-fairness-config-consumer',
  'priority-and-fairness-filter', 'storage-object-count-tracker-hook', 'start-apiextensions-informers', 'start-apiextensions-controllers',
  'crd-informer-synced', 'start-system-namespaces-controller', 'start-cluster-authentication-info-controller',
  'start-kube-apiserver-identity-lease-controller', 'start-kube-apiserver-identity-lease-garbage-collector',
  'start-legacy-token-tracking-controller', 'start-service-ip-repair-controllers', 'rbac/bootstrap-roles',
  'scheduling/bootstrap-system-priority-classes', 'priority-and-fairness-config-producer', 'bootstrap-controller',
  'aggregator-reload-proxy-client-cert', 'start-kube-aggregator-informers', 'apiservice-status-local-available-controller',
  'apiservice-status-remote-available-controller', 'apiservice-registration-controller', 'apiservice-discovery-controller',
  'kube-apiserver-autoregistration',
].map((h) => `[+]poststarthook/${h} ok`);
const TAIL = ['[+]autoregister-completion ok', '[+]poststarthook/apiservice-openapi-controller ok', '[+]poststarthook/apiservice-openapiv3-controller ok'];

test('get --raw /readyz?verbose, /livez?verbose, /healthz?verbose: the v1.32 API server check lists', () => {
  const home = cluster();
  assert.equal(ok(home, 'get', '--raw', '/readyz?verbose'),
    ['[+]ping ok', '[+]log ok', '[+]etcd ok', '[+]etcd-readiness ok', '[+]informer-sync ok', ...HOOKS, ...TAIL, '[+]shutdown ok', 'readyz check passed', ''].join('\n'));
  for (const ep of ['livez', 'healthz']) {
    assert.equal(ok(home, 'get', '--raw', `/${ep}?verbose`), ['[+]ping ok', '[+]log ok', '[+]etcd ok', ...HOOKS, ...TAIL, `${ep} check passed`, ''].join('\n'));
    assert.equal(ok(home, 'get', '--raw', `/${ep}`), 'ok');
  }
  assert.equal(ok(home, 'get', '--raw', '/readyz/etcd'), 'ok');
  assert.equal(ok(home, 'get', '--raw', '/livez/poststarthook/rbac/bootstrap-roles'), 'ok');
  const excluded = ok(home, 'get', '--raw', '/readyz?verbose&exclude=etcd&exclude=nope&exclude=informer-sync');
  assert.match(excluded, /^\[\+\]ping ok\n\[\+\]log ok\n\[\+\]etcd excluded: ok\n\[\+\]etcd-readiness ok\n\[\+\]informer-sync excluded: ok\n/);
  assert.match(excluded, /\[\+\]shutdown ok\nwarn: some health checks cannot be excluded: no matches for "nope"\nreadyz check passed\n$/);
  const missing = ks(home, ['get', '--raw', '/readyz/nope']);
  assert.deepEqual(missing, { stdout: '', stderr: 'Error from server (NotFound): the server could not find the requested resource\n', code: 1 });
  // etcd-readiness is a readiness check only
  assert.equal(ks(home, ['get', '--raw', '/livez/etcd-readiness']).code, 1);
});
