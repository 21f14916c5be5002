// kube-scheduler (pkg/scheduler/schedule_one.go) with v1.32's default plugins, filters and scores with
// their default weights (src/controllers/scheduler/, one file per plugin): NodeUnschedulable, NodeName,
// TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit (LeastAllocated) and NodeResourcesBalancedAllocation,
// PodTopologySpread (with the system default spreading), InterPodAffinity, and DefaultPreemption.
// Among the best-scoring nodes one is picked at random (selectHost's reservoir sampling) from the
// scheduler's own seeded stream, so the same inputs place pods the same way every run.
//
// Unschedulable pods get PodScheduled=False/Unschedulable and a Warning FailedScheduling event, and are
// retried when a node changes or an assigned pod goes away (after their per-pod back-off of 1 s
// doubling to 10 s), and at the latest after 5 minutes (podMaxInUnschedulablePodsDuration).
import type { KObject } from '../api/types.js';
import type { Cluster } from '../store/cluster.js';
import type { ControllerContext } from './context.js';
import type { KubesimEventRecorder } from './events.js';
import { copy, getCondition, isPodTerminal, podKeyOf, splitKey } from './podutil.js';
import { rfc3339 } from '../sim/clock.js';
import { Rng, seedRng, type RngState } from '../sim/rng.js';
import { deletePod } from './gc.js';
import { isPreFilterRejection, unresolvable, aggregateAdd, newAggregate, nodeInfoFromAggregate, type NodeAggregate, type FilterPlugin, type NodeInfo, type ScorePlugin, type Status } from './scheduler/framework.js';
import { nodeUnschedulable } from './scheduler/nodeunschedulable.js';
import { nodeName } from './scheduler/nodename.js';
import { taintTolerationFilter, taintTolerationScore } from './scheduler/tainttoleration.js';
import { nodeAffinityFilter, nodeAffinityScore } from './scheduler/nodeaffinity.js';
import { nodePorts } from './scheduler/nodeports.js';
import { balancedAllocation, nodeResourcesFitFilter, nodeResourcesFitScore } from './scheduler/noderesources.js';
import { podTopologySpreadFilter, podTopologySpreadScore, setSpreadCluster } from './scheduler/podtopologyspread.js';
import { interPodAffinityFilter, interPodAffinityScore, setNamespaceLabels } from './scheduler/interpodaffinity.js';
import { findPreemption, notEligibleReason } from './scheduler/defaultpreemption.js';
import { setVolumeCluster, volumeBinding } from './scheduler/volumebinding.js';

export type SchedulerContext = ControllerContext & { recorder: KubesimEventRecorder };

const SCHEDULER_NAME = 'default-scheduler';
const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
const MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;

/** The filter plugins in the default profile's order (a node's first failing plugin is its reason). */
const FILTERS: FilterPlugin[] = [
  nodeUnschedulable, nodeName, taintTolerationFilter, nodeAffinityFilter, nodePorts, nodeResourcesFitFilter,
  volumeBinding, podTopologySpreadFilter, interPodAffinityFilter,
];

/** The score plugins with their default weights (ImageLocality and VolumeBinding add nothing here). */
const SCORES: ScorePlugin[] = [
  taintTolerationScore, nodeAffinityScore, nodeResourcesFitScore, podTopologySpreadScore, interPodAffinityScore, balancedAllocation,
];

interface SchedulerState {
  /** pod key -> [failed attempts, last failure ms] */
  unsched: Record<string, [number, number]>;
  /** selectHost's random stream (ties among the best nodes) */
  rng?: RngState;
}

export function schedulerState(cluster: Cluster): SchedulerState {
  return cluster.controllerState<SchedulerState>('scheduler', () => ({ unsched: {} }));
}

/**
 * The scheduler's cache of what is assigned to each node (its NodeInfos), kept up to date from changes. Built when
 * first asked: a command that schedules nothing does not read every pod of a big cluster for it.
 */
export class NodeCache {
  private byPod = new Map<string, [string, KObject]>();
  private byNode = new Map<string, NodeAggregate>();
  private built = false;
  /** node name -> how often its pods changed; and the NodeInfo last made of it (reused while nothing changed) */
  private changes = new Map<string, number>();
  private views = new Map<string, { node: KObject; changes: number; ni: NodeInfo }>();

  constructor(private readonly cluster: Cluster) {}

  private build(): void {
    this.built = true;
    for (const p of this.cluster.list('pods')) this.observe(p, undefined);
  }

