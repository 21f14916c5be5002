// The EndpointSlice reconciler (k8s.io/endpointslice/reconciler.go, reconcileByPortMapping): keep
// existing slices where possible (an endpoint stays in the slice that has it), fill slices that are
// being updated anyway, create new ones only for what is left (at most 100 endpoints each), turn
// creates into updates of slices that would be deleted (so a Service keeps its slice name), and keep
// one empty placeholder slice for a Service without endpoints.
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { jsonEqual } from '../../store/json.js';
import { rfc3339 } from '../../sim/clock.js';
import { ANNOTATION_TRIGGER_TIME, LABEL_HEADLESS, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, isServiceIPSet } from '../endpointutil/util.js';
import { endpointKey, portsKey, type PortGroup, type SliceEndpoint, type SlicePort } from './endpoints.js';

export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const MAX_ENDPOINTS_PER_SLICE = 100;

interface Slice { name?: string; ports: SlicePort[] | null; endpoints: SliceEndpoint[]; labels: Record<string, string>; old?: KObject }

/** setEndpointSliceLabels: the Service's labels (reserved keys excluded), headless, service-name, managed-by. */
export function sliceLabels(svc: KObject, managedBy: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata?.labels || {})) {
    if (k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY) continue;
    out[k] = v as string;
  }
  if (!isServiceIPSet(svc)) out[LABEL_HEADLESS] = '';
  else delete out[LABEL_HEADLESS];
  out[LABEL_SERVICE_NAME] = svc.metadata!.name!;
  out[LABEL_MANAGED_BY] = managedBy;
  return out;
}

/** The slices this controller manages for a Service, in name order. */
export function managedSlices(cluster: Cluster, svc: KObject, managedBy: string): KObject[] {
  return cluster.list('endpointslices', svc.metadata!.namespace).filter((s) =>
    s.metadata?.labels?.[LABEL_SERVICE_NAME] === svc.metadata!.name && s.metadata?.labels?.[LABEL_MANAGED_BY] === managedBy);
}

const ownedBy = (s: KObject, svc: KObject) => (s.metadata?.ownerReferences || []).some((r: any) => r.uid === svc.metadata?.uid);

