// kube-scheduler, reduced to what a small simulated cluster needs (pkg/scheduler/schedule_one.go,
// framework plugins NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit, and the
// default preemption PostFilter's message). Scores: fewest pods first, ties by node name.
//
// Unschedulable pods get PodScheduled=False/Unschedulable and a Warning FailedScheduling event, and are
// retried when a node changes or an assigned pod goes away (after their per-pod back-off of 1 s
// doubling to 10 s), and at the latest after 5 minutes (podMaxInUnschedulablePodsDuration).
import type { KObject } from '../api/types.js';
import type { Cluster } from '../store/cluster.js';
import type { ControllerContext } from './context.js';
import type { KubesimEventRecorder } from './events.js';
import { copy, getCondition, isPodTerminal, milliCPU, bytesOf, podKeyOf, podRequests, splitKey } from './podutil.js';
import { nodeIsReady } from './nodes.js';
import { rfc3339 } from '../sim/clock.js';
import { podMatchesNodeAffinity, tolerationsTolerateTaint, type Taint } from '../api/scheduling.js';

export type SchedulerContext = ControllerContext & { recorder: KubesimEventRecorder };

const SCHEDULER_NAME = 'default-scheduler';
const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
const MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;

interface SchedulerState {
  /** pod key -> [failed attempts, last failure ms] */
  unsched: Record<string, [number, number]>;
}

export function schedulerState(cluster: Cluster): SchedulerState {
  return cluster.controllerState<SchedulerState>('scheduler', () => ({ unsched: {} }));
}

interface Load { pods: number; cpu: number; memory: number }

/** The scheduler's cache of what is assigned to each node (NodeInfo), kept up to date from changes. */
export class NodeCache {
  private byPod = new Map<string, { node: string; cpu: number; memory: number }>();
  private byNode = new Map<string, Load>();

  constructor(cluster: Cluster) {
    for (const p of cluster.list('pods')) this.observe(p, undefined);
  }

  /** A pod was added/changed (`pod`) or removed (`pod` undefined, `gone` = the old object). */
  observe(pod: KObject | undefined, gone: KObject | undefined): void {
    const o = pod ?? gone;
    if (!o) return;
    const key = podKeyOf(o);
    const want = pod && pod.spec?.nodeName && !isPodTerminal(pod) ? pod.spec.nodeName as string : undefined;
    const have = this.byPod.get(key);
    if (have && have.node === want) return;
    if (have) {
      const l = this.byNode.get(have.node)!;
      l.pods--; l.cpu -= have.cpu; l.memory -= have.memory;
      this.byPod.delete(key);
    }
    if (want && pod) {
      const r = podRequests(pod);
      let l = this.byNode.get(want);
      if (!l) this.byNode.set(want, (l = { pods: 0, cpu: 0, memory: 0 }));
      l.pods++; l.cpu += r.cpu; l.memory += r.memory;
      this.byPod.set(key, { node: want, cpu: r.cpu, memory: r.memory });
    }
  }

  load(node: string): Load {
    return this.byNode.get(node) ?? { pods: 0, cpu: 0, memory: 0 };
  }
}

// ---- filters: each returns undefined (fits) or [reason, resolvable by preemption]

type Verdict = [string, boolean][];

function tolerates(pod: KObject, taint: Taint): boolean {
  return tolerationsTolerateTaint(pod.spec?.tolerations, taint);
}

function nodeTaints(node: KObject): any[] {
  const taints = [...(node.spec?.taints || [])];
  // the node lifecycle controller taints nodes that are not Ready
  if (!nodeIsReady(node) && !taints.some((t) => t.key === 'node.kubernetes.io/not-ready' || t.key === 'node.kubernetes.io/unreachable')) {
    taints.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' });
  }
  return taints;
}

