// The disruption controller (pkg/controller/disruption/disruption.go): keeps every PodDisruptionBudget's
// status (currentHealthy, desiredHealthy, expectedPods, disruptionsAllowed, disruptedPods and the
// DisruptionAllowed condition) so `get pdb` ALLOWED DISRUPTIONS and the eviction subresource read
// what v1.32's kube-controller-manager would have written.
import type { KObject } from '../../api/types.js';
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import type { ManagerContext } from '../manager.js';
import { controllerOf, isPodReady, selectorMatches, splitKey } from '../podutil.js';
import { parseTime, rfc3339 } from '../../sim/clock.js';
import { jsonEqual } from '../../store/json.js';

/** DeletionTimeout: an eviction's entry in disruptedPods expires after 2 minutes. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

/** Whether `pdb` selects `pod` (policy/v1: an empty selector selects every pod of the namespace). */
export function pdbSelects(pdb: KObject, pod: KObject): boolean {
  if (pdb.metadata?.namespace !== pod.metadata?.namespace) return false;
  const sel = pdb.spec?.selector;
  if (!sel) return false;
  return selectorMatches(sel, pod.metadata?.labels);
}

/** getPdbForPod's list: the budgets of the pod's namespace whose selector matches it. */
export function pdbsForPod(cluster: ManagerContext['cluster'], pod: KObject): KObject[] {
  return cluster.list('poddisruptionbudgets', pod.metadata!.namespace).filter((p) => pdbSelects(p, pod));
}

