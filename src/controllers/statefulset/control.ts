// Port of pkg/controller/statefulset/stateful_set_control.go (UpdateStatefulSet: revisions,
// processReplica / processCondemned in ordinal order, the rolling update from the largest ordinal
// down to the partition, status) and stateful_pod_control.go (pods with their claims, the events,
// the PVC retention policy's owner references).
//
// kubesim: the MaxUnavailableStatefulSet feature is alpha (off) in v1.32, so rollingUpdate.maxUnavailable
// is ignored as a v1.32 cluster ignores it: one pod at a time.
import { admitControllerCreate } from '../apiadmission.js';
import type { KObject, OwnerReference } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import { applyDefaults } from '../../api/defaults.js';
import { admitDefaultStorageClass } from '../../api/storageclass.js';
import { copy } from '../podutil.js';
import { deletePod } from '../gc.js';
import { podFromTemplate } from '../replicaset.js';
import {
  createControllerRevision, deleteControllerRevision, equalRevision, findEqualRevisions, maxRevision,
  sortControllerRevisions, updateControllerRevision,
} from '../history/history.js';
import {
  allowsBurst, applyRevision, computeStatus, getEndOrdinal, getOrdinal, getPersistentVolumeClaims, getPodName,
  getPodRevision, getStartOrdinal, isFailed, isHealthy, isPending, isRunningAndAvailable, isRunningAndReady,
  isSucceeded, isTerminating, newRevision, podInOrdinalRange, StatefulSetRevisionLabel, statefulPodTemplate,
} from './utils.js';

export const component = 'statefulset-controller';

/** A pod the controller means to create (not yet in the API: no phase). */
interface Planned extends KObject { planned: { set: KObject; ordinal: number; revision: string } }

const isPlanned = (p: KObject): p is Planned => !!(p as any).planned;

/** newVersionedStatefulSetPod: below the partition a pod is made at the current revision, else the update revision. */
function newVersionedStatefulSetPod(currentSet: KObject, updateSet: KObject, currentRevision: string, updateRevision: string, ordinal: number): Planned {
  const us = currentSet.spec?.updateStrategy;
  // (upstream's condition, with Go's && binding tighter than ||)
  const useCurrent = (us?.type === 'RollingUpdate' && !us.rollingUpdate && ordinal < (currentSet.status?.currentReplicas ?? 0)) ||
    (!!us?.rollingUpdate && ordinal < getStartOrdinal(currentSet) + (us.rollingUpdate.partition ?? 0));
  const set = useCurrent ? currentSet : updateSet;
  const revision = useCurrent ? currentRevision : updateRevision;
  return { metadata: { name: getPodName(set, ordinal), labels: { [StatefulSetRevisionLabel]: revision } }, planned: { set, ordinal, revision } };
}

// ---- stateful_pod_control.go

function recordPodEvent(ctx: ControllerContext, verb: string, set: KObject, podName: string, err?: unknown): void {
  const title = verb[0].toUpperCase() + verb.slice(1);
  if (err === undefined) ctx.recorder.event({ component }, set, 'Normal', `Successful${title}`, `${verb} Pod ${podName} in StatefulSet ${set.metadata!.name} successful`);
  else ctx.recorder.event({ component }, set, 'Warning', `Failed${title}`, `${verb} Pod ${podName} in StatefulSet ${set.metadata!.name} failed error: ${(err as any)?.message ?? err}`);
}

function recordClaimEvent(ctx: ControllerContext, verb: string, set: KObject, podName: string, claimName: string, err?: unknown): void {
  const title = verb[0].toUpperCase() + verb.slice(1);
  if (err === undefined) ctx.recorder.event({ component }, set, 'Normal', `Successful${title}`, `${verb} Claim ${claimName} Pod ${podName} in StatefulSet ${set.metadata!.name} success`);
  else ctx.recorder.event({ component }, set, 'Warning', `Failed${title}`, `${verb} Claim ${claimName} for Pod ${podName} in StatefulSet ${set.metadata!.name} failed error: ${(err as any)?.message ?? err}`);
}

