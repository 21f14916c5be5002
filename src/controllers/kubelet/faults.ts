// The kubelet's side of `kubesim fault image`: a fault set (or cleared) while containers of the image
// already run reaches them as it would on a node: a crash at its time (now, if that is past), and a
// readiness probe run now (the simulated kubelet stops probing a container that is Ready and whose
// answers cannot change, so a new fault starts the probing again).
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { imageFault, imageMatches } from '../../sim/faults.js';
import { parseTime } from '../../sim/clock.js';
import { podKeyOf } from '../podutil.js';

function hasTimer(cluster: Cluster, kind: string, key: string, c: string): boolean {
  return cluster.state.timers.some((t) => t.kind === kind && t.key === key && t.data?.c === c);
}

/** Schedule the kubelet's reactions for every running container whose image `pattern` matches. */
export function faultChanged(cluster: Cluster, pattern: string): void {
  const now = cluster.now();
  for (const pod of cluster.list('pods')) {
    if (!pod.spec?.nodeName || pod.metadata?.deletionTimestamp) continue;
    for (const c of [...(pod.spec.containers || []), ...(pod.spec.initContainers || [])]) {
      if (!imageMatches(pattern, c.image || '')) continue;
      const cs = statusOf(pod, c.name);
      if (!cs?.state?.running) continue;
      const key = podKeyOf(pod);
      const n = cs.restartCount || 0;
      const uid = pod.metadata!.uid;
      const f = imageFault(cluster, c.image);
      if (f?.crashAfter !== undefined) {
        const started = parseTime(cs.state.running.startedAt) ?? now;
        cluster.schedule(Math.max(now, started + f.crashAfter), 'kubelet.exit', key, { uid, c: c.name, n }, false);
      }
      if (c.readinessProbe && !hasTimer(cluster, 'kubelet.probe', key, c.name)) {
        cluster.schedule(now, 'kubelet.probe', key, { uid, c: c.name, n }, false);
      }
    }
  }
}

function statusOf(pod: KObject, name: string): any {
  return [...(pod.status?.containerStatuses || []), ...(pod.status?.initContainerStatuses || [])].find((s: any) => s.name === name);
}
