// Port of pkg/controller/job/job_controller.go v1.32: syncJob, manageJob,
// trackJobStatusAndRemoveFinalizers, flushUncountedAndRemoveFinalizers, enactJobFinished and
// recordJobFinished, with the feature gates of v1.32's defaults (JobPodReplacementPolicy,
// JobSuccessPolicy, JobBackoffLimitPerIndex, PodIndexLabel, JobReadyPods on: the terminal
// conditions are delayed behind FailureTarget / SuccessCriteriaMet until no pod is terminating).
//
// kubesim: no expectations caches — every write is visible to the next read, which is what the
// pod and finalizer expectations approximate upstream.
import type { KObject } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import { labelSelectorAsSelector, matches } from '../../api/selectors.js';
import { parseTime } from '../../sim/clock.js';
import { controllerOf, isPodActive, isPodReady, splitKey, timeStr } from '../podutil.js';
import { podLess } from '../replicaset.js';
import { slowStartBatch } from '../replicaset.js';
import {
  type Interval, type JobCondition, countTerminatingPods, ensureJobConditionStatus, findCondition, getCompletionIndex,
  getFinishedTime, hasBackoffLimitPerIndex, hasJobTrackingFinalizer, intervalsString, isIndexedJob, isJobFinished,
  isPodFailed, jobSuspended, newCondition, parseIndexes, setToIntervals, unknownCompletionIndex,
  JobIndexFailureCountAnnotation, JobIndexIgnoredFailureCountAnnotation,
} from './util.js';
import { getFailJobMessage, matchPodFailurePolicy } from './podfailurepolicy.js';
import { type BackoffRecord, newBackoffRecord, remainingTimeForFailures, removeBackoffRecord, saveBackoffRecord } from './backoff.js';
import { component, createJobPod, deleteJobPod, removeTrackingFinalizer, type IndexInfo } from './pods.js';

export const controllerName = 'job';
/** MaxPodCreateDeletePerSync */
const MaxPodCreateDeletePerSync = 500;

interface SyncJobCtx {
  ctx: ControllerContext;
  key: string;
  job: KObject;
  pods: KObject[];
  activePods: KObject[];
  succeeded: number;
  failed: number;
  ready: number;
  terminating: number;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  finishedCondition?: JobCondition;
  newBackoffRecord: BackoffRecord;
  prevSucceededIndexes?: Set<number>;
  succeededIndexes?: Set<number>;
  failedIndexes?: Set<number>;
  /** backoffLimitPerIndex: per index, the last failed pod (its failure counts carry to the replacement) */
  lastFailedPerIndex?: Map<number, KObject>;
}

const nowStr = (c: ControllerContext) => timeStr(c.now);

/** getPodsForJob: pods whose controller is this Job and which match its selector. */
function getPodsForJob(ctx: ControllerContext, job: KObject): KObject[] {
  let sel;
  try { sel = labelSelectorAsSelector(job.spec?.selector); } catch { return []; }
  return ctx.cluster.listControlledBy('pods', job.metadata!.uid!).filter((p) => matches(sel, p.metadata?.labels || {}));
}

function hasSuccessCriteriaMetCondition(job: KObject): JobCondition | undefined {
  const c = findCondition(job.status?.conditions, 'SuccessCriteriaMet');
  return c && c.status === 'True' ? c : undefined;
}

const isSuccessCriteriaMet = (c?: JobCondition) => c?.type === 'SuccessCriteriaMet';

/** newFailureCondition with delayTerminalCondition on: FailureTarget first. */
function newFailureCondition(c: SyncJobCtx, reason: string, message: string): JobCondition {
  return newCondition('FailureTarget', 'True', reason, message, nowStr(c.ctx));
}

function newSuccessCondition(c: SyncJobCtx): JobCondition {
  return newCondition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', nowStr(c.ctx));
}

/** pastBackoffLimitOnFailure: restartPolicy OnFailure counts container restarts of running/pending pods. */
function pastBackoffLimitOnFailure(job: KObject, pods: KObject[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let result = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of p.status?.initContainerStatuses || []) result += s.restartCount || 0;
    for (const s of p.status?.containerStatuses || []) result += s.restartCount || 0;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? result > 0 : result >= limit;
}

