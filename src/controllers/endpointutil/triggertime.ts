// TriggerTimeTracker (pkg/controller/util/endpoint/trigger_time_tracker.go): the time of the earliest
// change (a Service's creation, a pod's Ready transition) not yet reflected in the endpoints, which
// the controllers publish as the endpoints.kubernetes.io/last-change-trigger-time annotation.
// Each controller has its own tracker, kept in its controllerState so it survives between commands.
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { getCondition } from '../podutil.js';
import { parseTime } from '../../sim/clock.js';

interface ServiceState { svc: number; pods: Record<string, number> }
type TrackerState = Record<string, ServiceState>;

function tracker(cluster: Cluster, controller: string): TrackerState {
  return cluster.controllerState<{ trigger: TrackerState }>(controller, () => ({ trigger: {} })).trigger;
}

const podTriggerTime = (pod: KObject) => parseTime(getCondition(pod.status, 'Ready')?.lastTransitionTime) ?? 0;

/** ComputeEndpointLastChangeTriggerTime: epoch ms, or 0 when nothing changed since the last sync. */
export function computeEndpointLastChangeTriggerTime(cluster: Cluster, controller: string, key: string, svc: KObject, pods: KObject[]): number {
  const all = tracker(cluster, controller);
  const state = all[key] ?? (all[key] = { svc: 0, pods: {} });
  let min = Infinity;
  const seen: Record<string, number> = {};
  for (const pod of pods) {
    const t = podTriggerTime(pod);
    const name = pod.metadata!.name!;
    if (t > (state.pods[name] ?? 0)) min = Math.min(min, t);
    seen[name] = t;
  }
  state.pods = seen;
  const st = parseTime(svc.metadata?.creationTimestamp) ?? 0;
  if (st > state.svc) min = Math.min(min, st);
  state.svc = st;
  return min === Infinity ? 0 : min;
}

/** DeleteService: forget a deleted Service. */
export function forgetTriggerTimes(cluster: Cluster, controller: string, key: string): void {
  delete tracker(cluster, controller)[key];
}
