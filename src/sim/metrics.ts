// The simulated resource metrics pipeline (what metrics-server would serve from the kubelets):
// per-container CPU and memory usage of running pods, from a load model the user sets with
// `kubesim load TYPE/NAME --cpu 80%|250m [--memory 64Mi]` (kept in the state, per workload or
// pod) and otherwise an idle baseline: 1% of the CPU request (at least 1m) and a memory footprint
// per image. Both `kubectl top` and the HPA controller read it, so they always agree.
// A workload's CPU load is a total demand (as a load generator's requests are): `--cpu 150%` of a
// 2-replica Deployment is 3 pods' worth of requests, shared by however many of its pods run, so
// an HPA that adds pods brings each one's utilization down.
import type { Cluster } from '../store/cluster.js';
import type { KObject } from '../api/types.js';
import { bytesOf, controllerOf, milliCPU } from '../controllers/podutil.js';

/** metrics-server's scrape window (--metric-resolution 15s): a sample covers the last 15 s. */
export const METRIC_WINDOW_MS = 15_000;

export interface LoadSpec {
  /** percentage of each container's CPU request */
  cpuPercent?: number;
  /** absolute CPU (millicores): per pod, or (shared) the workload's total, split over its running pods */
  cpuMilli?: number;
  shared?: boolean;
  /** memory per pod (bytes), split like the CPU */
  memoryBytes?: number;
}

interface MetricsState { loads: Record<string, LoadSpec> }

function metricsState(c: Cluster): MetricsState {
  return c.controllerState<MetricsState>('metrics', () => ({ loads: {} }));
}

/** "Kind/namespace/name" */
export function loadKey(kind: string, ns: string | undefined, name: string): string {
  return `${kind}/${ns ?? ''}/${name}`;
}

export function setLoad(c: Cluster, key: string, spec: LoadSpec | undefined): void {
  const loads = metricsState(c).loads;
  if (spec) loads[key] = spec;
  else delete loads[key];
  c.dirty = true;
}

export function getLoads(c: Cluster): Record<string, LoadSpec> {
  return metricsState(c).loads;
}

const KIND_RESOURCE: Record<string, string> = {
  ReplicaSet: 'replicasets', Deployment: 'deployments', StatefulSet: 'statefulsets', DaemonSet: 'daemonsets',
  ReplicationController: 'replicationcontrollers', Job: 'jobs', CronJob: 'cronjobs',
};

/** The load of a pod: its own, else its controller's, else that one's controller's ... */
export function loadFor(c: Cluster, pod: KObject): { key: string; spec: LoadSpec } | undefined {
  const loads = metricsState(c).loads;
  const ns = pod.metadata?.namespace;
  let obj: KObject | undefined = pod;
  let kind = 'Pod';
  for (let depth = 0; obj && depth < 4; depth++) {
    const key = loadKey(kind, ns, obj.metadata!.name!);
    const l = loads[key];
    if (l) return { key, spec: l };
    const ref = controllerOf(obj);
    if (!ref || !KIND_RESOURCE[ref.kind]) return undefined;
    kind = ref.kind;
    obj = c.get(KIND_RESOURCE[ref.kind], ns, ref.name);
  }
  return undefined;
}

/** Idle resident memory of an image's main process (bytes), by repository name. */
const IMAGE_MEMORY: Record<string, number> = {
  nginx: 3 * 1024 * 1024 + 409_600, httpd: 7 * 1024 * 1024, redis: 3 * 1024 * 1024 + 200_000, busybox: 290_816,
  'kicbase/echo-server': 1_800_000, 'echoserver': 5 * 1024 * 1024, kubia: 9 * 1024 * 1024, perl: 1_500_000,
  'hpa-example': 9 * 1024 * 1024, postgres: 25 * 1024 * 1024, mysql: 180 * 1024 * 1024, memcached: 2 * 1024 * 1024,
};
const MI = 1024 * 1024;
/**
 * The control plane's own images at rest, as `kubectl top pods -n kube-system` shows them on an idle kubeadm cluster:
 * idle CPU (millicores, instead of 1% of the request) and resident memory.
 */
const SYSTEM_IMAGES: Record<string, { cpu: number; memory: number }> = {
  etcd: { cpu: 21, memory: 42 * MI + 300_000 },
  'kube-apiserver': { cpu: 43, memory: 246 * MI + 700_000 },
  'kube-controller-manager': { cpu: 13, memory: 49 * MI + 500_000 },
  'kube-scheduler': { cpu: 3, memory: 21 * MI + 200_000 },
  coredns: { cpu: 2, memory: 13 * MI + 100_000 },
  'kube-proxy': { cpu: 1, memory: 16 * MI + 800_000 },
  'metrics-server': { cpu: 3, memory: 18 * MI + 400_000 },
};
for (const [repo, v] of Object.entries(SYSTEM_IMAGES)) IMAGE_MEMORY[repo] = v.memory;
const DEFAULT_MEMORY = 2 * 1024 * 1024;

function imageRepo(image: string): string {
  let s = image.split('@')[0];
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  if (colon > slash) s = s.slice(0, colon);
  const parts = s.split('/');
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) parts.shift();
  if (parts[0] === 'library') parts.shift();
  return parts.join('/');
}

/** An image's entry in a table by repository, or by its last path element (`coredns/coredns`). */
function byRepo<T>(table: Record<string, T>, image: string): T | undefined {
  const repo = imageRepo(image);
  return table[repo] ?? table[repo.split('/').pop()!];
}

