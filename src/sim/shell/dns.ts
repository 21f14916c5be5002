// Cluster DNS as CoreDNS answers a pod (the Kubernetes DNS specification): Services
// (<svc>.<ns>.svc.cluster.local: the ClusterIP, or the ready endpoints of a headless Service, or a
// CNAME for ExternalName), pod A records (a-b-c-d.<ns>.pod.cluster.local), hostnames of pods behind
// a headless Service (<hostname>.<subdomain>.<ns>.svc.cluster.local), with the pod's search path
// (<ns>.svc.cluster.local svc.cluster.local cluster.local, ndots:5).
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { CLUSTER_DOMAIN } from './clusterdns.js';

export interface DnsAnswer { fqdn: string; ips: string[]; cname?: string; service?: KObject; pod?: KObject }

const SVC_SUFFIX = `.svc.${CLUSTER_DOMAIN}`;

function readyAddresses(cluster: Cluster, svc: KObject): { ip: string; hostname?: string; pod?: string }[] {
  const out: { ip: string; hostname?: string; pod?: string }[] = [];
  for (const s of cluster.list('endpointslices', svc.metadata!.namespace)) {
    if (s.metadata?.labels?.['kubernetes.io/service-name'] !== svc.metadata!.name) continue;
    for (const ep of s.endpoints || []) {
      if (ep.conditions?.ready === false && !svc.spec?.publishNotReadyAddresses) continue;
      out.push({ ip: ep.addresses[0], hostname: ep.hostname, pod: ep.targetRef?.name });
    }
  }
  return out.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
}

/** An absolute name (no search path). */
export function lookupFQDN(cluster: Cluster, fqdn: string): DnsAnswer | undefined {
  const name = fqdn.replace(/\.$/, '').toLowerCase();
  if (name.endsWith(SVC_SUFFIX)) {
    const labels = name.slice(0, -SVC_SUFFIX.length).split('.');
    if (labels.length === 2) {
      const [svcName, ns] = labels;
      const svc = cluster.get('services', ns, svcName);
      if (!svc) return undefined;
      if (svc.spec?.type === 'ExternalName') return { fqdn: name, ips: [], cname: svc.spec.externalName, service: svc };
      if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') return { fqdn: name, ips: [svc.spec.clusterIP], service: svc };
      const ips = readyAddresses(cluster, svc).map((a) => a.ip);
      return ips.length ? { fqdn: name, ips, service: svc } : undefined;
    }
    if (labels.length === 3) {
      const [host, svcName, ns] = labels;
      const svc = cluster.get('services', ns, svcName);
      if (!svc || (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None')) return undefined;
      const a = readyAddresses(cluster, svc).find((x) => x.hostname === host);
      if (!a) return undefined;
      return { fqdn: name, ips: [a.ip], pod: a.pod ? cluster.get('pods', ns, a.pod) : undefined };
    }
    return undefined;
  }
  const podSuffix = `.pod.${CLUSTER_DOMAIN}`;
  if (name.endsWith(podSuffix)) {
    const labels = name.slice(0, -podSuffix.length).split('.');
    if (labels.length !== 2) return undefined;
    const ip = labels[0].replace(/-/g, '.');
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return undefined;
    return { fqdn: name, ips: [ip] };
  }
  return undefined;
}

/** The pod's resolver: an IP as itself, names through the search path (ndots:5). */
export function resolve(cluster: Cluster, pod: KObject, name: string): DnsAnswer | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { fqdn: name, ips: [name] };
  const ns = pod.metadata!.namespace;
  const dots = (name.match(/\./g) || []).length;
  const search = [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  const candidates = name.endsWith('.') ? [name] : dots >= 5 ? [name, ...search.map((s) => `${name}.${s}`)] : [...search.map((s) => `${name}.${s}`), name];
  for (const c of candidates) {
    const a = lookupFQDN(cluster, c);
    if (a) return a;
  }
  return undefined;
}

/** What an IP is: a Service's ClusterIP, a pod, or the API server's address. */
export function whoIs(cluster: Cluster, ip: string): { service?: KObject; pod?: KObject } {
  for (const s of cluster.list('services')) if (s.spec?.clusterIP === ip) return { service: s };
  for (const p of cluster.list('pods')) if (p.status?.podIP === ip && p.status?.phase === 'Running' && !p.spec?.hostNetwork) return { pod: p };
  return {};
}
