// The endpoints controller (pkg/controller/endpoint/endpoints_controller.go): every Service with a
// selector gets an Endpoints object of the same name listing its pods' addresses, ready ones under
// `addresses` and the others under `notReadyAddresses`, per target port (named ports resolved per
// pod). Services without a selector (user-managed Endpoints) and ExternalName Services are left alone.
import type { KObject } from '../../api/types.js';
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import type { ManagerContext } from '../manager.js';
import { isPodReady, splitKey } from '../podutil.js';
import { jsonEqual } from '../../store/json.js';
import { rfc3339 } from '../../sim/clock.js';
import {
  ANNOTATION_TRIGGER_TIME, LABEL_HEADLESS, findPort, isServiceIPSet, podHandler, podIPv4, podsForService,
  shouldPodBeInEndpoints, shouldSetHostname,
} from '../endpointutil/util.js';
import { computeEndpointLastChangeTriggerTime, forgetTriggerTimes } from '../endpointutil/triggertime.js';
import { repackSubsets, type EndpointAddress, type EndpointPort, type EndpointSubset } from './repack.js';

const NAME = 'endpoint';
/** maxCapacity: more addresses than this are truncated and the Endpoints annotated */
const MAX_CAPACITY = 1000;
const ANNOTATION_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';

/** podToEndpointAddressForService */
function podToEndpointAddress(pod: KObject): EndpointAddress | undefined {
  const ip = podIPv4(pod);
  if (!ip) return undefined;
  const a: EndpointAddress = { ip };
  if (pod.spec?.nodeName) a.nodeName = pod.spec.nodeName;
  a.targetRef = { kind: 'Pod', namespace: pod.metadata!.namespace, name: pod.metadata!.name, uid: pod.metadata!.uid };
  return a;
}

/** addEndpointSubset */
function addEndpointSubset(subsets: EndpointSubset[], pod: KObject, epa: EndpointAddress, epp: EndpointPort | undefined, tolerateUnready: boolean): void {
  const ports = epp ? [epp] : [];
  if (tolerateUnready || isPodReady(pod)) subsets.push({ addresses: [epa], ports });
  else subsets.push({ notReadyAddresses: [epa], ports });
}

function totalAddresses(subsets: EndpointSubset[]): number {
  let n = 0;
  for (const s of subsets) n += (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0);
  return n;
}

/** The subsets of a Service (the heart of syncService). */
export function desiredSubsets(svc: KObject, pods: KObject[]): EndpointSubset[] {
  const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
  const subsets: EndpointSubset[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ep = podToEndpointAddress(pod);
    if (!ep) continue;
    // hostname comes before nodeName in the Go struct (and so in the JSON)
    const epa: EndpointAddress = shouldSetHostname(pod, svc) ? { ip: ep.ip, hostname: pod.spec.hostname, nodeName: ep.nodeName, targetRef: ep.targetRef } : ep;
    const ports: any[] = svc.spec?.ports || [];
    if (ports.length === 0) {
      // headless Services without ports still list their pods
      if (svc.spec?.clusterIP === 'None') addEndpointSubset(subsets, pod, epa, undefined, publishNotReady);
      continue;
    }
    for (const sp of ports) {
      const portNum = findPort(pod, sp);
      if (portNum === undefined) continue; // "Failed to find port for service"
      const epp: EndpointPort = { name: sp.name, port: portNum, protocol: sp.protocol || 'TCP' };
      if (!epp.name) delete epp.name;
      if (sp.appProtocol) epp.appProtocol = sp.appProtocol;
      addEndpointSubset(subsets, pod, epa, epp, publishNotReady);
    }
  }
  return repackSubsets(subsets);
}

function truncate(subsets: EndpointSubset[]): EndpointSubset[] {
  // kubesim: upstream keeps a proportional share of each subset; we keep the first addresses in order
  let left = MAX_CAPACITY;
  return subsets.map((s) => {
    const out: EndpointSubset = { ...s };
    if (s.addresses) { out.addresses = s.addresses.slice(0, left); left -= out.addresses.length; }
    if (s.notReadyAddresses) { out.notReadyAddresses = s.notReadyAddresses.slice(0, left); left -= out.notReadyAddresses.length; }
    if (!out.addresses?.length) delete out.addresses;
    if (!out.notReadyAddresses?.length) delete out.notReadyAddresses;
    return out;
  });
}

