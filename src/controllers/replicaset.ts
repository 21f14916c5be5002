// Port of pkg/controller/replicaset/replica_set.go (syncReplicaSet, manageReplicas, claimPods,
// slowStartBatch, getPodsToDelete), replica_set_utils.go (calculateStatus, updateReplicaSetStatus)
// and the pod ranking of controller_utils.go (ActivePodsWithRanks with LogarithmicScaleDown).
//
// kubesim: no expectations cache — writes are visible to the next read at once, which is what the
// expectations exist to approximate.
import type { KObject, OwnerReference } from '../api/types.js';
import type { ControllerContext } from './context.js';
import { applyDefaults } from '../api/defaults.js';
import { nameIsDNSSubdomain } from '../api/names.js';
import { parseTime, rfc3339 } from '../sim/clock.js';
import {
  controllerOf, copy, getCondition, isPodActive, isPodAvailable, isPodReady, selectorMatches, splitKey,
} from './podutil.js';
import { deletePod } from './gc.js';
import { jsonEqual } from '../store/json.js';
import { admitControllerCreate } from './apiadmission.js';

export const burstReplicas = 500;
const SlowStartInitialBatchSize = 1;
const PodDeletionCost = 'controller.kubernetes.io/pod-deletion-cost';

export interface ReplicaSetHelpers {
  /** Active pods of the namespace without a controller (candidates for adoption). */
  orphanPods?(namespace: string): KObject[];
}

/** The kinds this controller runs: ReplicaSet, and ReplicationController (upstream's RC controller is
 * this one behind a conversion). */
export interface ReplicaSetKind {
  resource: string;
  apiVersion: string;
  kind: string;
  /** the event source component */
  component: string;
  /** the work-queue (and requeue) name */
  queue: string;
}

export const REPLICASET_KIND: ReplicaSetKind = { resource: 'replicasets', apiVersion: 'apps/v1', kind: 'ReplicaSet', component: 'replicaset-controller', queue: 'replicaset' };

/** An RC's selector is a plain label map; a ReplicaSet's a LabelSelector. */
function selectorOf(rs: KObject): any {
  const sel = rs.spec?.selector;
  if (rs.kind === 'ReplicationController') return sel && Object.keys(sel).length ? { matchLabels: sel } : sel ?? undefined;
  return sel;
}

