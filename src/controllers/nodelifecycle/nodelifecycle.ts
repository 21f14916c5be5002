// The node lifecycle controller (pkg/controller/nodelifecycle) with the taint eviction controller
// (pkg/controller/tainteviction) and the pod GC's orphan pass (pkg/controller/podgc), as v1.32 runs them:
// - a node whose kubelet stopped posting status (kubeletstop.ts) has its conditions set to Unknown
//   ("Kubelet stopped posting node status.") after the 40 s grace period, its pods marked not ready
//   (NodeNotReady events) and the node.kubernetes.io/unreachable NoSchedule and NoExecute taints added;
// - TaintNodesByCondition: not-ready / unreachable / unschedulable taints follow the node's state;
// - NoExecute taints evict the pods that do not tolerate them at once, the others after the smallest
//   tolerationSeconds of the tolerations used (TaintManagerEviction "Marking for deletion Pod ns/x");
// - pods bound to a node that no longer exists are deleted 40 s later.
// A node created without status (apply -f node.yaml) is adopted by a simulated kubelet and becomes
// Ready, as KWOK does.
import type { KObject } from '../../api/types.js';
import type { ControllerModule } from '../module.js';
import type { ManagerContext } from '../manager.js';
import { copy, getCondition, isPodTerminal, podKeyOf, splitKey } from '../podutil.js';
import { makeNode } from '../nodes.js';
import { deletePod } from '../gc.js';
import { toleratesTaint, type Taint, type Toleration } from '../../api/scheduling.js';
import { kubeletStopState, nodeStopped, takeKubeletStarted } from './kubeletstop.js';
import { jsonEqual } from '../../store/json.js';
import { forgetNode, observeNode } from './registered.js';
import { ensureNodeLease, renewNodeLease } from '../leases/holders.js';

const NAME = 'nodelifecycle';
/** --node-monitor-grace-period */
export const NODE_MONITOR_GRACE_MS = 40_000;
/** podgc's quarantine before deleting pods of a node that is gone */
const POD_GC_QUARANTINE_MS = 40_000;

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const CONTROLLER_TAINTS = new Set([NOT_READY, UNREACHABLE, UNSCHEDULABLE]);

const NODE_CONTROLLER = { component: 'node-controller' };
const TAINT_EVICTION = { component: 'taint-eviction-controller' };

interface LifecycleState {
  /** pod key -> [uid, ms] of a scheduled taint eviction */
  evictions: Record<string, [string, number]>;
}

function lstate(ctx: ManagerContext): LifecycleState {
  return ctx.cluster.controllerState<LifecycleState>(NAME, () => ({ evictions: {} }));
}

function readyStatus(node: KObject): string | undefined {
  return getCondition(node.status, 'Ready')?.status;
}

/** The first free 10.244.N.0/24 (the node IPAM controller's range allocator) and the next free address in the nodes' subnet. */
function allocateAddresses(ctx: ManagerContext, name: string): { cidr: string; ip: string } {
  const nodes = ctx.cluster.list('nodes').filter((n) => n.metadata!.name !== name);
  const cidrs = new Set(nodes.map((n) => n.spec?.podCIDR));
  let i = 0;
  while (cidrs.has(`10.244.${i}.0/24`)) i++;
  const ips = nodes.map((n) => (n.status?.addresses || []).find((a: any) => a.type === 'InternalIP')?.address).filter(Boolean) as string[];
  const prefix = ips.length ? ips[0].slice(0, ips[0].lastIndexOf('.')) : '172.18.0';
  const used = new Set(ips.filter((a) => a.startsWith(prefix + '.')).map((a) => Number(a.slice(prefix.length + 1))));
  let last = 2;
  while (used.has(last)) last++;
  return { cidr: `10.244.${i}.0/24`, ip: `${prefix}.${last}` };
}

