import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newCluster, rsObject } from './helpers.js';
import { applyDefaults } from '../../src/api/defaults.js';
import type { KObject } from '../../src/api/types.js';

function svcObject(name: string, spec: any = {}, labels: any = { app: name }): KObject {
  if (labels === null) labels = undefined;
  return applyDefaults({
    apiVersion: 'v1', kind: 'Service',
    metadata: { name, namespace: 'default', labels },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 80 }], clusterIP: '10.96.0.50', clusterIPs: ['10.96.0.50'], ...spec },
  });
}

const addrs = (ep: KObject | undefined) => (ep?.subsets || []).map((s: any) =>
  `ready=${(s.addresses || []).map((a: any) => a.ip).join(',')} notReady=${(s.notReadyAddresses || []).map((a: any) => a.ip).join(',')} ports=${(s.ports || []).map((p: any) => `${p.name ?? ''}:${p.port}`).join(',')}`);

test('Endpoints follow pod readiness: notReadyAddresses while starting, addresses once Ready', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('web', 2));
  cluster.create('services', svcObject('web'));
  at(0);
  let ep = cluster.get('endpoints', 'default', 'web')!;
  assert.deepEqual(addrs(ep), ['ready= notReady=10.244.0.2,10.244.0.3 ports=:80']);
  assert.deepEqual(ep.metadata!.labels, { app: 'web' });
  assert.equal(ep.metadata!.annotations!['endpoints.kubernetes.io/last-change-trigger-time'], '2026-11-22T23:18:35Z');
  at(1500);
  ep = cluster.get('endpoints', 'default', 'web')!;
  assert.deepEqual(addrs(ep), ['ready=10.244.0.2,10.244.0.3 notReady= ports=:80']);
  assert.equal(ep.metadata!.annotations!['endpoints.kubernetes.io/last-change-trigger-time'], '2026-11-22T23:18:36Z');
  const a = ep.subsets[0].addresses[0];
  assert.deepEqual(Object.keys(a), ['ip', 'nodeName', 'targetRef']);
  assert.equal(a.nodeName, 'node-1');
  assert.deepEqual(Object.keys(a.targetRef), ['kind', 'namespace', 'name', 'uid']);
  assert.equal(a.targetRef.kind, 'Pod');
  // scaling down: the deleted pod leaves at once (terminating pods are not in Endpoints)
  const rs = JSON.parse(JSON.stringify(cluster.get('replicasets', 'default', 'web')));
  rs.spec.replicas = 1;
  cluster.update('replicasets', rs);
  at(1600);
  ep = cluster.get('endpoints', 'default', 'web')!;
  assert.equal(ep.subsets[0].addresses.length, 1);
  // no changed trigger: the annotation goes
  assert.equal(ep.metadata!.annotations, undefined);
});

test('publishNotReadyAddresses lists starting pods as ready; the slice says ready but not serving', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('web', 1));
  cluster.create('services', svcObject('web', { publishNotReadyAddresses: true }));
  at(0);
  assert.deepEqual(addrs(cluster.get('endpoints', 'default', 'web')), ['ready=10.244.0.2 notReady= ports=:80']);
  const [slice] = cluster.list('endpointslices', 'default').filter((s) => s.metadata!.name !== 'kubernetes');
  assert.deepEqual(slice.endpoints[0].conditions, { ready: true, serving: false, terminating: false });
});