  /** A pod was added/changed (`pod`) or removed (`pod` undefined, `gone` = the old object). */
  observe(pod: KObject | undefined, gone: KObject | undefined): void {
    // (not built yet: building reads the pods as they are then)
    if (!this.built) return;
    const o = pod ?? gone;
    if (!o) return;
    const key = podKeyOf(o);
    const want = pod && pod.spec?.nodeName && !isPodTerminal(pod) ? pod.spec.nodeName as string : undefined;
    const have = this.byPod.get(key);
    if (have) this.changed(have[0]);
    if (want && want !== have?.[0]) this.changed(want);
    if (have && want && pod && have[0] === want && sameForAggregate(have[1], pod)) {
      // a status write (the kubelet's): what the aggregate counts is as it was, only the pod object is newer (and
      // last in the node's order, as a removal and an addition would leave it)
      const a = this.byNode.get(want)!;
      for (const m of [a.pods, a.withAffinity, a.withRequiredAnti]) if (m.delete(key)) m.set(key, pod);
      have[1] = pod;
      return;
    }
    if (have) {
      aggregateAdd(this.byNode.get(have[0])!, key, have[1], -1);
      this.byPod.delete(key);
    }
    if (want && pod) {
      let a = this.byNode.get(want);
      if (!a) this.byNode.set(want, (a = newAggregate()));
      aggregateAdd(a, key, pod, 1);
      this.byPod.set(key, [want, pod]);
    }
  }

  private changed(node: string): void {
    this.changes.set(node, (this.changes.get(node) ?? 0) + 1);
  }

  nodeInfo(node: KObject): NodeInfo {
    if (!this.built) this.build();
    const name = node.metadata!.name!;
    const changes = this.changes.get(name) ?? 0;
    const v = this.views.get(name);
    // (plugins read a NodeInfo, never change it: preemption changes a copy)
    if (v && v.node === node && v.changes === changes) return v.ni;
    const ni = nodeInfoFromAggregate(node, this.byNode.get(name));
    this.views.set(name, { node, changes, ni });
    return ni;
  }
}

/**
 * Whether two versions of an assigned pod count alike in a node's aggregate (framework.ts aggregateAdd: its spec's
 * requests, priority and affinity, its namespace, labels and deletion): stored objects are never changed in place, so
 * a write that left them as they were shares them.
 */
function sameForAggregate(a: KObject, b: KObject): boolean {
  return a.spec === b.spec && a.metadata?.labels === b.metadata?.labels && a.metadata?.namespace === b.metadata?.namespace &&
    a.metadata?.deletionTimestamp === b.metadata?.deletionTimestamp;
}

function histogram(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const strs = [...counts].map(([r, n]) => `${n} ${r}`);
  strs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return strs.join(', ');
}

/** RunPreFilterPlugins + RunFilterPlugins over one node view: the first failing plugin's status. */
function runFilters(pod: KObject, nodes: NodeInfo[], ni: NodeInfo, states?: unknown[]): Status | undefined {
  const st = states ?? FILTERS.map((f) => f.preFilter?.(pod, nodes));
  for (let i = 0; i < FILTERS.length; i++) {
    const s = FILTERS[i].filter(pod, ni, st[i]);
    if (s) return s;
  }
  return undefined;
}

/** prioritizeNodes: each plugin's normalized score times its weight, summed per node. */
function prioritizeNodes(pod: KObject, feasible: NodeInfo[], all: NodeInfo[]): number[] {
  const totals = feasible.map(() => 0);
  for (const p of SCORES) {
    const state = p.preScore(pod, feasible, all);
    if (state === undefined) continue;
    const scores = feasible.map((ni) => ({ name: ni.name, score: p.score(pod, ni, state) }));
    p.normalize?.(scores, state);
    scores.forEach((s, i) => { totals[i] += s.score * p.weight; });
  }
  return totals;
}