function pastActiveDeadline(c: SyncJobCtx): boolean {
  const job = c.job;
  const start = parseTime(job.status?.startTime);
  if (job.spec?.activeDeadlineSeconds == null || start === undefined || jobSuspended(job)) return false;
  return c.ctx.now - start >= job.spec.activeDeadlineSeconds * 1000;
}

/** getValidPodsWithFilter: pods not yet accounted for (finalizer, not uncounted) with a valid index. */
function validPods(c: SyncJobCtx, uncounted: Set<string>, filter: (p: KObject) => boolean): KObject[] {
  const out: KObject[] = [];
  for (const p of c.pods) {
    if (!hasJobTrackingFinalizer(p) || uncounted.has(p.metadata!.uid!)) continue;
    if (isIndexedJob(c.job)) {
      const ix = getCompletionIndex(p.metadata?.annotations);
      if (ix === unknownCompletionIndex || ix >= c.job.spec.completions) continue;
    }
    if (filter(p)) out.push(p);
  }
  return out;
}

function nonIgnoredFailedPodsCount(c: SyncJobCtx, failed: KObject[]): number {
  let n = failed.length;
  if (c.job.spec?.podFailurePolicy) for (const p of failed) if (!matchPodFailurePolicy(c.job.spec.podFailurePolicy, p)[1]) n--;
  return n;
}

// ---- indexes

function calculateSucceededIndexes(job: KObject, pods: KObject[]): [Set<number>, Set<number>] {
  const completions = job.spec.completions;
  const prev = parseIndexes(job.status?.completedIndexes, completions);
  const result = new Set(prev);
  for (const p of pods) {
    const ix = getCompletionIndex(p.metadata?.annotations);
    if (p.status?.phase === 'Succeeded' && ix !== unknownCompletionIndex && ix < completions && hasJobTrackingFinalizer(p)) result.add(ix);
  }
  return [prev, result];
}

function indexFailureCount(p: KObject, ann: string): number {
  const v = p.metadata?.annotations?.[ann];
  return v && /^\d+$/.test(v) ? Number(v) : 0;
}

function isIndexFailed(job: KObject, p: KObject): boolean {
  if (!isPodFailed(p, job)) return false;
  let counted = true;
  if (job.spec.podFailurePolicy) {
    const [, countFailed, action] = matchPodFailurePolicy(job.spec.podFailurePolicy, p);
    if (action === 'FailIndex') return true;
    counted = countFailed;
  }
  return counted && indexFailureCount(p, JobIndexFailureCountAnnotation) >= job.spec.backoffLimitPerIndex;
}

function calculateFailedIndexes(job: KObject, pods: KObject[]): Set<number> {
  const completions = job.spec.completions;
  const result = parseIndexes(job.status?.failedIndexes, completions);
  for (const p of pods) {
    const ix = getCompletionIndex(p.metadata?.annotations);
    if (ix !== unknownCompletionIndex && ix < completions && hasJobTrackingFinalizer(p) && isIndexFailed(job, p)) result.add(ix);
  }
  return result;
}

/** The last failed pod of each index (kubesim: stands in for podsWithDelayedDeletionPerIndex). */
function lastFailedPerIndex(c: SyncJobCtx): Map<number, KObject> {
  const m = new Map<number, KObject>();
  for (const p of c.pods) {
    if (!isPodFailed(p, c.job)) continue;
    const ix = getCompletionIndex(p.metadata?.annotations);
    if (ix === unknownCompletionIndex || c.succeededIndexes?.has(ix) || c.failedIndexes?.has(ix)) continue;
    const prev = m.get(ix);
    if (!prev || getFinishedTime(p) >= getFinishedTime(prev)) m.set(ix, p);
  }
  return m;
}

/** getNewIndexFailureCounts. */
function newIndexFailureCounts(job: KObject, replaced: KObject | undefined): [number, number] {
  if (!replaced) return [0, 0];
  let failures = indexFailureCount(replaced, JobIndexFailureCountAnnotation);
  let ignored = indexFailureCount(replaced, JobIndexIgnoredFailureCountAnnotation);
  if (job.spec.podFailurePolicy && !matchPodFailurePolicy(job.spec.podFailurePolicy, replaced)[1]) ignored++;
  else failures++;
  return [failures, ignored];
}

