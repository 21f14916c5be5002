// Port of pkg/controller/deployment/util/deployment_util.go plus the ReplicaSet helpers the deployment
// controller borrows from pkg/controller/controller_utils.go (sorters, FilterActiveReplicaSets) and
// apimachinery's intstr. Function names mirror upstream so the files can be read side by side.
import type { Deployment, ReplicaSet, PodTemplateSpec } from '../../api/types.js';
import type { DeploymentCondition, DeploymentStatus, ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1.js';
import { parseTime } from '../../sim/clock.js';

// ---- object shapes (status made writable: the controller owns it)

export type DeploymentObj = Omit<Deployment, 'status'> & { status?: DeploymentStatus };
export type RSObj = Omit<ReplicaSet, 'status'> & { status?: ReplicaSetStatus };
export type { DeploymentCondition, DeploymentStatus };

// ---- constants (deployment_util.go, apps/v1 types.go)

export const RevisionAnnotation = 'deployment.kubernetes.io/revision';
export const RevisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const DesiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const MaxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
export const DeprecatedRollbackTo = 'deprecated.deployment.rollback.to';
export const LastAppliedConfigAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';
export const DefaultDeploymentUniqueLabelKey = 'pod-template-hash';

export const RollbackRevisionNotFound = 'DeploymentRollbackRevisionNotFound';
export const RollbackTemplateUnchanged = 'DeploymentRollbackTemplateUnchanged';
export const RollbackDone = 'DeploymentRollback';

export const ReplicaSetUpdatedReason = 'ReplicaSetUpdated';
export const FailedRSCreateReason = 'ReplicaSetCreateError';
export const NewReplicaSetReason = 'NewReplicaSetCreated';
export const FoundNewRSReason = 'FoundNewReplicaSet';
export const NewRSAvailableReason = 'NewReplicaSetAvailable';
export const TimedOutReason = 'ProgressDeadlineExceeded';
export const PausedDeployReason = 'DeploymentPaused';
export const ResumedDeployReason = 'DeploymentResumed';
export const MinimumReplicasAvailable = 'MinimumReplicasAvailable';
export const MinimumReplicasUnavailable = 'MinimumReplicasUnavailable';

export const DeploymentAvailable = 'Available';
export const DeploymentProgressingType = 'Progressing';
export const DeploymentReplicaFailure = 'ReplicaFailure';

export const RollingUpdateDeploymentStrategyType = 'RollingUpdate';
export const RecreateDeploymentStrategyType = 'Recreate';

/** limit revision history length to 100 element (~2000 chars) (sync.go) */
export const maxRevHistoryLengthInChars = 2000;

const MaxInt32 = 2147483647;

// ---- small accessors (pointer fields are defaulted by the API server; `?? 1` mirrors that default)

export function dReplicas(d: DeploymentObj): number {
  return d.spec?.replicas ?? 1;
}
export function rsReplicas(rs: RSObj): number {
  return rs.spec?.replicas ?? 1;
}
export function annotationsOf(o: { metadata?: { annotations?: Record<string, string> } }): Record<string, string> {
  return o.metadata?.annotations ?? {};
}

// ---- conditions

export function NewDeploymentCondition(type: string, status: string, reason: string, message: string, now: string): DeploymentCondition {
  // key order as the API server serialises: alphabetical (what -o json/yaml print)
  return { lastTransitionTime: now, lastUpdateTime: now, message, reason, status, type };
}

export function GetDeploymentCondition(status: DeploymentStatus | undefined, condType: string): DeploymentCondition | undefined {
  for (const c of status?.conditions ?? []) if (c.type === condType) return c;
  return undefined;
}

/**
 * Keep the condition untouched if status and reason are equal; keep lastTransitionTime when only the reason
 * changed; otherwise drop the old condition of that type and APPEND the new one (hence the order flips
 * seen in `describe`, e.g. Available moving after Progressing).
 */
export function SetDeploymentCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const currentCond = GetDeploymentCondition(status, condition.type);
  if (currentCond && currentCond.status === condition.status && currentCond.reason === condition.reason) return;
  const c = { ...condition };
  if (currentCond && currentCond.status === c.status) c.lastTransitionTime = currentCond.lastTransitionTime;
  status.conditions = [...filterOutCondition(status.conditions, c.type), c];
}