/** A node without status is one a kubelet has just registered: give it a Ready kubelet's status (as KWOK adopts nodes). */
function adopt(ctx: ManagerContext, node: KObject): KObject {
  const name = node.metadata!.name!;
  const proto = makeNode(name, ctx.cluster.nowRFC3339());
  const { cidr, ip } = allocateAddresses(ctx, name);
  let cur = node;
  const labels = { ...proto.metadata!.labels, ...(node.metadata?.labels || {}) };
  const annotations = { ...proto.metadata!.annotations, ...(node.metadata?.annotations || {}) };
  const spec = node.spec?.podCIDR ? node.spec : { ...(node.spec || {}), podCIDR: cidr, podCIDRs: [cidr] };
  if (!jsonEqual(labels, node.metadata?.labels) || !jsonEqual(annotations, node.metadata?.annotations) || spec !== node.spec) {
    cur = ctx.cluster.update('nodes', { ...node, metadata: { ...node.metadata, labels, annotations }, spec });
  }
  const addresses = [{ address: ip, type: 'InternalIP' }, { address: name, type: 'Hostname' }];
  const status = { ...proto.status, addresses, ...(node.status || {}), conditions: proto.status.conditions };
  const registered = ctx.cluster.updateStatus('nodes', { ...cur, status });
  // the kubelet's lease controller starts with it
  ensureNodeLease(ctx.cluster, registered);
  return registered;
}

/** tryUpdateNodeHealth for a stopped kubelet: every condition becomes Unknown. */
function markUnknown(ctx: ManagerContext, node: KObject): KObject {
  const now = ctx.cluster.nowRFC3339();
  const status = copy(node.status || {});
  status.conditions = (status.conditions || []).map((c: any) => ({
    ...c,
    lastTransitionTime: c.status === 'Unknown' ? c.lastTransitionTime : now,
    message: 'Kubelet stopped posting node status.',
    reason: 'NodeStatusUnknown',
    status: 'Unknown',
  }));
  const updated = ctx.cluster.updateStatus('nodes', { ...node, status });
  ctx.recorder.event(NODE_CONTROLLER, updated, 'Normal', 'NodeNotReady', `Node ${node.metadata!.name} status is now: NodeNotReady`);
  // MarkPodsNotReady
  for (const pod of podsOn(ctx, node.metadata!.name!)) {
    const ready = getCondition(pod.status, 'Ready');
    if (!ready || ready.status === 'False') continue;
    const ps = copy(pod.status);
    ps.conditions = ps.conditions.map((c: any) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c));
    ctx.cluster.updateStatus('pods', { ...pod, status: ps });
    ctx.recorder.event(NODE_CONTROLLER, pod, 'Warning', 'NodeNotReady', 'Node is not ready');
  }
  return updated;
}

/** condition -> [healthy status, reason, message, the kubelet's event when it turns healthy] */
const HEALTHY: Record<string, [string, string, string, string]> = {
  MemoryPressure: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', 'NodeHasSufficientMemory'],
  DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', 'NodeHasNoDiskPressure'],
  PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', 'NodeHasSufficientPID'],
  Ready: ['True', 'KubeletReady', 'kubelet is posting ready status', 'NodeReady'],
};

/** The kubelet's nodeRef: its uid is the node's name (kubelet.go). */
function kubeletNodeRef(name: string): KObject {
  return { kind: 'Node', metadata: { name, uid: name } } as KObject;
}

/**
 * A kubelet that starts records BirthCry's "Starting kubelet." when it is created, then its container
 * manager's NodeAllocatableEnforced (initializeRuntimeDependentModules), before its first status update.
 * No Rebooted: the machine's boot id is unchanged.
 */
