// What a brand-new cluster holds, as a freshly installed real v1.32 cluster does: Ready nodes, the four
// standard namespaces with their `default` ServiceAccount and kube-root-ca.crt ConfigMap, the
// `kubernetes` Service with its Endpoints and EndpointSlice, the system PriorityClasses and the
// bootstrap RBAC roles.
import { Cluster } from '../store/cluster.js';
import type { KObject } from '../api/types.js';
import { DEFAULT_SIM_CONFIG, SCHEMA_VERSION, type ClusterState } from '../store/state.js';
import { newClock } from './clock.js';
import { seedRng } from './rng.js';
import { makeNode, nodeInternalIP } from '../controllers/nodes.js';
import { seedRegisteredNodes } from '../controllers/nodelifecycle/registered.js';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from './bootstrap-rbac.js';
import { addKubeadmNodes, addKubeadmObjects } from './profiles/kubeadm.js';
import { standardStorageClass } from './storageclass.js';
import { localAPIServices } from './bootstrap-apiservices.js';
import { addControlPlaneLeases, ensureNodeLease } from '../controllers/leases/holders.js';

/** `cluster create --profile`: the bare control plane the recordings were made on, or a kubeadm-like cluster. */
export type ClusterProfile = 'default' | 'kubeadm';
export const CLUSTER_PROFILES: ClusterProfile[] = ['default', 'kubeadm'];

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

// A self-signed CA certificate body (the simulated cluster has no real PKI; the shape is what matters).
const CA_CRT = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIEr3sdMBT1bUwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AxMKa3ViZXJuZXRlczAeFw0yNjExMjIyMzEwMDBaFw0zNjExMjAyMzE1MDBaMBUx
EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQC5a2ltdWxhdGVkIGNsdXN0ZXIgY2VydGlmaWNhdGUga3ViZXNpbSBrdWJl
c2ltIGt1YmVzaW0ga3ViZXNpbSBrdWJlc2ltIGt1YmVzaW0ga3ViZXNpbSBrdWJl
-----END CERTIFICATE-----
`;

/**
 * A new cluster's state. Its objects' managedFields are recorded as a control plane's would be when the field manager
 * is loaded (store/session.ts freshClusterState loads it first: a cluster is the same whichever command makes it).
 */
export function newClusterState(name: string, nodes = 1, profile: ClusterProfile = 'default'): ClusterState {
  const state: ClusterState = {
    schemaVersion: SCHEMA_VERSION,
    name,
    clock: newClock(),
    rng: seedRng(`kubesim/${name}`),
    resourceVersion: 0,
    objects: {},
    timers: [],
    timerSeq: 0,
    config: { ...DEFAULT_SIM_CONFIG },
    controllers: {},
  };
  const c = new Cluster(state);
  for (const ns of SYSTEM_NAMESPACES) {
    c.create('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  if (profile === 'kubeadm') addKubeadmNodes(c, nodes);
  else for (let i = 1; i <= nodes; i++) c.create('nodes', makeNode(`node-${i}`, c.nowRFC3339()));
  seedRegisteredNodes(state, c.list('nodes'));
  c.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  });
  for (const ns of SYSTEM_NAMESPACES) addRootCA(c, ns);
  addControlPlaneObjects(state);
  addComponentObjects(state);
  if (profile === 'default') {
    // kind applies its default `standard` StorageClass once the control plane is up (its uid from a
    // stream of its own, like the other bootstrap objects)
    const side = new Cluster({ ...state, rng: seedRng(`kubesim/${name}/storage`) });
    side.create('storageclasses', standardStorageClass());
    state.resourceVersion = side.state.resourceVersion;
  }
  if (profile === 'kubeadm') {
    // kubeadm's objects draw their uids from a stream of their own too
    const side = new Cluster({ ...state, rng: seedRng(`kubesim/${name}/kubeadm`) });
    addKubeadmObjects(side, CA_CRT);
    state.resourceVersion = side.state.resourceVersion;
  }
  c.dirty = true;
  return state;
}

/**
 * What the API server and the controller manager add to a new cluster besides namespaces, nodes and
 * the `kubernetes` Service. Their uids come from a random stream of their own, so the names the
 * cluster's own stream generates later (pod suffixes) do not depend on how much bootstrap there is.
 */
function addControlPlaneObjects(state: ClusterState): void {
  const side: ClusterState = { ...state, rng: seedRng(`kubesim/${state.name}/control-plane`) };
  const c = new Cluster(side);
  // the API server's endpoint reconciler publishes where the apiserver listens (the first node, port 6443)
  const apiserverIP = nodeInternalIP(c.get('nodes', undefined, 'node-1') ?? c.get('nodes', undefined, 'controlplane')) ?? '172.18.0.2';
  c.create('endpoints', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: apiserverIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });
  c.create('endpointslices', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [apiserverIP], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  } as KObject);
  // the scheduling REST storage's system priority classes
  for (const [name, value, description] of SYSTEM_PRIORITY_CLASSES) {
    c.create('priorityclasses', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description, preemptionPolicy: 'PreemptLowerPriority' } as KObject);
  }
  for (const r of bootstrapClusterRoles()) c.create('clusterroles', r);
  for (const b of bootstrapClusterRoleBindings()) c.create('clusterrolebindings', b);
  for (const ns of SYSTEM_NAMESPACES) addDefaultServiceAccount(c, ns);
  state.resourceVersion = side.resourceVersion;
}

/**
 * What the running components write once they are up, each from a random stream of its own: the aggregator's local
 * APIServices, the API server's identity lease and the leader-election leases (the control plane runs on the first
 * node, whose address the `kubernetes` endpoints publish) and every kubelet's node lease.
 */
function addComponentObjects(state: ClusterState): void {
  const apis = new Cluster({ ...state, rng: seedRng(`kubesim/${state.name}/apiservices`) });
  for (const a of localAPIServices(apis.nowRFC3339())) apis.create('apiservices', a, { writer: { manager: 'kube-apiserver' } });
  state.resourceVersion = apis.state.resourceVersion;
  const leases = new Cluster({ ...state, rng: seedRng(`kubesim/${state.name}/leases`) });
  const nodes = leases.list('nodes');
  if (nodes.length) addControlPlaneLeases(leases, nodes[0].metadata!.name!);
  for (const n of nodes) ensureNodeLease(leases, n);
  state.resourceVersion = leases.state.resourceVersion;
}

const SYSTEM_PRIORITY_CLASSES: [string, number, string][] = [
  ['system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'],
  ['system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'],
];

/** The `default` ServiceAccount the serviceaccounts controller keeps in every namespace. */
export function addDefaultServiceAccount(c: Cluster, ns: string): void {
  if (c.get('serviceaccounts', ns, 'default')) return;
  c.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
}

/** The root CA ConfigMap the kube-controller-manager publishes into every namespace. */
export function addRootCA(c: Cluster, ns: string): void {
  if (c.get('configmaps', ns, 'kube-root-ca.crt')) return;
  c.create('configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-root-ca.crt', namespace: ns, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
    data: { 'ca.crt': CA_CRT },
  });
}
