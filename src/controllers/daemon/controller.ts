// Port of pkg/controller/daemon/daemon_controller.go: one daemon pod per node that should run it
// (nodeShouldRunDaemonPod), created with a node-name affinity the scheduler binds by, failed pods
// replaced with back-off, and the status counters.
//
// kubesim: no expectations cache (writes are visible at once); a sync that created or deleted pods
// leaves the rolling update to the next sync, as unsatisfied expectations do upstream.
import { admitControllerCreate } from '../apiadmission.js';
import type { KObject } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import { findMatchingUntoleratedTaint, podMatchesNodeAffinity } from '../../api/scheduling.js';
import { parseTime } from '../../sim/clock.js';
import { deletePod } from '../gc.js';
import { podFromTemplate, slowStartBatch } from '../replicaset.js';
import {
  controllerOf, copy, isPodAvailable, isPodReady, selectorIsEmpty, selectorMatches, splitKey,
} from '../podutil.js';
import {
  addOrUpdateDaemonPodTolerations, allowsSurge, createPodTemplate, DefaultDaemonSetUniqueLabelKey, getTargetNodeName,
  getTemplateGeneration, isPodUpdated, replaceDaemonSetPodNodeNameNodeAffinity,
} from './util.js';
import { cleanupHistory, constructHistory, rollingUpdate } from './update.js';
import { newControllerRef } from '../history/history.js';
import { jsonEqual } from '../../store/json.js';
import { nodeIsReady } from '../nodes.js';

export const NAME = 'daemonset';
export const component = 'daemonset-controller';
const BurstReplicas = 250;
const FailedDaemonPodReason = 'FailedDaemonPod';
const SelectingAllReason = 'SelectingAll';
// failedPodsBackoff: flowcontrol.NewBackOff(1s, 15min)
const BACKOFF_INITIAL = 1000;
const BACKOFF_MAX = 15 * 60 * 1000;

/** NewPod: the pod a DaemonSet would run on node (for the predicates). */
function newPod(ds: KObject, nodeName: string): KObject {
  const spec = copy(ds.spec?.template?.spec || {});
  spec.nodeName = nodeName;
  addOrUpdateDaemonPodTolerations(spec);
  return { metadata: copy(ds.spec?.template?.metadata || {}), spec };
}

/**
 * NodeShouldRunDaemonPod: [shouldRun, shouldContinueRunning]. NodeName and NodeAffinity decide
 * both; an untolerated NoSchedule/NoExecute taint stops new pods, only a NoExecute one evicts.
 */
export function nodeShouldRunDaemonPod(node: KObject, ds: KObject): [boolean, boolean] {
  const pod = newPod(ds, node.metadata!.name!);
  const tplNode = ds.spec?.template?.spec?.nodeName;
  if (tplNode && tplNode !== node.metadata!.name) return [false, false];
  if (!podMatchesNodeAffinity(pod, node)) return [false, false];
  const taints = node.spec?.taints || [];
  const untolerated = findMatchingUntoleratedTaint(taints, pod.spec?.tolerations, (t) => t.effect === 'NoExecute' || t.effect === 'NoSchedule');
  if (untolerated) {
    const noExecute = findMatchingUntoleratedTaint(taints, pod.spec?.tolerations, (t) => t.effect === 'NoExecute');
    return [false, !noExecute];
  }
  return [true, true];
}

/** podByCreationTimestampAndPhase: scheduled first, then oldest, then name. */
export function byCreationTimestampAndPhase(a: KObject, b: KObject): number {
  const sa = !!a.spec?.nodeName;
  const sb = !!b.spec?.nodeName;
  if (sa !== sb) return sa ? -1 : 1;
  const ta = parseTime(a.metadata?.creationTimestamp) ?? 0;
  const tb = parseTime(b.metadata?.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return a.metadata!.name! < b.metadata!.name! ? -1 : a.metadata!.name! > b.metadata!.name! ? 1 : 0;
}

function sortedNodes(ctx: ControllerContext): KObject[] {
  return ctx.cluster.list('nodes').sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : a.metadata!.name! > b.metadata!.name! ? 1 : 0));
}

