// Port of pkg/controller/deployment/progress.go: the status written during a rollout, with the
// Progressing condition (progress made, complete, or past progressDeadlineSeconds).
import { type DC, enqueueAfter, updateDeploymentStatus } from './controller.js';
import { calculateStatus, statusEqual } from './sync.js';
import {
  type DeploymentCondition,
  type DeploymentObj,
  type DeploymentStatus,
  type RSObj,
  DeploymentComplete,
  DeploymentProgressing,
  DeploymentProgressingType,
  DeploymentReplicaFailure,
  DeploymentTimedOut,
  GetDeploymentCondition,
  HasProgressDeadline,
  NewDeploymentCondition,
  NewRSAvailableReason,
  RemoveDeploymentCondition,
  ReplicaSetToDeploymentCondition,
  ReplicaSetUpdatedReason,
  SetDeploymentCondition,
  TimedOutReason,
} from './util.js';
import { parseTime } from '../../sim/clock.js';

/**
 * Updates the status during a rollout. When nothing changed, requeues the deployment for the moment
 * its progress deadline would pass. No event is recorded on timeout: only the condition changes.
 */
export function syncRolloutStatus(dc: DC, allRSs: (RSObj | undefined)[], newRS: RSObj | undefined, d: DeploymentObj): void {
  const newStatus = calculateStatus(allRSs, newRS, d, dc.nowStr);

  // No progressDeadlineSeconds: no Progressing condition at all.
  if (!HasProgressDeadline(d)) RemoveDeploymentCondition(newStatus, DeploymentProgressingType);

  // A completed rollout being resynced (one active RS): don't estimate progress.
  const currentCond = GetDeploymentCondition(d.status, DeploymentProgressingType);
  const isCompleteDeployment =
    (newStatus.replicas ?? 0) === (newStatus.updatedReplicas ?? 0) && !!currentCond && currentCond.reason === NewRSAvailableReason;
  if (HasProgressDeadline(d) && !isCompleteDeployment) {
    const rsName = newRS?.metadata?.name;
    if (DeploymentComplete(d, newStatus)) {
      const msg = rsName !== undefined
        ? `ReplicaSet ${JSON.stringify(rsName)} has successfully progressed.`
        : `Deployment ${JSON.stringify(d.metadata?.name)} has successfully progressed.`;
      SetDeploymentCondition(newStatus, NewDeploymentCondition(DeploymentProgressingType, 'True', NewRSAvailableReason, msg, dc.nowStr));
    } else if (DeploymentProgressing(d, newStatus)) {
      const msg = rsName !== undefined
        ? `ReplicaSet ${JSON.stringify(rsName)} is progressing.`
        : `Deployment ${JSON.stringify(d.metadata?.name)} is progressing.`;
      const condition = NewDeploymentCondition(DeploymentProgressingType, 'True', ReplicaSetUpdatedReason, msg, dc.nowStr);
      // Progressing is special: with the same reason, lastUpdateTime still moves on progress, so the old
      // condition is removed first; lastTransitionTime is kept while the status stays True.
      if (currentCond) {
        if (currentCond.status === 'True') condition.lastTransitionTime = currentCond.lastTransitionTime;
        RemoveDeploymentCondition(newStatus, DeploymentProgressingType);
      }
      SetDeploymentCondition(newStatus, condition);
    } else if (DeploymentTimedOut(d, newStatus, dc.now)) {
      const msg = rsName !== undefined
        ? `ReplicaSet ${JSON.stringify(rsName)} has timed out progressing.`
        : `Deployment ${JSON.stringify(d.metadata?.name)} has timed out progressing.`;
      SetDeploymentCondition(newStatus, NewDeploymentCondition(DeploymentProgressingType, 'False', TimedOutReason, msg, dc.nowStr));
    }
  }

  // Failure conditions of the RSs move into the deployment (only one is returned).
  const replicaFailureCond = getReplicaFailures(allRSs, newRS);
  if (replicaFailureCond.length > 0) SetDeploymentCondition(newStatus, replicaFailureCond[0]);
  else RemoveDeploymentCondition(newStatus, DeploymentReplicaFailure);

  // Do not update if there is nothing new to add.
  if (statusEqual(d.status, newStatus)) {
    requeueStuckDeployment(dc, d, newStatus);
    return;
  }
  d.status = newStatus;
  updateDeploymentStatus(dc, d);
}

/** ReplicaFailure conditions of the new RS first, else of any RS, as deployment conditions. */
function getReplicaFailures(allRSs: (RSObj | undefined)[], newRS: RSObj | undefined): DeploymentCondition[] {
  const conditions: DeploymentCondition[] = [];
  if (newRS) {
    for (const c of newRS.status?.conditions ?? []) {
      if (c.type === DeploymentReplicaFailure) conditions.push(ReplicaSetToDeploymentCondition(c));
    }
  }
  if (conditions.length > 0) return conditions;
  for (const rs of allRSs) {
    if (!rs) continue;
    for (const c of rs.status?.conditions ?? []) {
      if (c.type === DeploymentReplicaFailure) conditions.push(ReplicaSetToDeploymentCondition(c));
    }
  }
  return conditions;
}

/**
 * Requeues a rollout that shows no progress for the moment its deadline passes:
 * lastUpdateTime + progressDeadlineSeconds − now, plus a second against clock skew.
 * Returns that delay in ms, 0 when requeued at once, -1 when not requeued.
 */
export function requeueStuckDeployment(dc: DC, d: DeploymentObj, newStatus: DeploymentStatus): number {
  const currentCond = GetDeploymentCondition(d.status, DeploymentProgressingType);
  // Can't estimate progress without a deadline or a Progressing condition.
  if (!HasProgressDeadline(d) || !currentCond) return -1;
  // No need to estimate progress if the rollout is complete or already timed out.
  if (DeploymentComplete(d, newStatus) || currentCond.reason === TimedOutReason) return -1;
  const lastUpdate = parseTime(currentCond.lastUpdateTime) ?? 0;
  const after = lastUpdate + d.spec!.progressDeadlineSeconds! * 1000 - dc.now;
  if (after < 1000) {
    // kubesim: upstream requeues rate-limited (5ms, 10ms, ... until the deadline has passed); wake once,
    // just after the deadline (DeploymentTimedOut needs lastUpdateTime + deadline strictly before now).
    enqueueAfter(dc, Math.max(after, 0) + 1);
    return 0;
  }
  enqueueAfter(dc, after + 1000);
  return after;
}
