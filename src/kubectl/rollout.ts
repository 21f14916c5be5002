// What kubectl does client-side for `rollout status|history|undo|pause|resume|restart`
// (staging/src/k8s.io/kubectl/pkg/polymorphichelpers: rollout_status.go, history.go, rollback.go,
// objectpauser.go, objectresumer.go, objectrestarter.go).
import type { KObject } from '../api/types.js';
import { UserError } from '../api/errors.js';
import type { Cluster } from '../store/cluster.js';
import { EqualIgnoreHash, Revision, RevisionAnnotation, DeprecatedRollbackTo, LastAppliedConfigAnnotation, RevisionHistoryAnnotation, DesiredReplicasAnnotation, MaxReplicasAnnotation } from '../controllers/deployment/util.js';

import { daemonSetStatus, revisionHistory, revisionRollback, statefulSetStatus } from './rolloutrevisions.js';

export const ChangeCauseAnnotation = 'kubernetes.io/change-cause';

export interface StatusLine {
  message: string;
  done: boolean;
  /** an error that ends the wait (progress deadline exceeded) */
  error?: string;
}

/** One revision as `rollout history` shows it. */
export interface HistoryEntry {
  revision: number;
  changeCause?: string;
  /** the pod template `--revision=N` describes */
  template(): any;
  /** the object `-o yaml` prints for the revision */
  object(): KObject;
}

/**
 * What kubectl's polymorphichelpers do per kind: the status viewer, history viewer, rollbacker, and
 * the pauser/resumer/restarter's refusal (upstream returns these errors from its type switch).
 */
export interface RolloutKind {
  status(obj: KObject, revision?: number): StatusLine;
  history(c: Cluster, obj: KObject): HistoryEntry[];
  rollback(c: Cluster, obj: KObject, toRevision: number, dryRun: boolean): RollbackOutcome;
  /** the resource of HistoryEntry.object() */
  historyResource: string;
  /** undefined when the kind can be paused and resumed */
  pauseError?: string;
  resumeError?: string;
}

