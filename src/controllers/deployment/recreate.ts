// Port of pkg/controller/deployment/recreate.go: scale every old RS to zero, wait until no old pod is
// left (terminating ones included), then create the new RS at full size.
import type { Pod } from '../../api/types.js';
import type { DC, PodMap } from './controller.js';
import { syncRolloutStatus } from './progress.js';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync.js';
import {
  type DeploymentObj,
  type RSObj,
  DeploymentComplete,
  FilterActiveReplicaSets,
  GetActualReplicaCountForReplicaSets,
  dReplicas,
  rsReplicas,
} from './util.js';

export function rolloutRecreate(dc: DC, d: DeploymentObj, rsList: RSObj[], getPodMap: () => PodMap): void {
  // Don't create a new RS if not already existed, so that we avoid scaling up before scaling down.
  let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  const activeOldRSs = FilterActiveReplicaSets(oldRSs);

  // scale down old replica sets.
  const scaledDown = scaleDownOldReplicaSetsForRecreate(dc, activeOldRSs, d);
  if (scaledDown) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }

  // Do not process a deployment when it has old pods running.
  if (oldPodsRunning(newRS, oldRSs, getPodMap)) {
    syncRolloutStatus(dc, allRSs, newRS, d);
    return;
  }

  // If we need to create a new RS, create it now.
  if (!newRS) {
    [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
    allRSs = [...oldRSs, newRS];
  }

  // scale up new replica set.
  scaleUpNewReplicaSetForRecreate(dc, newRS!, d);

  if (DeploymentComplete(d, d.status)) cleanupDeployment(dc, oldRSs, d);

  syncRolloutStatus(dc, allRSs, newRS, d);
}

function scaleDownOldReplicaSetsForRecreate(dc: DC, oldRSs: RSObj[], d: DeploymentObj): boolean {
  let scaled = false;
  for (let i = 0; i < oldRSs.length; i++) {
    const rs = oldRSs[i];
    if (rsReplicas(rs) === 0) continue; // scaling not required
    const [scaledRS, updatedRS] = scaleReplicaSetAndRecordEvent(dc, rs, 0, d);
    if (scaledRS) {
      oldRSs[i] = updatedRS;
      scaled = true;
    }
  }
  return scaled;
}

/** Old pods still around: an old RS reporting replicas, or any non-terminal pod of an old RS. */
export function oldPodsRunning(newRS: RSObj | undefined, oldRSs: RSObj[], getPodMap: () => PodMap): boolean {
  if (GetActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  for (const [rsUID, podList] of getPodMap()) {
    // If the pods belong to the new ReplicaSet, ignore.
    if (newRS && newRS.metadata?.uid === rsUID) continue;
    for (const pod of podList as Pod[]) {
      switch (pod.status?.phase) {
        case 'Failed':
        case 'Succeeded':
          continue; // terminal pods don't count
        default:
          // Pending, Running, Unknown (the node may be unreachable): count it
          return true;
      }
    }
  }
  return false;
}

function scaleUpNewReplicaSetForRecreate(dc: DC, newRS: RSObj, d: DeploymentObj): boolean {
  return scaleReplicaSetAndRecordEvent(dc, newRS, dReplicas(d), d)[0];
}
