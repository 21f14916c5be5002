// The serviceaccounts controller (pkg/controller/serviceaccount/serviceaccounts_controller.go): every
// active namespace has a `default` ServiceAccount; it is created when the namespace appears and
// re-created when someone deletes it.
import type { ControllerContext } from './context.js';
import { addDefaultServiceAccount } from '../sim/bootstrap.js';

/** The ServiceAccounts the controller ensures (ServiceAccountsControllerOptions.ServiceAccounts). */
export const DEFAULT_SERVICE_ACCOUNTS = ['default'];

/** syncNamespace: key is the namespace name. */
export function syncNamespaceServiceAccounts(ctx: ControllerContext, ns: string): void {
  const namespace = ctx.cluster.get('namespaces', undefined, ns);
  // nothing to do for a namespace that is gone or going
  if (!namespace || namespace.status?.phase !== 'Active' || namespace.metadata?.deletionTimestamp) return;
  for (const name of DEFAULT_SERVICE_ACCOUNTS) {
    if (name === 'default') addDefaultServiceAccount(ctx.cluster, ns);
  }
}
