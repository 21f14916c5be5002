// The kubelet's side of `kubectl logs` (kubelet_pods.go validateContainerLogStatus + the CRI log
// reader): which container instance a request reads and what its process wrote, regenerated from
// the process model (nothing is stored). Errors are the kubelet's, as the API server relays them
// (Error from server (BadRequest): ...).
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { StatusError } from '../../api/errors.js';
import { parseTime } from '../../sim/clock.js';
import { findContainer, runContainer } from './runtime.js';

export interface LogLine {
  /** epoch ms */
  at: number;
  /** nanoseconds within the second of `at` (CRI timestamps have nanosecond precision) */
  nanos: number;
  text: string;
}

function badRequest(msg: string): StatusError {
  return new StatusError(400, 'BadRequest', msg);
}

function statusOf(pod: KObject, name: string): any | undefined {
  const s = pod.status || {};
  return (s.containerStatuses || []).find((c: any) => c.name === name) ||
    (s.initContainerStatuses || []).find((c: any) => c.name === name) ||
    (s.ephemeralContainerStatuses || []).find((c: any) => c.name === name);
}

/** The instance a request reads (validateContainerLogStatus): [startedAt, finishedAt] epoch ms. */
export function logInstance(pod: KObject, name: string, previous: boolean): { startedAt: number; finishedAt?: number; containerID: string } {
  const podName = pod.metadata!.name;
  const cs = statusOf(pod, name);
  if (!cs) throw badRequest(`container "${name}" in pod "${podName}" is not available`);
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state || {};
  const inst = (t: any) => ({ startedAt: parseTime(t.startedAt) ?? 0, finishedAt: parseTime(t.finishedAt), containerID: t.containerID });
  if (previous) {
    if (!last || !last.containerID) throw badRequest(`previous terminated container "${name}" in pod "${podName}" not found`);
    return inst(last);
  }
  if (running) return { startedAt: parseTime(running.startedAt) ?? 0, containerID: cs.containerID };
  if (terminated) {
    if (!terminated.containerID) {
      if (last?.containerID) return inst(last);
      throw badRequest(`container "${name}" in pod "${podName}" is terminated`);
    }
    return inst(terminated);
  }
  if (last) {
    if (!last.containerID) throw badRequest(`container "${name}" in pod "${podName}" is terminated`);
    return inst(last);
  }
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: image can't be pulled`);
    if (waiting.reason === 'ImagePullBackOff') throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
    throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${waiting.reason}`);
  }
  throw badRequest(`container "${name}" in pod "${podName}" is waiting to start - no logs yet`);
}

/**
 * What a container instance wrote up to `now` (or its end). A StartError instance wrote nothing.
 * `maxLines` keeps only the last lines (a long-running loop read with --tail).
 */
export function containerLogs(cluster: Cluster, pod: KObject, name: string, previous: boolean, now: number): LogLine[] {
  const inst = logInstance(pod, name, previous);
  const c = findContainer(pod, name);
  if (!c || inst.startedAt <= 0) return [];
  // finishedAt has second precision: the process ended within the second after it
  const until = Math.min(now, inst.finishedAt !== undefined ? inst.finishedAt + 999 : Infinity);
  if (until < inst.startedAt) return [];
  const run = runContainer(cluster, pod, c, inst.startedAt, until);
  if (run.startError) return [];
  // kubesim: startedAt has second precision; the instance's sub-second start comes from its ID
  const seed = parseInt((inst.containerID || '').slice(-8), 16) || 7;
  const startNanos = (seed % 900) * 1_000_000 + (seed % 997) * 1000;
  return run.lines.map((l, i) => {
    const at = inst.startedAt + l.at;
    return { at, nanos: Math.min(999_999_999, (at % 1000) * 1_000_000 + startNanos + (i % 1000) * 1000 + (seed % 991)), text: l.text };
  });
}

/** Does the instance a follow reads still write (running), or has its stream ended? */
export function logStreamOpen(pod: KObject, name: string): boolean {
  const cs = statusOf(pod, name);
  return !!cs?.state?.running;
}
