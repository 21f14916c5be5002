// The namespace and kubesim cluster a command works on: -n / --cluster first, then the kubeconfig's
// context (read only when needed), then "default".
import { activeContext } from '../kubectl/kubeconfig.js';

let contextNamespace: string | undefined;

/** Called once before a verb runs: resolves --context / current-context when the flags leave it open. */
export async function resolveContext(opts: any): Promise<void> {
  contextNamespace = undefined;
  const needCluster = !opts.cluster && (opts.context || !process.env.KUBESIM_CLUSTER);
  if (!needCluster && opts.namespace && !opts.context) return;
  const ctx = await activeContext();
  if (!ctx) return;
  contextNamespace = (ctx.context.namespace as string) || undefined;
  if (needCluster && ctx.context.cluster) opts.cluster = ctx.context.cluster as string;
}

/** -n, else the context's namespace, else "default" (kubectl's ToRawKubeConfigLoader().Namespace()). */
export function namespaceOf(opts: { namespace?: string }): string {
  return opts.namespace || contextNamespace || 'default';
}
