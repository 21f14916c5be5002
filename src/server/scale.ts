// The scale subresource's view of a workload (autoscaling/v1 Scale), shared by the API server's handler and `kubectl
// get --subresource=scale`.
import type { KObject } from '../api/types.js';
import type { ResourceInfo } from '../api/resources.js';
import { formatSelector, selectorFromSet, selectorToString } from '../api/selectors.js';
import { SUBRESOURCES } from './http/subresources.js';

/** What a Scale is printed and listed as (its table is printers.go's scaleColumnDefinitions). */
export const SCALE_INFO: ResourceInfo = {
  resource: 'scales', group: 'autoscaling', version: 'v1', kind: 'Scale', singular: 'scale', shortNames: [], namespaced: true,
  verbs: [], categories: [], versions: ['v1'], preferredVersion: 'v1', storage: 'scales', generation: false,
};

export function scaleOf(o: KObject): KObject {
  const sel = o.spec?.selector;
  const selector = o.kind === 'ReplicationController' ? formatSelector(selectorFromSet(sel)) : selectorToString(sel);
  const md = o.metadata!;
  const metadata: Record<string, any> = { name: md.name, namespace: md.namespace, uid: md.uid, resourceVersion: md.resourceVersion, creationTimestamp: md.creationTimestamp };
  const status: Record<string, any> = { replicas: o.status?.replicas ?? 0 };
  if (selector) status.selector = selector;
  return { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata, spec: { replicas: o.spec?.replicas ?? 0 }, status } as KObject;
}

/** Whether the API server serves `sub` (status, scale ...) for this resource. */
export function servesSubresource(info: ResourceInfo, sub: string): boolean {
  return !!SUBRESOURCES[`${info.group}/${info.resource}`]?.[sub];
}