export function RemoveDeploymentCondition(status: DeploymentStatus, condType: string): void {
  status.conditions = filterOutCondition(status.conditions, condType);
}

function filterOutCondition(conditions: DeploymentCondition[] | undefined, condType: string): DeploymentCondition[] {
  return (conditions ?? []).filter((c) => c.type !== condType);
}

export function ReplicaSetToDeploymentCondition(cond: ReplicaSetCondition): DeploymentCondition {
  return {
    lastTransitionTime: cond.lastTransitionTime,
    lastUpdateTime: cond.lastTransitionTime,
    message: cond.message,
    reason: cond.reason,
    status: cond.status,
    type: cond.type,
  };
}

// ---- revisions

/** Sets d's revision annotation (in memory); true when it changed. */
export function SetDeploymentRevision(d: DeploymentObj, revision: string): boolean {
  const md = (d.metadata ??= {});
  const ann = (md.annotations ??= {});
  if (ann[RevisionAnnotation] !== revision) {
    ann[RevisionAnnotation] = revision;
    return true;
  }
  return false;
}

/** strconv.ParseInt(s, 10, 64): undefined when not a valid base-10 integer. */
export function parseInt64(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Revision: 0 when the annotation is absent; throws (Go: error) when unparseable. */
export function Revision(obj: RSObj): number {
  const v = obj.metadata?.annotations?.[RevisionAnnotation];
  if (v === undefined) return 0;
  const n = parseInt64(v);
  if (n === undefined) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return n;
}

function revisionOrUndefined(rs: RSObj): number | undefined {
  try {
    return Revision(rs);
  } catch {
    return undefined;
  }
}

export function MaxRevision(allRSs: RSObj[]): number {
  let max = 0;
  for (const rs of allRSs) {
    const v = revisionOrUndefined(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

export function LastRevision(allRSs: RSObj[]): number {
  let max = 0;
  let secMax = 0;
  for (const rs of allRSs) {
    const v = revisionOrUndefined(rs);
    if (v === undefined) continue;
    if (v >= max) {
      secMax = max;
      max = v;
    } else if (v > secMax) {
      secMax = v;
    }
  }
  return secMax;
}

// ---- annotations

const annotationsToSkip = new Set([
  LastAppliedConfigAnnotation,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  DesiredReplicasAnnotation,
  MaxReplicasAnnotation,
  DeprecatedRollbackTo,
]);

export function skipCopyAnnotation(key: string): boolean {
  return annotationsToSkip.has(key);
}

/** Copies d's annotations (minus the skip list) onto rs (in memory, rs.metadata.annotations must be writable). */
function copyDeploymentAnnotationsToReplicaSet(d: DeploymentObj, rs: RSObj): boolean {
  let changed = false;
  const md = (rs.metadata ??= {});
  const ann = (md.annotations ??= {});
  for (const [k, v] of Object.entries(annotationsOf(d))) {
    if (skipCopyAnnotation(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * Sets the new RS's annotations: copies d's annotations, raises the revision (recording the old one in
 * revision-history when an existing RS is being reused), and for a RS about to be created the replica
 * annotations. Mutates rs (a copy); true when anything changed.
 */
export function SetNewReplicaSetAnnotations(
  d: DeploymentObj,
  newRS: RSObj,
  newRevision: string,
  exists: boolean,
  revHistoryLimitInChars: number,
): boolean {
  let annotationChanged = copyDeploymentAnnotationsToReplicaSet(d, newRS);
  const ann = newRS.metadata!.annotations!;
  const ok = RevisionAnnotation in ann;
  const oldRevision = ann[RevisionAnnotation] ?? '';
  let oldRevisionInt = parseInt64(oldRevision);
  if (oldRevisionInt === undefined) {
    if (oldRevision !== '') return false;
    oldRevisionInt = 0;
  }
  const newRevisionInt = parseInt64(newRevision);
  if (newRevisionInt === undefined) return false;
  if (oldRevisionInt < newRevisionInt) {
    ann[RevisionAnnotation] = newRevision;
    annotationChanged = true;
  }
  // An existing revision being raised means we are rolling back to this RS: keep the old number.
  if (ok && oldRevisionInt < newRevisionInt) {
    const revisionHistoryAnnotation = ann[RevisionHistoryAnnotation] ?? '';
    let oldRevisions = revisionHistoryAnnotation.split(',');
    if (oldRevisions[0].length === 0) {
      ann[RevisionHistoryAnnotation] = oldRevision;
    } else {
      let totalLen = revisionHistoryAnnotation.length + oldRevision.length + 1;
      let start = 0;
      while (totalLen > revHistoryLimitInChars && start < oldRevisions.length) {
        totalLen = totalLen - oldRevisions[start].length - 1;
        start++;
      }
      if (totalLen <= revHistoryLimitInChars) {
        oldRevisions = [...oldRevisions.slice(start), oldRevision];
        ann[RevisionHistoryAnnotation] = oldRevisions.join(',');
      }
    }
  }
  if (!exists && SetReplicasAnnotations(newRS, dReplicas(d), dReplicas(d) + MaxSurge(d))) annotationChanged = true;
  return annotationChanged;
}

/** Sets deployment's annotations to the rollback RS's (keeping d's skip-list ones). Legacy rollback only. */
export function SetDeploymentAnnotationsTo(d: DeploymentObj, rollbackToRS: RSObj): void {
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotationsOf(d))) if (skipCopyAnnotation(k)) kept[k] = v;
  for (const [k, v] of Object.entries(annotationsOf(rollbackToRS))) if (!skipCopyAnnotation(k)) kept[k] = v;
  d.metadata = { ...d.metadata, annotations: kept };
}

/** SetFromReplicaSetTemplate: d's template := rs template minus the hash label (legacy rollback). */
export function SetFromReplicaSetTemplate(d: DeploymentObj, template: PodTemplateSpec): void {
  const t: PodTemplateSpec = JSON.parse(JSON.stringify(template));
  if (t.metadata?.labels) {
    delete t.metadata.labels[DefaultDeploymentUniqueLabelKey];
  }
  d.spec = { ...d.spec!, template: t };
}

function getIntFromAnnotation(rs: RSObj, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  if (v === undefined) return undefined;
  // strconv.Atoi
  if (!/^[+-]?\d+$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n | 0 : undefined;
}

export function GetDesiredReplicasAnnotation(rs: RSObj): number | undefined {
  return getIntFromAnnotation(rs, DesiredReplicasAnnotation);
}

function getMaxReplicasAnnotation(rs: RSObj): number | undefined {
  return getIntFromAnnotation(rs, MaxReplicasAnnotation);
}

/** Sets desired-replicas and max-replicas on rs (a copy with writable annotations); true when changed. */
export function SetReplicasAnnotations(rs: RSObj, desiredReplicas: number, maxReplicas: number): boolean {
  let updated = false;
  const md = (rs.metadata ??= {});
  const ann = (md.annotations ??= {});
  const desiredString = String(desiredReplicas);
  if (ann[DesiredReplicasAnnotation] !== desiredString) {
    ann[DesiredReplicasAnnotation] = desiredString;
    updated = true;
  }
  const maxString = String(maxReplicas);
  if (ann[MaxReplicasAnnotation] !== maxString) {
    ann[MaxReplicasAnnotation] = maxString;
    updated = true;
  }
  return updated;
}

export function ReplicasAnnotationsNeedUpdate(rs: RSObj, desiredReplicas: number, maxReplicas: number): boolean {
  const ann = rs.metadata?.annotations;
  if (!ann) return true;
  return ann[DesiredReplicasAnnotation] !== String(desiredReplicas) || ann[MaxReplicasAnnotation] !== String(maxReplicas);
}

// ---- intstr and fenceposts

/** intstr.GetScaledValueFromIntOrPercent */
export function GetValueFromIntOrPercent(intOrPercent: number | string | undefined, total: number, roundUp: boolean): number {
  if (intOrPercent === undefined || intOrPercent === null) throw new Error('nil value for IntOrString');
  if (typeof intOrPercent === 'number') return intOrPercent;
  if (!intOrPercent.endsWith('%')) throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  const s = intOrPercent.slice(0, -1);
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`invalid value for IntOrString: invalid value ${JSON.stringify(intOrPercent)}`);
  const value = Number(s);
  return roundUp ? Math.ceil((value * total) / 100) : Math.floor((value * total) / 100);
}

/** Resolves maxSurge (rounded up) and maxUnavailable (rounded down); both 0 → maxUnavailable 1. */
export function ResolveFenceposts(
  maxSurge: number | string | undefined,
  maxUnavailable: number | string | undefined,
  desired: number,
): [number, number] {
  const surge = GetValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = GetValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) {
    // "on the theory that surge might not work due to quota"
    unavailable = 1;
  }
  return [surge, unavailable];
}

export function IsRollingUpdate(d: DeploymentObj): boolean {
  return d.spec?.strategy?.type === RollingUpdateDeploymentStrategyType;
}

export function MaxUnavailable(d: DeploymentObj): number {
  const replicas = dReplicas(d);
  if (!IsRollingUpdate(d) || replicas === 0) return 0;
  let maxUnavailable: number;
  try {
    const ru = d.spec!.strategy!.rollingUpdate;
    maxUnavailable = ResolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas)[1];
  } catch {
    return 0; // error caught by validation
  }
  return maxUnavailable > replicas ? replicas : maxUnavailable;
}

export function MinAvailable(d: DeploymentObj): number {
  if (!IsRollingUpdate(d)) return 0;
  return dReplicas(d) - MaxUnavailable(d);
}

export function MaxSurge(d: DeploymentObj): number {
  if (!IsRollingUpdate(d)) return 0;
  try {
    const ru = d.spec!.strategy!.rollingUpdate;
    return ResolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, dReplicas(d))[0];
  } catch {
    return 0;
  }
}

// ---- proportional scaling

/** integer.RoundToInt32: math.Round rounds half away from zero (JS Math.round does not for negatives). */
export function RoundToInt32(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Estimates how many replicas rs should gain (or lose) out of what is left to distribute. */
export function GetProportion(rs: RSObj | undefined, d: DeploymentObj, deploymentReplicasToAdd: number, deploymentReplicasAdded: number): number {
  if (!rs || rsReplicas(rs) === 0 || deploymentReplicasToAdd === 0 || deploymentReplicasToAdd === deploymentReplicasAdded) return 0;
  const rsFraction = getReplicaSetFraction(rs, d);
  const allowed = deploymentReplicasToAdd - deploymentReplicasAdded;
  // never add more than allowed when scaling up, never remove more than allowed when scaling down
  return deploymentReplicasToAdd > 0 ? Math.min(rsFraction, allowed) : Math.max(rsFraction, allowed);
}

function getReplicaSetFraction(rs: RSObj, d: DeploymentObj): number {
  // scaling down to zero: the fraction is the whole size
  if (dReplicas(d) === 0) return -rsReplicas(rs);
  const deploymentReplicas = dReplicas(d) + MaxSurge(d);
  let annotatedReplicas = getMaxReplicasAnnotation(rs);
  // fallback to the current deployment size when the annotation is missing
  if (annotatedReplicas === undefined) annotatedReplicas = d.status?.replicas ?? 0;
  const newRSsize = (rsReplicas(rs) * deploymentReplicas) / annotatedReplicas;
  return RoundToInt32(newRSsize) - rsReplicas(rs);
}

// ---- finding the new and old ReplicaSets

/** Absent, null, an empty list or a map of only empty values: what Go's zero values serialise to. */
function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') {
    for (const k in v as object) if (!isEmptyValue((v as Record<string, unknown>)[k])) return false;
    return true;
  }
  return false;
}

/**
 * apiequality.Semantic.DeepEqual over JSON: nil and empty slices/maps are equal, and so are absent and
 * null. kubesim: an absent struct equals an empty one here ({} == absent), which Go distinguishes only
 * for pointer-to-struct fields; both templates went through the same defaulting, so this never decides.
 */
export function semanticDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ea = isEmptyValue(a);
  const eb = isEmptyValue(b);
  if (ea || eb) return ea && eb;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!semanticDeepEqual(a[i], b[i])) return false;
    return true;
  }
  if (typeof a === 'object') {
    if (typeof b !== 'object' || Array.isArray(b)) return false;
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    for (const k in ao) if (!semanticDeepEqual(ao[k], bo[k])) return false;
    for (const k in bo) if (!(k in ao) && !isEmptyValue(bo[k])) return false;
    return true;
  }
  return false;
}

