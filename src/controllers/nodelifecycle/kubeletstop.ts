// `kubesim node stop|start NAME`: a node whose kubelet has stopped. The simulated kubelet (kubelet.ts) knows
// nothing of this; the manager asks here before handing it a pod's work item or timer, and a stopped
// node's kubelet timers are held until the node starts again (then they fire at once, as a kubelet that
// comes back finishes what it was doing). The node lifecycle controller reads `stopped` to stop seeing
// the node's heartbeats.
import type { Timer } from '../../store/state.js';
import type { Cluster } from '../../store/cluster.js';
import type { ControllerContext } from '../context.js';
import { splitKey } from '../podutil.js';

export interface KubeletStopState {
  /** node -> virtual ms at which its kubelet stopped posting status */
  stopped: Record<string, number>;
  /** node -> kubelet timers held while it is stopped */
  held: Record<string, Timer[]>;
  /** nodes whose kubelet has started again and not yet recorded its start-up events */
  started?: Record<string, true>;
}

export function kubeletStopState(cluster: Cluster): KubeletStopState {
  return cluster.controllerState<KubeletStopState>('kubeletstop', () => ({ stopped: {}, held: {} }));
}

export function nodeStopped(cluster: Cluster, node: string | undefined): boolean {
  if (!node) return false;
  const st = cluster.state.controllers?.kubeletstop as KubeletStopState | undefined;
  return !!st && st.stopped[node] !== undefined;
}

function podNode(cluster: Cluster, podKey: string): string | undefined {
  const [ns, name] = splitKey(podKey);
  return cluster.get('pods', ns, name)?.spec?.nodeName;
}

/** The manager's gate for a kubelet work item: true when the pod's node is stopped (the item is dropped; start re-enqueues). */
export function kubeletItemHeld(ctx: ControllerContext, podKey: string): boolean {
  const st = ctx.cluster.state.controllers?.kubeletstop as KubeletStopState | undefined;
  if (!st || !Object.keys(st.stopped).length) return false;
  return nodeStopped(ctx.cluster, podNode(ctx.cluster, podKey));
}

/** The manager's gate for a kubelet timer: held (true) while the pod's node is stopped. */
export function holdKubeletTimer(ctx: ControllerContext, timer: Timer): boolean {
  const st = ctx.cluster.state.controllers?.kubeletstop as KubeletStopState | undefined;
  if (!st || !Object.keys(st.stopped).length) return false;
  const node = podNode(ctx.cluster, timer.key);
  if (!node || st.stopped[node] === undefined) return false;
  (st.held[node] ??= []).push(timer);
  ctx.cluster.dirty = true;
  return true;
}

/** Stop a node's kubelet (idempotent). */
export function stopKubelet(cluster: Cluster, node: string): boolean {
  const st = kubeletStopState(cluster);
  if (st.stopped[node] !== undefined) return false;
  st.stopped[node] = cluster.now();
  cluster.dirty = true;
  return true;
}

/** Start it again: its held timers fire now. Returns false when it was running. */
export function startKubelet(cluster: Cluster, node: string): boolean {
  const st = kubeletStopState(cluster);
  if (st.stopped[node] === undefined) return false;
  delete st.stopped[node];
  for (const t of st.held[node] || []) cluster.schedule(Math.max(t.at, cluster.now()), t.kind, t.key, t.data, false);
  delete st.held[node];
  (st.started ??= {})[node] = true;
  cluster.dirty = true;
  return true;
}

/** The restarted kubelet's start-up events are being recorded: true once per start. */
export function takeKubeletStarted(cluster: Cluster, node: string): boolean {
  const st = cluster.state.controllers?.kubeletstop as KubeletStopState | undefined;
  if (!st?.started?.[node]) return false;
  delete st.started[node];
  cluster.dirty = true;
  return true;
}
