// Fixtures for the Job, CronJob and TTL controller tests: Jobs created through the registry (generated
// selector), and pods finished the way the kubelet reports a container that exited.
import type { Cluster } from '../../src/store/cluster.js';
import type { KObject } from '../../src/api/types.js';
import { createObject } from '../../src/server/registry.js';
import { resourceByName } from '../../src/api/resources.js';
import { rfc3339 } from '../../src/sim/clock.js';
import { eventLines } from './helpers.js';

export function jobManifest(name: string, spec: any = {}, container: any = {}): KObject {
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default' },
    spec: {
      ...spec,
      // a container that runs until the test finishes it (finishPod), as the kubelet would report it
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'busybox:1.36', command: ['sleep', '86400'], ...container }] } },
    },
  };
}

function ensureNamespace(cluster: Cluster): void {
  if (!cluster.get('namespaces', undefined, 'default')) cluster.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
}

export function createJob(cluster: Cluster, manifest: KObject): KObject {
  ensureNamespace(cluster);
  return createObject(cluster, resourceByName('jobs'), manifest);
}

export function createCronJob(cluster: Cluster, manifest: KObject): KObject {
  ensureNamespace(cluster);
  return createObject(cluster, resourceByName('cronjobs'), manifest);
}

/** The kubelet's view of a pod whose only container exited with `exitCode` now. */
export function finishPod(cluster: Cluster, name: string, exitCode: number): KObject {
  const p = cluster.get('pods', 'default', name)!;
  const now = rfc3339(cluster.now());
  const phase = exitCode === 0 ? 'Succeeded' : 'Failed';
  const conditions = (p.status?.conditions || []).map((c: any) => {
    if (c.type === 'Ready' || c.type === 'ContainersReady') {
      return { ...c, status: 'False', lastTransitionTime: now, reason: exitCode === 0 ? 'PodCompleted' : 'PodFailed' };
    }
    if (c.type === 'PodReadyToStartContainers') return { ...c, status: 'False', lastTransitionTime: now };
    return c;
  });
  const containerStatuses = (p.status?.containerStatuses || []).map((c: any) => ({
    ...c, ready: false, started: false,
    state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: c.state?.running?.startedAt ?? now, finishedAt: now, containerID: c.containerID } },
  }));
  return cluster.updateStatus('pods', { ...p, status: { ...p.status, phase, conditions, containerStatuses } });
}

export function jobPods(cluster: Cluster, job: string): KObject[] {
  return cluster.list('pods', 'default').filter((p) => p.metadata?.ownerReferences?.[0]?.name === job);
}

export function podNames(cluster: Cluster, job: string, phase?: string): string[] {
  return jobPods(cluster, job).filter((p) => !phase || p.status?.phase === phase).map((p) => p.metadata!.name!);
}

export const jobEvents = (cluster: Cluster) => eventLines(cluster, (e) => e.source?.component === 'job-controller');
export const cronEvents = (cluster: Cluster) => eventLines(cluster, (e) => e.source?.component === 'cronjob-controller');

/** status with times shown as seconds after T0 */
export function relStatus(obj: KObject, t0: number): any {
  return JSON.parse(JSON.stringify(obj.status ?? {}), (k, v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? `+${(Date.parse(v) - t0) / 1000}s` : v));
}