/** createPersistentVolumeClaims: the missing claims of the pod at `ordinal`. */
function createPersistentVolumeClaims(ctx: ControllerContext, set: KObject, ordinal: number): void {
  const podName = getPodName(set, ordinal);
  const errs: string[] = [];
  for (const { claim } of getPersistentVolumeClaims(set, ordinal)) {
    const have = ctx.cluster.get('persistentvolumeclaims', claim.metadata!.namespace, claim.metadata!.name!);
    if (!have) {
      try {
        const c = applyDefaults(claim);
        // the API server's DefaultStorageClass admission
        admitDefaultStorageClass(c, ctx.cluster.list('storageclasses'));
        c.status = { phase: 'Pending' };
        ctx.cluster.create('persistentvolumeclaims', admitControllerCreate(ctx.cluster, 'persistentvolumeclaims', c));
        recordClaimEvent(ctx, 'create', set, podName, claim.metadata!.name!);
      } catch (e: any) {
        errs.push(`failed to create PVC ${claim.metadata!.name}: ${e?.message ?? e}`);
        if (e?.reason !== 'AlreadyExists') recordClaimEvent(ctx, 'create', set, podName, claim.metadata!.name!, e);
      }
    } else if (have.metadata?.deletionTimestamp) {
      errs.push(`pvc ${claim.metadata!.name} is being deleted`);
    }
  }
  if (errs.length) throw new Error(errs.join(', '));
}

const refOf = (o: KObject, apiVersion: string, kind: string): OwnerReference => ({ apiVersion, kind, name: o.metadata!.name!, uid: o.metadata!.uid! });

/**
 * UpdatePodClaimForRetentionPolicy (updateClaimOwnerRefForSetAndPod): Delete policies make the set
 * (whenDeleted) or a scaled-down pod (whenScaled) an owner of the claim, so the garbage collector
 * removes it with them.
 */
function updatePodClaimForRetentionPolicy(ctx: ControllerContext, set: KObject, pod: KObject): void {
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy || {};
  const whenDeleted = policy.whenDeleted === 'Delete';
  const whenScaled = policy.whenScaled === 'Delete';
  const ordinal = getOrdinal(pod);
  const scaledDown = !podInOrdinalRange(pod, set);
  for (const { claim } of getPersistentVolumeClaims(set, ordinal)) {
    const cur = ctx.cluster.get('persistentvolumeclaims', claim.metadata!.namespace, claim.metadata!.name!);
    if (!cur) continue;
    let refs: OwnerReference[] = [...(cur.metadata?.ownerReferences || [])];
    const has = (uid: string) => refs.some((r) => r.uid === uid);
    const add = (r: OwnerReference) => { if (!has(r.uid)) refs.push(r); };
    const remove = (uid: string) => { refs = refs.filter((r) => r.uid !== uid); };
    const setUid = set.metadata!.uid!;
    const podUid = pod.metadata?.uid;
    const wantSet = whenDeleted && !(whenScaled && scaledDown);
    const wantPod = whenScaled && scaledDown && !!podUid;
    if (wantSet) add(refOf(set, 'apps/v1', 'StatefulSet')); else remove(setUid);
    if (podUid) { if (wantPod) add(refOf(pod, 'v1', 'Pod')); else remove(podUid); }
    const before = JSON.stringify(cur.metadata?.ownerReferences || []);
    if (JSON.stringify(refs) === before) continue;
    const upd = copy(cur);
    if (refs.length) upd.metadata!.ownerReferences = refs; else delete upd.metadata!.ownerReferences;
    ctx.cluster.update('persistentvolumeclaims', upd);
  }
}

