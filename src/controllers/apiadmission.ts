// Controllers write through the API server, so its admission chain (NamespaceLifecycle, LimitRanger,
// ServiceAccount, ResourceQuota ...) judges the pods, claims and jobs they create as it judges a user's:
// a ReplicaSet in a namespace whose quota is used up records FailedCreate with the plugin's Forbidden
// message. The server layer installs the chain here (as src/server/fieldmanager installs its hook in the
// store); without it (a controller tested alone) creates are admitted as they are.
import type { Cluster } from '../store/cluster.js';
import type { KObject } from '../api/types.js';

/** Runs mutating admission on `obj` (in place), names it (generateName), then validating admission; throws the Forbidden StatusError. */
export type CreateAdmission = (cluster: Cluster, resource: string, obj: KObject) => void;

let admission: CreateAdmission | undefined;

export function setCreateAdmission(fn: CreateAdmission | undefined): void {
  admission = fn;
}

/** Admit a controller's new object before cluster.create (a no-op when no chain is installed). */
export function admitControllerCreate(cluster: Cluster, resource: string, obj: KObject): KObject {
  admission?.(cluster, resource, obj);
  return obj;
}