/** firstPendingIndexes: the lowest indexes neither succeeded, failed nor running. */
function firstPendingIndexes(c: SyncJobCtx, count: number, completions: number): number[] {
  if (count === 0) return [];
  const nonPending = new Set<number>(c.succeededIndexes);
  for (const p of c.activePods) {
    const ix = getCompletionIndex(p.metadata?.annotations);
    if (ix !== unknownCompletionIndex) nonPending.add(ix);
  }
  for (const ix of c.failedIndexes || []) nonPending.add(ix);
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!nonPending.has(i)) out.push(i);
  return out;
}

/** matchSuccessPolicy. */
function matchSuccessPolicy(policy: any, completions: number, succeeded: Set<number>): string | undefined {
  if (!policy || succeeded.size === 0) return undefined;
  const rules: any[] = policy.rules || [];
  rules: for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (r.succeededIndexes != null) {
      const required = parseIndexes(r.succeededIndexes, completions);
      if (!required.size) continue;
      let matched = 0;
      for (const ix of required) {
        if (succeeded.has(ix)) matched++;
        else if (r.succeededCount == null) continue rules;
      }
      if (r.succeededCount == null || r.succeededCount <= matched) return `Matched rules at index ${i}`;
    } else if (r.succeededCount != null && succeeded.size >= r.succeededCount) {
      return `Matched rules at index ${i}`;
    }
  }
  return undefined;
}

// ---- pod removal order

/** activePodsForRemoval: for Indexed Jobs duplicate and out-of-range indexes first; then the ReplicaSet ranking. */
function activePodsForRemoval(c: SyncJobCtx, pods: KObject[], n: number): KObject[] {
  if (n <= 0) return [];
  let rm: KObject[] = [];
  let left = pods;
  if (isIndexedJob(c.job)) {
    const seen = new Set<number>();
    left = [];
    const sorted = [...pods].sort((a, b) => getCompletionIndex(a.metadata?.annotations) - getCompletionIndex(b.metadata?.annotations));
    for (const p of sorted) {
      const ix = getCompletionIndex(p.metadata?.annotations);
      if (ix === unknownCompletionIndex || ix >= c.job.spec.completions || seen.has(ix)) rm.push(p);
      else { seen.add(ix); left.push(p); }
    }
  }
  if (rm.length < n) {
    const now = c.ctx.now;
    const ranked = [...left].sort((a, b) => (podLess(a, 0, b, 0, now) ? -1 : podLess(b, 0, a, 0, now) ? 1 : 0));
    rm = rm.concat(ranked.slice(0, n - rm.length));
  }
  return rm.slice(0, n);
}

/** deleteJobPods: finalizer first (the pods are not failures), then the pod. Returns [ready removed, removed]. */
function deleteJobPods(c: SyncJobCtx, pods: KObject[]): [number, number] {
  let removed = 0;
  let readyRemoved = 0;
  for (const p of pods) {
    removeTrackingFinalizer(c.ctx, p);
    if (!deleteJobPod(c.ctx, c.job, p)) continue;
    removed++;
    if (isPodReady(p)) readyRemoved++;
  }
  return [readyRemoved, removed];
}

/** deleteActivePods: the Job finished; its running pods go (their finalizers are removed when counted). */
function deleteActivePods(c: SyncJobCtx, pods: KObject[]): [number, number] {
  let removed = 0;
  let readyRemoved = 0;
  for (const p of pods) {
    if (!deleteJobPod(c.ctx, c.job, p)) continue;
    removed++;
    if (isPodReady(p)) readyRemoved++;
  }
  return [readyRemoved, removed];
}