/** CreateStatefulPod: claims first, then the pod. */
function createStatefulPod(ctx: ControllerContext, set: KObject, p: Planned): void {
  const name = p.metadata!.name!;
  try {
    createPersistentVolumeClaims(ctx, p.planned.set, p.planned.ordinal);
  } catch (e) {
    recordPodEvent(ctx, 'create', set, name, e);
    throw e;
  }
  const tpl = statefulPodTemplate(p.planned.set, p.planned.ordinal);
  tpl.metadata.labels[StatefulSetRevisionLabel] = p.planned.revision;
  const pod = podFromTemplate(ctx, set, tpl);
  delete pod.metadata!.generateName;
  pod.metadata!.name = name;
  let created: KObject;
  try {
    created = ctx.cluster.create('pods', admitControllerCreate(ctx.cluster, 'pods', pod));
  } catch (e: any) {
    if (e?.reason === 'AlreadyExists') throw e;
    recordPodEvent(ctx, 'create', set, name, e);
    throw e;
  }
  updatePodClaimForRetentionPolicy(ctx, set, created);
  recordPodEvent(ctx, 'create', set, name);
}

function deleteStatefulPod(ctx: ControllerContext, set: KObject, pod: KObject): void {
  try {
    deletePod(ctx, pod);
    recordPodEvent(ctx, 'delete', set, pod.metadata!.name!);
  } catch (e) {
    recordPodEvent(ctx, 'delete', set, pod.metadata!.name!, e);
    throw e;
  }
}

// ---- stateful_set_control.go

/** getStatefulSetRevisions: the current and update revisions (creating or renumbering the update one). */
function getStatefulSetRevisions(ctx: ControllerContext, set: KObject, revisions: KObject[]): { current: KObject; update: KObject; collisionCount: number } {
  sortControllerRevisions(revisions);
  let collisionCount = set.status?.collisionCount ?? 0;
  const { cr, raw } = newRevision(set, maxRevision(revisions) + 1, collisionCount);
  const equal = findEqualRevisions(revisions, cr);
  let update: KObject;
  if (equal.length && equalRevision(revisions[revisions.length - 1], equal[equal.length - 1])) {
    update = revisions[revisions.length - 1];
  } else if (equal.length) {
    update = updateControllerRevision(ctx, equal[equal.length - 1], (cr as any).revision);
  } else {
    const r = createControllerRevision(ctx, set, cr, raw, collisionCount);
    update = r.created;
    collisionCount = r.collisionCount;
  }
  const current = revisions.find((r) => r.metadata!.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount };
}

/** runForAll: in order, stopping at the first that blocks (monotonic); all of them otherwise. */
function runForAll(n: number, fn: (i: number) => boolean, monotonic: boolean): boolean {
  for (let i = 0; i < n; i++) {
    if (fn(i) && monotonic) return true;
  }
  return false;
}

export interface StsStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
  availableReplicas: number;
}

