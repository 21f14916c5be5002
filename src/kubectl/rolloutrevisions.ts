// The ControllerRevision-based rollout helpers kubectl has for DaemonSets and StatefulSets
// (polymorphichelpers: rollout_status.go DaemonSetStatusViewer / StatefulSetStatusViewer, history.go
// printHistory over controlledHistory, rollback.go DaemonSetRollbacker / StatefulSetRollbacker).
import type { KObject } from '../api/types.js';
import { UserError } from '../api/errors.js';
import type { Cluster } from '../store/cluster.js';
import { templatePatch, revisionRaw } from '../controllers/history/history.js';
import { selectorMatches } from '../controllers/podutil.js';
import type { HistoryEntry, RollbackOutcome, StatusLine } from './rollout.js';

const ChangeCauseAnnotation = 'kubernetes.io/change-cause';

/** DaemonSetStatusViewer.Status (the revision is ignored: "DaemonSets does not have history yet"). */
export function daemonSetStatus(ds: KObject): StatusLine {
  const name = ds.metadata!.name;
  if (ds.spec?.updateStrategy?.type !== 'RollingUpdate') {
    return { message: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  }
  const st = ds.status || {};
  if ((ds.metadata?.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const updated = st.updatedNumberScheduled ?? 0;
    const desired = st.desiredNumberScheduled ?? 0;
    const available = st.numberAvailable ?? 0;
    if (updated < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`, done: false };
    if (available < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...\n`, done: false };
    return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
}

/** StatefulSetStatusViewer.Status */
export function statefulSetStatus(sts: KObject): StatusLine {
  if (sts.spec?.updateStrategy?.type !== 'RollingUpdate') {
    return { message: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  }
  const st = sts.status || {};
  const observed = st.observedGeneration ?? 0;
  if (observed === 0 || (sts.metadata?.generation ?? 0) > observed) return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas: number | undefined = sts.spec?.replicas;
  const ready = st.readyReplicas ?? 0;
  if (replicas !== undefined && ready < replicas) return { message: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
  const ru = sts.spec?.updateStrategy?.rollingUpdate;
  const updated = st.updatedReplicas ?? 0;
  if (ru) {
    if (replicas !== undefined && ru.partition !== undefined && ru.partition !== null) {
      if (updated < replicas - ru.partition) {
        return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - ru.partition} new pods have been updated...\n`, done: false };
      }
    }
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision}...\n`, done: false };
  }
  return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, done: true };
}

/** controlledHistory: the revisions matching the owner's selector that it controls. */
export function controlledHistory(c: Cluster, owner: KObject): KObject[] {
  return c.list('controllerrevisions', owner.metadata!.namespace).filter((cr) =>
    selectorMatches(owner.spec?.selector, cr.metadata?.labels) &&
    (cr.metadata?.ownerReferences || []).some((r) => r.controller && r.uid === owner.metadata!.uid));
}

/** The template a revision restores ($patch: replace: the revision's template as it is). */
function revisionTemplate(cr: KObject): any {
  const t = JSON.parse(JSON.stringify((cr as any).data?.spec?.template ?? {}));
  delete t.$patch;
  return t;
}

/** applyDaemonSetHistory / applyRevision: the owner with the revision's template. */
function applied(owner: KObject, cr: KObject): KObject {
  const o = JSON.parse(JSON.stringify(owner));
  o.spec.template = revisionTemplate(cr);
  return o;
}

export function revisionHistory(c: Cluster, owner: KObject): HistoryEntry[] {
  // historyInfo is a map by revision: a later duplicate wins
  const byRev = new Map<number, KObject>();
  for (const cr of controlledHistory(c, owner)) byRev.set((cr as any).revision ?? 0, cr);
  return [...byRev.entries()].sort((a, b) => a[0] - b[0]).map(([revision, cr]) => ({
    revision,
    changeCause: cr.metadata?.annotations?.[ChangeCauseAnnotation],
    template: () => revisionTemplate(cr),
    object: () => applied(owner, cr),
  }));
}

/** DaemonSetRollbacker / StatefulSetRollbacker.Rollback */
export function revisionRollback(c: Cluster, owner: KObject, toRevision: number, dryRun: boolean): RollbackOutcome {
  if (toRevision < 0) throw new UserError(`error: unable to find specified revision ${toRevision} in history`);
  const history = controlledHistory(c, owner);
  if (toRevision === 0 && history.length <= 1) throw new UserError('error: no last revision to roll back to');
  let to: KObject | undefined;
  if (toRevision === 0) {
    const sorted = [...history].sort((a, b) => ((a as any).revision ?? 0) - ((b as any).revision ?? 0));
    to = sorted[sorted.length - 2];
  } else {
    to = history.find((h) => (h as any).revision === toRevision);
  }
  if (!to) throw new UserError(`error: unable to find specified revision ${toRevision} in history`);
  if (dryRun) return { kind: 'dry-run', template: revisionTemplate(to) };
  // upstream prints the revision asked for (0 when none was)
  if (templatePatch(owner).raw === revisionRaw(to)) return { kind: 'skipped', revision: toRevision };
  return { kind: 'rolled back', patched: applied(owner, to) };
}