function controllerRefFor(rs: KObject): OwnerReference {
  return {
    apiVersion: rs.apiVersion || 'apps/v1',
    kind: rs.kind || 'ReplicaSet',
    name: rs.metadata!.name!,
    uid: rs.metadata!.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** getPodsPrefix: "<name>-" unless that is not a valid generateName. */
function podsPrefix(name: string): string {
  const prefix = `${name}-`;
  return nameIsDNSSubdomain(prefix, true).length ? name : prefix;
}

const TOKEN_PLACEHOLDER = 'kube-api-access-@@@@@';
/** Defaulted pods per ReplicaSet and template (-> JSON with a placeholder token volume name). */
const templateCache = new Map<string, string>();

/**
 * controller.GetPodFromTemplate + the API server's defaulting and admission of a new pod: `template`
 * (the owner's spec.template unless given) owned by `rs` through a controller reference, named
 * `<owner>-<random>` (the StatefulSet renames it).
 */
export function podFromTemplate(ctx: ControllerContext, rs: KObject, template: any = rs.spec?.template): KObject {
  const cacheKey = `${rs.metadata!.uid}\0${rs.kind}\0${rs.metadata!.namespace}\0${rs.metadata!.name}\0${JSON.stringify(template)}`;
  let json = templateCache.get(cacheKey);
  if (json === undefined) {
    const tpl = template || {};
    const md: any = { generateName: podsPrefix(rs.metadata!.name!), namespace: rs.metadata!.namespace };
    if (tpl.metadata?.labels) md.labels = { ...tpl.metadata.labels };
    if (tpl.metadata?.annotations) md.annotations = { ...tpl.metadata.annotations };
    if (tpl.metadata?.finalizers) md.finalizers = [...tpl.metadata.finalizers];
    md.ownerReferences = [controllerRefFor(rs)];
    const pod: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: md, spec: copy(tpl.spec || {}) };
    json = JSON.stringify(applyDefaults(pod, { tokenVolumeName: TOKEN_PLACEHOLDER }));
    if (templateCache.size > 256) templateCache.clear();
    templateCache.set(cacheKey, json);
  }
  // the ServiceAccount admission plugin names the token volume with a random suffix
  const volume = `kube-api-access-${ctx.cluster.rng.string(5)}`;
  return JSON.parse(json.split(TOKEN_PLACEHOLDER).join(volume));
}

function createPod(ctx: ControllerContext, rs: KObject, component: string): void {
  const tpl = rs.spec?.template || {};
  if (!tpl.metadata?.labels || Object.keys(tpl.metadata.labels).length === 0) {
    throw new Error('unable to create pods, no labels');
  }
  let created: KObject;
  try {
    created = ctx.cluster.create('pods', admitControllerCreate(ctx.cluster, 'pods', podFromTemplate(ctx, rs)));
  } catch (e: any) {
    ctx.recorder.event({ component }, rs, 'Warning', 'FailedCreate', `Error creating: ${e?.message ?? e}`);
    throw e;
  }
  ctx.recorder.event({ component }, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata!.name}`);
}

/**
 * slowStartBatch: call fn `count` times in batches of 1, 2, 4 ...; stop after the first batch
 * with a failure. Returns the number of successes and the first error.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => void): [number, unknown] {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let firstErr: unknown;
    let errs = 0;
    for (let i = 0; i < batch; i++) {
      try { fn(); } catch (e) { errs++; if (firstErr === undefined) firstErr = e; }
    }
    successes += batch - errs;
    if (errs) return [successes, firstErr];
    remaining -= batch;
  }
  return [successes, undefined];
}

// ---- deletion ranking (ActivePodsWithRanks.Less)

const phaseOrdinal: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: KObject): number {
  const v = pod.metadata?.annotations?.[PodDeletionCost];
  if (v === undefined) return 0;
  const n = Number(v);
  return Number.isInteger(n) ? n : 0;
}

function readyTime(pod: KObject): number | undefined {
  if (!isPodReady(pod)) return undefined;
  return parseTime(getCondition(pod.status, 'Ready')?.lastTransitionTime);
}

function maxRestarts(pod: KObject): number {
  let m = 0;
  for (const c of pod.status?.containerStatuses || []) m = Math.max(m, c.restartCount || 0);
  return m;
}

/** afterOrZero: zero (undefined) times sort first, then later before earlier. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

function logRank(t: number, now: number): number {
  const d = (now - t) * 1e6; // Go compares time.Duration in nanoseconds
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/** True when pod a should be deleted before pod b. */
export function podLess(a: KObject, ra: number, b: KObject, rb: number, now: number): boolean {
  const na = a.spec?.nodeName || '';
  const nb = b.spec?.nodeName || '';
  // 1. unassigned < assigned
  if (na !== nb && (na === '' || nb === '')) return na === '';
  // 2. Pending < Unknown < Running
  const pa = phaseOrdinal[a.status?.phase] ?? 0;
  const pb = phaseOrdinal[b.status?.phase] ?? 0;
  if (pa !== pb) return pa < pb;
  // 3. not ready < ready
  const reA = isPodReady(a);
  const reB = isPodReady(b);
  if (reA !== reB) return !reA;
  // 4. lower pod-deletion-cost first
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca < cb;
  // 5. doubled up (more related pods on the same node) first
  if (ra !== rb) return ra > rb;
  // 6. more recently ready first (log-scaled)
  if (reA && reB) {
    const t1 = readyTime(a);
    const t2 = readyTime(b);
    if (t1 !== t2) {
      if (t1 === undefined || t2 === undefined) return afterOrZero(t1, t2);
      const diff = logRank(t1, now) - logRank(t2, now);
      if (diff === 0) return (a.metadata?.uid || '') < (b.metadata?.uid || '');
      return diff < 0;
    }
  }
  // 7. more restarts first
  const ma = maxRestarts(a);
  const mb = maxRestarts(b);
  if (ma !== mb) return ma > mb;
  // 8. newer first (log-scaled)
  const c1 = parseTime(a.metadata?.creationTimestamp);
  const c2 = parseTime(b.metadata?.creationTimestamp);
  if (c1 !== c2) {
    if (c1 === undefined || c2 === undefined) return afterOrZero(c1, c2);
    const diff = logRank(c1, now) - logRank(c2, now);
    if (diff === 0) return (a.metadata?.uid || '') < (b.metadata?.uid || '');
    return diff < 0;
  }
  return false;
}

/** getPodsToDelete with getPodsRankedByRelatedPodsOnSameNode. */
export function getPodsToDelete(filteredPods: KObject[], relatedPods: KObject[], diff: number, now: number): KObject[] {
  if (diff >= filteredPods.length) return filteredPods.slice(0, diff);
  const podsOnNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (isPodActive(p)) {
      const n = p.spec?.nodeName || '';
      podsOnNode.set(n, (podsOnNode.get(n) ?? 0) + 1);
    }
  }
  const ranked = filteredPods.map((p) => ({ p, r: podsOnNode.get(p.spec?.nodeName || '') ?? 0 }));
  ranked.sort((x, y) => (podLess(x.p, x.r, y.p, y.r, now) ? -1 : podLess(y.p, y.r, x.p, x.r, now) ? 1 : 0));
  return ranked.slice(0, diff).map((x) => x.p);
}

// ---- sync

function manageReplicas(ctx: ControllerContext, filteredPods: KObject[], rs: KObject, rk: ReplicaSetKind): unknown {
  const component = rk.component;
  let diff = filteredPods.length - (rs.spec?.replicas ?? 1);
  if (diff < 0) {
    diff = Math.min(-diff, burstReplicas);
    const [, err] = slowStartBatch(diff, SlowStartInitialBatchSize, () => createPod(ctx, rs, component));
    return err;
  }
  if (diff > 0) {
    diff = Math.min(diff, burstReplicas);
    const related = relatedPods(ctx, rs, rk);
    const toDelete = getPodsToDelete(filteredPods, related, diff, ctx.now);
    let firstErr: unknown;
    for (const pod of toDelete) {
      try {
        deletePod(ctx, pod);
        ctx.recorder.event({ component }, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`);
      } catch (e: any) {
        if (e?.reason === 'NotFound') continue;
        ctx.recorder.event({ component }, rs, 'Warning', 'FailedDelete', `Error deleting: ${e?.message ?? e}`);
        if (firstErr === undefined) firstErr = e;
      }
    }
    return firstErr;
  }
  return undefined;
}

