// The seam every controller beyond the original core plugs into (DESIGN: grow without switch
// statements). A controller is a module: which resources it watches (the informer event handlers
// that turn changes into work-queue keys), what it enqueues when the manager starts (the informers'
// initial list), its sync function, and the timers it schedules as `<name>.<step>`.
// The manager (manager.ts) knows only this interface; the list of modules is in modules.ts.
import type { ChangeType } from '../store/cluster.js';
import type { KObject } from '../api/types.js';
import type { ManagerContext } from './manager.js';

/** The shared work queue as a module sees it: add(controller name, key). */
export interface Enqueue {
  add(controller: string, key: string): void;
}

export type WatchHandler = (type: ChangeType, obj: KObject, old: KObject | undefined, q: Enqueue, ctx: ManagerContext) => void;

export interface ControllerModule {
  /** work-queue name, timer family and requeue name ("job", "cronjob", "daemonset" ...) */
  name: string;
  /** resource (plural, as stored) -> informer handler */
  watch?: Record<string, WatchHandler>;
  /** the initial list: enqueue whatever needs a sync when the manager starts */
  start?(ctx: ManagerContext, q: Enqueue): void;
  /** process one key */
  sync(ctx: ManagerContext, key: string): void;
  /** a timer `<name>.<step>` is due */
  fire?(ctx: ManagerContext, step: string, key: string, data: unknown): void;
}

/** metadata.namespace/name, or the name of a cluster-scoped object (the work-queue key). */
export function objectKey(o: KObject): string {
  return o.metadata?.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata!.name!;
}