/** getDaemonPods: ClaimPods over the namespace (adopt matching orphans, release owned pods that stopped matching). */
function getDaemonPods(ctx: ControllerContext, ds: KObject): KObject[] {
  const uid = ds.metadata!.uid!;
  const sel = ds.spec?.selector;
  const out: KObject[] = [];
  for (const pod of ctx.cluster.list('pods', ds.metadata!.namespace)) {
    const ref = controllerOf(pod);
    const matches = selectorMatches(sel, pod.metadata?.labels);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (matches) { out.push(pod); continue; }
      if (ds.metadata?.deletionTimestamp) continue;
      const upd = copy(pod);
      upd.metadata!.ownerReferences = (upd.metadata!.ownerReferences || []).filter((r: any) => r.uid !== uid);
      if (!upd.metadata!.ownerReferences!.length) delete upd.metadata!.ownerReferences;
      try { ctx.cluster.update('pods', upd); } catch { /* gone */ }
      continue;
    }
    if (!matches || pod.metadata?.deletionTimestamp || ds.metadata?.deletionTimestamp) continue;
    const upd = copy(pod);
    upd.metadata!.ownerReferences = [...(upd.metadata!.ownerReferences || []), newControllerRef(ds, 'DaemonSet')];
    out.push(ctx.cluster.update('pods', upd));
  }
  return out;
}

/** getNodesToDaemonPods: the claimed pods by the node they run on (or are meant for). */
export function getNodesToDaemonPods(ctx: ControllerContext, ds: KObject, includeDeletedTerminal: boolean): Map<string, KObject[]> {
  const m = new Map<string, KObject[]>();
  for (const pod of getDaemonPods(ctx, ds)) {
    const phase = pod.status?.phase;
    if (!includeDeletedTerminal && (phase === 'Succeeded' || phase === 'Failed') && pod.metadata?.deletionTimestamp) continue;
    const node = getTargetNodeName(pod);
    if (node === undefined) continue;
    if (!m.has(node)) m.set(node, []);
    m.get(node)!.push(pod);
  }
  return m;
}

interface BackoffEntry { at: number; delay: number }

function backoffState(ctx: ControllerContext): Record<string, BackoffEntry> {
  return ctx.cluster.controllerState('daemonset-failedpods', () => ({} as Record<string, BackoffEntry>));
}

/** podsShouldBeOnNode: [create a pod here?, pods to delete]. */
function podsShouldBeOnNode(ctx: ControllerContext, node: KObject, nodeToDaemonPods: Map<string, KObject[]>, ds: KObject, hash: string): [boolean, string[]] {
  const [shouldRun, shouldContinueRunning] = nodeShouldRunDaemonPod(node, ds);
  const nodeName = node.metadata!.name!;
  const daemonPods = nodeToDaemonPods.get(nodeName);
  const toDelete: string[] = [];
  if (shouldRun && !daemonPods) return [true, toDelete];
  if (shouldContinueRunning) {
    if (!daemonPods) return [false, toDelete];
    const running: KObject[] = [];
    for (const pod of daemonPods) {
      if (pod.metadata?.deletionTimestamp) continue;
      if (pod.status?.phase === 'Failed') {
        const key = `${ds.metadata!.uid}/${nodeName}`;
        const bs = backoffState(ctx);
        const e = bs[key];
        const now = ctx.now;
        // IsInBackOffSinceUpdate
        if (e && now - e.at < e.delay) {
          ctx.requeueAfter(NAME, objectKey(ds), e.delay);
          continue;
        }
        // Next: the delay doubles while failures keep coming within the maximum
        bs[key] = { at: now, delay: e && now - e.at < 2 * BACKOFF_MAX ? Math.min(e.delay * 2, BACKOFF_MAX) : BACKOFF_INITIAL };
        ctx.recorder.event({ component }, ds, 'Warning', FailedDaemonPodReason,
          `Found failed daemon pod ${pod.metadata!.namespace}/${pod.metadata!.name} on node ${nodeName}, will try to kill it`);
        toDelete.push(pod.metadata!.name!);
      } else if (pod.status?.phase === 'Succeeded') {
        toDelete.push(pod.metadata!.name!);
      } else {
        running.push(pod);
      }
    }
    if (running.length <= 1) return [false, toDelete];
    running.sort(byCreationTimestampAndPhase);
    if (!allowsSurge(ds)) {
      // more than one pod: keep the oldest
      for (let i = 1; i < running.length; i++) toDelete.push(running[i].metadata!.name!);
      return [false, toDelete];
    }
    // surge: keep the oldest new pod, and the oldest old pod while the new one is not ready
    let oldestNew: KObject | undefined;
    let oldestOld: KObject | undefined;
    for (const pod of running) {
      if (pod.metadata?.labels?.[DefaultDaemonSetUniqueLabelKey] === hash) {
        if (!oldestNew) { oldestNew = pod; continue; }
      } else if (!oldestOld) { oldestOld = pod; continue; }
      toDelete.push(pod.metadata!.name!);
    }
    if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodReady(oldestNew))) toDelete.push(oldestOld.metadata!.name!);
    return [false, toDelete];
  }
  if (daemonPods) {
    for (const pod of daemonPods) if (!pod.metadata?.deletionTimestamp) toDelete.push(pod.metadata!.name!);
  }
  return [false, toDelete];
}