test('named target ports resolve per pod; pods without the port are left out', () => {
  const { cluster, at } = newCluster();
  cluster.create('replicasets', rsObject('web', 1, 'nginx:1.14.2', { container: { ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] } }));
  cluster.create('replicasets', rsObject('other', 1));
  const other = JSON.parse(JSON.stringify(cluster.get('replicasets', 'default', 'other')));
  other.spec.template.metadata.labels.app = 'web';
  other.spec.selector.matchLabels = { app: 'web', x: 'y' };
  other.spec.template.metadata.labels.x = 'y';
  cluster.update('replicasets', other);
  cluster.create('services', svcObject('web', { ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] }));
  at(2000);
  const ep = cluster.get('endpoints', 'default', 'web')!;
  assert.deepEqual(addrs(ep), ['ready=10.244.0.2 notReady= ports=web:8080']);
  // the slice controller keeps the portless pod in a slice of its own
  const slices = cluster.list('endpointslices', 'default').filter((s) => s.metadata!.name !== 'kubernetes');
  assert.deepEqual(slices.map((s) => `${(s.ports || []).map((p: any) => p.port).join(',')}:${s.endpoints.map((e: any) => e.addresses[0]).join(',')}`).sort(), ['8080:10.244.0.2', ':10.244.0.3']);
});

test('headless Services: the headless label, hostnames of pods whose subdomain names the Service', () => {
  const { cluster, at } = newCluster();
  cluster.create('pods', applyDefaults({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db-0', namespace: 'default', labels: { app: 'db' } },
    spec: { hostname: 'db-0', subdomain: 'db', containers: [{ name: 'c', image: 'redis' }] } }));
  cluster.create('services', svcObject('db', { clusterIP: 'None', clusterIPs: ['None'], ports: [] }, null));
  at(2000);
  const ep = cluster.get('endpoints', 'default', 'db')!;
  assert.deepEqual(ep.metadata!.labels, { 'service.kubernetes.io/headless': '' });
  assert.deepEqual(ep.subsets, [{ addresses: [{ ip: '10.244.0.2', hostname: 'db-0', nodeName: 'node-1', targetRef: ep.subsets[0].addresses[0].targetRef }] }]);
  const [slice] = cluster.list('endpointslices', 'default').filter((s) => s.metadata!.name !== 'kubernetes');
  assert.equal(slice.endpoints[0].hostname, 'db-0');
  assert.deepEqual(slice.metadata!.labels, {
    'service.kubernetes.io/headless': '',
    'kubernetes.io/service-name': 'db',
    'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
  });
});

test('Services without a selector and ExternalName Services get no managed endpoints', () => {
  const { cluster, at } = newCluster();
  cluster.create('services', svcObject('ext', { selector: undefined }));
  cluster.create('services', svcObject('name', { type: 'ExternalName', externalName: 'example.com', clusterIP: undefined, clusterIPs: undefined, ports: [] }));
  at(100);
  assert.equal(cluster.get('endpoints', 'default', 'ext'), undefined);
  assert.equal(cluster.get('endpoints', 'default', 'name'), undefined);
  assert.deepEqual(cluster.list('endpointslices', 'default'), []);
});

