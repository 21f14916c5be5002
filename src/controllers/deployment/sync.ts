// Port of pkg/controller/deployment/sync.go: the shared steps of every sync (finding or creating the new
// ReplicaSet and its revision, proportional scaling, history cleanup, status).
import type { PodTemplateSpec } from '../../api/types.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { StatusError } from '../../api/errors.js';
import { computePodTemplateHash } from '../../api/hash.js';
import {
  type DC,
  createReplicaSet,
  deleteReplicaSet,
  eventf,
  updateDeploymentStatus,
  updateReplicaSet,
} from './controller.js';
import { getRollbackTo } from './rollback.js';
import {
  type DeploymentObj,
  type DeploymentStatus,
  type RSObj,
  DefaultDeploymentUniqueLabelKey,
  DeploymentAvailable,
  DeploymentProgressingType,
  EqualIgnoreHash,
  FailedRSCreateReason,
  FilterActiveReplicaSets,
  FindActiveOrLatest,
  FindNewReplicaSet,
  FindOldReplicaSets,
  FoundNewRSReason,
  GetActualReplicaCountForReplicaSets,
  GetAvailableReplicaCountForReplicaSets,
  GetDeploymentCondition,
  GetDesiredReplicasAnnotation,
  GetProportion,
  GetReadyReplicaCountForReplicaSets,
  GetReplicaCountForReplicaSets,
  HasProgressDeadline,
  HasRevisionHistoryLimit,
  IsRollingUpdate,
  IsSaturated,
  MaxRevision,
  MaxSurge,
  MaxUnavailable,
  MinimumReplicasAvailable,
  MinimumReplicasUnavailable,
  NewDeploymentCondition,
  NewRSNewReplicas,
  NewReplicaSetReason,
  PausedDeployReason,
  ReplicaSetsByRevision,
  ReplicaSetsBySizeNewer,
  ReplicaSetsBySizeOlder,
  ReplicasAnnotationsNeedUpdate,
  ResumedDeployReason,
  RevisionAnnotation,
  SetDeploymentCondition,
  SetDeploymentRevision,
  SetNewReplicaSetAnnotations,
  SetReplicasAnnotations,
  TimedOutReason,
  dReplicas,
  maxRevHistoryLengthInChars,
  rsReplicas,
  newControllerRef,
} from './util.js';