/** syncNodes: create pods on nodes (slow-start batches), delete pods by name. Returns whether it wrote. */
export function syncNodes(ctx: ControllerContext, ds: KObject, podsToDelete: string[], nodesNeeding: string[], hash: string): boolean {
  const createDiff = Math.min(nodesNeeding.length, BurstReplicas);
  const deleteDiff = Math.min(podsToDelete.length, BurstReplicas);
  const template = createPodTemplate(ds.spec?.template, getTemplateGeneration(ds), hash);
  let ix = 0;
  slowStartBatch(createDiff, 1, () => {
    const nodeName = nodesNeeding[ix++];
    const tpl = copy(template);
    tpl.spec.affinity = replaceDaemonSetPodNodeNameNodeAffinity(tpl.spec.affinity, nodeName);
    let created: KObject;
    try {
      created = ctx.cluster.create('pods', admitControllerCreate(ctx.cluster, 'pods', podFromTemplate(ctx, ds, tpl)));
    } catch (e: any) {
      ctx.recorder.event({ component }, ds, 'Warning', 'FailedCreate', `Error creating: ${e?.message ?? e}`);
      throw e;
    }
    ctx.recorder.event({ component }, ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata!.name}`);
  });
  for (let i = 0; i < deleteDiff; i++) {
    const pod = ctx.cluster.get('pods', ds.metadata!.namespace, podsToDelete[i]);
    if (!pod) continue;
    try {
      deletePod(ctx, pod);
      ctx.recorder.event({ component }, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`);
    } catch (e: any) {
      if (e?.reason === 'NotFound') continue;
      ctx.recorder.event({ component }, ds, 'Warning', 'FailedDelete', `Error deleting: ${e?.message ?? e}`);
    }
  }
  return createDiff + deleteDiff > 0;
}

/** manage: the pods each node should (not) have; unscheduled pods meant for nodes that no longer exist go. */
function manage(ctx: ControllerContext, ds: KObject, nodes: KObject[], hash: string): boolean {
  const nodeToDaemonPods = getNodesToDaemonPods(ctx, ds, false);
  const needing: string[] = [];
  const toDelete: string[] = [];
  for (const node of nodes) {
    const [create, del] = podsShouldBeOnNode(ctx, node, nodeToDaemonPods, ds, hash);
    if (create) needing.push(node.metadata!.name!);
    toDelete.push(...del);
  }
  // getUnscheduledPodsWithoutNode
  const known = new Set(nodes.map((n) => n.metadata!.name!));
  for (const [node, pods] of nodeToDaemonPods) {
    if (known.has(node)) continue;
    for (const p of pods) if (!p.spec?.nodeName && !p.metadata?.deletionTimestamp) toDelete.push(p.metadata!.name!);
  }
  return syncNodes(ctx, ds, toDelete, needing, hash);
}

/** updateDaemonSetStatus / storeDaemonSetStatus */
function updateDaemonSetStatus(ctx: ControllerContext, ds: KObject, nodes: KObject[], nodeToDaemonPods: Map<string, KObject[]>, hash: string): void {
  let desired = 0; let current = 0; let misscheduled = 0; let ready = 0; let updated = 0; let available = 0;
  const now = ctx.now;
  const minReady = ds.spec?.minReadySeconds || 0;
  const generation = getTemplateGeneration(ds);
  for (const node of nodes) {
    const [shouldRun] = nodeShouldRunDaemonPod(node, ds);
    const pods = nodeToDaemonPods.get(node.metadata!.name!) || [];
    const scheduled = pods.length > 0;
    if (shouldRun) {
      desired++;
      if (!scheduled) continue;
      current++;
      const pod = [...pods].sort(byCreationTimestampAndPhase)[0];
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
      }
      if (isPodUpdated(pod, hash, generation)) updated++;
    } else if (scheduled) {
      misscheduled++;
    }
  }
  const unavailable = desired - available;
  const st = ds.status || {};
  const gen = ds.metadata?.generation ?? 0;
  if ((st.desiredNumberScheduled ?? 0) === desired && (st.currentNumberScheduled ?? 0) === current &&
    (st.numberMisscheduled ?? 0) === misscheduled && (st.numberReady ?? 0) === ready &&
    (st.updatedNumberScheduled ?? 0) === updated && (st.numberAvailable ?? 0) === available &&
    (st.numberUnavailable ?? 0) === unavailable && (st.observedGeneration ?? 0) >= gen) {
    // nothing to store
  } else {
    const out: any = { currentNumberScheduled: current, numberMisscheduled: misscheduled, desiredNumberScheduled: desired, numberReady: ready };
    if (gen) out.observedGeneration = gen;
    if (updated) out.updatedNumberScheduled = updated;
    if (available) out.numberAvailable = available;
    if (unavailable) out.numberUnavailable = unavailable;
    if (st.collisionCount !== undefined) out.collisionCount = st.collisionCount;
    if (st.conditions) out.conditions = st.conditions;
    ctx.cluster.updateStatus('daemonsets', { ...ds, status: out });
  }
  // "Resync the DaemonSet after MinReadySeconds as a last line of defense to guard against clock-skew."
  if (minReady > 0 && ready !== available) ctx.requeueAfter(NAME, objectKey(ds), minReady * 1000);
}

