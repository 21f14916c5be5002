// kubectl apply --prune (the allowlist-based alpha, k8s.io/kubectl/pkg/cmd/apply/prune.go and
// pkg/util/prune): after every object was applied, list each allowlisted type in each namespace the
// apply visited (and the cluster-scoped ones), with the -l selector, and delete what carries the
// last-applied annotation but was not applied this time.
import { UserError } from '../api/errors.js';
import { resourceForKind, type ResourceInfo } from '../api/resources.js';
import { fromStorage } from '../api/conversion.js';
import { parseSelector, matches } from '../api/selectors.js';
import type { KObject } from '../api/types.js';
import type { Cluster } from '../store/cluster.js';
import { LAST_APPLIED } from './lastapplied.js';

export interface PruneResource { group: string; version: string; kind: string; namespaced: boolean }

const r = (group: string, version: string, kind: string, namespaced: boolean): PruneResource => ({ group, version, kind, namespaced });

/** defaultNamespacedPruneResources then defaultNonNamespacedPruneResources, in upstream's order. */
export const DEFAULT_PRUNE_RESOURCES: readonly PruneResource[] = [
  r('', 'v1', 'ConfigMap', true),
  r('', 'v1', 'Endpoints', true),
  r('', 'v1', 'PersistentVolumeClaim', true),
  r('', 'v1', 'Pod', true),
  r('', 'v1', 'ReplicationController', true),
  r('', 'v1', 'Secret', true),
  r('', 'v1', 'Service', true),
  r('batch', 'v1', 'Job', true),
  r('batch', 'v1', 'CronJob', true),
  r('networking.k8s.io', 'v1', 'Ingress', true),
  r('apps', 'v1', 'DaemonSet', true),
  r('apps', 'v1', 'Deployment', true),
  r('apps', 'v1', 'ReplicaSet', true),
  r('apps', 'v1', 'StatefulSet', true),
  r('', 'v1', 'Namespace', false),
  r('', 'v1', 'PersistentVolume', false),
];

/** klog's warning from GetRESTMappings: the namespace is never empty for kubectl (kubeconfig defaults it), so it always shows with the default list. */
export const PRUNE_NAMESPACE_DEPRECATION =
  'Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.';

function mapping(group: string, version: string, kind: string): ResourceInfo {
  const info = resourceForKind(group ? `${group}/${version}` : version, kind);
  if (!info) throw new UserError(`error: no matches for kind "${kind}" in version "${group ? group + '/' : ''}${version}"`);
  return info;
}

/** prune.ParseResources: `group/version/kind` (core for the empty group) each. */
export function parsePruneAllowlist(gvks: string[]): PruneResource[] {
  return gvks.map((s) => {
    const gvk = s.split('/');
    if (gvk.length !== 3) throw new UserError(`error: invalid GroupVersionKind format: ${s}, please follow <group/version/kind>`);
    const group = gvk[0] === 'core' ? '' : gvk[0];
    const info = mapping(group, gvk[1], gvk[2]);
    return { group, version: gvk[1], kind: gvk[2], namespaced: info.namespaced };
  });
}

export interface Pruned { info: ResourceInfo; obj: KObject }

/**
 * pruner.pruneAll: the objects to prune, in kubectl's order (visited namespaces, then each type of the
 * list; cluster-scoped types last). `remove` deletes and prints one (a client dry run only prints).
 */
export function pruneAll(
  cluster: Cluster,
  o: { resources: PruneResource[]; namespaces: Iterable<string>; visitedUids: Set<string>; selector?: string },
  remove: (p: Pruned) => void,
): Pruned[] {
  const list = o.resources.length ? o.resources : DEFAULT_PRUNE_RESOURCES;
  const infos = list.map((p) => ({ p, info: mapping(p.group, p.version, p.kind) }));
  const sel = o.selector ? parseSelector(o.selector) : undefined;
  const out: Pruned[] = [];
  const pruneIn = (ns: string | undefined, p: PruneResource, info: ResourceInfo) => {
    for (const stored of cluster.list(info.storage, ns)) {
      if (sel && !matches(sel, stored.metadata?.labels || {})) continue;
      // don't prune what apply did not create
      if (!(LAST_APPLIED in (stored.metadata?.annotations || {}))) continue;
      if (o.visitedUids.has(stored.metadata?.uid || '')) continue;
      const pr = { info, obj: fromStorage(info, stored) };
      try {
        remove(pr);
      } catch (e) {
        // pruneAll stops at the first failure, after what it already pruned (and printed)
        const gvk = `${p.group}/${p.version}, Kind=${p.kind}`;
        throw new UserError(`error: error pruning ${p.namespaced ? 'namespaced' : 'nonNamespaced'} object ${gvk}: ${(e as Error).message}`);
      }
      out.push(pr);
    }
  };
  for (const ns of o.namespaces) for (const { p, info } of infos) if (p.namespaced) pruneIn(ns, p, info);
  for (const { p, info } of infos) if (!p.namespaced) pruneIn(undefined, p, info);
  return out;
}