/** intstr.GetScaledValueFromIntOrPercent */
export function scaledValue(v: number | string, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return parseInt(v, 10) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** The scale of a pod's controller (finders: ReplicationController, Deployment via its ReplicaSet, ReplicaSet, StatefulSet). */
function controllerScale(ctx: ManagerContext, pod: KObject): { uid: string; replicas: number } | string {
  const ref = controllerOf(pod);
  if (!ref) return `found no controller ref for pod "${pod.metadata!.name}"`;
  const ns = pod.metadata!.namespace;
  const c = ctx.cluster;
  if (ref.kind === 'ReplicaSet') {
    const rs = c.get('replicasets', ns, ref.name);
    if (!rs || rs.metadata?.uid !== ref.uid) return `found no controllers for pod "${pod.metadata!.name}"`;
    const dref = controllerOf(rs);
    if (dref?.kind === 'Deployment') {
      const d = c.get('deployments', ns, dref.name);
      if (d && d.metadata?.uid === dref.uid) return { uid: d.metadata!.uid!, replicas: d.spec?.replicas ?? 1 };
      return `found no controllers for pod "${pod.metadata!.name}"`;
    }
    return { uid: rs.metadata!.uid!, replicas: rs.spec?.replicas ?? 1 };
  }
  const resource = ({ ReplicationController: 'replicationcontrollers', StatefulSet: 'statefulsets' } as Record<string, string>)[ref.kind];
  const o = resource ? c.get(resource, ns, ref.name) : undefined;
  if (!o || o.metadata?.uid !== ref.uid) return `found no controllers for pod "${pod.metadata!.name}"`;
  return { uid: o.metadata!.uid!, replicas: o.spec?.replicas ?? 1 };
}

/** getExpectedScale: the sum of the distinct controllers' replicas. */
function expectedScale(ctx: ManagerContext, pods: KObject[]): number | string {
  const seen = new Map<string, number>();
  for (const p of pods) {
    const s = controllerScale(ctx, p);
    if (typeof s === 'string') return s;
    seen.set(s.uid, s.replicas);
  }
  let n = 0;
  for (const v of seen.values()) n += v;
  return n;
}

/** getExpectedPodCount -> [expectedCount, desiredHealthy] or an error message. */
function expectedPodCount(ctx: ManagerContext, pdb: KObject, pods: KObject[]): [number, number] | string {
  const spec = pdb.spec || {};
  if (spec.maxUnavailable != null) {
    const expected = expectedScale(ctx, pods);
    if (typeof expected === 'string') return expected;
    const maxUnavailable = scaledValue(spec.maxUnavailable, expected, true);
    return [expected, Math.max(0, expected - maxUnavailable)];
  }
  if (spec.minAvailable != null) {
    if (typeof spec.minAvailable === 'number') return [pods.length, spec.minAvailable];
    const expected = expectedScale(ctx, pods);
    if (typeof expected === 'string') return expected;
    return [expected, scaledValue(spec.minAvailable, expected, true)];
  }
  return [pods.length, 0];
}

function allowedCondition(old: any, status: 'True' | 'False', reason: string, message: string, gen: number, now: number): any {
  const changed = !old || old.status !== status;
  return {
    lastTransitionTime: changed ? rfc3339(now) : old.lastTransitionTime,
    message,
    observedGeneration: gen,
    reason,
    status,
    type: 'DisruptionAllowed',
  };
}

export function syncPdb(ctx: ManagerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const c = ctx.cluster;
  const pdb = c.get('poddisruptionbudgets', ns, name);
  if (!pdb) return;
  const now = ctx.now;
  const gen = pdb.metadata?.generation ?? 1;
  const pods = c.list('pods', ns).filter((p) => pdbSelects(pdb, p));
  const old = pdb.status || {};
  const oldCond = (old.conditions || []).find((x: any) => x.type === 'DisruptionAllowed');
  const counts = expectedPodCount(ctx, pdb, pods);
  let status: any;
  if (typeof counts === 'string') {
    // failSafe: nothing may be disrupted while the budget cannot be computed
    status = {
      ...old, disruptionsAllowed: 0, observedGeneration: gen,
      conditions: [allowedCondition(oldCond, 'False', 'SyncFailed', counts, gen, now)],
    };
  } else {
    const [expectedCount, desiredHealthy] = counts;
    // buildDisruptedPodMap: entries of pods still there, not yet deleted, younger than DeletionTimeout
    const disrupted: Record<string, string> = {};
    let recheck: number | undefined;
    for (const p of pods) {
      const t = old.disruptedPods?.[p.metadata!.name!];
      if (t === undefined || p.metadata?.deletionTimestamp) continue;
      const at = parseTime(t) ?? now;
      if (at + DELETION_TIMEOUT_MS < now) continue;
      disrupted[p.metadata!.name!] = t;
      recheck = Math.min(recheck ?? Infinity, at + DELETION_TIMEOUT_MS - now);
    }
    let currentHealthy = 0;
    for (const p of pods) {
      if (p.metadata?.deletionTimestamp || disrupted[p.metadata!.name!] !== undefined) continue;
      if (isPodReady(p)) currentHealthy++;
    }
    let allowed = currentHealthy - desiredHealthy;
    if (expectedCount <= 0 || allowed <= 0) allowed = 0;
    status = {
      currentHealthy,
      desiredHealthy,
      disruptionsAllowed: allowed,
      expectedPods: expectedCount,
      observedGeneration: gen,
      conditions: [allowed > 0
        ? allowedCondition(oldCond, 'True', 'SufficientPods', '', gen, now)
        : allowedCondition(oldCond, 'False', 'InsufficientPods', '', gen, now)],
    };
    if (Object.keys(disrupted).length) status.disruptedPods = disrupted;
    if (recheck !== undefined) ctx.requeueAfter('disruption', key, recheck + 1);
  }
  if (!jsonEqual(status, pdb.status)) c.updateStatus('poddisruptionbudgets', { ...pdb, status });
}

function enqueuePdbsOf(pod: KObject, q: { add(c: string, k: string): void }, ctx: ManagerContext): void {
  for (const p of ctx.cluster.list('poddisruptionbudgets', pod.metadata!.namespace)) {
    if (pdbSelects(p, pod)) q.add('disruption', objectKey(p));
  }
}

function enqueueAllIn(ns: string | undefined, q: { add(c: string, k: string): void }, ctx: ManagerContext): void {
  for (const p of ctx.cluster.list('poddisruptionbudgets', ns)) q.add('disruption', objectKey(p));
}

export const disruptionController: ControllerModule = {
  name: 'disruption',
  watch: {
    poddisruptionbudgets: (type, obj, _old, q) => { if (type !== 'DELETED') q.add('disruption', objectKey(obj)); },
    pods: (type, pod, old, q, ctx) => {
      // status-only churn that does not change readiness or deletion is not interesting
      if (type === 'MODIFIED' && old && isPodReady(old) === isPodReady(pod) &&
        !!old.metadata?.deletionTimestamp === !!pod.metadata?.deletionTimestamp &&
        jsonEqual(old.metadata?.labels, pod.metadata?.labels)) return;
      enqueuePdbsOf(pod, q, ctx);
      if (old && !jsonEqual(old.metadata?.labels, pod.metadata?.labels)) enqueuePdbsOf(old, q, ctx);
    },
    // scale changes move expectedPods
    deployments: (type, o, old, q, ctx) => { if (type !== 'MODIFIED' || o.spec?.replicas !== old?.spec?.replicas) enqueueAllIn(o.metadata!.namespace, q, ctx); },
    replicasets: (type, o, old, q, ctx) => { if (type !== 'MODIFIED' || o.spec?.replicas !== old?.spec?.replicas) enqueueAllIn(o.metadata!.namespace, q, ctx); },
    statefulsets: (type, o, old, q, ctx) => { if (type !== 'MODIFIED' || o.spec?.replicas !== old?.spec?.replicas) enqueueAllIn(o.metadata!.namespace, q, ctx); },
  },
  start(ctx, q) {
    for (const p of ctx.cluster.list('poddisruptionbudgets')) q.add('disruption', objectKey(p));
  },
  sync: syncPdb,
};
