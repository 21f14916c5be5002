// The Service registry's allocators (pkg/registry/core/service/ipallocator, portallocator): ClusterIPs from
// 10.96.0.0/12 and NodePorts from 30000-32767, with their errors as field errors of the create.
import type { KObject, FieldError } from '../api/types.js';
import type { Cluster } from '../store/cluster.js';
import { goStringSlice } from '../api/gofmt.js';

const SERVICE_CIDR = '10.96.0.0/12';
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

const ipNum = (ip: string) => ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
const inServiceCIDR = (ip: string) => /^\d+\.\d+\.\d+\.\d+$/.test(ip) && (ipNum(ip) >>> 20) === (ipNum('10.96.0.0') >>> 20);

const usesClusterIP = (spec: any) => spec.type !== 'ExternalName' && spec.clusterIP !== 'None';
const usesNodePorts = (spec: any) => spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);

function usedIPs(cluster: Cluster): Set<string> {
  const used = new Set<string>();
  for (const s of cluster.list('services')) for (const ip of s.spec?.clusterIPs ?? [s.spec?.clusterIP]) if (ip) used.add(ip);
  return used;
}

function usedNodePorts(cluster: Cluster, except?: KObject): Set<string> {
  const used = new Set<string>();
  for (const s of cluster.list('services')) {
    if (except && s.metadata?.uid === except.metadata?.uid) continue;
    for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(`${p.nodePort}`);
  }
  return used;
}

/** ClusterIP and NodePort allocation for a new Service (beginCreate); returns the allocators' field errors. */
export function allocateServiceCreate(cluster: Cluster, svc: KObject, dryRun: boolean): FieldError[] {
  const spec = svc.spec || (svc.spec = {});
  const errs: FieldError[] = [];
  if (usesClusterIP(spec)) {
    const used = usedIPs(cluster);
    if (spec.clusterIP) {
      const ip: string = spec.clusterIP;
      const v = goStringSlice(spec.clusterIPs ?? [ip]);
      if (!inServiceCIDR(ip)) errs.push({ type: 'Invalid', field: 'spec.clusterIPs', value: v, detail: `failed to allocate IP ${ip}: provided IP is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}` });
      else if (used.has(ip)) errs.push({ type: 'Invalid', field: 'spec.clusterIPs', value: v, detail: `failed to allocate IP ${ip}: provided IP is already allocated` });
      spec.clusterIPs = spec.clusterIPs ?? [ip];
    } else {
      // kubesim: the next free address in order (upstream picks at random)
      const st = dryRun ? { next: cluster.controllerState('ipallocator', () => ({ next: 10 })).next } : cluster.controllerState('ipallocator', () => ({ next: 10 }));
      let ip: string;
      do {
        const n = st.next++;
        ip = `10.96.${Math.floor(n / 254) % 256}.${(n % 254) + 1}`;
      } while (used.has(ip));
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    }
  }
  if (usesNodePorts(spec)) errs.push(...allocateNodePorts(cluster, svc));
  return errs;
}

/** NodePorts for the ports that have none; explicit ones must be in range and free. */
export function allocateNodePorts(cluster: Cluster, svc: KObject, except?: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const used = usedNodePorts(cluster, except);
  const ports: any[] = svc.spec?.ports ?? [];
  ports.forEach((p, i) => {
    if (!p?.nodePort) return;
    const f = `spec.ports[${i}].nodePort`;
    if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
      errs.push({ type: 'Invalid', field: f, value: String(p.nodePort), detail: `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}` });
    } else if (used.has(`${p.nodePort}`)) {
      errs.push({ type: 'Invalid', field: f, value: String(p.nodePort), detail: 'provided port is already allocated' });
    }
    used.add(`${p.nodePort}`);
  });
  // the same port number with another protocol shares its node port
  const byPort = new Map<number, number>();
  for (const p of ports) {
    if (p?.nodePort) { byPort.set(p.port, p.nodePort); continue; }
    if (!p) continue;
    let np = byPort.get(p.port);
    if (np === undefined) {
      const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
      let tries = 0;
      do np = NODE_PORT_MIN + cluster.rng.int(size);
      while (used.has(`${np}`) && ++tries < size);
      used.add(`${np}`);
      byPort.set(p.port, np);
    }
    p.nodePort = np;
  }
  return errs;
}

/** An update that turns on NodePorts (ClusterIP -> NodePort) allocates them; one that turns them off drops them. */
export function allocateServiceUpdate(cluster: Cluster, svc: KObject, old: KObject): FieldError[] {
  const spec = svc.spec || (svc.spec = {});
  if (!usesNodePorts(spec)) {
    if (spec.type === 'ClusterIP' && old.spec?.type !== 'ClusterIP') for (const p of spec.ports ?? []) delete p.nodePort;
    return [];
  }
  return allocateNodePorts(cluster, svc, old);
}