/** Only updates the status; no mutating actions (deployment being deleted). */
export function syncStatusOnly(dc: DC, d: DeploymentObj, rsList: RSObj[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/** Reconciles scaling events and paused deployments: proportional scaling, no new ReplicaSet. */
export function sync(dc: DC, d: DeploymentObj, rsList: RSObj[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  scale(dc, d, newRS, oldRSs);
  // Clean up the deployment when it's paused and no rollback is in flight.
  if (d.spec?.paused && getRollbackTo(d) === undefined) cleanupDeployment(dc, oldRSs, d);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/**
 * Pausing/resuming sets Progressing=Unknown so that a resumed deployment does not time out at once;
 * a ProgressDeadlineExceeded condition is never overwritten.
 */
export function checkPausedConditions(dc: DC, d: DeploymentObj): void {
  if (!HasProgressDeadline(d)) return;
  const cond = GetDeploymentCondition(d.status, DeploymentProgressingType);
  if (cond && cond.reason === TimedOutReason) return;
  const pausedCondExists = !!cond && cond.reason === PausedDeployReason;
  let needsUpdate = false;
  if (d.spec?.paused && !pausedCondExists) {
    d.status ??= {};
    SetDeploymentCondition(d.status, NewDeploymentCondition(DeploymentProgressingType, 'Unknown', PausedDeployReason, 'Deployment is paused', dc.nowStr));
    needsUpdate = true;
  } else if (!d.spec?.paused && pausedCondExists) {
    d.status ??= {};
    SetDeploymentCondition(d.status, NewDeploymentCondition(DeploymentProgressingType, 'Unknown', ResumedDeployReason, 'Deployment is resumed', dc.nowStr));
    needsUpdate = true;
  }
  if (!needsUpdate) return;
  updateDeploymentStatus(dc, d);
}

/**
 * All the RSs of d: the new one (created when asked and missing), with its revision and the
 * deployment's revision brought up to date, and all the old ones.
 */
export function getAllReplicaSetsAndSyncRevision(
  dc: DC,
  d: DeploymentObj,
  rsList: RSObj[],
  createIfNotExisted: boolean,
): [RSObj | undefined, RSObj[]] {
  const [, allOldRSs] = FindOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(dc, d, rsList, allOldRSs, createIfNotExisted);
  return [newRS, allOldRSs];
}

/**
 * The RS matching d's template. An existing one gets d's annotations and the next revision (recording
 * its old one in revision-history); a missing one is created when createIfNotExisted, named
 * `<deployment>-<pod-template-hash>`.
 */
export function getNewReplicaSet(
  dc: DC,
  d: DeploymentObj,
  rsList: RSObj[],
  oldRSs: RSObj[],
  createIfNotExisted: boolean,
): RSObj | undefined {
  const existingNewRS = FindNewReplicaSet(d, rsList);
  const maxOldRevision = MaxRevision(oldRSs);
  const newRevision = String(maxOldRevision + 1);

  if (existingNewRS) {
    // Only metadata.annotations and spec.minReadySeconds may change: copy just those levels.
    const rsCopy: RSObj = {
      ...existingNewRS,
      metadata: { ...existingNewRS.metadata, annotations: { ...existingNewRS.metadata?.annotations } },
      spec: { ...existingNewRS.spec! },
    };
    const annotationsUpdated = SetNewReplicaSetAnnotations(d, rsCopy, newRevision, true, maxRevHistoryLengthInChars);
    const minReadySecondsNeedsUpdate = (rsCopy.spec!.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadySecondsNeedsUpdate) {
      if (d.spec?.minReadySeconds) rsCopy.spec!.minReadySeconds = d.spec.minReadySeconds;
      else delete rsCopy.spec!.minReadySeconds;
      return updateReplicaSet(dc, rsCopy);
    }

    // the revision in the RS annotation is the reliable one
    let needsUpdate = SetDeploymentRevision(d, rsCopy.metadata!.annotations![RevisionAnnotation]);
    // No Progressing condition yet: start estimating progress from the first time we saw this RS.
    const cond = GetDeploymentCondition(d.status, DeploymentProgressingType);
    if (HasProgressDeadline(d) && !cond) {
      const msg = `Found new replica set ${JSON.stringify(rsCopy.metadata!.name)}`;
      d.status ??= {};
      SetDeploymentCondition(d.status, NewDeploymentCondition(DeploymentProgressingType, 'True', FoundNewRSReason, msg, dc.nowStr));
      needsUpdate = true;
    }
    if (needsUpdate) updateDeploymentStatus(dc, d);
    return rsCopy;
  }

  if (!createIfNotExisted) return undefined;

  // new ReplicaSet does not exist, create one.
  const template = d.spec!.template;
  const newRSTemplate: PodTemplateSpec = JSON.parse(JSON.stringify(template));
  const podTemplateSpecHash = computePodTemplateHash(template, d.status?.collisionCount);
  newRSTemplate.metadata = {
    ...newRSTemplate.metadata,
    labels: { ...template.metadata?.labels, [DefaultDeploymentUniqueLabelKey]: podTemplateSpecHash },
  };
  const newRSSelector = CloneSelectorAndAddLabel(d.spec!.selector, DefaultDeploymentUniqueLabelKey, podTemplateSpecHash);

  const newRS: RSObj = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      // Make the name deterministic, to ensure idempotence
      name: `${d.metadata!.name}-${podTemplateSpecHash}`,
      namespace: d.metadata!.namespace,
      labels: { ...newRSTemplate.metadata.labels },
      ownerReferences: [newControllerRef(d)],
    },
    spec: {
      replicas: 0,
      // omitempty
      ...(d.spec?.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
      selector: newRSSelector,
      template: newRSTemplate,
    },
  };
  const newReplicasCount = NewRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec!.replicas = newReplicasCount;
  SetNewReplicaSetAnnotations(d, newRS, newRevision, false, maxRevHistoryLengthInChars);

  // Create it. AlreadyExists means either our own RS (slow cache) or a hash collision.
  let alreadyExists = false;
  let createdRS: RSObj;
  try {
    createdRS = createReplicaSet(dc, newRS);
  } catch (err) {
    if (err instanceof StatusError && err.reason === 'AlreadyExists') {
      alreadyExists = true;
      const rs = dc.ctx.cluster.get('replicasets', newRS.metadata!.namespace, newRS.metadata!.name!) as RSObj | undefined;
      if (!rs) throw err;
      const controllerRef = rs.metadata?.ownerReferences?.find((r) => r.controller);
      if (controllerRef && controllerRef.uid === d.metadata?.uid && EqualIgnoreHash(d.spec?.template, rs.spec?.template)) {
        createdRS = rs;
      } else {
        // A hash collision: bump collisionCount and retry the creation in the next sync.
        d.status = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
        try {
          updateDeploymentStatus(dc, d);
        } catch {
          // the original error is what gets returned
        }
        throw err;
      }
    } else {
      const msg = `Failed to create new replica set ${JSON.stringify(newRS.metadata!.name)}: ${(err as Error).message}`;
      if (HasProgressDeadline(d)) {
        d.status ??= {};
        SetDeploymentCondition(d.status, NewDeploymentCondition(DeploymentProgressingType, 'False', FailedRSCreateReason, msg, dc.nowStr));
        try {
          updateDeploymentStatus(dc, d);
        } catch {
          // a bigger issue is being reported
        }
      }
      eventf(dc, d, 'Warning', FailedRSCreateReason, msg);
      throw err;
    }
  }
  if (!alreadyExists && newReplicasCount > 0) {
    eventf(dc, d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${createdRS.metadata!.name} from 0 to ${newReplicasCount}`);
  }

  let needsUpdate = SetDeploymentRevision(d, newRevision);
  if (!alreadyExists && HasProgressDeadline(d)) {
    const msg = `Created new replica set ${JSON.stringify(createdRS.metadata!.name)}`;
    d.status ??= {};
    SetDeploymentCondition(d.status, NewDeploymentCondition(DeploymentProgressingType, 'True', NewReplicaSetReason, msg, dc.nowStr));
    needsUpdate = true;
  }
  if (needsUpdate) updateDeploymentStatus(dc, d);
  return createdRS;
}

/** labelsutil.CloneSelectorAndAddLabel */
function CloneSelectorAndAddLabel(selector: LabelSelector, labelKey: string, labelValue: string): LabelSelector {
  const out: LabelSelector = { matchLabels: { ...selector.matchLabels, [labelKey]: labelValue } };
  if (selector.matchExpressions) {
    out.matchExpressions = selector.matchExpressions.map((me) => ({
      key: me.key,
      operator: me.operator,
      ...(me.values ? { values: [...me.values] } : {}),
    }));
  }
  return out;
}

/**
 * Proportional scaling: on a scaling event (or while paused) spread the change over the active RSs in
 * proportion to their size, so that a scale during a rollout does not hasten it.
 */
export function scale(dc: DC, d: DeploymentObj, newRS: RSObj | undefined, oldRSs: RSObj[]): void {
  // One active RS (or none: the newest) takes the full count.
  const activeOrLatest = FindActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (rsReplicas(activeOrLatest) === dReplicas(d)) return;
    scaleReplicaSetAndRecordEvent(dc, activeOrLatest, dReplicas(d), d);
    return;
  }

  // A saturated new RS (e.g. after adopting RSs): old ones go to zero.
  if (IsSaturated(d, newRS)) {
    for (const old of FilterActiveReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(dc, old, 0, d);
    return;
  }

  // Several active RSs and an unsaturated new one: scale all of them proportionally (rolling only).
  if (IsRollingUpdate(d)) {
    const allRSs = FilterActiveReplicaSets([...oldRSs, newRS]);
    const allRSsReplicas = GetReplicaCountForReplicaSets(allRSs);
    let allowedSize = 0;
    if (dReplicas(d) > 0) allowedSize = dReplicas(d) + MaxSurge(d);
    // replicas to add (or remove, when negative), spread over the active RSs
    const deploymentReplicasToAdd = allowedSize - allRSsReplicas;

    // Larger RSs first; among equals, newer first when adding and older first when removing.
    let scalingOperation = '';
    if (deploymentReplicasToAdd > 0) {
      allRSs.sort(ReplicaSetsBySizeNewer);
      scalingOperation = 'up';
    } else if (deploymentReplicasToAdd < 0) {
      allRSs.sort(ReplicaSetsBySizeOlder);
      scalingOperation = 'down';
    }

    let deploymentReplicasAdded = 0;
    const nameToSize = new Map<string, number>();
    for (const rs of allRSs) {
      if (deploymentReplicasToAdd !== 0) {
        const proportion = GetProportion(rs, d, deploymentReplicasToAdd, deploymentReplicasAdded);
        nameToSize.set(rs.metadata!.name!, rsReplicas(rs) + proportion);
        deploymentReplicasAdded += proportion;
      } else {
        nameToSize.set(rs.metadata!.name!, rsReplicas(rs));
      }
    }

    for (let i = 0; i < allRSs.length; i++) {
      const rs = allRSs[i];
      const name = rs.metadata!.name!;
      // leftovers go to the largest RS
      if (i === 0 && deploymentReplicasToAdd !== 0) {
        const leftover = deploymentReplicasToAdd - deploymentReplicasAdded;
        let size = nameToSize.get(name)! + leftover;
        if (size < 0) size = 0;
        nameToSize.set(name, size);
      }
      scaleReplicaSet(dc, rs, nameToSize.get(name)!, d, scalingOperation);
    }
  }
}

export function scaleReplicaSetAndRecordEvent(dc: DC, rs: RSObj, newScale: number, d: DeploymentObj): [boolean, RSObj] {
  // No need to scale
  if (rsReplicas(rs) === newScale) return [false, rs];
  const scalingOperation = rsReplicas(rs) < newScale ? 'up' : 'down';
  return scaleReplicaSet(dc, rs, newScale, d, scalingOperation);
}

/** Sets rs.spec.replicas and the replicas annotations; the ScalingReplicaSet event only when the size changed. */
export function scaleReplicaSet(dc: DC, rs: RSObj, newScale: number, d: DeploymentObj, scalingOperation: string): [boolean, RSObj] {
  const sizeNeedsUpdate = rsReplicas(rs) !== newScale;
  const maxReplicas = dReplicas(d) + MaxSurge(d);
  const annotationsNeedUpdate = ReplicasAnnotationsNeedUpdate(rs, dReplicas(d), maxReplicas);
  let scaled = false;
  if (sizeNeedsUpdate || annotationsNeedUpdate) {
    const oldScale = rsReplicas(rs);
    const rsCopy: RSObj = {
      ...rs,
      metadata: { ...rs.metadata, annotations: { ...rs.metadata?.annotations } },
      spec: { ...rs.spec!, replicas: newScale },
    };
    SetReplicasAnnotations(rsCopy, dReplicas(d), maxReplicas);
    rs = updateReplicaSet(dc, rsCopy);
    if (sizeNeedsUpdate) {
      scaled = true;
      // v1.32 wording (kubernetes#125118)
      eventf(dc, d, 'Normal', 'ScalingReplicaSet', `Scaled ${scalingOperation} replica set ${rs.metadata!.name} from ${oldScale} to ${newScale}`);
    }
  }
  return [scaled, rs];
}

/** Keeps the newest revisionHistoryLimit old RSs; deletes older ones that are fully scaled down. */
export function cleanupDeployment(dc: DC, oldRSs: RSObj[], d: DeploymentObj): void {
  if (!HasRevisionHistoryLimit(d)) return;
  // Avoid deleting replica set with deletion timestamp set
  const cleanableRSes = oldRSs.filter((rs) => rs && !rs.metadata?.deletionTimestamp);
  const diff = cleanableRSes.length - d.spec!.revisionHistoryLimit!;
  if (diff <= 0) return;
  cleanableRSes.sort(ReplicaSetsByRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanableRSes[i];
    // Avoid delete replica set with non-zero replica counts
    if (
      (rs.status?.replicas ?? 0) !== 0 ||
      rsReplicas(rs) !== 0 ||
      (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0) ||
      rs.metadata?.deletionTimestamp
    ) {
      continue;
    }
    deleteReplicaSet(dc, rs);
  }
}

/** Writes calculateStatus when it differs from d.status. */
export function syncDeploymentStatus(dc: DC, allRSs: (RSObj | undefined)[], newRS: RSObj | undefined, d: DeploymentObj): void {
  const newStatus = calculateStatus(allRSs, newRS, d, dc.nowStr);
  if (statusEqual(d.status, newStatus)) return;
  d.status = newStatus;
  updateDeploymentStatus(dc, d);
}

/**
 * The deployment status from its RSs. Zero counts are left out, as Go's omitempty does when the
 * API server serialises the status.
 */
export function calculateStatus(allRSs: (RSObj | undefined)[], newRS: RSObj | undefined, d: DeploymentObj, now: string): DeploymentStatus {
  const availableReplicas = GetAvailableReplicaCountForReplicaSets(allRSs);
  const totalReplicas = GetReplicaCountForReplicaSets(allRSs);
  // more available than desired, e.g. while scaling down: not negative
  const unavailableReplicas = Math.max(totalReplicas - availableReplicas, 0);

  const status: DeploymentStatus = {};
  const put = (k: keyof DeploymentStatus, v: number): void => {
    if (v !== 0) (status as Record<string, number>)[k] = v;
  };
  put('availableReplicas', availableReplicas);
  if (d.status?.collisionCount !== undefined && d.status.collisionCount !== null) status.collisionCount = d.status.collisionCount;
  // copied one by one so the original is not mutated
  status.conditions = [...(d.status?.conditions ?? [])];
  put('observedGeneration', d.metadata?.generation ?? 0);
  put('readyReplicas', GetReadyReplicaCountForReplicaSets(allRSs));
  put('replicas', GetActualReplicaCountForReplicaSets(allRSs));
  put('unavailableReplicas', unavailableReplicas);
  put('updatedReplicas', GetActualReplicaCountForReplicaSets([newRS]));

  if (availableReplicas >= dReplicas(d) - MaxUnavailable(d)) {
    SetDeploymentCondition(status, NewDeploymentCondition(DeploymentAvailable, 'True', MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    SetDeploymentCondition(status, NewDeploymentCondition(DeploymentAvailable, 'False', MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** A scaling event: an active RS whose desired-replicas annotation differs from spec.replicas. */
export function isScalingEvent(dc: DC, d: DeploymentObj, rsList: RSObj[]): boolean {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of FilterActiveReplicaSets([...oldRSs, newRS])) {
    const desired = GetDesiredReplicasAnnotation(rs);
    if (desired === undefined) continue;
    if (desired !== dReplicas(d)) return true;
  }
  return false;
}

/** reflect.DeepEqual over the serialised status (zero counts and empty conditions serialise like none). */
export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  const x = a ?? {};
  const y = b ?? {};
  if (
    (x.availableReplicas ?? 0) !== (y.availableReplicas ?? 0) ||
    (x.collisionCount ?? null) !== (y.collisionCount ?? null) ||
    (x.observedGeneration ?? 0) !== (y.observedGeneration ?? 0) ||
    (x.readyReplicas ?? 0) !== (y.readyReplicas ?? 0) ||
    (x.replicas ?? 0) !== (y.replicas ?? 0) ||
    (x.unavailableReplicas ?? 0) !== (y.unavailableReplicas ?? 0) ||
    (x.updatedReplicas ?? 0) !== (y.updatedReplicas ?? 0)
  ) {
    return false;
  }
  const ca = x.conditions ?? [];
  const cb = y.conditions ?? [];
  if (ca.length !== cb.length) return false;
  for (let i = 0; i < ca.length; i++) {
    const p = ca[i];
    const q = cb[i];
    if (
      p.type !== q.type ||
      p.status !== q.status ||
      p.reason !== q.reason ||
      p.message !== q.message ||
      p.lastUpdateTime !== q.lastUpdateTime ||
      p.lastTransitionTime !== q.lastTransitionTime
    ) {
      return false;
    }
  }
  // fields kubesim does not compute (e.g. terminatingReplicas, a v1.33 field) must not differ either
  for (const k in x) if (!(k in y) && !knownStatusFields.has(k)) return false;
  for (const k in y) if (!(k in x) && !knownStatusFields.has(k)) return false;
  return true;
}

const knownStatusFields = new Set([
  'availableReplicas',
  'collisionCount',
  'conditions',
  'observedGeneration',
  'readyReplicas',
  'replicas',
  'unavailableReplicas',
  'updatedReplicas',
]);
