// What the endpoints, endpointslice and endpointslicemirroring controllers share
// (k8s.io/endpointslice/util, pkg/api/v1/pod FindPort, pkg/controller/util/endpoint).
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import type { Enqueue } from '../module.js';
import { isPodReady, selectorMatches } from '../podutil.js';
import { objectKey } from '../module.js';
import { jsonEqual } from '../../store/json.js';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
export const ANNOTATION_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

/** A Service's selector as a label selector; undefined for a Service without one (no managed endpoints). */
export function serviceSelector(svc: KObject): { matchLabels: Record<string, string> } | undefined {
  const sel = svc.spec?.selector;
  return sel ? { matchLabels: sel } : undefined;
}

/** helper.IsServiceIPSet: a ClusterIP that is neither empty nor None (headless Services have none). */
export function isServiceIPSet(svc: KObject): boolean {
  const ip = svc.spec?.clusterIP;
  return !!ip && ip !== 'None';
}

/** The pods a Service selects (podLister.Pods(ns).List(selector)). */
export function podsForService(cluster: Cluster, svc: KObject): KObject[] {
  const sel = serviceSelector(svc);
  if (!sel) return [];
  return cluster.list('pods', svc.metadata!.namespace).filter((p) => selectorMatches(sel, p.metadata?.labels));
}

/** ShouldPodBeInEndpoints: not terminal, has an IP, and (unless terminating ones count) not being deleted. */
export function shouldPodBeInEndpoints(pod: KObject, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod names this Service as its subdomain and has a hostname. */
export function shouldSetHostname(pod: KObject, svc: KObject): boolean {
  return !!pod.spec?.hostname && pod.spec?.subdomain === svc.metadata?.name && pod.metadata?.namespace === svc.metadata?.namespace;
}

/**
 * podutil.FindPort: a numeric targetPort as is; a named one is looked up among the containers'
 * ports with the same protocol. undefined when the pod has no such port (the pod is skipped for it).
 */
export function findPort(pod: KObject, svcPort: any): number | undefined {
  const tp = svcPort.targetPort ?? svcPort.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(String(tp))) return parseInt(String(tp), 10);
  const proto = svcPort.protocol || 'TCP';
  for (const c of pod.spec?.containers || []) {
    for (const p of c.ports || []) if (p.name === tp && (p.protocol || 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

/** The pod's IP of the Service's family (IPv4 only in the simulation). */
export function podIPv4(pod: KObject): string | undefined {
  for (const p of pod.status?.podIPs || []) if (p.ip && !p.ip.includes(':')) return p.ip;
  const ip = pod.status?.podIP;
  return ip && !ip.includes(':') ? ip : undefined;
}

/** podEndpointChanged: whether a pod update can change the endpoints built from it. */
export function podEndpointChanged(a: KObject, b: KObject): boolean {
  if (isPodReady(a) !== isPodReady(b)) return true;
  if (!!a.metadata?.deletionTimestamp !== !!b.metadata?.deletionTimestamp) return true;
  if (a.status?.podIP !== b.status?.podIP || a.status?.phase !== b.status?.phase) return true;
  if (a.spec?.nodeName !== b.spec?.nodeName || a.spec?.hostname !== b.spec?.hostname || a.spec?.subdomain !== b.spec?.subdomain) return true;
  return !jsonEqual(a.metadata?.labels, b.metadata?.labels);
}

/** The pod informer handler both controllers use: the Services selecting the pod (before or after). */
export function podHandler(controller: string) {
  return (type: string, pod: KObject, old: KObject | undefined, q: Enqueue, ctx: { cluster: Cluster }): void => {
    if (type === 'MODIFIED' && old && !podEndpointChanged(old, pod)) return;
    for (const svc of ctx.cluster.list('services', pod.metadata!.namespace)) {
      const sel = serviceSelector(svc);
      if (!sel) continue;
      if (selectorMatches(sel, pod.metadata?.labels) || (old && selectorMatches(sel, old.metadata?.labels))) q.add(controller, objectKey(svc));
    }
  };
}