/** manageJob: create or delete pods towards min(parallelism, remaining completions). Returns active. */
function manageJob(c: SyncJobCtx): number {
  const job = c.job;
  let active = c.activePods.length;
  const parallelism = job.spec.parallelism ?? 1;
  if (jobSuspended(job)) {
    const [rr, removed] = deleteJobPods(c, activePodsForRemoval(c, c.activePods, active));
    c.terminating += removed;
    c.ready -= rr;
    return active - removed;
  }
  let wantActive: number;
  if (job.spec.completions == null) {
    wantActive = c.succeeded > 0 ? active : parallelism;
  } else {
    wantActive = Math.max(0, Math.min(job.spec.completions - c.succeeded, parallelism));
  }
  const rmAtLeast = Math.max(0, active - wantActive);
  const toDelete = activePodsForRemoval(c, c.activePods, rmAtLeast).slice(0, MaxPodCreateDeletePerSync);
  if (toDelete.length) {
    const [rr, removed] = deleteJobPods(c, toDelete);
    c.terminating += removed;
    c.ready -= rr;
    return active - removed;
  }
  const terminating = job.spec.podReplacementPolicy === 'Failed' || job.spec.podFailurePolicy ? c.terminating : 0;
  let diff = wantActive - terminating - active;
  if (diff <= 0) return active;
  if (!hasBackoffLimitPerIndex(job)) {
    const remaining = remainingTimeForFailures(c.ctx.now, c.newBackoffRecord.failuresAfterLastSuccess, c.newBackoffRecord.lastFailureTime);
    if (remaining > 0) {
      c.ctx.requeueAfter(controllerName, c.key, remaining);
      return 0;
    }
  }
  diff = Math.min(diff, MaxPodCreateDeletePerSync);
  let indexes: IndexInfo[] | undefined;
  if (isIndexedJob(job)) {
    let pending = firstPendingIndexes(c, diff, job.spec.completions);
    if (hasBackoffLimitPerIndex(job)) {
      // getPodCreationInfoForIndependentIndexes: indexes still in their own back-off wait
      let minRemaining = 0;
      const ready: number[] = [];
      for (const ix of pending) {
        const last = c.lastFailedPerIndex?.get(ix);
        const rem = last ? remainingTimeForFailures(c.ctx.now, newIndexFailureCounts(job, last)[0], getFinishedTime(last)) : 0;
        if (rem > 0) minRemaining = minRemaining ? Math.min(minRemaining, rem) : rem;
        else ready.push(ix);
      }
      if (!ready.length && minRemaining > 0) {
        c.ctx.requeueAfter(controllerName, c.key, minRemaining);
        return 0;
      }
      pending = ready;
    }
    indexes = pending.map((index) => ({
      index,
      failureCounts: hasBackoffLimitPerIndex(job) ? newIndexFailureCounts(job, c.lastFailedPerIndex?.get(index)) : undefined,
    }));
    diff = indexes.length;
  }
  active += diff;
  let i = 0;
  const [ok] = slowStartBatch(diff, 1, () => { createJobPod(c.ctx, job, indexes?.[i++]); });
  // pods that could not be created are not active
  active -= diff - ok;
  return active;
}

// ---- status tracking

/** cleanUncountedPodsWithoutFinalizers: uncounted pods whose finalizer is gone move to the counters. */
function cleanUncounted(status: any, withFinalizer: Set<string>): boolean {
  let updated = false;
  const u = status.uncountedTerminatedPods;
  for (const [field, counter] of [['succeeded', 'succeeded'], ['failed', 'failed']] as const) {
    const list: string[] = u[field] || [];
    const keep = list.filter((uid) => withFinalizer.has(uid));
    if (keep.length !== list.length) {
      updated = true;
      status[counter] = (status[counter] || 0) + list.length - keep.length;
      if (keep.length) u[field] = keep;
      else delete u[field];
    }
  }
  return updated;
}

/** canRemoveFinalizer (kubesim: no delayed removal per index). */
function canRemoveFinalizer(c: SyncJobCtx, pod: KObject, considerFailed: boolean): boolean {
  return !!c.job.metadata?.deletionTimestamp || !!c.finishedCondition || pod.status?.phase === 'Succeeded' || considerFailed;
}

function writeStatus(c: SyncJobCtx): void {
  const s = c.job.status;
  // JobStatus field order
  const out: any = {};
  for (const k of ['conditions', 'startTime', 'completionTime', 'active', 'succeeded', 'failed', 'terminating',
    'completedIndexes', 'failedIndexes', 'uncountedTerminatedPods', 'ready']) {
    const v = s[k];
    if (v === undefined || v === null) continue;
    if ((k === 'active' || k === 'succeeded' || k === 'failed') && v === 0) continue;
    if ((k === 'completedIndexes') && v === '') continue;
    if (k === 'conditions' && !v.length) continue;
    out[k] = v;
  }
  const stored = c.ctx.cluster.updateStatus('jobs', { ...c.job, status: out });
  c.job = { ...stored, status: { ...stored.status, uncountedTerminatedPods: { ...(stored.status?.uncountedTerminatedPods || {}) } } };
}

