// What a brand-new cluster holds, as a freshly installed real cluster does: Ready nodes, the four
// standard namespaces, the `kubernetes` Service and a kube-root-ca.crt ConfigMap in every namespace.
import { Cluster } from '../store/cluster.js';
import { DEFAULT_SIM_CONFIG, SCHEMA_VERSION, type ClusterState } from '../store/state.js';
import { newClock } from './clock.js';
import { seedRng } from './rng.js';
import { makeNode } from '../controllers/nodes.js';

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

export function newClusterState(name: string, nodes = 1): ClusterState {
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
  for (let i = 1; i <= nodes; i++) c.create('nodes', makeNode(`node-${i}`, c.nowRFC3339()));
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
  c.dirty = true;
  return state;
}

/** The root CA ConfigMap the kube-controller-manager publishes into every namespace. */
export function addRootCA(c: Cluster, ns: string): void {
  c.create('configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-root-ca.crt', namespace: ns, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
    data: { 'ca.crt': CA_CRT },
  });
}
