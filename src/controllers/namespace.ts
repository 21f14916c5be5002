// The namespace controller (pkg/controller/namespace): a namespace being deleted is Terminating until
// the controller has deleted everything in it (namespaced_resources_deleter: every namespaced
// resource the discovery lists, pods gracefully), then its `kubernetes` finalizer goes and so does it.
import type { KObject } from '../api/types.js';
import type { ControllerContext } from './context.js';
import type { Cluster } from '../store/cluster.js';
import { RESOURCES, resourceByName } from '../api/resources.js';

/** How soon to look again while pods in the namespace are still terminating. */
const REQUEUE_MS = 1000;

/**
 * The namespace REST storage's Delete: with finalizers left, the namespace only gets its
 * deletionTimestamp and phase Terminating; the controller does the rest.
 */
export function beginNamespaceDeletion(cluster: Cluster, ns: KObject): void {
  if (ns.metadata?.deletionTimestamp) return;
  const upd: KObject = JSON.parse(JSON.stringify(ns));
  upd.metadata!.deletionTimestamp = cluster.nowRFC3339();
  upd.metadata!.deletionGracePeriodSeconds = 0;
  cluster.update('namespaces', upd);
  const st: KObject = JSON.parse(JSON.stringify(cluster.get('namespaces', undefined, ns.metadata!.name!)));
  st.status = { ...(st.status || {}), phase: 'Terminating' };
  cluster.updateStatus('namespaces', st);
}

/** The buckets of namespaced resources (each stored resource once). */
function namespacedBuckets(): string[] {
  const out: string[] = [];
  for (const r of RESOURCES) {
    if (!r.namespaced || !r.verbs.includes('list') || r.storage !== r.resource || resourceByName(r.resource) !== r) continue;
    out.push(r.resource);
  }
  return out;
}

/**
 * syncNamespaceFromKey: delete the content of a Terminating namespace; when nothing is left, finalize
 * and remove it. `deleteObject` is the API server's delete (graceful for pods).
 */
export function syncNamespace(ctx: ControllerContext, name: string, deleteObject: (resource: string, obj: KObject) => void): void {
  const ns = ctx.cluster.get('namespaces', undefined, name);
  if (!ns?.metadata?.deletionTimestamp) return;
  let remaining = 0;
  for (const resource of namespacedBuckets()) {
    for (const o of ctx.cluster.list(resource, name)) {
      remaining++;
      if (!o.metadata?.deletionTimestamp) deleteObject(resource, o);
    }
  }
  // what the deletes removed at once no longer counts
  remaining = 0;
  for (const resource of namespacedBuckets()) remaining += ctx.cluster.list(resource, name).length;
  if (remaining > 0) {
    ctx.requeueAfter('namespace', name, REQUEUE_MS);
    return;
  }
  // finalize (spec.finalizers emptied), then the storage removes an object without finalizers
  ctx.cluster.remove('namespaces', undefined, name);
}
