// The kube-proxy view of a Service: which endpoints take its traffic. Ready endpoints of the
// Service's EndpointSlices (terminating ones only when no endpoint is ready: ProxyTerminatingEndpoints),
// for the slice port whose name matches the Service port. kubesim: requests are spread round robin
// (deterministic), where iptables mode picks at random; the rotation is kept per Service and port
// in the cluster state, so successive `kubesim curl` runs carry on where the last one stopped.
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';

export interface Backend {
  ip: string;
  port: number;
  /** the pod behind the endpoint (targetRef), when it still exists */
  pod?: KObject;
  nodeName?: string;
}

/** The Service port addressed by number or name (the first one when unspecified). */
export function servicePortOf(svc: KObject, port?: string | number): any | undefined {
  const ports: any[] = svc.spec?.ports || [];
  if (port === undefined || port === '') return ports[0];
  return ports.find((p) => String(p.port) === String(port) || p.name === String(port));
}

/** The endpoints taking traffic for one Service port, in slice order. */
export function serviceBackends(cluster: Cluster, svc: KObject, svcPort: any): Backend[] {
  const ns = svc.metadata!.namespace;
  const name = svc.metadata!.name!;
  const ready: Backend[] = [];
  const terminating: Backend[] = [];
  const slices = cluster.list('endpointslices', ns).filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === name);
  for (const s of slices) {
    const sp = (s.ports || []).find((p: any) => (p.name ?? '') === (svcPort?.name ?? '') && (p.protocol ?? 'TCP') === (svcPort?.protocol ?? 'TCP'));
    if (!sp) continue;
    for (const ep of s.endpoints || []) {
      const c = ep.conditions || {};
      const b: Backend = { ip: ep.addresses[0], port: sp.port, nodeName: ep.nodeName };
      if (ep.targetRef?.kind === 'Pod') b.pod = cluster.get('pods', ep.targetRef.namespace ?? ns, ep.targetRef.name);
      if (c.ready !== false) ready.push(b);
      else if (c.serving && c.terminating) terminating.push(b);
    }
  }
  return ready.length ? ready : terminating;
}

interface ProxyState { next: Record<string, number> }

/** The next backend in the rotation (undefined when the Service has none). */
export function pickBackend(cluster: Cluster, svc: KObject, svcPort: any, backends: Backend[]): Backend | undefined {
  if (!backends.length) return undefined;
  const st = cluster.controllerState<ProxyState>('kube-proxy', () => ({ next: {} }));
  const key = `${svc.metadata!.namespace}/${svc.metadata!.name}:${svcPort?.port ?? ''}`;
  const i = (st.next[key] ?? 0) % backends.length;
  st.next[key] = i + 1;
  cluster.dirty = true;
  return backends[i];
}