function recordJobFinished(c: SyncJobCtx, cond: JobCondition): void {
  const job = c.job;
  if (cond.type === 'Complete') {
    if (job.spec.completions != null && (job.status.succeeded || 0) > job.spec.completions) {
      c.ctx.recorder.event({ component }, job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
    }
    c.ctx.recorder.event({ component }, job, 'Normal', 'Completed', 'Job completed');
  } else {
    c.ctx.recorder.event({ component }, job, 'Warning', cond.reason || '', cond.message || '');
  }
}

/** enactJobFinished: the terminal condition, once nothing is uncounted or terminating. */
function enactJobFinished(c: SyncJobCtx): boolean {
  const cond = c.finishedCondition;
  if (!cond) return false;
  const u = c.job.status.uncountedTerminatedPods || {};
  if ((u.succeeded || []).length + (u.failed || []).length > 0) return false;
  if (c.terminating > 0) return false;
  const [conds] = ensureJobConditionStatus(c.job.status.conditions || [], cond.type, cond.status, cond.reason || '', cond.message || '', nowStr(c.ctx));
  c.job.status.conditions = conds;
  if (cond.type === 'Complete') c.job.status.completionTime = findCondition(conds, 'Complete')!.lastTransitionTime;
  return true;
}

function trackJobStatusAndRemoveFinalizers(c: SyncJobCtx, needsFlushIn: boolean): void {
  let needsFlush = needsFlushIn;
  const job = c.job;
  const isIndexed = isIndexedJob(job);
  const pods = isIndexed
    ? [...c.pods].sort((a, b) => getCompletionIndex(a.metadata?.annotations) - getCompletionIndex(b.metadata?.annotations))
    : c.pods;
  const withFinalizer = new Set<string>();
  for (const p of pods) if (hasJobTrackingFinalizer(p)) withFinalizer.add(p.metadata!.uid!);
  const status = job.status;
  if (cleanUncounted(status, withFinalizer)) needsFlush = true;
  const u = status.uncountedTerminatedPods;
  const toRemove: KObject[] = [];
  const newSucceededIndexes: number[] = [];
  for (const pod of pods) {
    if (!hasJobTrackingFinalizer(pod)) continue;
    const uid = pod.metadata!.uid!;
    const considerFailed = isPodFailed(pod, job);
    if (!canRemoveFinalizer(c, pod, considerFailed)) continue;
    toRemove.push(pod);
    if (pod.status?.phase === 'Succeeded' && !c.uncountedFailed.has(uid)) {
      if (isIndexed) {
        const ix = getCompletionIndex(pod.metadata?.annotations);
        if (ix !== unknownCompletionIndex && ix < job.spec.completions && !c.prevSucceededIndexes!.has(ix)) newSucceededIndexes.push(ix);
      } else if (!c.uncountedSucceeded.has(uid)) {
        needsFlush = true;
        (u.succeeded = u.succeeded || []).push(uid);
      }
    } else if (considerFailed || (c.finishedCondition && !isSuccessCriteriaMet(c.finishedCondition))) {
      const ix = getCompletionIndex(pod.metadata?.annotations);
      if (!c.uncountedFailed.has(uid) && (!isIndexed || (ix !== unknownCompletionIndex && ix < job.spec.completions))) {
        const countFailed = job.spec.podFailurePolicy ? matchPodFailurePolicy(job.spec.podFailurePolicy, pod)[1] : true;
        if (countFailed) {
          needsFlush = true;
          (u.failed = u.failed || []).push(uid);
        }
      }
    }
  }
  if (isIndexed) {
    const all = new Set(c.succeededIndexes);
    for (const ix of newSucceededIndexes) all.add(ix);
    c.succeededIndexes = all;
    const str = intervalsString(setToIntervals(all));
    if (str !== (status.completedIndexes || '')) needsFlush = true;
    status.succeeded = all.size;
    status.completedIndexes = str;
    const failedStr = c.failedIndexes ? intervalsString(setToIntervals(c.failedIndexes)) : undefined;
    if (failedStr !== status.failedIndexes) {
      if (failedStr === undefined) delete status.failedIndexes;
      else status.failedIndexes = failedStr;
      needsFlush = true;
    }
  }
  if (c.finishedCondition?.type === 'FailureTarget') {
    // the interim condition first, the final Failed once the finalizers are gone
    status.conditions = [...(status.conditions || []), c.finishedCondition];
    needsFlush = true;
    c.finishedCondition = newCondition('Failed', 'True', c.finishedCondition.reason || '', c.finishedCondition.message || '', nowStr(c.ctx));
  }
  if (isSuccessCriteriaMet(c.finishedCondition)) {
    if (!hasSuccessCriteriaMetCondition(job)) {
      status.conditions = [...(status.conditions || []), c.finishedCondition];
      needsFlush = true;
    }
    c.finishedCondition = newCondition('Complete', 'True', c.finishedCondition!.reason || '', c.finishedCondition!.message || '', nowStr(c.ctx));
  }
  // flushUncountedAndRemoveFinalizers
  if (needsFlush) {
    writeStatus(c);
    needsFlush = false;
  }
  for (const p of toRemove) if (removeTrackingFinalizer(c.ctx, p)) withFinalizer.delete(p.metadata!.uid!);
  if (cleanUncounted(c.job.status, withFinalizer)) needsFlush = true;
  const finished = enactJobFinished(c);
  if (finished) needsFlush = true;
  if (needsFlush) {
    writeStatus(c);
    if (finished) recordJobFinished(c, c.finishedCondition!);
  }
}

/** syncJob for `ns/name`. */
export function syncJob(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const stored = ctx.cluster.get('jobs', ns, name!);
  if (!stored) { removeBackoffRecord(ctx, key); return; }
  if (isJobFinished(stored)) { removeBackoffRecord(ctx, key); return; }
  // kubesim: spec.managedBy other than the built-in controller is someone else's Job
  if (stored.spec?.managedBy && stored.spec.managedBy !== 'kubernetes.io/job-controller') return;
  const job: KObject = { ...stored, status: { ...(stored.status || {}) } };
  job.status.uncountedTerminatedPods = { ...(job.status.uncountedTerminatedPods || {}) };
  const pods = getPodsForJob(ctx, job);
  const activePods = pods.filter(isPodActive);
  const u = job.status.uncountedTerminatedPods;
  const c: SyncJobCtx = {
    ctx, key, job, pods, activePods,
    succeeded: 0, failed: 0,
    ready: activePods.filter(isPodReady).length,
    terminating: countTerminatingPods(pods),
    uncountedSucceeded: new Set(u.succeeded || []),
    uncountedFailed: new Set(u.failed || []),
    newBackoffRecord: { failuresAfterLastSuccess: 0 },
  };
  let active = activePods.length;
  const newSucceeded = validPods(c, c.uncountedSucceeded, (p) => p.status?.phase === 'Succeeded');
  const newFailed = validPods(c, c.uncountedFailed, (p) => isPodFailed(p, job));
  c.succeeded = (job.status.succeeded || 0) + newSucceeded.length + c.uncountedSucceeded.size;
  c.failed = (job.status.failed || 0) + nonIgnoredFailedPodsCount(c, newFailed) + c.uncountedFailed.size;

  // Job first start: startTime only when not suspended
  if (!job.status.startTime && !jobSuspended(job)) job.status.startTime = nowStr(ctx);
  c.newBackoffRecord = newBackoffRecord(ctx, key, newSucceeded, newFailed);

  const exceedsBackoffLimit = c.failed > (job.spec.backoffLimit ?? 6);
  c.finishedCondition = hasSuccessCriteriaMetCondition(job);
  if (!c.finishedCondition) {
    const ft = findCondition(job.status.conditions, 'FailureTarget');
    if (ft && ft.status === 'True') {
      c.finishedCondition = newCondition('Failed', 'True', ft.reason || '', ft.message || '', nowStr(ctx));
    } else {
      const msg = getFailJobMessage(job, pods);
      if (msg) c.finishedCondition = newCondition('FailureTarget', 'True', 'PodFailurePolicy', msg, nowStr(ctx));
    }
  }
  if (!c.finishedCondition) {
    if (exceedsBackoffLimit || pastBackoffLimitOnFailure(job, pods)) {
      c.finishedCondition = newFailureCondition(c, 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
    } else if (pastActiveDeadline(c)) {
      c.finishedCondition = newFailureCondition(c, 'DeadlineExceeded', 'Job was active longer than specified deadline');
    } else if (job.spec.activeDeadlineSeconds != null && !jobSuspended(job)) {
      const start = parseTime(job.status.startTime)!;
      ctx.requeueAfter(controllerName, key, job.spec.activeDeadlineSeconds * 1000 - (ctx.now - start));
    }
  }
  if (isIndexedJob(job)) {
    [c.prevSucceededIndexes, c.succeededIndexes] = calculateSucceededIndexes(job, pods);
    if (hasBackoffLimitPerIndex(job)) {
      c.failedIndexes = calculateFailedIndexes(job, pods);
      if (!c.finishedCondition) {
        const nFailed = c.failedIndexes.size;
        if (job.spec.maxFailedIndexes != null && nFailed > job.spec.maxFailedIndexes) {
          c.finishedCondition = newFailureCondition(c, 'MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes');
        } else if (nFailed > 0 && nFailed + c.succeededIndexes.size >= job.spec.completions) {
          c.finishedCondition = newFailureCondition(c, 'FailedIndexes', 'Job has failed indexes');
        }
      }
      c.lastFailedPerIndex = lastFailedPerIndex(c);
    }
    if (!c.finishedCondition && job.spec.successPolicy) {
      const msg = matchSuccessPolicy(job.spec.successPolicy, job.spec.completions, c.succeededIndexes);
      if (msg) c.finishedCondition = newCondition('SuccessCriteriaMet', 'True', 'SuccessPolicy', msg, nowStr(ctx));
    }
  }

  let suspendCondChanged = false;
  if (c.finishedCondition) {
    const [rr, deleted] = deleteActivePods(c, c.activePods);
    if (deleted !== active) c.finishedCondition = undefined;
    active -= deleted;
    c.terminating += deleted;
    c.ready -= rr;
  } else {
    let manageJobCalled = false;
    if (!job.metadata?.deletionTimestamp) {
      active = manageJob(c);
      manageJobCalled = true;
    }
    const complete = job.spec.completions == null
      ? c.succeeded > 0 && active === 0
      : c.succeeded >= job.spec.completions && active === 0;
    if (complete) {
      c.finishedCondition = newSuccessCondition(c);
    } else if (manageJobCalled) {
      let changed: boolean;
      if (jobSuspended(job)) {
        [job.status.conditions, changed] = ensureJobConditionStatus(job.status.conditions || [], 'Suspended', 'True', 'JobSuspended', 'Job suspended', nowStr(ctx));
        if (changed) { suspendCondChanged = true; ctx.recorder.event({ component }, job, 'Normal', 'Suspended', 'Job suspended'); }
      } else {
        [job.status.conditions, changed] = ensureJobConditionStatus(job.status.conditions || [], 'Suspended', 'False', 'JobResumed', 'Job resumed', nowStr(ctx));
        if (changed) {
          suspendCondChanged = true;
          ctx.recorder.event({ component }, job, 'Normal', 'Resumed', 'Job resumed');
          // the active deadline counts from the resumption
          job.status.startTime = nowStr(ctx);
        }
      }
    }
  }
  const st = stored.status || {};
  let needsStatusUpdate = suspendCondChanged || active !== (st.active || 0) || c.ready !== st.ready || c.terminating !== st.terminating;
  needsStatusUpdate ||= job.status.startTime !== st.startTime || !st.uncountedTerminatedPods;
  job.status.active = active;
  job.status.ready = c.ready;
  job.status.terminating = c.terminating;
  trackJobStatusAndRemoveFinalizers(c, needsStatusUpdate);
  saveBackoffRecord(ctx, key, c.newBackoffRecord);
}

/** Orphaned pods (their Job is gone) still carrying the tracking finalizer lose it. */
export function cleanupOrphanPod(ctx: ControllerContext, podKey: string): void {
  const [ns, name] = splitKey(podKey);
  const pod = ctx.cluster.get('pods', ns, name!);
  if (!pod || !hasJobTrackingFinalizer(pod)) return;
  const ref = controllerOf(pod);
  if (ref?.kind === 'Job') {
    const job = ctx.cluster.get('jobs', ns, ref.name);
    if (job && job.metadata?.uid === ref.uid) return;
  }
  removeTrackingFinalizer(ctx, pod);
}

export type { Interval };
