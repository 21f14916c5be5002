// backoff_utils.go: the Job-level pod failure back-off (10 s doubling, capped at 6 min) counted from
// the failures since the last success, and the per-index back-off of backoffLimitPerIndex.
import type { KObject } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import { getFinishedTime } from './util.js';

export const DefaultJobPodFailureBackOff = 10_000;
export const MaxJobPodFailureBackOff = 360_000;

export interface BackoffRecord { failuresAfterLastSuccess: number; lastFailureTime?: number }

interface JobControllerState { backoff: Record<string, BackoffRecord> }

export function jobState(ctx: ControllerContext): JobControllerState {
  return ctx.cluster.controllerState<JobControllerState>('job', () => ({ backoff: {} }));
}

const byFinish = (a: KObject, b: KObject) => getFinishedTime(a) - getFinishedTime(b);

/** backoffStore.newBackoffRecord: the stored record advanced by this sync's newly finished pods. */
export function newBackoffRecord(ctx: ControllerContext, key: string, newSucceeded: KObject[], newFailed: KObject[]): BackoffRecord {
  const old = jobState(ctx).backoff[key];
  const b: BackoffRecord = old ? { ...old } : { failuresAfterLastSuccess: 0 };
  const succ = [...newSucceeded].sort(byFinish);
  const failed = [...newFailed].sort(byFinish);
  if (!succ.length) {
    if (!failed.length) return b;
    b.failuresAfterLastSuccess += failed.length;
    b.lastFailureTime = getFinishedTime(failed[failed.length - 1]);
    return b;
  }
  b.failuresAfterLastSuccess = 0;
  delete b.lastFailureTime;
  const lastSuccess = getFinishedTime(succ[succ.length - 1]);
  for (let i = failed.length - 1; i >= 0; i--) {
    const t = getFinishedTime(failed[i]);
    if (t <= lastSuccess) break;
    if (b.lastFailureTime === undefined) b.lastFailureTime = t;
    b.failuresAfterLastSuccess++;
  }
  return b;
}

export function saveBackoffRecord(ctx: ControllerContext, key: string, b: BackoffRecord): void {
  const st = jobState(ctx).backoff;
  if (b.failuresAfterLastSuccess === 0 && b.lastFailureTime === undefined) delete st[key];
  else st[key] = b;
}

export function removeBackoffRecord(ctx: ControllerContext, key: string): void {
  delete jobState(ctx).backoff[key];
}

/** getRemainingTimeForFailuresCount. */
export function remainingTimeForFailures(now: number, failures: number, lastFailureTime: number | undefined): number {
  if (failures === 0 || lastFailureTime === undefined) return 0;
  let d = DefaultJobPodFailureBackOff;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= MaxJobPodFailureBackOff) { d = MaxJobPodFailureBackOff; break; }
  }
  const elapsed = now - lastFailureTime;
  return d < elapsed ? 0 : d - elapsed;
}
