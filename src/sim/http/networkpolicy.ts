// The CNI's NetworkPolicy enforcement (networking.k8s.io/v1 semantics, as kind's kindnet and other
// policy-enforcing plugins apply them) for connections between pods: a pod selected by a policy of
// type Ingress accepts only what one of those policies' rules allows (peers by podSelector,
// namespaceSelector, ipBlock; ports by number, name, endPort, protocol), and a pod selected by an
// Egress policy sends only what one of them allows. Denied packets are dropped (the client times out).
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { selectorMatches } from '../../controllers/podutil.js';

type Direction = 'Ingress' | 'Egress';

/** The policy's types: spec.policyTypes, or as the API server defaults them (Ingress, and Egress with egress rules). */
function policyTypes(np: KObject): Direction[] {
  const t: Direction[] | undefined = np.spec?.policyTypes;
  if (t?.length) return t;
  return (np.spec?.egress ?? []).length ? ['Ingress', 'Egress'] : ['Ingress'];
}

function ipToInt(ip: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  return m.slice(1).reduce((a, o) => a * 256 + Number(o), 0);
}

function inCidr(ip: string | undefined, cidr: string): boolean {
  if (!ip) return false;
  const [base, bits] = cidr.split('/');
  const a = ipToInt(ip);
  const b = ipToInt(base);
  const n = Number(bits ?? 32);
  if (a === undefined || b === undefined || !(n >= 0 && n <= 32)) return false;
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

/** Whether a rule's peer (from/to entry) is the pod `other`, for a policy in namespace `policyNs`. */
function peerMatches(cluster: Cluster, peer: any, policyNs: string, other: KObject): boolean {
  if (peer?.ipBlock) {
    const ip = other.status?.podIP;
    return inCidr(ip, peer.ipBlock.cidr ?? '') && !(peer.ipBlock.except ?? []).some((c: string) => inCidr(ip, c));
  }
  const otherNs = other.metadata?.namespace ?? 'default';
  if (peer?.namespaceSelector) {
    const ns = cluster.get('namespaces', undefined, otherNs);
    const nsLabels = ns?.metadata?.labels ?? { 'kubernetes.io/metadata.name': otherNs };
    if (!selectorMatches(peer.namespaceSelector, nsLabels)) return false;
    return !peer.podSelector || selectorMatches(peer.podSelector, other.metadata?.labels);
  }
  if (peer?.podSelector) return otherNs === policyNs && selectorMatches(peer.podSelector, other.metadata?.labels);
  return false;
}

/** A named port: the destination pod's container port of that name and protocol. */
function namedPort(dst: KObject, name: string, protocol: string): number | undefined {
  for (const c of dst.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === name && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

function portMatches(rulePorts: any[] | undefined, dst: KObject, port: number, protocol: string): boolean {
  if (!rulePorts?.length) return true;
  return rulePorts.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined || p.port === null) return true;
    const from = typeof p.port === 'number' ? p.port : /^\d+$/.test(p.port) ? Number(p.port) : namedPort(dst, p.port, protocol);
    if (from === undefined) return false;
    return p.endPort !== undefined && typeof p.port === 'number' ? port >= from && port <= p.endPort : port === from;
  });
}

/**
 * Whether `self` (the pod the policies select) lets traffic through in `dir` with `other`: not isolated
 * in that direction, or some rule of a selecting policy allows the peer and the destination port.
 */
function allowedFor(cluster: Cluster, self: KObject, dir: Direction, other: KObject, dst: KObject, port: number, protocol: string): boolean {
  const ns = self.metadata?.namespace ?? 'default';
  const selecting = cluster.list('networkpolicies', ns).filter((np) =>
    policyTypes(np).includes(dir) && selectorMatches(np.spec?.podSelector ?? {}, self.metadata?.labels));
  if (selecting.length === 0) return true;
  const key = dir === 'Ingress' ? 'from' : 'to';
  return selecting.some((np) => ((dir === 'Ingress' ? np.spec?.ingress : np.spec?.egress) ?? []).some((rule: any) =>
    (!rule?.[key]?.length || rule[key].some((peer: any) => peerMatches(cluster, peer, ns, other))) && portMatches(rule?.ports, dst, port, protocol)));
}

/** A connection from pod `src` to pod `dst` on `port`: the source's egress and the destination's ingress policies. */
export function connectionAllowed(cluster: Cluster, src: KObject, dst: KObject, port: number, protocol = 'TCP'): boolean {
  // a pod reaches itself whatever the policies say
  if (src.metadata?.uid && src.metadata.uid === dst.metadata?.uid) return true;
  return allowedFor(cluster, src, 'Egress', dst, dst, port, protocol) && allowedFor(cluster, dst, 'Ingress', src, dst, port, protocol);
}

/**
 * Whether the pod's DNS queries reach the cluster DNS (kube-dns pods in kube-system, port 53/UDP) through
 * its egress policies; a cluster without CoreDNS pods is judged against one that would carry their labels.
 */
export function dnsAllowed(cluster: Cluster, src: KObject): boolean {
  const dns = cluster.list('pods', 'kube-system').filter((p) => p.metadata?.labels?.['k8s-app'] === 'kube-dns');
  const targets: KObject[] = dns.length ? dns : [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }, spec: { containers: [{ name: 'coredns', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] }] } }];
  return targets.some((d) => allowedFor(cluster, src, 'Egress', d, d, 53, 'UDP'));
}
