// LoadBalancer Services on a bare-metal cluster (kind, minikube) get their external IP from MetalLB:
// its controller assigns an address from the pool (here 172.18.255.200-250, on kind's docker
// network) to status.loadBalancer.ingress, and its speaker announces it from a node. Without it
// EXTERNAL-IP would stay <pending> forever, which is not what a learner's cluster shows.
import type { KObject } from '../../api/types.js';
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import type { ManagerContext } from '../manager.js';
import { splitKey } from '../podutil.js';
import { jsonEqual } from '../../store/json.js';

const NAME = 'loadbalancer';
export const LB_POOL = { prefix: '172.18.255.', first: 200, last: 250 };
const CONTROLLER = { component: 'metallb-controller' };
const SPEAKER = { component: 'metallb-speaker' };

const ingressIPs = (svc: KObject): string[] => (svc.status?.loadBalancer?.ingress || []).map((i: any) => i.ip).filter(Boolean);

function usedIPs(ctx: ManagerContext, except: KObject): Set<string> {
  const used = new Set<string>();
  for (const s of ctx.cluster.list('services')) if (s.metadata?.uid !== except.metadata?.uid) for (const ip of ingressIPs(s)) used.add(ip);
  return used;
}

function inPool(ip: string): boolean {
  if (!ip.startsWith(LB_POOL.prefix)) return false;
  const n = Number(ip.slice(LB_POOL.prefix.length));
  return Number.isInteger(n) && n >= LB_POOL.first && n <= LB_POOL.last;
}

function setIngress(ctx: ManagerContext, svc: KObject, ingress: any[] | undefined): void {
  const lb = ingress?.length ? { ingress } : {};
  if (jsonEqual(svc.status?.loadBalancer ?? {}, lb)) return;
  ctx.cluster.updateStatus('services', { ...svc, status: { ...(svc.status || {}), loadBalancer: lb } });
}

function sync(ctx: ManagerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const svc = ctx.cluster.get('services', ns, name);
  if (!svc) return;
  if (svc.spec?.type !== 'LoadBalancer') {
    // a Service that is no longer a LoadBalancer gives its address back
    if (ingressIPs(svc).length) setIngress(ctx, svc, undefined);
    return;
  }
  const have = ingressIPs(svc);
  const want: string | undefined = svc.spec?.loadBalancerIP;
  if (have.length && (!want || have.includes(want))) return;
  const used = usedIPs(ctx, svc);
  let ip: string | undefined;
  if (want) {
    if (inPool(want) && !used.has(want)) ip = want;
  } else {
    for (let n = LB_POOL.first; n <= LB_POOL.last && !ip; n++) if (!used.has(LB_POOL.prefix + n)) ip = LB_POOL.prefix + n;
  }
  if (!ip) {
    ctx.recorder.event(CONTROLLER, svc, 'Warning', 'AllocationFailed', `Failed to allocate IP for "${key}": no available IPs`);
    return;
  }
  setIngress(ctx, svc, [{ ip, ipMode: 'VIP' }]);
  ctx.recorder.event(CONTROLLER, svc, 'Normal', 'IPAllocated', `Assigned IP ["${ip}"]`);
  const node = ctx.cluster.list('nodes').find((n) => !n.spec?.unschedulable)?.metadata?.name ?? 'node-1';
  ctx.recorder.event(SPEAKER, svc, 'Normal', 'nodeAssigned', `announcing from node "${node}" with protocol "layer2"`);
}

export const loadBalancerController: ControllerModule = {
  name: NAME,
  watch: {
    services: (t, svc, old, q) => {
      if (t === 'DELETED') return;
      if (svc.spec?.type === 'LoadBalancer' || old?.spec?.type === 'LoadBalancer' || ingressIPs(svc).length) q.add(NAME, objectKey(svc));
    },
  },
  start(ctx, q) {
    for (const s of ctx.cluster.list('services')) if (s.spec?.type === 'LoadBalancer' || ingressIPs(s).length) q.add(NAME, objectKey(s));
  },
  sync,
};
