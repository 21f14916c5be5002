// The desired endpoints of a Service, grouped by their resolved ports (podToEndpoint and
// getEndpointPorts of k8s.io/endpointslice/utils.go).
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { isPodReady } from '../podutil.js';
import { LABEL_ZONE, findPort, podIPv4, shouldPodBeInEndpoints, shouldSetHostname } from '../endpointutil/util.js';

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef?: { kind: string; namespace?: string; name?: string; uid?: string };
  nodeName?: string;
  zone?: string;
}

export interface SlicePort { name: string; protocol: string; port: number; appProtocol?: string }

/** endpoints of one port mapping */
export interface PortGroup { ports: SlicePort[]; endpoints: Map<string, SliceEndpoint> }

/** The identity of an endpoint across syncs (upstream's endpoint set keys on its addresses). */
export const endpointKey = (ep: SliceEndpoint) => ep.addresses[0] ?? '';
export const portsKey = (ports: SlicePort[] | undefined | null) => JSON.stringify(ports ?? []);

/** getEndpointPorts: the Service's ports resolved for this pod (ports it lacks are left out). */
export function getEndpointPorts(svc: KObject, pod: KObject): SlicePort[] {
  const out: SlicePort[] = [];
  for (const sp of svc.spec?.ports || []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const p: SlicePort = { name: sp.name ?? '', protocol: sp.protocol || 'TCP', port };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

/** podToEndpoint */
export function podToEndpoint(cluster: Cluster, pod: KObject, svc: KObject, ip: string): SliceEndpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  // for compatibility, "ready" is never true for a terminating pod unless publishNotReadyAddresses
  const ready = !!svc.spec?.publishNotReadyAddresses || (serving && !terminating);
  const ep: SliceEndpoint = { addresses: [ip], conditions: { ready, serving, terminating } };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname;
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata!.namespace, name: pod.metadata!.name, uid: pod.metadata!.uid };
  if (pod.spec?.nodeName) {
    ep.nodeName = pod.spec.nodeName;
    const zone = cluster.get('nodes', undefined, pod.spec.nodeName)?.metadata?.labels?.[LABEL_ZONE];
    if (zone) ep.zone = zone;
  }
  return ep;
}

/** The desired endpoints by port mapping, in pod order. Terminating pods stay (serving/terminating conditions). */
export function desiredEndpoints(cluster: Cluster, svc: KObject, pods: KObject[]): Map<string, PortGroup> {
  const groups = new Map<string, PortGroup>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ip = podIPv4(pod);
    if (!ip) continue;
    const ports = getEndpointPorts(svc, pod);
    const pk = portsKey(ports);
    let g = groups.get(pk);
    if (!g) groups.set(pk, (g = { ports, endpoints: new Map() }));
    const ep = podToEndpoint(cluster, pod, svc, ip);
    g.endpoints.set(endpointKey(ep), ep);
  }
  return groups;
}