function withoutHashLabel(t: PodTemplateSpec | undefined): PodTemplateSpec | undefined {
  const labels = t?.metadata?.labels;
  if (!labels || !(DefaultDeploymentUniqueLabelKey in labels)) return t;
  const { [DefaultDeploymentUniqueLabelKey]: _hash, ...rest } = labels;
  return { ...t, metadata: { ...t.metadata, labels: rest } };
}

/** Templates equal ignoring the pod-template-hash label (the hash itself never decides equality). */
export function EqualIgnoreHash(template1: PodTemplateSpec | undefined, template2: PodTemplateSpec | undefined): boolean {
  return semanticDeepEqual(withoutHashLabel(template1), withoutHashLabel(template2));
}

/** The oldest RS whose template equals d's, or undefined. */
export function FindNewReplicaSet(d: DeploymentObj, rsList: RSObj[]): RSObj | undefined {
  const sorted = [...rsList].sort(ReplicaSetsByCreationTimestamp);
  for (const rs of sorted) {
    if (EqualIgnoreHash(rs.spec?.template, d.spec?.template)) return rs;
  }
  return undefined;
}

/** [old RSs with replicas, all old RSs] */
export function FindOldReplicaSets(d: DeploymentObj, rsList: RSObj[]): [RSObj[], RSObj[]] {
  const requiredRSs: RSObj[] = [];
  const allRSs: RSObj[] = [];
  const newRS = FindNewReplicaSet(d, rsList);
  for (const rs of rsList) {
    if (newRS && rs.metadata?.uid === newRS.metadata?.uid) continue;
    allRSs.push(rs);
    if (rsReplicas(rs) !== 0) requiredRSs.push(rs);
  }
  return [requiredRSs, allRSs];
}