function baselineMemory(image: string): number {
  return byRepo(IMAGE_MEMORY, image) ?? DEFAULT_MEMORY;
}

export interface ContainerMetrics { name: string; cpuMilli: number; memoryBytes: number }
export interface PodMetrics { name: string; namespace: string; labels: Record<string, string>; timestamp: number; windowMs: number; containers: ContainerMetrics[] }

function runningContainers(pod: KObject): any[] {
  if (pod.status?.phase !== 'Running' || pod.metadata?.deletionTimestamp) return [];
  const running = new Set((pod.status?.containerStatuses || []).filter((s: any) => s.state?.running).map((s: any) => s.name));
  return (pod.spec?.containers || []).filter((ct: any) => running.has(ct.name));
}

/** How many running pods share a workload's load (memoised per state version). */
const sharers = new Map<string, number>();
function sharedBy(c: Cluster, key: string, ns: string): number {
  const memo = `${c.state.resourceVersion}|${key}`;
  let n = sharers.get(memo);
  if (n === undefined) {
    n = 0;
    for (const p of c.list('pods', ns)) if (runningContainers(p).length && loadFor(c, p)?.key === key) n++;
    if (sharers.size > 1000) sharers.clear();
    sharers.set(memo, n);
  }
  return n;
}

/** Metrics of a pod whose containers run (none for pending, finished or deleted pods). */
export function podMetrics(c: Cluster, pod: KObject): PodMetrics | undefined {
  const containers = runningContainers(pod);
  if (!containers.length) return undefined;
  const found = loadFor(c, pod);
  let load = found?.spec;
  if (load?.shared && load.cpuMilli !== undefined) {
    load = { ...load, cpuMilli: load.cpuMilli / Math.max(1, sharedBy(c, found!.key, pod.metadata!.namespace!)) };
  }
  const requests = containers.map((ct) => milliCPU(ct.resources?.requests?.cpu));
  const totalReq = requests.reduce((a, b) => a + b, 0);
  const share = (i: number) => (totalReq > 0 ? requests[i] / totalReq : i === 0 ? 1 : 0);
  const out: ContainerMetrics[] = containers.map((ct, i) => {
    let cpu: number;
    if (load?.cpuMilli !== undefined) cpu = Math.round(load.cpuMilli * share(i));
    // kubesim: a percentage of a container without a request is taken of 100m
    else if (load?.cpuPercent !== undefined) cpu = Math.round(((requests[i] || 100) * load.cpuPercent) / 100);
    else cpu = byRepo(SYSTEM_IMAGES, ct.image ?? '')?.cpu ?? Math.max(1, Math.round(requests[i] / 100));
    let mem = baselineMemory(ct.image ?? '');
    if (load?.memoryBytes !== undefined) mem = Math.round(load.memoryBytes * share(i));
    return { name: ct.name, cpuMilli: cpu, memoryBytes: mem };
  });
  return {
    name: pod.metadata!.name!, namespace: pod.metadata!.namespace!, labels: pod.metadata?.labels || {},
    timestamp: c.now(), windowMs: METRIC_WINDOW_MS, containers: out,
  };
}

/** The CPU a pod of `template` requests (millicores; 100m for a container without a request). */
export function templateCPURequest(template: any): number {
  let n = 0;
  for (const ct of template?.spec?.containers || []) n += milliCPU(ct.resources?.requests?.cpu) || 100;
  return n;
}

/**
 * `kubesim load`: a pod's load as given; a workload's percentage becomes its total demand at the
 * current replica count (spec.replicas x the template's request x the percentage).
 */
export function loadFromFlags(target: KObject, cpu: string | undefined, memory: string | undefined): LoadSpec {
  const spec: LoadSpec = {};
  const isPod = target.kind === 'Pod';
  if (cpu !== undefined) {
    const pct = /^(\d+(?:\.\d+)?)%$/.exec(cpu);
    if (pct) {
      if (isPod) spec.cpuPercent = Number(pct[1]);
      else {
        const replicas = target.spec?.replicas ?? 1;
        spec.cpuMilli = Math.round((Number(pct[1]) / 100) * templateCPURequest(target.spec?.template) * replicas);
        spec.shared = true;
      }
    } else {
      spec.cpuMilli = milliCPU(cpu);
      if (!isPod) spec.shared = true;
    }
  }
  if (memory !== undefined) spec.memoryBytes = bytesOf(memory);
  return spec;
}

/**
 * Node usage: its running pods plus the system's own (kubelet, runtime, OS): 60m and 380Mi on a control plane node,
 * whose static pods add theirs (a kubeadm control plane at rest: about 140m and 770Mi).
 */
export function nodeMetrics(c: Cluster, node: KObject): { cpuMilli: number; memoryBytes: number } {
  const isControlPlane = node.metadata?.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;
  let cpu = isControlPlane ? 60 : 20;
  let mem = isControlPlane ? 380 * MI : 150 * MI;
  for (const p of c.list('pods')) {
    if (p.spec?.nodeName !== node.metadata?.name) continue;
    const m = podMetrics(c, p);
    if (!m) continue;
    for (const ct of m.containers) { cpu += ct.cpuMilli; mem += ct.memoryBytes; }
  }
  return { cpuMilli: cpu, memoryBytes: mem };
}

export { bytesOf, milliCPU };