/** selectHost: the best total; ties broken by reservoir sampling. */
function selectHost(cluster: Cluster, feasible: NodeInfo[], totals: number[]): NodeInfo {
  const st = schedulerState(cluster);
  if (!st.rng) st.rng = seedRng(`kubesim/${cluster.state.name}/scheduler`);
  const rng = new Rng(st.rng);
  let best = 0;
  let count = 1;
  for (let i = 1; i < feasible.length; i++) {
    if (totals[i] > totals[best]) { best = i; count = 1; } else if (totals[i] === totals[best]) {
      count++;
      if (rng.int(count) === 0) best = i;
    }
  }
  cluster.dirty = true;
  return feasible[best];
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

  setSpreadCluster(cluster);
  setVolumeCluster(cluster);
  setNamespaceLabels((n) => cluster.get('namespaces', undefined, n)?.metadata?.labels || {});
  const nodes = cluster.list('nodes').map((n) => cache.nodeInfo(n));
  const states = FILTERS.map((f) => f.preFilter?.(pod, nodes));
  const feasible: NodeInfo[] = [];
  const statuses = new Map<string, Status>();
  const rejection = states.find(isPreFilterRejection);
  for (const ni of nodes) {
    const s = rejection ? unresolvable('PreFilter', rejection.preFilterRejected) : runFilters(pod, nodes, ni, states);
    if (s) statuses.set(ni.name, s);
    else feasible.push(ni);
  }

  if (feasible.length) {
    const chosen = feasible.length === 1 ? feasible[0] : selectHost(cluster, feasible, prioritizeNodes(pod, feasible, nodes));
    bind(ctx, pod, chosen.name);
    delete st.unsched[key];
    return;
  }

  let msg: string;
  if (nodes.length === 0) {
    msg = 'no nodes available to schedule pods';
  } else {
    const n = nodes.length;
    // FitError.Error: a PreFilter's rejection is printed as it is, the filters' reasons as a histogram
    msg = `0/${n} nodes are available: ${rejection ? rejection.preFilterRejected : histogram([...statuses.values()].flatMap((s) => s.reasons))}.`;
    const notEligible = notEligibleReason(pod, nodes);
    if (notEligible) {
      msg += ` preemption: ${notEligible}`;
    } else {
      const r = findPreemption(pod, nodes, statuses, (p, view, ni) => runFilters(p, view, ni));
      if (r instanceof Map) {
        msg += ` preemption: 0/${n} nodes are available: ${histogram([...r.values()].flatMap((s) => s.reasons))}.`;
      } else {
        preempt(ctx, pod, r.node, r.victims);
      }
    }
  }
  const attempts = (prev?.[0] ?? 0) + 1;
  st.unsched[key] = [attempts, now];
  const cur = cluster.get('pods', ns, name)!;
  ctx.recorder.eventNew(SCHEDULER_NAME, cur, 'Warning', 'FailedScheduling', 'Scheduling', msg);
  const old = getCondition(cur.status, 'PodScheduled');
  if (!old || old.status !== 'False' || old.reason !== 'Unschedulable' || old.message !== msg) {
    const status = copy(cur.status || {});
    const c = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: old?.status === 'False' ? old.lastTransitionTime : rfc3339(now), reason: 'Unschedulable', message: msg };
    status.conditions = [...(status.conditions || []).filter((x: any) => x.type !== 'PodScheduled'), c];
    if (!status.phase) status.phase = 'Pending';
    cluster.updateStatus('pods', { ...cur, status });
  }
  ctx.requeueAfter('scheduler', key, MAX_IN_UNSCHEDULABLE_MS);
}

/** prepareCandidate: delete the victims (DisruptionTarget, Preempted events) and nominate the node. */
function preempt(ctx: SchedulerContext, pod: KObject, node: string, victims: KObject[]): void {
  for (const v of victims) {
    const cur = ctx.cluster.get('pods', v.metadata!.namespace, v.metadata!.name!);
    if (!cur) continue;
    const status = copy(cur.status || {});
    const cond = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: ctx.cluster.nowRFC3339(), reason: 'PreemptionByScheduler', message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod` };
    status.conditions = [...(status.conditions || []).filter((c: any) => c.type !== 'DisruptionTarget'), cond];
    const upd = ctx.cluster.updateStatus('pods', { ...cur, status });
    ctx.recorder.eventNew(SCHEDULER_NAME, upd, 'Normal', 'Preempted', 'Preempting', `Preempted by pod ${pod.metadata!.uid} on node ${node}`);
    deletePod(ctx, upd);
  }
  const cur = ctx.cluster.get('pods', pod.metadata!.namespace, pod.metadata!.name!)!;
  if (cur.status?.nominatedNodeName !== node) ctx.cluster.updateStatus('pods', { ...cur, status: { ...cur.status, nominatedNodeName: node } });
}

function bind(ctx: SchedulerContext, pod: KObject, nodeName: string): void {
  // kubesim: pods/binding sets spec.nodeName and the PodScheduled=True condition in one write; the
  // store's API takes spec and status in separate writes, so only spec.nodeName is written here and
  // the kubelet's first status write (in this same settle) carries PodScheduled=True, as the real
  // kubelet's generateAPIPodStatus always does. Nothing can observe the pod in between.
  const bound = ctx.cluster.update('pods', { ...pod, spec: { ...pod.spec, nodeName } });
  ctx.recorder.eventNew(SCHEDULER_NAME, bound, 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${pod.metadata!.namespace}/${pod.metadata!.name} to ${nodeName}`);
}
