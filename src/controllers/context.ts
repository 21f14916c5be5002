// What every controller is handed. Controllers never print, never read the wall clock and never
// touch the file (DESIGN: Conventions 2): they read and write through `cluster` (an in-memory API
// whose writes the simulation loop persists), read time from `now`, and ask to be woken with
// `requeueAfter` instead of sleeping.
import type { Cluster } from '../store/cluster.js';
import type { KObject } from '../api/types.js';

export interface EventSource {
  /** e.g. "deployment-controller", "replicaset-controller", "kubelet", "default-scheduler" */
  component: string;
  /** kubelet events carry the node name */
  host?: string;
}

export interface EventRecorder {
  /**
   * Record an event about `obj` as client-go's EventRecorder does (through the event correlator:
   * spam filter, aggregation, dedup into `count`), creating or updating a core/v1 Event in the cluster.
   */
  event(source: EventSource, obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

export interface ControllerContext {
  cluster: Cluster;
  /** virtual now, epoch ms (same as cluster.now()) */
  now: number;
  recorder: EventRecorder;
  /** Wake `controller` for `key` again after `ms` of virtual time (AddAfter on its work queue). */
  requeueAfter(controller: string, key: string, ms: number): void;
}
