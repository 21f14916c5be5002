// Discrete-event simulation over the stored state (DESIGN: Time): "advance to T" jumps from one
// scheduled moment to the next, firing the timers due then and running the level-triggered
// controllers to quiescence each time.
import type { Cluster } from '../store/cluster.js';
import type { Timer } from '../store/state.js';

/** The controller manager as the loop sees it (src/controllers/manager.ts implements it). */
export interface Reconciler {
  /** Run every controller's work queue until nothing changes, at the cluster's current time. */
  settle(): void;
  /** Handle one due timer (a kubelet transition, a requeue ...). */
  fire(timer: Timer): void;
}

/**
 * Advance virtual time to `target`. After each moment's settle, `observe` (if given) is called;
 * returning true stops the advance there (used by waiting commands such as rollout status).
 * Returns true when stopped by `observe`.
 */
export function advanceTo(cluster: Cluster, target: number, mgr: Reconciler, observe?: () => boolean): boolean {
  mgr.settle();
  if (observe && observe()) return true;
  for (;;) {
    const t = cluster.nextTimer();
    if (!t || t.at > target) break;
    if (t.at > cluster.now()) cluster.setNow(t.at);
    // every timer due at this moment fires before the controllers run
    while (cluster.nextTimer() && cluster.nextTimer()!.at <= cluster.now()) mgr.fire(cluster.popTimer()!);
    mgr.settle();
    if (observe && observe()) return true;
  }
  if (target > cluster.now()) cluster.setNow(target);
  mgr.settle();
  return observe ? observe() : false;
}