/** getIndirectlyRelatedPods: pods of every ReplicaSet with the same controller. */
function relatedPods(ctx: ControllerContext, rs: KObject, rk: ReplicaSetKind): KObject[] {
  const ref = controllerOf(rs);
  if (!ref) return ctx.cluster.listControlledBy('pods', rs.metadata!.uid!);
  const out: KObject[] = [];
  const seen = new Set<string>();
  for (const sibling of ctx.cluster.listControlledBy(rk.resource, ref.uid)) {
    for (const p of ctx.cluster.listControlledBy('pods', sibling.metadata!.uid!)) {
      if (seen.has(p.metadata!.uid!)) continue;
      seen.add(p.metadata!.uid!);
      out.push(p);
    }
  }
  return out;
}

/** ClaimPods: keep owned pods that match, release those that no longer do, adopt matching orphans. */
function claimPods(ctx: ControllerContext, rs: KObject, owned: KObject[], orphans: KObject[]): KObject[] {
  const sel = selectorOf(rs);
  const uid = rs.metadata!.uid!;
  const out: KObject[] = [];
  for (const pod of owned) {
    if (selectorMatches(sel, pod.metadata?.labels)) { out.push(pod); continue; }
    if (rs.metadata?.deletionTimestamp) continue;
    // release
    const upd = copy(pod);
    upd.metadata!.ownerReferences = (upd.metadata!.ownerReferences || []).filter((r: any) => r.uid !== uid);
    if (upd.metadata!.ownerReferences!.length === 0) delete upd.metadata!.ownerReferences;
    try { ctx.cluster.update('pods', upd); } catch { /* gone: nothing to release */ }
  }
  if (rs.metadata?.deletionTimestamp) return out;
  for (const pod of orphans) {
    if (pod.metadata?.deletionTimestamp || !selectorMatches(sel, pod.metadata?.labels)) continue;
    if (controllerOf(pod)) continue;
    const upd = copy(pod);
    upd.metadata!.ownerReferences = [...(upd.metadata!.ownerReferences || []), controllerRefFor(rs)];
    out.push(ctx.cluster.update('pods', upd));
  }
  return out;
}