/** DeploymentStatusViewer.Status */
export function deploymentStatus(d: KObject, revision?: number): StatusLine {
  const name = d.metadata!.name;
  if (revision !== undefined && revision > 0) {
    const cur = d.metadata?.annotations?.[RevisionAnnotation];
    const r = cur === undefined ? NaN : parseInt(cur, 10);
    if (cur === undefined || Number.isNaN(r)) return { message: '', done: false, error: `cannot get the revision of deployment "${name}": ${cur === undefined ? 'the annotation is missing' : 'invalid revision'}` };
    if (r !== revision) return { message: '', done: false, error: `desired revision (${revision}) is different from the running revision (${r})` };
  }
  const st = d.status || {};
  const gen = d.metadata?.generation || 0;
  if (gen <= (st.observedGeneration || 0)) {
    const cond = (st.conditions || []).find((c: any) => c.type === 'Progressing');
    if (cond && cond.reason === 'ProgressDeadlineExceeded') return { message: '', done: false, error: `deployment "${name}" exceeded its progress deadline` };
    const spec = d.spec?.replicas ?? 1;
    const updated = st.updatedReplicas || 0;
    const replicas = st.replicas || 0;
    const available = st.availableReplicas || 0;
    if (d.spec?.replicas !== undefined && updated < spec) {
      return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${spec} new replicas have been updated...\n`, done: false };
    }
    if (replicas > updated) {
      return { message: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...\n`, done: false };
    }
    if (available < updated) {
      return { message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`, done: false };
    }
    return { message: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { message: `Waiting for deployment spec update to be observed...\n`, done: false };
}

/** All ReplicaSets the deployment controls, as kubectl's GetAllReplicaSets sees them. */
export function replicaSetsOf(c: Cluster, d: KObject): KObject[] {
  return c.listControlledBy('replicasets', d.metadata!.uid!);
}

export function historyRevisions(c: Cluster, d: KObject): { revision: number; changeCause?: string; rs: KObject }[] {
  const out: { revision: number; changeCause?: string; rs: KObject }[] = [];
  for (const rs of replicaSetsOf(c, d)) {
    const v = Revision(rs as any);
    if (!v && rs.metadata?.annotations?.[RevisionAnnotation] === undefined) continue;
    out.push({ revision: v, changeCause: rs.metadata?.annotations?.[ChangeCauseAnnotation], rs });
  }
  return out.sort((a, b) => a.revision - b.revision);
}

/** The pod template `rollout history --revision` shows: the RS's, with change-cause injected. */
export function revisionTemplate(rs: KObject): KObject {
  const t = JSON.parse(JSON.stringify(rs.spec.template));
  const cause = rs.metadata?.annotations?.[ChangeCauseAnnotation];
  if (cause !== undefined) {
    t.metadata = t.metadata || {};
    t.metadata.annotations = { ...(t.metadata.annotations || {}), [ChangeCauseAnnotation]: cause };
  }
  return t;
}

const ROLLBACK_SKIP = new Set([LastAppliedConfigAnnotation, RevisionAnnotation, RevisionHistoryAnnotation, DesiredReplicasAnnotation, MaxReplicasAnnotation, DeprecatedRollbackTo]);

export type RollbackOutcome =
  | { kind: 'dry-run'; template: KObject }
  | { kind: 'skipped'; revision: number }
  | { kind: 'rolled back'; patched: KObject };

/** DeploymentRollbacker.Rollback: find the target revision, refuse when paused, copy template and annotations. */
export function rollback(c: Cluster, d: KObject, toRevision: number, dryRun: boolean): RollbackOutcome {
  if (toRevision < 0) throw new UserError(`error: unable to find specified revision ${toRevision} in history`);
  const revs = historyRevisions(c, d);
  let target: KObject | undefined;
  let targetRev = toRevision;
  if (toRevision === 0) {
    if (revs.length < 2) throw new UserError(`error: no rollout history found for deployment "${d.metadata!.name}"`);
    const sorted = [...revs].sort((a, b) => b.revision - a.revision);
    target = sorted[1].rs;
    targetRev = sorted[1].revision;
  } else {
    target = revs.find((r) => r.revision === toRevision)?.rs;
    if (!target) throw new UserError(`error: unable to find specified revision ${toRevision} in history`);
  }
  if (dryRun) {
    const t = JSON.parse(JSON.stringify(target.spec.template));
    return { kind: 'dry-run', template: t };
  }
  if (d.spec?.paused) {
    throw new UserError(`error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
  }
  if (EqualIgnoreHash(d.spec.template, target.spec.template)) return { kind: 'skipped', revision: targetRev };
  const patched = JSON.parse(JSON.stringify(d));
  const template = JSON.parse(JSON.stringify(target.spec.template));
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  patched.spec.template = template;
  const ann: Record<string, string> = {};
  for (const [k, v] of Object.entries<string>(d.metadata?.annotations || {})) if (ROLLBACK_SKIP.has(k)) ann[k] = v;
  for (const [k, v] of Object.entries<string>(target.metadata?.annotations || {})) if (!ROLLBACK_SKIP.has(k)) ann[k] = v;
  patched.metadata.annotations = ann;
  return { kind: 'rolled back', patched };
}

function deploymentHistory(c: Cluster, d: KObject): HistoryEntry[] {
  return historyRevisions(c, d).map((r) => ({ revision: r.revision, changeCause: r.changeCause, template: () => revisionTemplate(r.rs), object: () => r.rs }));
}

/** The rollout helpers by resource; a resource missing here has none ("no ... has been implemented"). */
export const ROLLOUT_KINDS: Record<string, RolloutKind> = {
  deployments: { status: deploymentStatus, history: deploymentHistory, rollback, historyResource: 'replicasets' },
  daemonsets: {
    status: daemonSetStatus, history: revisionHistory, rollback: revisionRollback, historyResource: 'daemonsets',
    pauseError: 'pausing is not supported', resumeError: 'resuming is not supported',
  },
  statefulsets: {
    status: statefulSetStatus, history: revisionHistory, rollback: revisionRollback, historyResource: 'statefulsets',
    pauseError: 'pausing is not supported', resumeError: 'resuming is not supported',
  },
};