function syncService(ctx: ManagerContext, key: string): void {
  const cluster = ctx.cluster;
  const [ns, name] = splitKey(key);
  const svc = cluster.get('services', ns, name);
  if (!svc || svc.metadata?.deletionTimestamp) {
    // the Service is gone: so are its Endpoints
    if (cluster.get('endpoints', ns, name)) cluster.remove('endpoints', ns, name);
    forgetTriggerTimes(cluster, NAME, key);
    return;
  }
  // ExternalName Services receive no endpoints (issues.k8s.io/105986); selector-less ones get theirs from users
  if (svc.spec?.type === 'ExternalName' || !svc.spec?.selector) return;

  const pods = podsForService(cluster, svc);
  const triggerTime = computeEndpointLastChangeTriggerTime(cluster, NAME, key, svc, pods);
  let subsets = desiredSubsets(svc, pods);

  const current = cluster.get('endpoints', ns, name);
  const svcLabels: Record<string, string> = svc.metadata?.labels || {};
  if (current) {
    const { [LABEL_HEADLESS]: _h, ...compareLabels } = current.metadata?.labels || {};
    const overCap = current.metadata?.annotations?.[ANNOTATION_OVER_CAPACITY];
    const capOK = totalAddresses(current.subsets || []) > MAX_CAPACITY ? overCap === 'truncated' : overCap === undefined;
    if (jsonEqual(current.subsets || [], subsets) && jsonEqual(compareLabels, svcLabels) && capOK) return;
  }

  const annotations: Record<string, string> = { ...(current?.metadata?.annotations || {}) };
  if (triggerTime) annotations[ANNOTATION_TRIGGER_TIME] = rfc3339(triggerTime);
  else delete annotations[ANNOTATION_TRIGGER_TIME];
  if (totalAddresses(subsets) > MAX_CAPACITY) {
    subsets = truncate(subsets);
    annotations[ANNOTATION_OVER_CAPACITY] = 'truncated';
  } else delete annotations[ANNOTATION_OVER_CAPACITY];
  const labels: Record<string, string> = { ...svcLabels };
  if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = '';
  else delete labels[LABEL_HEADLESS];

  const md: any = current ? { ...current.metadata } : { name, namespace: ns };
  if (Object.keys(labels).length) md.labels = labels;
  else delete md.labels;
  if (Object.keys(annotations).length) md.annotations = annotations;
  else delete md.annotations;
  const ep: KObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: md };
  if (subsets.length) ep.subsets = subsets;
  if (current) cluster.update('endpoints', ep);
  else cluster.create('endpoints', ep);
}

export const endpointController: ControllerModule = {
  name: NAME,
  watch: {
    services: (_t, svc, _old, q) => q.add(NAME, objectKey(svc)),
    pods: podHandler(NAME),
    // onEndpointsDelete: a Service whose Endpoints were deleted gets them back
    endpoints: (t, ep, _old, q, ctx) => {
      if (t === 'DELETED' && ctx.cluster.get('services', ep.metadata!.namespace, ep.metadata!.name!)) q.add(NAME, objectKey(ep));
    },
  },
  // the informers' initial list: the manager may start after the command's writes, so every
  // Service is synced once (a no-op on a settled cluster)
  start(ctx, q) {
    for (const svc of ctx.cluster.list('services')) if (svc.spec?.selector && svc.spec?.type !== 'ExternalName') q.add(NAME, objectKey(svc));
    // checkLeftoverEndpoints: Endpoints whose Service went while no controller was watching
    for (const ep of ctx.cluster.list('endpoints')) if (!ctx.cluster.get('services', ep.metadata!.namespace, ep.metadata!.name!)) q.add(NAME, objectKey(ep));
  },
  sync: syncService,
};
