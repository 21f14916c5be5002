// Port of pkg/controller/deployment/rollback.go: the legacy, controller-side rollback driven by the
// `deprecated.deployment.rollback.to` annotation (extensions/v1beta1 and apps/v1beta1 rollbackTo).
// kubectl's `rollout undo` patches the template client-side and never comes here.
import { type DC, eventf, updateDeployment } from './controller.js';
import { getAllReplicaSetsAndSyncRevision } from './sync.js';
import {
  type DeploymentObj,
  type RSObj,
  DeprecatedRollbackTo,
  EqualIgnoreHash,
  LastRevision,
  Revision,
  RollbackDone,
  RollbackRevisionNotFound,
  RollbackTemplateUnchanged,
  SetDeploymentAnnotationsTo,
  SetFromReplicaSetTemplate,
  parseInt64,
} from './util.js';

export interface RollbackConfig {
  revision: number;
}

/** Rolls d back to the given revision (0: the previous one); always clears the rollback annotation. */
export function rollback(dc: DC, d: DeploymentObj, rsList: RSObj[], rollbackTo: RollbackConfig): void {
  const [newRS, allOldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...allOldRSs, ...(newRS ? [newRS] : [])];
  if (rollbackTo.revision === 0) {
    rollbackTo.revision = LastRevision(allRSs);
    if (rollbackTo.revision === 0) {
      eventf(dc, d, 'Warning', RollbackRevisionNotFound, 'Unable to find last revision.');
      updateDeploymentAndClearRollbackTo(dc, d);
      return;
    }
  }
  for (const rs of allRSs) {
    let v: number;
    try {
      v = Revision(rs);
    } catch {
      continue;
    }
    if (v === rollbackTo.revision) {
      // the revision number is raised by the next getAllReplicaSetsAndSyncRevision
      const performedRollback = rollbackToTemplate(dc, d, rs);
      if (performedRollback) {
        eventf(dc, d, 'Normal', RollbackDone, `Rolled back deployment ${JSON.stringify(d.metadata?.name)} to revision ${rollbackTo.revision}`);
      }
      return;
    }
  }
  eventf(dc, d, 'Warning', RollbackRevisionNotFound, 'Unable to find the revision to rollback to.');
  updateDeploymentAndClearRollbackTo(dc, d);
}

/** Copies rs's template (and annotations) into d when they differ; clears the rollback annotation. */
function rollbackToTemplate(dc: DC, d: DeploymentObj, rs: RSObj): boolean {
  let performedRollback = false;
  if (!EqualIgnoreHash(d.spec?.template, rs.spec?.template)) {
    SetFromReplicaSetTemplate(d, rs.spec!.template!);
    // the RS's annotations come back with it, or the current change-cause would be copied onto it
    SetDeploymentAnnotationsTo(d, rs);
    performedRollback = true;
  } else {
    eventf(dc, d, 'Warning', RollbackTemplateUnchanged, `The rollback revision contains the same template as current deployment ${JSON.stringify(d.metadata?.name)}`);
  }
  updateDeploymentAndClearRollbackTo(dc, d);
  return performedRollback;
}

function updateDeploymentAndClearRollbackTo(dc: DC, d: DeploymentObj): void {
  setRollbackTo(d, undefined);
  updateDeployment(dc, d);
}

export function getRollbackTo(d: DeploymentObj): RollbackConfig | undefined {
  const revision = d.metadata?.annotations?.[DeprecatedRollbackTo];
  if (!revision) return undefined;
  const revision64 = parseInt64(revision);
  if (revision64 === undefined) return undefined; // invalid: ignored
  return { revision: revision64 };
}

function setRollbackTo(d: DeploymentObj, rollbackTo: RollbackConfig | undefined): void {
  const ann = { ...d.metadata?.annotations };
  if (!rollbackTo) delete ann[DeprecatedRollbackTo];
  else ann[DeprecatedRollbackTo] = String(rollbackTo.revision);
  d.metadata = { ...d.metadata, annotations: ann };
}
