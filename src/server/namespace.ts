// The NamespaceLifecycle admission plugin (k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle):
// the system namespaces cannot be deleted, nothing is created in a namespace that does not exist or
// is being terminated.
import { StatusError } from '../api/errors.js';
import { qualifiedResource, type ResourceInfo } from '../api/resources.js';
import type { Cluster } from '../store/cluster.js';

/** Namespaces the API server refuses to delete (immortalNamespaces). */
export const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/** Validate for DELETE. */
export function admitDelete(info: ResourceInfo, name: string): void {
  if (info.resource === 'namespaces' && info.group === '' && IMMORTAL_NAMESPACES.has(name)) {
    throw new StatusError(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`);
  }
}

/** Validate for CREATE of a namespaced object. */
export function admitCreateInNamespace(cluster: Cluster, info: ResourceInfo, ns: string | undefined, name: string): void {
  if (!info.namespaced || !ns) return;
  const namespace = cluster.get('namespaces', undefined, ns);
  if (!namespace) throw new StatusError(404, 'NotFound', `namespaces "${ns}" not found`);
  if (namespace.metadata?.deletionTimestamp || namespace.status?.phase === 'Terminating') {
    throw new StatusError(403, 'Forbidden', `${qualifiedResource(info)} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
  }
}