export function reconcile(cluster: Cluster, svc: KObject, desired: Map<string, PortGroup>, existing: KObject[], triggerTime: number, managedBy = CONTROLLER_NAME): void {
  const labels = sliceLabels(svc, managedBy);
  const toCreate: Slice[] = [];
  const toUpdate: Slice[] = [];
  const toDelete: KObject[] = [];
  const unchanged: Slice[] = [];
  // copies, so the caller's map is not consumed
  const remaining = new Map<string, PortGroup>();
  for (const [k, g] of desired) remaining.set(k, { ports: g.ports, endpoints: new Map(g.endpoints) });

  // 1. existing slices keep the endpoints still desired (updated in place)
  for (const s of existing) {
    const g = remaining.get(portsKey(s.ports));
    // slices of another Service of the same name, and port mappings no longer wanted, go
    if (!ownedBy(s, svc) || !g) { toDelete.push(s); continue; }
    const kept: SliceEndpoint[] = [];
    let changed = false;
    for (const ep of (s.endpoints || []) as SliceEndpoint[]) {
      const want = g?.endpoints.get(endpointKey(ep));
      if (!want) continue;
      kept.push(want);
      if (!jsonEqual(want, ep)) changed = true;
      g!.endpoints.delete(endpointKey(ep));
    }
    const slice: Slice = { name: s.metadata!.name, ports: s.ports ?? null, endpoints: kept, labels, old: s };
    if (changed || kept.length !== (s.endpoints || []).length) {
      if (kept.length === 0) toDelete.push(s);
      else toUpdate.push(slice);
    } else if (!jsonEqual(s.metadata?.labels || {}, labels)) toUpdate.push(slice);
    else unchanged.push(slice);
  }

  // 2. and 3. the rest goes into slices being updated anyway, then into new slices
  for (const g of remaining.values()) {
    const left = [...g.endpoints.values()];
    const pk = portsKey(g.ports);
    for (const s of toUpdate) {
      if (!left.length) break;
      if (portsKey(s.ports) !== pk) continue;
      while (left.length && s.endpoints.length < MAX_ENDPOINTS_PER_SLICE) s.endpoints.push(left.shift()!);
    }
    // an unchanged slice with room takes the rest when all of it fits (the one with the most room)
    if (left.length) {
      const fits = unchanged.filter((s) => portsKey(s.ports) === pk && s.endpoints.length + left.length <= MAX_ENDPOINTS_PER_SLICE)
        .sort((a, b) => a.endpoints.length - b.endpoints.length)[0];
      if (fits) {
        fits.endpoints.push(...left.splice(0));
        unchanged.splice(unchanged.indexOf(fits), 1);
        toUpdate.push(fits);
      }
    }
    while (left.length) toCreate.push({ ports: g.ports, endpoints: left.splice(0, MAX_ENDPOINTS_PER_SLICE), labels });
  }

  // a Service without endpoints keeps one placeholder slice (no ports, no endpoints)
  if (existing.length === toDelete.length && toCreate.length === 0) {
    const isPlaceholder = (s: KObject) => !(s.ports || []).length && !(s.endpoints || []).length && jsonEqual(s.metadata?.labels || {}, labels);
    if (toDelete.length === 1 && isPlaceholder(toDelete[0])) toDelete.length = 0;
    else toCreate.push({ ports: null, endpoints: [], labels });
  }

  // creates become updates of slices that would otherwise be deleted
  for (let i = 0; i < toDelete.length && toCreate.length;) {
    const cur = toDelete[i];
    if (cur.addressType === 'IPv4' && ownedBy(cur, svc)) {
      const s = toCreate.pop()!;
      s.name = cur.metadata!.name;
      s.old = cur;
      toUpdate.push(s);
      toDelete.splice(i, 1);
    } else i++;
  }

  const ns = svc.metadata!.namespace;
  for (const s of toCreate) cluster.create('endpointslices', sliceObject(svc, s, triggerTime));
  for (const s of toUpdate) cluster.update('endpointslices', sliceObject(svc, s, triggerTime));
  for (const s of toDelete) if (cluster.get('endpointslices', ns, s.metadata!.name!)) cluster.remove('endpointslices', ns, s.metadata!.name!);
}

/** newEndpointSlice / the update of an existing one, with addTriggerTimeAnnotation. */
function sliceObject(svc: KObject, s: Slice, triggerTime: number): KObject {
  const md: any = s.old
    ? { ...s.old.metadata }
    : {
      generateName: getEndpointSlicePrefix(svc.metadata!.name!),
      namespace: svc.metadata!.namespace,
      generation: 1,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata!.name, uid: svc.metadata!.uid, controller: true, blockOwnerDeletion: true }],
    };
  md.labels = s.labels;
  const annotations: Record<string, string> = { ...(md.annotations || {}) };
  if (triggerTime) annotations[ANNOTATION_TRIGGER_TIME] = rfc3339(triggerTime);
  else delete annotations[ANNOTATION_TRIGGER_TIME];
  if (Object.keys(annotations).length) md.annotations = annotations;
  else delete md.annotations;
  // kubesim: the registry bumps generation on every change besides metadata; cluster.update keeps it at 1
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: md,
    addressType: 'IPv4',
    endpoints: s.endpoints.length ? s.endpoints : null,
    ports: s.ports,
  } as KObject;
}

/** getEndpointSlicePrefix: `<service>-`, or the bare name when that is not a valid generateName. */
function getEndpointSlicePrefix(name: string): string {
  const prefix = `${name}-`;
  return prefix.length <= 253 ? prefix : name;
}
