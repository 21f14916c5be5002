// The scale subresource's view of a workload (autoscaling/v1 Scale), shared by the API server's handler and `kubectl
// get --subresource=scale`.
import type { KObject } from '../api/types.js';
import type { ResourceInfo } from '../api/resources.js';
import { formatSelector, selectorFromSet, selectorToString } from '../api/selectors.js';
import { subresourcesOf } from './http/subresources.js';
import { crdVersion, servedCRD } from '../api/crd/served.js';

/** What a Scale is printed and listed as (its table is printers.go's scaleColumnDefinitions). */
export const SCALE_INFO: ResourceInfo = {
  resource: 'scales', group: 'autoscaling', version: 'v1', kind: 'Scale', singular: 'scale', shortNames: [], namespaced: true,
  verbs: [], categories: [], versions: ['v1'], preferredVersion: 'v1', storage: 'scales', generation: false,
};

const pathOf = (p: string) => String(p).replace(/^\./, '').split('.');
const getAt = (o: any, p: string) => pathOf(p).reduce((v, k) => (v == null ? undefined : v[k]), o);

/** A custom resource's scale subresource: its CRD version's specReplicasPath, statusReplicasPath, labelSelectorPath. */
function customScale(info: ResourceInfo | undefined): any {
  const crd = info?.crd ? servedCRD(info.crd) : undefined;
  return crd && info ? crdVersion(crd, info.version)?.subresources?.scale : undefined;
}

/** The Scale of a workload, or of a custom resource through its CRD's paths. */
export function scaleOf(o: KObject, info?: ResourceInfo): KObject {
  const md = o.metadata!;
  const metadata: Record<string, any> = { name: md.name, namespace: md.namespace, uid: md.uid, resourceVersion: md.resourceVersion, creationTimestamp: md.creationTimestamp };
  const cs = customScale(info);
  if (cs) {
    // the custom resource scale converter: replicas at the declared paths, the selector as a string
    const status: Record<string, any> = { replicas: (cs.statusReplicasPath && getAt(o, cs.statusReplicasPath)) ?? 0 };
    const sel = cs.labelSelectorPath ? getAt(o, cs.labelSelectorPath) : undefined;
    if (typeof sel === 'string' && sel) status.selector = sel;
    return { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata, spec: { replicas: getAt(o, cs.specReplicasPath) ?? 0 }, status } as KObject;
  }
  const sel = o.spec?.selector;
  const selector = o.kind === 'ReplicationController' ? formatSelector(selectorFromSet(sel)) : selectorToString(sel);
  const status: Record<string, any> = { replicas: o.status?.replicas ?? 0 };
  if (selector) status.selector = selector;
  return { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata, spec: { replicas: o.spec?.replicas ?? 0 }, status } as KObject;
}

/** Whether the API server serves `sub` (status, scale ...) for this resource (a custom one's as its CRD declares). */
export function servesSubresource(info: ResourceInfo, sub: string): boolean {
  return !!subresourcesOf(info.group, info.resource)[sub];
}

/** The object with the replicas a scale update asks for (a custom resource's at its specReplicasPath). */
export function withReplicas(o: KObject, info: ResourceInfo, replicas: number): KObject {
  const cs = customScale(info);
  if (!cs) return { ...o, spec: { ...o.spec, replicas } };
  const next = structuredClone(o);
  const keys = pathOf(cs.specReplicasPath);
  let at: any = next;
  for (const k of keys.slice(0, -1)) at = at[k] ??= {};
  at[keys[keys.length - 1]] = replicas;
  return next;
}