/** calculateStatus, with the API's field order and Go's omitempty. */
function calculateStatus(rs: KObject, filteredPods: KObject[], manageErr: unknown, now: number, nowS: string): any {
  const tplLabels: Record<string, string> = rs.spec?.template?.metadata?.labels || {};
  const tplKeys = Object.keys(tplLabels);
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  const minReady = rs.spec?.minReadySeconds || 0;
  for (const pod of filteredPods) {
    const l = pod.metadata?.labels || {};
    if (tplKeys.every((k) => l[k] === tplLabels[k])) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
  }
  let conditions: any[] = [...(rs.status?.conditions || [])];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageErr && !failure) {
    const diff = filteredPods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const c: any = { type: 'ReplicaFailure', status: 'True', lastTransitionTime: nowS, reason, message: String((manageErr as any)?.message ?? manageErr) };
    conditions = [...conditions.filter((x) => x.type !== 'ReplicaFailure'), c];
  } else if (!manageErr && failure) {
    conditions = conditions.filter((x) => x.type !== 'ReplicaFailure');
  }
  const s: any = { replicas: filteredPods.length };
  if (fullyLabeled) s.fullyLabeledReplicas = fullyLabeled;
  if (ready) s.readyReplicas = ready;
  if (available) s.availableReplicas = available;
  if (rs.status?.observedGeneration) s.observedGeneration = rs.status.observedGeneration;
  if (conditions.length) s.conditions = conditions;
  return s;
}

function updateReplicaSetStatus(ctx: ControllerContext, rs: KObject, st: any, resource: string): KObject {
  const cur = rs.status || {};
  if ((cur.replicas ?? 0) === st.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === (st.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (st.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (st.availableReplicas ?? 0) &&
    (rs.metadata?.generation ?? 0) === (cur.observedGeneration ?? 0) &&
    jsonEqual(cur.conditions || [], st.conditions || [])) {
    return rs;
  }
  const g = rs.metadata?.generation;
  const out: any = { replicas: st.replicas };
  for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']) if (st[k]) out[k] = st[k];
  if (g) out.observedGeneration = g;
  if (st.conditions) out.conditions = st.conditions;
  return ctx.cluster.updateStatus(resource, { ...rs, status: out });
}

/** Sync the ReplicaSet `key` ("ns/name"). */
export function syncReplicaSet(ctx: ControllerContext, key: string, helpers: ReplicaSetHelpers = {}, rk: ReplicaSetKind = REPLICASET_KIND): void {
  const [ns, name] = splitKey(key);
  let rs = ctx.cluster.get(rk.resource, ns, name);
  if (!rs) return;
  if (!rs.kind) rs = { apiVersion: rk.apiVersion, kind: rk.kind, ...rs };
  const owned = ctx.cluster.listControlledBy('pods', rs.metadata!.uid!).filter(isPodActive);
  const orphans = helpers.orphanPods ? helpers.orphanPods(ns ?? '').filter(isPodActive) : [];
  const filteredPods = claimPods(ctx, rs, owned, orphans);
  let manageErr: unknown;
  if (!rs.metadata?.deletionTimestamp) manageErr = manageReplicas(ctx, filteredPods, rs, rk);
  // as upstream, status counts the pods listed before manageReplicas; the creations and deletions
  // it made come back as pod events and the next sync counts them
  const now = ctx.now;
  const newStatus = calculateStatus(rs, filteredPods, manageErr, now, rfc3339(now));
  const updated = updateReplicaSetStatus(ctx, rs, newStatus, rk.resource);
  const minReady = updated.spec?.minReadySeconds || 0;
  const want = updated.spec?.replicas ?? 1;
  if (!manageErr && minReady > 0 && (updated.status?.readyReplicas ?? 0) === want && (updated.status?.availableReplicas ?? 0) !== want) {
    ctx.requeueAfter(rk.queue, key, minReady * 1000);
  }
}