test('the EndpointSlice: generated name, owner, labels, placeholder, terminating endpoints, the name kept', () => {
  const { cluster, at } = newCluster();
  cluster.create('services', svcObject('web'));
  at(0);
  let [slice] = cluster.list('endpointslices', 'default');
  assert.match(slice.metadata!.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  const name = slice.metadata!.name;
  assert.equal(slice.metadata!.generateName, 'web-');
  assert.deepEqual(slice.metadata!.ownerReferences, [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: cluster.get('services', 'default', 'web')!.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
  assert.deepEqual(slice.metadata!.labels, { app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
  assert.equal(slice.endpoints, null);
  assert.equal(slice.ports, null);
  cluster.create('replicasets', rsObject('web', 1));
  at(2000);
  [slice] = cluster.list('endpointslices', 'default');
  assert.equal(slice.metadata!.name, name);
  assert.deepEqual(slice.ports, [{ name: '', protocol: 'TCP', port: 80 }]);
  assert.deepEqual(Object.keys(slice.endpoints[0]), ['addresses', 'conditions', 'targetRef', 'nodeName']);
  assert.deepEqual(slice.endpoints[0].conditions, { ready: true, serving: true, terminating: false });
  // a terminating pod stays in the slice, not ready, still serving
  const pod = cluster.list('pods', 'default')[0];
  const del = JSON.parse(JSON.stringify(pod));
  del.metadata.deletionTimestamp = cluster.nowRFC3339();
  del.metadata.deletionGracePeriodSeconds = 30;
  cluster.update('pods', del);
  at(2100);
  [slice] = cluster.list('endpointslices', 'default');
  assert.deepEqual(slice.endpoints.find((e: any) => e.targetRef.name === pod.metadata!.name).conditions, { ready: false, serving: true, terminating: true });
  // the Service goes: its Endpoints with it, its slices by garbage collection
  cluster.remove('services', 'default', 'web');
  at(2200);
  assert.equal(cluster.get('endpoints', 'default', 'web'), undefined);
  assert.deepEqual(cluster.list('endpointslices', 'default'), []);
});

test('LoadBalancer Services get an address from the MetalLB pool, and give it back', () => {
  const { cluster, at } = newCluster();
  cluster.create('services', svcObject('a', { type: 'LoadBalancer' }));
  cluster.create('services', svcObject('b', { type: 'LoadBalancer', clusterIP: '10.96.0.51', clusterIPs: ['10.96.0.51'] }));
  at(0);
  assert.deepEqual(cluster.get('services', 'default', 'a')!.status!.loadBalancer, { ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] });
  assert.deepEqual(cluster.get('services', 'default', 'b')!.status!.loadBalancer, { ingress: [{ ip: '172.18.255.201', ipMode: 'VIP' }] });
  const ev = cluster.list('events', 'default').filter((e) => e.involvedObject.name === 'a').map((e) => `${e.source.component} ${e.reason} ${e.message}`);
  assert.deepEqual(ev, ['metallb-controller IPAllocated Assigned IP ["172.18.255.200"]', 'metallb-speaker nodeAssigned announcing from node "node-1" with protocol "layer2"']);
  const a = JSON.parse(JSON.stringify(cluster.get('services', 'default', 'a')));
  a.spec.type = 'ClusterIP';
  cluster.update('services', a);
  at(100);
  assert.deepEqual(cluster.get('services', 'default', 'a')!.status!.loadBalancer, {});
  cluster.create('services', svcObject('c', { type: 'LoadBalancer', clusterIP: '10.96.0.52', clusterIPs: ['10.96.0.52'] }));
  at(200);
  assert.equal(cluster.get('services', 'default', 'c')!.status!.loadBalancer.ingress[0].ip, '172.18.255.200');
});

test('user-managed Endpoints of a Service without a selector are mirrored into an EndpointSlice', () => {
  const { cluster, at } = newCluster();
  cluster.create('services', svcObject('db', { selector: undefined, ports: [{ port: 5432, targetPort: 5432, protocol: 'TCP' }] }, null));
  cluster.create('endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db', namespace: 'default' },
    subsets: [{ addresses: [{ ip: '192.168.1.10' }], notReadyAddresses: [{ ip: '192.168.1.11' }], ports: [{ port: 5432, protocol: 'TCP' }] }] });
  at(0);
  const [slice] = cluster.list('endpointslices', 'default');
  assert.match(slice.metadata!.name!, /^db-/);
  assert.deepEqual(slice.metadata!.labels, { 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' });
  assert.deepEqual(slice.endpoints, [{ addresses: ['192.168.1.10'], conditions: { ready: true } }, { addresses: ['192.168.1.11'], conditions: { ready: false } }]);
  assert.deepEqual(slice.ports, [{ name: '', protocol: 'TCP', port: 5432 }]);
  // the Endpoints stay the user's: the endpoints controller does not touch them
  assert.deepEqual(cluster.get('endpoints', 'default', 'db')!.subsets[0].addresses, [{ ip: '192.168.1.10' }]);
  const ep = JSON.parse(JSON.stringify(cluster.get('endpoints', 'default', 'db')));
  ep.subsets[0].addresses.push({ ip: '192.168.1.12' });
  cluster.update('endpoints', ep);
  at(100);
  assert.equal(cluster.list('endpointslices', 'default')[0].endpoints.length, 3);
});