/** updateStatefulSet: the work of one sync; returns the status it computed. */
function updateStatefulSet(ctx: ControllerContext, set: KObject, currentRevision: KObject, updateRevision: KObject, collisionCount: number, pods: KObject[]): StsStatus {
  const now = ctx.now;
  const minReady = set.spec?.minReadySeconds || 0;
  const currentSet = applyRevision(set, currentRevision);
  const updateSet = applyRevision(set, updateRevision);
  const curName = currentRevision.metadata!.name!;
  const updName = updateRevision.metadata!.name!;
  const status: StsStatus = {
    observedGeneration: set.metadata?.generation, replicas: 0, readyReplicas: 0, currentReplicas: 0, updatedReplicas: 0,
    currentRevision: curName, updateRevision: updName, collisionCount, availableReplicas: 0,
  };
  const setCounts = (...lists: (KObject | undefined)[][]) => Object.assign(status, computeStatus(minReady, now, curName, updName, ...lists));
  setCounts(pods);

  const start = getStartOrdinal(set);
  const replicaCount = set.spec?.replicas ?? 1;
  const replicas: KObject[] = new Array(replicaCount);
  const condemned: KObject[] = [];
  for (const pod of pods) {
    if (podInOrdinalRange(pod, set)) replicas[getOrdinal(pod) - start] = pod;
    else if (getOrdinal(pod) >= 0) condemned.push(pod);
  }
  for (let ord = start; ord <= getEndOrdinal(set); ord++) {
    if (!replicas[ord - start]) replicas[ord - start] = newVersionedStatefulSetPod(currentSet, updateSet, curName, updName, ord);
  }
  condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));
  let firstUnhealthy: KObject | undefined;
  for (const r of replicas) if (!isHealthy(r) && !firstUnhealthy) firstUnhealthy = r;
  for (let i = condemned.length - 1; i >= 0; i--) if (!isHealthy(condemned[i]) && !firstUnhealthy) firstUnhealthy = condemned[i];

  if (set.metadata?.deletionTimestamp) return status;
  const monotonic = !allowsBurst(set);

  const processReplica = (i: number): boolean => {
    let r = replicas[i];
    if (!isPlanned(r) && (isFailed(r) || isSucceeded(r))) {
      if (isFailed(r)) ctx.recorder.event({ component }, set, 'Warning', 'RecreatingFailedPod', `StatefulSet ${set.metadata!.namespace}/${set.metadata!.name} is recreating failed Pod ${r.metadata!.name}`);
      else ctx.recorder.event({ component }, set, 'Normal', 'RecreatingTerminatedPod', `StatefulSet ${set.metadata!.namespace}/${set.metadata!.name} is recreating terminated Pod ${r.metadata!.name}`);
      deleteStatefulPod(ctx, set, r);
      r = replicas[i] = newVersionedStatefulSetPod(currentSet, updateSet, curName, updName, i + start);
    }
    if (isPlanned(r)) {
      // a pod whose old incarnation is still there (terminating) cannot be created yet
      if (ctx.cluster.get('pods', set.metadata!.namespace, r.metadata!.name!)) return true;
      createStatefulPod(ctx, set, r);
      return monotonic;
    }
    if (isPending(r)) {
      try { createPersistentVolumeClaims(ctx, set, getOrdinal(r)); } catch { return true; }
    }
    if (isTerminating(r) && monotonic) return true;
    if (!isRunningAndReady(r) && monotonic) return true;
    if (!isRunningAndAvailable(r, minReady, now) && monotonic) return true;
    updatePodClaimForRetentionPolicy(ctx, updateSet, r);
    return false;
  };
  let blocked: boolean;
  try {
    blocked = runForAll(replicas.length, processReplica, monotonic);
  } catch (e) {
    // the error goes back with the status computed so far, which is written all the same (performUpdate)
    setCounts(replicas, condemned);
    throw Object.assign(e as object, { statefulSetStatus: status });
  }
  if (blocked) {
    setCounts(replicas, condemned);
    return status;
  }

  // fixPodClaim: scaled-down pods' claims follow the whenScaled policy before the pods go
  for (const c of condemned) updatePodClaimForRetentionPolicy(ctx, updateSet, c);

  const processCondemned = (i: number): boolean => {
    const c = condemned[i];
    if (isTerminating(c)) return monotonic;
    if (!isRunningAndReady(c) && monotonic && c !== firstUnhealthy) return true;
    if (!isRunningAndAvailable(c, minReady, now) && monotonic && c !== firstUnhealthy) return true;
    deleteStatefulPod(ctx, set, c);
    return monotonic;
  };
  if (runForAll(condemned.length, processCondemned, monotonic)) {
    setCounts(replicas, condemned);
    return status;
  }
  setCounts(replicas, condemned);

  if (set.spec?.updateStrategy?.type === 'OnDelete') return status;

  const updateMin = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let target = replicas.length - 1; target >= updateMin; target--) {
    const r = replicas[target];
    if (getPodRevision(r) !== updName && !isTerminating(r)) {
      if (!isPlanned(r)) {
        try { deleteStatefulPod(ctx, set, r); } catch (e: any) { if (e?.reason !== 'NotFound') throw e; }
      }
      status.currentReplicas--;
      return status;
    }
    if (!isHealthy(r)) return status;
  }
  return status;
}

