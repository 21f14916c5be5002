// Port of pkg/controller/podautoscaler/replica_calculator.go (GetResourceReplicas, GetRawResourceReplicas,
// groupPods, calculatePodRequests) and metrics/utilization.go over the simulated metrics (src/sim/metrics.ts).
import type { Cluster } from '../../store/cluster.js';
import type { KObject } from '../../api/types.js';
import { podMetrics } from '../../sim/metrics.js';
import { bytesOf, getCondition, milliCPU } from '../podutil.js';
import { parseTime } from '../../sim/clock.js';

/** --horizontal-pod-autoscaler-tolerance */
export const tolerance = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period */
const cpuInitializationPeriod = 5 * 60_000;
/** --horizontal-pod-autoscaler-initial-readiness-delay */
const delayOfInitialReadinessStatus = 30_000;

interface PodMetric { value: number; timestamp: number; window: number }

/** The metrics client's GetResourceMetric: per pod, the summed usage (milli-units) of the selected containers. */
function getResourceMetric(cluster: Cluster, pods: KObject[], resource: string, container: string): [Map<string, PodMetric>, number] {
  const out = new Map<string, PodMetric>();
  let timestamp = 0;
  for (const p of pods) {
    const m = podMetrics(cluster, p);
    if (!m) continue;
    let sum = 0;
    let found = false;
    for (const c of m.containers) {
      if (container && c.name !== container) continue;
      found = true;
      sum += resource === 'cpu' ? c.cpuMilli : c.memoryBytes * 1000;
    }
    if (!found) continue;
    if (!out.size) timestamp = m.timestamp;
    out.set(p.metadata!.name!, { value: sum, timestamp: m.timestamp, window: m.windowMs });
  }
  if (!out.size) throw new Error('no metrics returned from resource metrics API');
  return [out, timestamp];
}

function milliValue(resource: string, q: unknown): number {
  return resource === 'cpu' ? milliCPU(q) : bytesOf(q) * 1000;
}

/** calculatePodRequests (regular containers and restartable init containers). */
function calculatePodRequests(pods: KObject[], container: string, resource: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of pods) {
    let sum = 0;
    const containers = [...(p.spec?.containers || []), ...(p.spec?.initContainers || []).filter((c: any) => c.restartPolicy === 'Always')];
    for (const c of containers) {
      if (container && container !== c.name) continue;
      const req = c.resources?.requests?.[resource];
      if (req === undefined) throw new Error(`missing request for ${resource} in container ${c.name} of Pod ${p.metadata!.name}`);
      sum += milliValue(resource, req);
    }
    out.set(p.metadata!.name!, sum);
  }
  return out;
}

/** groupPods -> [ready count, unready, missing, ignored]. */
function groupPods(pods: KObject[], metrics: Map<string, PodMetric>, resource: string, now: number): [number, Set<string>, Set<string>, Set<string>] {
  let ready = 0;
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  for (const p of pods) {
    const name = p.metadata!.name!;
    if (p.metadata?.deletionTimestamp || p.status?.phase === 'Failed') { ignored.add(name); continue; }
    if (p.status?.phase === 'Pending') { unready.add(name); continue; }
    const m = metrics.get(name);
    if (!m) { missing.add(name); continue; }
    if (resource === 'cpu') {
      const cond = getCondition(p.status, 'Ready');
      const start = parseTime(p.status?.startTime);
      let isUnready: boolean;
      if (!cond || start === undefined) isUnready = true;
      else if (start + cpuInitializationPeriod > now) {
        isUnready = cond.status === 'False' || m.timestamp < (parseTime(cond.lastTransitionTime) ?? 0) + m.window;
      } else {
        isUnready = cond.status === 'False' && start + delayOfInitialReadinessStatus > (parseTime(cond.lastTransitionTime) ?? 0);
      }
      if (isUnready) { unready.add(name); continue; }
    }
    ready++;
  }
  return [ready, unready, missing, ignored];
}