export function syncDaemonSet(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  let ds = ctx.cluster.get('daemonsets', ns, name);
  if (!ds) return;
  if (!ds.kind) ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', ...ds };
  if (selectorIsEmpty(ds.spec?.selector)) {
    ctx.recorder.event({ component }, ds, 'Warning', SelectingAllReason, 'This daemon set is selecting all pods. A non-empty selector is required.');
    return;
  }
  const nodes = sortedNodes(ctx);
  // don't process a DaemonSet being deleted: its pods go with it
  if (ds.metadata?.deletionTimestamp) return;
  const { cur, old } = constructHistory(ctx, ds);
  ds = ctx.cluster.get('daemonsets', ns, name) ?? ds; // constructHistory may have bumped the collision count
  if (!ds.kind) ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', ...ds };
  const hash = cur.metadata?.labels?.[DefaultDaemonSetUniqueLabelKey] ?? '';
  // the status reads the pods as the informer had them when the sync began
  const before = getNodesToDaemonPods(ctx, ds, false);
  const wrote = manage(ctx, ds, nodes, hash);
  if (!wrote && ds.spec?.updateStrategy?.type === 'RollingUpdate') rollingUpdate(ctx, ds, nodes, hash);
  cleanupHistory(ctx, ds, old);
  updateDaemonSetStatus(ctx, ds, nodes, before, hash);
}

/** The DaemonSets whose selector matches an orphan pod (getDaemonSetsForPod). */
function daemonSetsForPod(ctx: ControllerContext, pod: KObject): KObject[] {
  return ctx.cluster.list('daemonsets', pod.metadata!.namespace).filter((ds) => selectorMatches(ds.spec?.selector, pod.metadata?.labels));
}

export const daemonSetModule: ControllerModule = {
  name: NAME,
  watch: {
    daemonsets(_t, ds, _o, q) { q.add(NAME, objectKey(ds)); },
    controllerrevisions(_t, cr, _o, q) {
      const ref = controllerOf(cr);
      if (ref?.kind === 'DaemonSet') q.add(NAME, `${cr.metadata!.namespace}/${ref.name}`);
    },
    pods(type, pod, old, q, ctx) {
      const ns = pod.metadata!.namespace!;
      const ref = controllerOf(pod);
      const oldRef = controllerOf(old);
      if (oldRef?.kind === 'DaemonSet' && oldRef.uid !== ref?.uid) q.add(NAME, `${ns}/${oldRef.name}`);
      if (ref) {
        if (ref.kind !== 'DaemonSet') return;
        const key = `${ns}/${ref.name}`;
        q.add(NAME, key);
        if (type === 'MODIFIED' && old && !isPodReady(old) && isPodReady(pod)) {
          const mrs = ctx.cluster.get('daemonsets', ns, ref.name)?.spec?.minReadySeconds || 0;
          if (mrs > 0) ctx.requeueAfter(NAME, key, (mrs + 1) * 1000);
        }
        return;
      }
      if (type === 'DELETED') return;
      for (const ds of daemonSetsForPod(ctx, pod)) q.add(NAME, objectKey(ds));
    },
    // a node added, relabelled, tainted or removed changes where daemon pods belong
    nodes(type, node, old, q, ctx) {
      // shouldIgnoreNodeUpdate: heartbeats change nothing a DaemonSet looks at
      if (type === 'MODIFIED' && old && jsonEqual(old.metadata?.labels, node.metadata?.labels) &&
        jsonEqual(old.spec, node.spec) && nodeIsReady(old) === nodeIsReady(node)) return;
      for (const ds of ctx.cluster.list('daemonsets')) q.add(NAME, objectKey(ds));
    },
  },
  start(ctx, q) {
    for (const ds of ctx.cluster.list('daemonsets')) q.add(NAME, objectKey(ds));
  },
  sync: syncDaemonSet,
};
