// Helpers of pkg/controller/job (job_controller.go, indexed_job_utils.go, backoff_utils.go): the
// job-tracking finalizer, completion indexes, conditions and the pods' finish times.
import type { KObject } from '../../api/types.js';
import { parseTime } from '../../sim/clock.js';
import { getCondition } from '../podutil.js';

export const JobTrackingFinalizer = 'batch.kubernetes.io/job-tracking';
export const JobCompletionIndexAnnotation = 'batch.kubernetes.io/job-completion-index';
export const JobIndexFailureCountAnnotation = 'batch.kubernetes.io/job-index-failure-count';
export const JobIndexIgnoredFailureCountAnnotation = 'batch.kubernetes.io/job-index-ignored-failure-count';
export const CompletionIndexEnvName = 'JOB_COMPLETION_INDEX';
export const unknownCompletionIndex = -1;

export interface JobCondition {
  type: string;
  status: string;
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export function newCondition(type: string, status: string, reason: string, message: string, now: string): JobCondition {
  const c: JobCondition = { type, status, lastProbeTime: now, lastTransitionTime: now };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

export function findCondition(list: JobCondition[] | undefined, type: string): JobCondition | undefined {
  return (list || []).find((c) => c.type === type);
}

/** ensureJobConditionStatus: update in place or append (a False condition is never added). */
export function ensureJobConditionStatus(list: JobCondition[], type: string, status: string, reason: string, message: string, now: string): [JobCondition[], boolean] {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i];
    if (c.status !== status || (c.reason ?? '') !== reason || (c.message ?? '') !== message) {
      const out = [...list];
      out[i] = newCondition(type, status, reason, message, now);
      return [out, true];
    }
    return [list, false];
  }
  if (status !== 'False') return [[...list, newCondition(type, status, reason, message, now)], true];
  return [list, false];
}

/** util.IsJobFinished: Complete or Failed is True. */
export function isJobFinished(job: KObject): boolean {
  return (job.status?.conditions || []).some((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

export function finishedStatus(job: KObject): string | undefined {
  return (job.status?.conditions || []).find((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;
}

export function hasJobTrackingFinalizer(pod: KObject): boolean {
  return (pod.metadata?.finalizers || []).includes(JobTrackingFinalizer);
}

export function isIndexedJob(job: KObject): boolean {
  return job.spec?.completionMode === 'Indexed';
}

export function hasBackoffLimitPerIndex(job: KObject): boolean {
  return isIndexedJob(job) && job.spec?.backoffLimitPerIndex != null;
}

export function jobSuspended(job: KObject): boolean {
  return job.spec?.suspend === true;
}

/** getCompletionIndex: the annotation as a non-negative integer, else unknownCompletionIndex. */
export function getCompletionIndex(annotations: Record<string, string> | undefined): number {
  const v = annotations?.[JobCompletionIndexAnnotation];
  if (v === undefined || !/^\d+$/.test(v)) return unknownCompletionIndex;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : unknownCompletionIndex;
}

/** podReplacementPolicy Failed (or a podFailurePolicy): pods count as failed only in phase Failed. */
export function onlyReplaceFailedPods(job: KObject): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy != null;
}

/** isPodFailed: phase Failed, or (unless only failed pods are replaced) deleted before it succeeded. */
export function isPodFailed(p: KObject, job: KObject): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

/** controller.CountTerminatingPods: deleted, not yet terminal. */
export function countTerminatingPods(pods: KObject[]): number {
  let n = 0;
  for (const p of pods) if (p.metadata?.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded') n++;
  return n;
}

/** getFinishedTime: the last container's finishedAt, else Ready=False's transition, else deletion, else creation. */
export function getFinishedTime(p: KObject): number {
  const statuses: any[] = p.status?.containerStatuses || [];
  let last: number | undefined;
  let allTerminated = statuses.length > 0;
  for (const c of statuses) {
    const t = parseTime(c.state?.terminated?.finishedAt);
    if (t === undefined) { allTerminated = false; break; }
    if (last === undefined || t > last) last = t;
  }
  if (allTerminated && last !== undefined) return last;
  const ready = getCondition(p.status, 'Ready');
  if (ready && ready.status === 'False' && ready.lastTransitionTime) return parseTime(ready.lastTransitionTime)!;
  const del = parseTime(p.metadata?.deletionTimestamp);
  if (del !== undefined) return del - (p.metadata?.deletionGracePeriodSeconds ?? 0) * 1000;
  return parseTime(p.metadata?.creationTimestamp) ?? 0;
}

// ---- orderedIntervals (indexed_job_utils.go)

export type Interval = [number, number];

export function intervalsFromSorted(indexes: number[]): Interval[] {
  const out: Interval[] = [];
  for (const ix of indexes) {
    const last = out[out.length - 1];
    if (last && ix <= last[1] + 1) last[1] = Math.max(last[1], ix);
    else out.push([ix, ix]);
  }
  return out;
}

export function intervalsToSet(iv: Interval[]): Set<number> {
  const s = new Set<number>();
  for (const [a, b] of iv) for (let i = a; i <= b; i++) s.add(i);
  return s;
}

export function setToIntervals(s: Set<number>): Interval[] {
  return intervalsFromSorted([...s].sort((a, b) => a - b));
}

/** orderedIntervals.String: "1,3-5", with two neighbours written "1,2". */
export function intervalsString(iv: Interval[]): string {
  return iv.map(([a, b]) => (b > a ? `${a}${b === a + 1 ? ',' : '-'}${b}` : `${a}`)).join(',');
}

/** parseIndexesFromString: "1,3-5" below completions (malformed parts are skipped). */
export function parseIndexes(s: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  if (!s) return out;
  for (const part of s.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a;
    for (let i = a; i <= b && i < completions; i++) out.add(i);
  }
  return out;
}