function filterNode(pod: KObject, node: KObject, load: Load, req: { cpu: number; memory: number }): Verdict {
  // NodeUnschedulable
  if (node.spec?.unschedulable && !tolerates(pod, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) {
    return [['node(s) were unschedulable', false]];
  }
  // TaintToleration (NoSchedule and NoExecute taints must be tolerated)
  for (const t of nodeTaints(node)) {
    if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
    if (!tolerates(pod, t)) return [[`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`, false]];
  }
  // NodeAffinity (nodeSelector and required node affinity)
  if (!podMatchesNodeAffinity(pod, node)) return [["node(s) didn't match Pod's node affinity/selector", false]];
  // NodeResourcesFit
  const alloc = node.status?.allocatable || {};
  const maxPods = alloc.pods !== undefined ? Number(alloc.pods) : 110;
  const out: Verdict = [];
  if (load.pods + 1 > maxPods) out.push(['Too many pods', true]);
  if (req.cpu > 0 && alloc.cpu !== undefined && req.cpu > milliCPU(alloc.cpu) - load.cpu) out.push(['Insufficient cpu', true]);
  if (req.memory > 0 && alloc.memory !== undefined && req.memory > bytesOf(alloc.memory) - load.memory) out.push(['Insufficient memory', true]);
  return out;
}

function histogram(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const strs = [...counts].map(([r, n]) => `${n} ${r}`);
  strs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return strs.join(', ');
}

/** Try to place one pending pod (scheduleOne). */
export function scheduleOne(ctx: SchedulerContext, cache: NodeCache, key: string): void {
  const [ns, name] = splitKey(key);
  const cluster = ctx.cluster;
  const st = schedulerState(cluster);
  const pod = cluster.get('pods', ns, name);
  if (!pod || pod.spec?.nodeName || pod.metadata?.deletionTimestamp || isPodTerminal(pod)) {
    delete st.unsched[key];
    return;
  }
  if ((pod.spec?.schedulerName || SCHEDULER_NAME) !== SCHEDULER_NAME) return;
  if ((pod.spec?.schedulingGates || []).length) return;
  const now = cluster.now();
  const prev = st.unsched[key];
  if (prev) {
    // still backing off from the last failed attempt
    const backoff = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** Math.max(0, prev[0] - 1));
    if (now < prev[1] + backoff) {
      ctx.requeueAfter('scheduler', key, prev[1] + backoff - now);
      return;
    }
  }

  const nodes = cluster.list('nodes');
  const req = podRequests(pod);
  let best: KObject | undefined;
  let bestLoad = Infinity;
  const failures: [string, boolean][][] = [];
  for (const node of nodes) {
    const nodeName = node.metadata!.name!;
    const load = cache.load(nodeName);
    const v = filterNode(pod, node, load, req);
    if (v.length) { failures.push(v); continue; }
    if (load.pods < bestLoad) { best = node; bestLoad = load.pods; }
  }

  if (best) {
    bind(ctx, pod, best.metadata!.name!);
    delete st.unsched[key];
    return;
  }

  let msg: string;
  if (nodes.length === 0) {
    msg = 'no nodes available to schedule pods';
  } else {
    const n = nodes.length;
    msg = `0/${n} nodes are available: ${histogram(failures.flatMap((v) => v.map((r) => r[0])))}.`;
    if (pod.spec?.preemptionPolicy === 'Never') {
      msg += ' preemption: not eligible due to preemptionPolicy=Never.';
    } else {
      // DefaultPreemption: every pod has the same priority here, so there is never a victim
      const pre = failures.map((v) => (v.every((r) => r[1]) ? 'No preemption victims found for incoming pod' : 'Preemption is not helpful for scheduling'));
      msg += ` preemption: 0/${n} nodes are available: ${histogram(pre)}.`;
    }
  }
  const attempts = (prev?.[0] ?? 0) + 1;
  st.unsched[key] = [attempts, now];
  ctx.recorder.eventNew(SCHEDULER_NAME, pod, 'Warning', 'FailedScheduling', 'Scheduling', msg);
  const old = getCondition(pod.status, 'PodScheduled');
  if (!old || old.status !== 'False' || old.reason !== 'Unschedulable' || old.message !== msg) {
    const status = copy(pod.status || {});
    const c = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: old?.status === 'False' ? old.lastTransitionTime : rfc3339(now), reason: 'Unschedulable', message: msg };
    status.conditions = [...(status.conditions || []).filter((x: any) => x.type !== 'PodScheduled'), c];
    if (!status.phase) status.phase = 'Pending';
    cluster.updateStatus('pods', { ...pod, status });
  }
  ctx.requeueAfter('scheduler', key, MAX_IN_UNSCHEDULABLE_MS);
}

function bind(ctx: SchedulerContext, pod: KObject, nodeName: string): void {
  // kubesim: pods/binding sets spec.nodeName and the PodScheduled=True condition in one write; the
  // store's API takes spec and status in separate writes, so only spec.nodeName is written here and
  // the kubelet's first status write (in this same settle) carries PodScheduled=True, as the real
  // kubelet's generateAPIPodStatus always does. Nothing can observe the pod in between.
  const bound = ctx.cluster.update('pods', { ...pod, spec: { ...pod.spec, nodeName } });
  ctx.recorder.eventNew(SCHEDULER_NAME, bound, 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${pod.metadata!.namespace}/${pod.metadata!.name} to ${nodeName}`);
}