/** GetResourceUtilizationRatio -> [ratio, utilization %, raw average]. */
function utilizationRatio(metrics: Map<string, PodMetric>, requests: Map<string, number>, target: number): [number, number, number] {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let n = 0;
  for (const [name, m] of metrics) {
    const r = requests.get(name);
    if (r === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += r;
    n++;
  }
  if (requestsTotal === 0) throw new Error('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return [utilization / target, utilization, Math.trunc(metricsTotal / n)];
}

export interface Proposal { replicas: number; utilization: number; raw: number; timestamp: number }

function listPods(cluster: Cluster, ns: string, selects: (labels: Record<string, string>) => boolean): KObject[] {
  return cluster.list('pods', ns).filter((p) => selects(p.metadata?.labels || {}));
}

/**
 * What both resource calculations start with: the pods, their metrics, grouped as upstream's
 * groupPods (ignored and unready pods' metrics left out), with its errors.
 */
function readyPodMetrics(cluster: Cluster, resource: string, ns: string, selects: (labels: Record<string, string>) => boolean, container: string) {
  const pods = listPods(cluster, ns, selects);
  let metrics: Map<string, PodMetric>;
  let timestamp: number;
  try {
    [metrics, timestamp] = getResourceMetric(cluster, pods, resource, container);
  } catch (e: any) {
    throw new Error(`unable to get metrics for resource ${resource}: ${e.message}`);
  }
  if (!pods.length) throw new Error('no pods returned by selector while calculating replica count');
  const [readyCount, unready, missing, ignored] = groupPods(pods, metrics, resource, cluster.now());
  for (const n of ignored) metrics.delete(n);
  for (const n of unready) metrics.delete(n);
  if (!metrics.size) throw new Error('did not receive metrics for targeted pods (pods might be unready)');
  return { pods, metrics, timestamp, readyCount, unready, missing };
}

/** GetResourceReplicas. */
export function getResourceReplicas(
  cluster: Cluster, currentReplicas: number, targetUtilization: number, resource: string, ns: string,
  selects: (labels: Record<string, string>) => boolean, container: string,
): Proposal {
  const { pods, metrics, timestamp, readyCount, unready, missing } = readyPodMetrics(cluster, resource, ns, selects, container);
  const requests = calculatePodRequests(pods, container, resource);
  const [usageRatio, utilization, raw] = utilizationRatio(metrics, requests, targetUtilization);
  const scaleUpWithUnready = unready.size > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (Math.abs(1.0 - usageRatio) <= tolerance) return { replicas: currentReplicas, utilization, raw, timestamp };
    return { replicas: Math.ceil(usageRatio * readyCount), utilization, raw, timestamp };
  }
  if (missing.size > 0) {
    if (usageRatio < 1.0) {
      // on a scale-down, missing pods count as using 100% of their request (or the target if above)
      const fallback = Math.max(100, targetUtilization);
      for (const n of missing) metrics.set(n, { value: Math.trunc((requests.get(n)! * fallback) / 100), timestamp, window: 0 });
    } else if (usageRatio > 1.0) {
      for (const n of missing) metrics.set(n, { value: 0, timestamp, window: 0 });
    }
  }
  if (scaleUpWithUnready) for (const n of unready) metrics.set(n, { value: 0, timestamp, window: 0 });
  const [newRatio] = utilizationRatio(metrics, requests, targetUtilization);
  if (Math.abs(1.0 - newRatio) <= tolerance || (usageRatio < 1.0 && newRatio > 1.0) || (usageRatio > 1.0 && newRatio < 1.0)) {
    return { replicas: currentReplicas, utilization, raw, timestamp };
  }
  const newReplicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1.0 && newReplicas > currentReplicas) || (newRatio > 1.0 && newReplicas < currentReplicas)) {
    return { replicas: currentReplicas, utilization, raw, timestamp };
  }
  return { replicas: newReplicas, utilization, raw, timestamp };
}

/** GetRawResourceReplicas with calcPlainMetricReplicas (an averageValue target). */
export function getRawResourceReplicas(
  cluster: Cluster, currentReplicas: number, targetUsage: number, resource: string, ns: string,
  selects: (labels: Record<string, string>) => boolean, container: string,
): Proposal {
  const { metrics, timestamp, readyCount, unready, missing } = readyPodMetrics(cluster, resource, ns, selects, container);
  const avg = (m: Map<string, PodMetric>) => { let t = 0; for (const v of m.values()) t += v.value; return t / m.size; };
  const usage = avg(metrics);
  const usageRatio = usage / targetUsage;
  const scaleUpWithUnready = unready.size > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (Math.abs(1.0 - usageRatio) <= tolerance) return { replicas: currentReplicas, utilization: 0, raw: Math.trunc(usage), timestamp };
    return { replicas: Math.ceil(usageRatio * readyCount), utilization: 0, raw: Math.trunc(usage), timestamp };
  }
  if (missing.size > 0) {
    for (const n of missing) metrics.set(n, { value: usageRatio < 1.0 ? targetUsage : 0, timestamp, window: 0 });
  }
  if (scaleUpWithUnready) for (const n of unready) metrics.set(n, { value: 0, timestamp, window: 0 });
  const newRatio = avg(metrics) / targetUsage;
  if (Math.abs(1.0 - newRatio) <= tolerance || (usageRatio < 1.0 && newRatio > 1.0) || (usageRatio > 1.0 && newRatio < 1.0)) {
    return { replicas: currentReplicas, utilization: 0, raw: Math.trunc(usage), timestamp };
  }
  const newReplicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1.0 && newReplicas > currentReplicas) || (newRatio > 1.0 && newReplicas < currentReplicas)) {
    return { replicas: currentReplicas, utilization: 0, raw: Math.trunc(usage), timestamp };
  }
  return { replicas: newReplicas, utilization: 0, raw: Math.trunc(usage), timestamp };
}
