// The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go): a policy/v1 Eviction deletes
// the pod unless a PodDisruptionBudget forbids it, in which case the API server answers 429
// TooManyRequests "Cannot evict pod as it would violate the pod's disruption budget." with a
// DisruptionBudget cause. An allowed eviction decrements the budget's disruptionsAllowed and records the
// pod in status.disruptedPods (the disruption controller drops it once the pod is gone).
import type { KObject } from '../api/types.js';
import { StatusError } from '../api/errors.js';
import type { ControllerContext } from '../controllers/context.js';
import { deletePod } from '../controllers/gc.js';
import { copy, isPodReady } from '../controllers/podutil.js';
import { pdbsForPod } from '../controllers/disruption/disruption.js';
import { rfc3339 } from '../sim/clock.js';

export interface EvictOptions {
  gracePeriodSeconds?: number;
  dryRun?: boolean;
}

const EVICTION_MSG = "Cannot evict pod as it would violate the pod's disruption budget.";

function tooManyRequests(cause: string): StatusError {
  return new StatusError(429, 'TooManyRequests', EVICTION_MSG, { causes: [{ reason: 'DisruptionBudget', message: cause }] });
}

/** canIgnorePDB: a pod that is terminal, pending or already being deleted has no budget to respect. */
function canIgnorePDB(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !phase || !!pod.metadata?.deletionTimestamp;
}

/** checkAndDecrement: take one disruption from the budget, or refuse with 429. */
function checkAndDecrement(ctx: ControllerContext, podName: string, pdb: KObject, dryRun: boolean): void {
  const st = pdb.status || {};
  if ((st.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 1)) {
    throw tooManyRequests(`The disruption budget ${pdb.metadata!.name} is still being processed by the server.`);
  }
  if ((st.disruptionsAllowed ?? 0) < 0) throw new StatusError(403, 'Forbidden', 'pdb disruptions allowed is negative');
  if (Object.keys(st.disruptedPods || {}).length > 2000) throw new StatusError(403, 'Forbidden', 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  if ((st.disruptionsAllowed ?? 0) === 0) {
    throw tooManyRequests(`The disruption budget ${pdb.metadata!.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`);
  }
  if (dryRun) return;
  const status = copy(st);
  status.disruptionsAllowed--;
  if (status.disruptionsAllowed === 0) {
    status.conditions = (status.conditions || []).map((c: any) => c.type !== 'DisruptionAllowed' || c.status === 'False' ? c
      : { ...c, status: 'False', reason: 'InsufficientPods', message: '', lastTransitionTime: rfc3339(ctx.cluster.now()) });
  }
  status.disruptedPods = { ...(status.disruptedPods || {}), [podName]: rfc3339(ctx.cluster.now()) };
  ctx.cluster.updateStatus('poddisruptionbudgets', { ...pdb, status });
}

/** The DisruptionTarget condition the API server adds before deleting an evicted pod. */
function addDisruptionTarget(ctx: ControllerContext, pod: KObject): void {
  const status = copy(pod.status || {});
  const cond = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: ctx.cluster.nowRFC3339(), reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' };
  status.conditions = [...(status.conditions || []).filter((c: any) => c.type !== 'DisruptionTarget'), cond];
  ctx.cluster.updateStatus('pods', { ...pod, status });
}

/** POST pods/NAME/eviction. Throws StatusError (404 NotFound, 429 TooManyRequests, 500 for several budgets). */
export function evictPod(ctx: ControllerContext, ns: string, name: string, opts: EvictOptions = {}): void {
  const pod = ctx.cluster.get('pods', ns, name);
  if (!pod) throw new StatusError(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' });
  const remove = () => {
    if (opts.dryRun) return;
    const cur = ctx.cluster.get('pods', ns, name)!;
    if (!cur.metadata?.deletionTimestamp && cur.spec?.nodeName) addDisruptionTarget(ctx, cur);
    deletePod(ctx, ctx.cluster.get('pods', ns, name)!, opts.gracePeriodSeconds);
  };
  if (canIgnorePDB(pod)) return remove();
  const pdbs = pdbsForPod(ctx.cluster, pod);
  if (pdbs.length > 1) throw new StatusError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  if (pdbs.length === 0) return remove();
  const pdb = pdbs[0];
  const st = pdb.status || {};
  // an unready pod does not count as healthy: evicting it takes nothing from the budget when the budget
  // is met (IfHealthyBudget) or always (AlwaysAllow)
  if (!isPodReady(pod)) {
    const policy = pdb.spec?.unhealthyPodEvictionPolicy ?? 'IfHealthyBudget';
    if (policy === 'AlwaysAllow' || ((st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0)) return remove();
  }
  checkAndDecrement(ctx, name, pdb, !!opts.dryRun);
  remove();
}
