// The EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring): Endpoints that users
// write for a Service without a selector are mirrored into EndpointSlices (managed-by
// endpointslicemirroring-controller.k8s.io, owned by the Service), one slice per subset, so that
// everything reading slices (kube-proxy, `describe svc`) sees them. Endpoints labelled
// endpointslice.kubernetes.io/skip-mirror=true (the `kubernetes` Service's) are left alone.
import type { KObject } from '../../api/types.js';
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import type { ManagerContext } from '../manager.js';
import { splitKey } from '../podutil.js';
import { jsonEqual } from '../../store/json.js';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, LABEL_SKIP_MIRROR, ANNOTATION_TRIGGER_TIME } from '../endpointutil/util.js';
import { managedSlices } from '../endpointslice/reconciler.js';

const NAME = 'endpointslicemirroring';
export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
const MAX_ENDPOINTS = 1000;

/** addressToEndpoint: a mirrored endpoint only says whether it is ready */
function addressToEndpoint(a: any, ready: boolean): any {
  const ep: any = { addresses: [a.ip], conditions: { ready } };
  if (a.hostname) ep.hostname = a.hostname;
  if (a.targetRef) ep.targetRef = a.targetRef;
  if (a.nodeName) ep.nodeName = a.nodeName;
  return ep;
}

function desiredSlices(ep: KObject): { endpoints: any[]; ports: any[] }[] {
  const out: { endpoints: any[]; ports: any[] }[] = [];
  for (const s of ep.subsets || []) {
    const ports = (s.ports || []).map((p: any) => ({ name: p.name ?? '', protocol: p.protocol || 'TCP', port: p.port, ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));
    const endpoints = [...(s.addresses || []).map((a: any) => addressToEndpoint(a, true)), ...(s.notReadyAddresses || []).map((a: any) => addressToEndpoint(a, false))];
    if (endpoints.length) out.push({ endpoints: endpoints.slice(0, MAX_ENDPOINTS), ports });
  }
  return out;
}

function sliceLabels(ep: KObject, svc: KObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ep.metadata?.labels || {})) if (k !== LABEL_MANAGED_BY && k !== LABEL_SERVICE_NAME) out[k] = v as string;
  out[LABEL_SERVICE_NAME] = svc.metadata!.name!;
  out[LABEL_MANAGED_BY] = MIRRORING_CONTROLLER_NAME;
  return out;
}

function sliceAnnotations(ep: KObject): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ep.metadata?.annotations || {})) {
    if (k === 'kubectl.kubernetes.io/last-applied-configuration' || k === ANNOTATION_TRIGGER_TIME) continue;
    out[k] = v as string;
  }
  return Object.keys(out).length ? out : undefined;
}

function sync(ctx: ManagerContext, key: string): void {
  const cluster = ctx.cluster;
  const [ns, name] = splitKey(key);
  const svc = cluster.get('services', ns, name);
  const ep = cluster.get('endpoints', ns, name);
  const existing = svc ? managedSlices(cluster, svc, MIRRORING_CONTROLLER_NAME) : cluster.list('endpointslices', ns).filter((s) =>
    s.metadata?.labels?.[LABEL_SERVICE_NAME] === name && s.metadata?.labels?.[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER_NAME);
  const mirror = !!svc && !!ep && !svc.spec?.selector && ep.metadata?.labels?.[LABEL_SKIP_MIRROR] !== 'true';
  const desired = mirror ? desiredSlices(ep!) : [];
  const labels = mirror ? sliceLabels(ep!, svc!) : {};
  const annotations = mirror ? sliceAnnotations(ep!) : undefined;
  desired.forEach((d, i) => {
    const old = existing[i];
    const obj: any = {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: old ? { ...old.metadata, labels } : {
        generateName: `${name}-`, namespace: ns, generation: 1, labels,
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc!.metadata!.uid, controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4', endpoints: d.endpoints, ports: d.ports,
    };
    if (annotations) obj.metadata.annotations = annotations;
    else delete obj.metadata.annotations;
    if (!old) { cluster.create('endpointslices', obj); return; }
    if (jsonEqual(old.endpoints, obj.endpoints) && jsonEqual(old.ports, obj.ports) && jsonEqual(old.metadata?.labels, labels) && jsonEqual(old.metadata?.annotations, obj.metadata.annotations)) return;
    cluster.update('endpointslices', obj);
  });
  for (const s of existing.slice(desired.length)) cluster.remove('endpointslices', ns, s.metadata!.name!);
}

export const endpointSliceMirroringController: ControllerModule = {
  name: NAME,
  watch: {
    endpoints: (_t, ep, _old, q) => q.add(NAME, objectKey(ep)),
    services: (_t, svc, _old, q) => q.add(NAME, objectKey(svc)),
    endpointslices: (t, s, _old, q) => {
      const l = s.metadata?.labels;
      if (t !== 'ADDED' && l?.[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER_NAME && l[LABEL_SERVICE_NAME]) q.add(NAME, `${s.metadata!.namespace}/${l[LABEL_SERVICE_NAME]}`);
    },
  },
  // the initial list: user-managed Endpoints of Services without a selector
  start(ctx, q) {
    for (const svc of ctx.cluster.list('services')) if (!svc.spec?.selector && ctx.cluster.get('endpoints', svc.metadata!.namespace, svc.metadata!.name!)) q.add(NAME, objectKey(svc));
  },
  sync,
};