function birthCry(ctx: ManagerContext, name: string): void {
  const kubelet = { component: 'kubelet', host: name };
  ctx.recorder.event(kubelet, kubeletNodeRef(name), 'Normal', 'Starting', 'Starting kubelet.');
  ctx.recorder.event(kubelet, kubeletNodeRef(name), 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
}

/**
 * A restarted kubelet posts its status again (and its pods' readiness), recording each condition it
 * turns back (the setters' recordNodeStatusEvent, in setter order).
 */
function markHealthy(ctx: ManagerContext, node: KObject): KObject {
  const now = ctx.cluster.nowRFC3339();
  const name = node.metadata!.name!;
  const kubelet = { component: 'kubelet', host: name };
  const nodeRef = kubeletNodeRef(name);
  const status = copy(node.status || {});
  const turned: string[] = [];
  status.conditions = (status.conditions || []).map((c: any) => {
    const h = HEALTHY[c.type];
    if (!h) return c;
    if (c.status !== h[0]) turned.push(c.type);
    return { ...c, lastHeartbeatTime: now, lastTransitionTime: c.status === h[0] ? c.lastTransitionTime : now, message: h[2], reason: h[1], status: h[0] };
  });
  const updated = ctx.cluster.updateStatus('nodes', { ...node, status });
  for (const type of Object.keys(HEALTHY)) {
    if (turned.includes(type)) ctx.recorder.event(kubelet, nodeRef, 'Normal', HEALTHY[type][3], `Node ${name} status is now: ${HEALTHY[type][3]}`);
  }
  for (const pod of podsOn(ctx, node.metadata!.name!)) {
    const ready = getCondition(pod.status, 'Ready');
    const cs: any[] = pod.status?.containerStatuses || [];
    if (!ready || ready.status === 'True' || !cs.length || !cs.every((c) => c.ready)) continue;
    const ps = copy(pod.status);
    ps.conditions = ps.conditions.map((c: any) => (c.type === 'Ready' ? { ...c, status: 'True', lastTransitionTime: now } : c));
    ctx.cluster.updateStatus('pods', { ...pod, status: ps });
  }
  return updated;
}

function podsOn(ctx: ManagerContext, node: string): KObject[] {
  return ctx.cluster.list('pods').filter((p) => p.spec?.nodeName === node && !isPodTerminal(p));
}

/** The taints TaintNodesByCondition and the NoExecute tainting pass want on this node. */
function wantedControllerTaints(node: KObject): Taint[] {
  const out: Taint[] = [];
  const r = readyStatus(node);
  if (r === 'False') out.push({ key: NOT_READY, effect: 'NoSchedule' }, { key: NOT_READY, effect: 'NoExecute' });
  else if (r === 'Unknown') out.push({ key: UNREACHABLE, effect: 'NoSchedule' }, { key: UNREACHABLE, effect: 'NoExecute' });
  if (node.spec?.unschedulable) out.push({ key: UNSCHEDULABLE, effect: 'NoSchedule' });
  return out;
}

function syncTaints(ctx: ManagerContext, node: KObject): KObject {
  const have: Taint[] = node.spec?.taints || [];
  const want = wantedControllerTaints(node);
  const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;
  const kept = have.filter((t) => !CONTROLLER_TAINTS.has(t.key) || want.some((w) => same(w, t)));
  const added = want.filter((w) => !have.some((t) => same(w, t))).map((t) => ({ ...t, timeAdded: ctx.cluster.nowRFC3339() }));
  if (kept.length === have.length && !added.length) return node;
  const taints = [...kept, ...added];
  const spec = { ...node.spec };
  if (taints.length) spec.taints = taints;
  else delete spec.taints;
  return ctx.cluster.update('nodes', { ...node, spec });
}

/** getMinTolerationTime over the tolerations that tolerate the NoExecute taints: ms, or -1 for forever. */
function minTolerationMs(taints: Taint[], tolerations: Toleration[]): number | undefined {
  const used: Toleration[] = [];
  for (const t of taints) {
    const tol = tolerations.filter((x) => toleratesTaint(x, t));
    if (!tol.length) return undefined; // not tolerated: evict now
    used.push(...tol);
  }
  let min = -1;
  for (const t of used) {
    if (t.tolerationSeconds == null) continue;
    const ms = Math.max(0, t.tolerationSeconds) * 1000;
    if (min < 0 || ms < min) min = ms;
  }
  return min;
}

function evict(ctx: ManagerContext, pod: KObject): void {
  delete lstate(ctx).evictions[podKeyOf(pod)];
  ctx.recorder.event(TAINT_EVICTION, pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${podKeyOf(pod)}`);
  const status = copy(pod.status || {});
  const cond = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: ctx.cluster.nowRFC3339(), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };
  status.conditions = [...(status.conditions || []).filter((c: any) => c.type !== 'DisruptionTarget'), cond];
  const cur = ctx.cluster.updateStatus('pods', { ...pod, status });
  deletePod(ctx, cur);
}

/** tainteviction's processPodOnNode for every pod of the node. */
function syncEvictions(ctx: ManagerContext, node: KObject | undefined, nodeName: string): void {
  const st = lstate(ctx);
  const taints: Taint[] = (node?.spec?.taints || []).filter((t: Taint) => t.effect === 'NoExecute');
  for (const pod of podsOn(ctx, nodeName)) {
    const key = podKeyOf(pod);
    const scheduled = st.evictions[key];
    if (pod.metadata?.deletionTimestamp) { delete st.evictions[key]; continue; }
    if (!taints.length) {
      if (scheduled) {
        delete st.evictions[key];
        ctx.cluster.cancel(`${NAME}.evict`, key);
        ctx.recorder.event(TAINT_EVICTION, pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
      }
      continue;
    }
    const min = minTolerationMs(taints, pod.spec?.tolerations || []);
    if (min === undefined) { evict(ctx, pod); continue; }
    if (min < 0) {
      if (scheduled) { delete st.evictions[key]; ctx.cluster.cancel(`${NAME}.evict`, key); }
      continue;
    }
    if (scheduled && scheduled[0] === pod.metadata!.uid) continue;
    const at = ctx.now + min;
    if (min === 0) { evict(ctx, pod); continue; }
    st.evictions[key] = [pod.metadata!.uid!, at];
    ctx.cluster.dirty = true;
    ctx.cluster.schedule(at, `${NAME}.evict`, key, pod.metadata!.uid);
  }
}

export function syncNode(ctx: ManagerContext, name: string): void {
  let node = ctx.cluster.get('nodes', undefined, name);
  if (!node) {
    forgetNode(ctx, name);
    return;
  }
  observeNode(ctx, node);
  if (!node.status?.conditions?.length && !nodeStopped(ctx.cluster, name)) node = adopt(ctx, node);
  const stoppedAt = kubeletStopState(ctx.cluster).stopped[name];
  const ready = readyStatus(node);
  if (stoppedAt !== undefined) {
    const due = stoppedAt + NODE_MONITOR_GRACE_MS;
    if (ctx.now < due) ctx.requeueAfter(NAME, name, due - ctx.now);
    else if (ready !== 'Unknown') node = markUnknown(ctx, node);
  } else {
    if (takeKubeletStarted(ctx.cluster, name)) {
      birthCry(ctx, name);
      renewNodeLease(ctx.cluster, name);
    }
    if (ready === 'Unknown') node = markHealthy(ctx, node);
  }
  node = syncTaints(ctx, node);
  syncEvictions(ctx, node, name);
}

function fire(ctx: ManagerContext, step: string, key: string, data: unknown): void {
  if (step === 'evict') {
    const [ns, name] = splitKey(key);
    const pod = ctx.cluster.get('pods', ns, name);
    const st = lstate(ctx);
    if (!pod || pod.metadata?.uid !== data || pod.metadata?.deletionTimestamp) { delete st.evictions[key]; return; }
    evict(ctx, pod);
    return;
  }
  if (step === 'podgc') {
    if (ctx.cluster.get('nodes', undefined, key)) return;
    for (const pod of ctx.cluster.list('pods')) {
      if (pod.spec?.nodeName !== key) continue;
      // (gcOrphaned force-deletes: grace period 0, nothing for a kubelet to do)
      ctx.cluster.remove('pods', pod.metadata!.namespace, pod.metadata!.name!);
    }
  }
}

export const nodeLifecycleController: ControllerModule = {
  name: NAME,
  watch: {
    nodes: (type, node, old, q, ctx) => {
      const name = node.metadata!.name!;
      if (type === 'DELETED') {
        ctx.cluster.schedule(ctx.now + POD_GC_QUARANTINE_MS, `${NAME}.podgc`, name);
        q.add(NAME, name);
        return;
      }
      if (type === 'MODIFIED' && old && jsonEqual(old.spec, node.spec) && readyStatus(old) === readyStatus(node) && node.status?.conditions?.length) return;
      q.add(NAME, name);
    },
    pods: (type, pod, old, q, ctx) => {
      // a pod newly bound to a node with NoExecute taints
      if (type === 'DELETED' || !pod.spec?.nodeName || old?.spec?.nodeName === pod.spec.nodeName) return;
      const node = ctx.cluster.get('nodes', undefined, pod.spec.nodeName);
      if ((node?.spec?.taints || []).some((t: Taint) => t.effect === 'NoExecute')) q.add(NAME, pod.spec.nodeName);
    },
  },
  start(ctx, q) {
    const { stopped, started } = kubeletStopState(ctx.cluster);
    for (const n of ctx.cluster.list('nodes')) {
      const name = n.metadata!.name!;
      if (stopped[name] !== undefined || started?.[name] || readyStatus(n) !== 'True' || !n.status?.conditions?.length ||
        (n.spec?.taints || []).length || n.spec?.unschedulable) q.add(NAME, name);
    }
  },
  sync: syncNode,
  fire,
};