/** completeRollingUpdate: every pod updated and ready makes the update revision current. */
function completeRollingUpdate(set: KObject, s: StsStatus): void {
  if (set.spec?.updateStrategy?.type === 'RollingUpdate' && s.updatedReplicas === s.replicas && s.readyReplicas === s.replicas) {
    s.currentReplicas = s.updatedReplicas;
    s.currentRevision = s.updateRevision;
  }
}

function updateStatefulSetStatus(ctx: ControllerContext, set: KObject, s: StsStatus): void {
  completeRollingUpdate(set, s);
  const cur = set.status || {};
  if ((cur.observedGeneration ?? 0) === (s.observedGeneration ?? 0) && (cur.replicas ?? 0) === s.replicas &&
    (cur.currentReplicas ?? 0) === s.currentReplicas && (cur.readyReplicas ?? 0) === s.readyReplicas &&
    (cur.updatedReplicas ?? 0) === s.updatedReplicas && (cur.currentRevision ?? '') === s.currentRevision &&
    (cur.availableReplicas ?? 0) === s.availableReplicas && (cur.updateRevision ?? '') === s.updateRevision &&
    (cur.collisionCount ?? 0) === s.collisionCount && cur.collisionCount !== undefined) return;
  // StatefulSetStatus in its JSON order; availableReplicas is not omitempty
  const out: any = {};
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  out.replicas = s.replicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.currentReplicas) out.currentReplicas = s.currentReplicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.currentRevision) out.currentRevision = s.currentRevision;
  if (s.updateRevision) out.updateRevision = s.updateRevision;
  out.collisionCount = s.collisionCount;
  if (cur.conditions) out.conditions = cur.conditions;
  out.availableReplicas = s.availableReplicas;
  ctx.cluster.updateStatus('statefulsets', { ...set, status: out });
}

/** truncateHistory: drop the oldest revisions no pod, current or update revision uses, beyond the limit. */
function truncateHistory(ctx: ControllerContext, set: KObject, pods: KObject[], revisions: KObject[], current: KObject, update: KObject): void {
  const live = new Set<string>([current.metadata!.name!, update.metadata!.name!]);
  for (const p of pods) live.add(getPodRevision(p));
  const history = revisions.filter((r) => !live.has(r.metadata!.name!));
  const limit = set.spec?.revisionHistoryLimit ?? 10;
  if (history.length <= limit) return;
  for (const r of history.slice(0, history.length - limit)) deleteControllerRevision(ctx, r);
}

/** UpdateStatefulSet: revisions, pods, status, history; returns the status. */
export function updateStatefulSetAll(ctx: ControllerContext, set: KObject, pods: KObject[], revisions: KObject[]): StsStatus {
  sortControllerRevisions(revisions);
  const { current, update, collisionCount } = getStatefulSetRevisions(ctx, set, revisions);
  let status: StsStatus;
  try {
    status = updateStatefulSet(ctx, set, current, update, collisionCount, pods);
  } catch (e: any) {
    // "make sure to update the latest status even if there is an error with non-nil currentStatus"
    if (e?.statefulSetStatus) {
      updateStatefulSetStatus(ctx, set, e.statefulSetStatus);
      truncateHistory(ctx, set, pods, revisions, current, update);
    }
    throw e;
  }
  updateStatefulSetStatus(ctx, set, status);
  // the revisions listed before this sync, as upstream (a new update revision is live anyway)
  truncateHistory(ctx, set, pods, revisions, current, update);
  return status;
}


