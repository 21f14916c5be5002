// Port of pkg/controller/deployment/rolling.go: one step of a RollingUpdate per sync — scale the new RS
// up if the surge allows, else scale old RSs down if availability allows, else (complete) clean up.
import type { DC } from './controller.js';
import { syncRolloutStatus } from './progress.js';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync.js';
import {
  type DeploymentObj,
  type RSObj,
  DeploymentComplete,
  FilterActiveReplicaSets,
  GetAvailableReplicaCountForReplicaSets,
  GetReplicaCountForReplicaSets,
  MaxUnavailable,
  NewRSNewReplicas,
  ReplicaSetsByCreationTimestamp,
  dReplicas,
  rsReplicas,
} from './util.js';

export function rolloutRolling(dc: DC, d: DeploymentObj, rsList: RSObj[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  // As upstream, allRSs keeps the objects as read: the status below is computed from them even after a
  // scale in this sync (so unavailableReplicas lags one sync behind a scale).
  const allRSs = [...oldRSs, newRS];

  // Scale up, if we can.
  const scaledUp = reconcileNewReplicaSet(dc, allRSs, newRS!, d);
  if (scaledUp) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }

  // Scale down, if we can.
  const scaledDown = reconcileOldReplicaSets(dc, allRSs, FilterActiveReplicaSets(oldRSs), newRS!, d);
  if (scaledDown) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }

  if (DeploymentComplete(d, d.status)) cleanupDeployment(dc, oldRSs, d);

  syncRolloutStatus(dc, allRSs, newRS, d);
}

export function reconcileNewReplicaSet(dc: DC, allRSs: (RSObj | undefined)[], newRS: RSObj, d: DeploymentObj): boolean {
  if (rsReplicas(newRS) === dReplicas(d)) return false; // scaling not required
  if (rsReplicas(newRS) > dReplicas(d)) {
    // scale down
    return scaleReplicaSetAndRecordEvent(dc, newRS, dReplicas(d), d)[0];
  }
  const newReplicasCount = NewRSNewReplicas(d, allRSs, newRS);
  return scaleReplicaSetAndRecordEvent(dc, newRS, newReplicasCount, d)[0];
}

/**
 * Scales old RSs down as far as availability allows:
 *   maxScaledDown = allPodsCount − minAvailable − newRSUnavailablePodCount
 * Unhealthy old replicas go first (cleanupUnhealthyReplicas), then available ones
 * (scaleDownOldReplicaSetsForRollingUpdate). With 10 replicas, maxUnavailable 2, maxSurge 3 and a broken
 * image the rollout stops at old 8 / new 5: 13 − 8 − 5 = 0.
 */
export function reconcileOldReplicaSets(
  dc: DC,
  allRSs: (RSObj | undefined)[],
  oldRSs: RSObj[],
  newRS: RSObj,
  d: DeploymentObj,
): boolean {
  const oldPodsCount = GetReplicaCountForReplicaSets(oldRSs);
  if (oldPodsCount === 0) return false; // can't scale down further
  const allPodsCount = GetReplicaCountForReplicaSets(allRSs);
  const maxUnavailable = MaxUnavailable(d);

  const minAvailable = dReplicas(d) - maxUnavailable;
  const newRSUnavailablePodCount = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;

  // Clean up unhealthy replicas first, otherwise they block the rollout (kubernetes#16737).
  let cleanupCount: number;
  try {
    [oldRSs, cleanupCount] = cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
  } catch {
    return false; // Go: `return false, nil`
  }

  // Scale down old replica sets, checking maxUnavailable.
  const allRSs2 = [...oldRSs, newRS];
  let scaledDownCount: number;
  try {
    scaledDownCount = scaleDownOldReplicaSetsForRollingUpdate(dc, allRSs2, oldRSs, d);
  } catch {
    return false;
  }
  return cleanupCount + scaledDownCount > 0;
}

/** Scales down old RSs (oldest first) by their unavailable replicas, at most maxCleanupCount in total. */
export function cleanupUnhealthyReplicas(dc: DC, oldRSs: RSObj[], d: DeploymentObj, maxCleanupCount: number): [RSObj[], number] {
  oldRSs.sort(ReplicaSetsByCreationTimestamp);
  // The RS controller deletes not-ready, unscheduled and pending pods first, so availability is kept.
  let totalScaledDown = 0;
  for (let i = 0; i < oldRSs.length; i++) {
    const targetRS = oldRSs[i];
    if (totalScaledDown >= maxCleanupCount) break;
    if (rsReplicas(targetRS) === 0) continue; // cannot scale down this replica set
    const available = targetRS.status?.availableReplicas ?? 0;
    if (rsReplicas(targetRS) === available) continue; // no unhealthy replicas
    const scaledDownCount = Math.min(maxCleanupCount - totalScaledDown, rsReplicas(targetRS) - available);
    const newReplicasCount = rsReplicas(targetRS) - scaledDownCount;
    if (newReplicasCount > rsReplicas(targetRS)) {
      throw new Error(
        `when cleaning up unhealthy replicas, got invalid request to scale down ${targetRS.metadata?.namespace}/${targetRS.metadata?.name} ${rsReplicas(targetRS)} -> ${newReplicasCount}`,
      );
    }
    const [, updatedOldRS] = scaleReplicaSetAndRecordEvent(dc, targetRS, newReplicasCount, d);
    totalScaledDown += scaledDownCount;
    oldRSs[i] = updatedOldRS;
  }
  return [oldRSs, totalScaledDown];
}

/** Scales down old RSs (oldest first) by what is available beyond minAvailable. */
export function scaleDownOldReplicaSetsForRollingUpdate(dc: DC, allRSs: (RSObj | undefined)[], oldRSs: RSObj[], d: DeploymentObj): number {
  const maxUnavailable = MaxUnavailable(d);
  const minAvailable = dReplicas(d) - maxUnavailable;
  const availablePodCount = GetAvailableReplicaCountForReplicaSets(allRSs);
  if (availablePodCount <= minAvailable) return 0; // cannot scale down

  oldRSs.sort(ReplicaSetsByCreationTimestamp);
  let totalScaledDown = 0;
  const totalScaleDownCount = availablePodCount - minAvailable;
  for (const targetRS of oldRSs) {
    if (totalScaledDown >= totalScaleDownCount) break; // no further scaling required
    if (rsReplicas(targetRS) === 0) continue;
    const scaleDownCount = Math.min(rsReplicas(targetRS), totalScaleDownCount - totalScaledDown);
    const newReplicasCount = rsReplicas(targetRS) - scaleDownCount;
    if (newReplicasCount > rsReplicas(targetRS)) {
      throw new Error(
        `when scaling down old RS, got invalid request to scale down ${targetRS.metadata?.namespace}/${targetRS.metadata?.name} ${rsReplicas(targetRS)} -> ${newReplicasCount}`,
      );
    }
    scaleReplicaSetAndRecordEvent(dc, targetRS, newReplicasCount, d);
    totalScaledDown += scaleDownCount;
  }
  return totalScaledDown;
}