/** The only active RS, or the newest when none is active; undefined when several are active. */
export function FindActiveOrLatest(newRS: RSObj | undefined, oldRSs: RSObj[]): RSObj | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const sortedOld = [...oldRSs].sort((a, b) => ReplicaSetsByCreationTimestamp(b, a));
  const allRSs = FilterActiveReplicaSets([...sortedOld, newRS]);
  switch (allRSs.length) {
    case 0:
      return newRS ?? sortedOld[0];
    case 1:
      return allRSs[0];
    default:
      return undefined;
  }
}

// ---- counts

export function GetReplicaCountForReplicaSets(rss: (RSObj | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rsReplicas(rs);
  return n;
}
export function GetActualReplicaCountForReplicaSets(rss: (RSObj | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.replicas ?? 0;
  return n;
}
export function GetReadyReplicaCountForReplicaSets(rss: (RSObj | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.readyReplicas ?? 0;
  return n;
}
export function GetAvailableReplicaCountForReplicaSets(rss: (RSObj | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.availableReplicas ?? 0;
  return n;
}

// ---- rollout state

/** All desired replicas updated and available, no old pods, and the generation observed. */
export function DeploymentComplete(d: DeploymentObj, newStatus: DeploymentStatus | undefined): boolean {
  const r = dReplicas(d);
  return (
    (newStatus?.updatedReplicas ?? 0) === r &&
    (newStatus?.replicas ?? 0) === r &&
    (newStatus?.availableReplicas ?? 0) === r &&
    (newStatus?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/** Progress: new pods scaled up, old pods scaled down, or more pods ready/available than in d.status. */
export function DeploymentProgressing(d: DeploymentObj, newStatus: DeploymentStatus): boolean {
  const oldStatus = d.status ?? {};
  const oldStatusOldReplicas = (oldStatus.replicas ?? 0) - (oldStatus.updatedReplicas ?? 0);
  const newStatusOldReplicas = (newStatus.replicas ?? 0) - (newStatus.updatedReplicas ?? 0);
  return (
    (newStatus.updatedReplicas ?? 0) > (oldStatus.updatedReplicas ?? 0) ||
    newStatusOldReplicas < oldStatusOldReplicas ||
    (newStatus.readyReplicas ?? 0) > (oldStatus.readyReplicas ?? 0) ||
    (newStatus.availableReplicas ?? 0) > (oldStatus.availableReplicas ?? 0)
  );
}

/** Timed out once the Progressing condition's lastUpdateTime is older than progressDeadlineSeconds. */
export function DeploymentTimedOut(d: DeploymentObj, newStatus: DeploymentStatus, now: number): boolean {
  if (!HasProgressDeadline(d)) return false;
  const condition = GetDeploymentCondition(newStatus, DeploymentProgressingType);
  if (!condition) return false;
  // a previous successful rollout: don't estimate progress
  if (condition.reason === NewRSAvailableReason) return false;
  if (condition.reason === TimedOutReason) return true;
  const from = parseTime(condition.lastUpdateTime) ?? 0;
  const delta = d.spec!.progressDeadlineSeconds! * 1000;
  return from + delta < now;
}

/** How many replicas the new RS should have now. Throws on an unresolvable maxSurge (as Go returns err). */
export function NewRSNewReplicas(d: DeploymentObj, allRSs: (RSObj | undefined)[], newRS: RSObj): number {
  switch (d.spec?.strategy?.type) {
    case RollingUpdateDeploymentStrategyType: {
      const maxSurge = GetValueFromIntOrPercent(d.spec.strategy.rollingUpdate?.maxSurge ?? 0, dReplicas(d), true);
      const currentPodCount = GetReplicaCountForReplicaSets(allRSs);
      const maxTotalPods = dReplicas(d) + maxSurge;
      if (currentPodCount >= maxTotalPods) return rsReplicas(newRS);
      let scaleUpCount = maxTotalPods - currentPodCount;
      // do not exceed the number of desired replicas
      scaleUpCount = Math.min(scaleUpCount, dReplicas(d) - rsReplicas(newRS));
      return rsReplicas(newRS) + scaleUpCount;
    }
    case RecreateDeploymentStrategyType:
      return dReplicas(d);
    default:
      throw new Error(`deployment type ${d.spec?.strategy?.type} isn't supported`);
  }
}

/** Both d and rs believe rs owns all desired replicas, and all of them are available. */
export function IsSaturated(d: DeploymentObj, rs: RSObj | undefined): boolean {
  if (!rs) return false;
  const desired = GetDesiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  const r = dReplicas(d);
  return rsReplicas(rs) === r && desired === r && (rs.status?.availableReplicas ?? 0) === r;
}

export function HasProgressDeadline(d: DeploymentObj): boolean {
  const p = d.spec?.progressDeadlineSeconds;
  return p !== undefined && p !== null && p !== MaxInt32;
}

export function HasRevisionHistoryLimit(d: DeploymentObj): boolean {
  const r = d.spec?.revisionHistoryLimit;
  return r !== undefined && r !== null && r !== MaxInt32;
}

// ---- controller_utils.go: ReplicaSet filters and sorters

export function FilterActiveReplicaSets(rss: (RSObj | undefined)[]): RSObj[] {
  const out: RSObj[] = [];
  for (const rs of rss) if (rs && rsReplicas(rs) > 0) out.push(rs);
  return out;
}

function creationTime(rs: RSObj): number {
  return parseTime(rs.metadata?.creationTimestamp) ?? 0;
}

/** Older first; names break ties (timestamps have second precision). */
export function ReplicaSetsByCreationTimestamp(a: RSObj, b: RSObj): number {
  const ta = creationTime(a);
  const tb = creationTime(b);
  if (ta === tb) {
    const na = a.metadata?.name ?? '';
    const nb = b.metadata?.name ?? '';
    return na < nb ? -1 : na > nb ? 1 : 0;
  }
  return ta - tb;
}

/** Larger first; among equals older first (scaling down). */
export function ReplicaSetsBySizeOlder(a: RSObj, b: RSObj): number {
  if (rsReplicas(a) === rsReplicas(b)) return ReplicaSetsByCreationTimestamp(a, b);
  return rsReplicas(b) - rsReplicas(a);
}

/** Larger first; among equals newer first (scaling up). */
export function ReplicaSetsBySizeNewer(a: RSObj, b: RSObj): number {
  if (rsReplicas(a) === rsReplicas(b)) return ReplicaSetsByCreationTimestamp(b, a);
  return rsReplicas(b) - rsReplicas(a);
}

/** By revision, falling back to creation time when equal or unparseable. */
export function ReplicaSetsByRevision(a: RSObj, b: RSObj): number {
  const r1 = revisionOrUndefined(a);
  const r2 = revisionOrUndefined(b);
  if (r1 === undefined || r2 === undefined || r1 === r2) return ReplicaSetsByCreationTimestamp(a, b);
  return r1 - r2;
}

/** metav1.NewControllerRef(d, controllerKind): the owner reference a Deployment puts on its ReplicaSets. */
export function newControllerRef(d: DeploymentObj) {
  return {
    apiVersion: 'apps/v1',
    blockOwnerDeletion: true,
    controller: true,
    kind: 'Deployment',
    name: d.metadata!.name!,
    uid: d.metadata!.uid!,
  };
}
