// Port of pkg/controller/daemon/update.go: the rolling update (maxUnavailable, or maxSurge) and the
// DaemonSet's ControllerRevisions (constructHistory, snapshot, dedupCurHistories, cleanupHistory).
import type { KObject } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import { computePodTemplateHash } from '../../api/hash.js';
import { isPodAvailable, selectorMatches } from '../podutil.js';
import {
  adoptControllerRevision, deleteControllerRevision, listControllerRevisions, maxRevision, newControllerRef,
  revisionRaw, sortControllerRevisions, templatePatch, updateControllerRevision,
} from '../history/history.js';
import { DefaultDaemonSetUniqueLabelKey, getTemplateGeneration, isPodUpdated, surgeCount, unavailableCount } from './util.js';
import { getNodesToDaemonPods, nodeShouldRunDaemonPod, syncNodes } from './controller.js';

/** getPatch: the revision data that restores this DaemonSet's template. */
export function getPatch(ds: KObject) {
  return templatePatch(ds);
}

/** Match: the revision's data is this DaemonSet's template. */
export function match(ds: KObject, history: KObject): boolean {
  return getPatch(ds).raw === revisionRaw(history);
}

/** controlledHistories: this DaemonSet's revisions, adopting matching orphans. */
function controlledHistories(ctx: ControllerContext, ds: KObject): KObject[] {
  const out: KObject[] = [];
  for (const cr of listControllerRevisions(ctx.cluster, ds, ds.spec?.selector)) {
    const owned = (cr.metadata?.ownerReferences || []).some((r) => r.controller && r.uid === ds.metadata!.uid);
    out.push(owned ? cr : adoptControllerRevision(ctx, ds, 'DaemonSet', cr));
  }
  return out;
}

/** snapshot: a new revision named `<ds>-<pod template hash>`; a name taken by other data bumps collisionCount. */
function snapshot(ctx: ControllerContext, ds: KObject, revision: number): KObject {
  for (;;) {
    const patch = getPatch(ds);
    const collisionCount = ds.status?.collisionCount;
    const hash = computePodTemplateHash(ds.spec?.template, collisionCount);
    const name = `${ds.metadata!.name}-${hash}`;
    const existing = ctx.cluster.get('controllerrevisions', ds.metadata!.namespace, name);
    if (!existing) {
      const md: any = {
        name,
        namespace: ds.metadata!.namespace,
        labels: { ...(ds.spec?.template?.metadata?.labels || {}), [DefaultDaemonSetUniqueLabelKey]: hash },
      };
      if (ds.metadata?.annotations) md.annotations = { ...ds.metadata.annotations };
      md.ownerReferences = [newControllerRef(ds, 'DaemonSet')];
      return ctx.cluster.create('controllerrevisions', { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: md, data: patch.data, revision } as KObject);
    }
    if (match(ds, existing) && (existing.metadata?.ownerReferences || []).some((r) => r.controller && r.uid === ds.metadata!.uid)) return existing;
    // a hash collision between different histories: bump the count and try the next name
    const cc = (collisionCount ?? 0) + 1;
    ds = ctx.cluster.updateStatus('daemonsets', { ...ds, status: { ...(ds.status || {}), collisionCount: cc } });
  }
}

/** dedupCurHistories: keep the highest-revision current history, relabel pods of the others, delete them. */
function dedupCurHistories(ctx: ControllerContext, ds: KObject, current: KObject[]): KObject {
  let keep = current[0];
  for (const h of current) if ((h as any).revision > (keep as any).revision) keep = h;
  const keepHash = keep.metadata?.labels?.[DefaultDaemonSetUniqueLabelKey];
  for (const h of current) {
    if (h === keep) continue;
    const hash = h.metadata?.labels?.[DefaultDaemonSetUniqueLabelKey];
    for (const pod of ctx.cluster.list('pods', ds.metadata!.namespace)) {
      if (!selectorMatches(ds.spec?.selector, pod.metadata?.labels)) continue;
      if (pod.metadata?.labels?.[DefaultDaemonSetUniqueLabelKey] !== hash || keepHash === undefined) continue;
      ctx.cluster.update('pods', { ...pod, metadata: { ...pod.metadata, labels: { ...pod.metadata!.labels, [DefaultDaemonSetUniqueLabelKey]: keepHash } } });
    }
    deleteControllerRevision(ctx, h);
  }
  return keep;
}

/** constructHistory: the current revision (created or renumbered to max+1) and the old ones. */
export function constructHistory(ctx: ControllerContext, ds: KObject): { cur: KObject; old: KObject[] } {
  const current: KObject[] = [];
  const old: KObject[] = [];
  const patchRaw = getPatch(ds).raw;
  for (const h of controlledHistories(ctx, ds)) {
    if (revisionRaw(h) === patchRaw) current.push(h);
    else old.push(h);
  }
  const currRevision = maxRevision(old) + 1;
  let cur: KObject;
  if (current.length === 0) {
    cur = snapshot(ctx, ds, currRevision);
  } else {
    cur = dedupCurHistories(ctx, ds, current);
    if (((cur as any).revision ?? 0) < currRevision) cur = updateControllerRevision(ctx, cur, currRevision);
  }
  return { cur, old };
}

/** cleanupHistory: delete the oldest revisions beyond revisionHistoryLimit that no live pod uses. */
export function cleanupHistory(ctx: ControllerContext, ds: KObject, old: KObject[]): void {
  const toKeep = ds.spec?.revisionHistoryLimit ?? 10;
  let toKill = old.length - toKeep;
  if (toKill <= 0) return;
  const live = new Set<string>();
  for (const pods of getNodesToDaemonPods(ctx, ds, true).values()) {
    for (const p of pods) {
      const h = p.metadata?.labels?.[DefaultDaemonSetUniqueLabelKey];
      if (h) live.add(h);
    }
  }
  for (const h of sortControllerRevisions([...old])) {
    if (toKill <= 0) break;
    if (live.has(h.metadata?.labels?.[DefaultDaemonSetUniqueLabelKey] ?? '')) continue;
    deleteControllerRevision(ctx, h);
    toKill--;
  }
}

/** findUpdatedPodsOnNode: the node's one new and one old pod; not ok when there are more. */
function findUpdatedPodsOnNode(ds: KObject, pods: KObject[], hash: string): { newPod?: KObject; oldPod?: KObject; ok: boolean } {
  let newPod: KObject | undefined;
  let oldPod: KObject | undefined;
  const generation = getTemplateGeneration(ds);
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

/**
 * rollingUpdate. Without surge: delete old pods while no more than maxUnavailable are unavailable (the
 * manage loop creates the replacements). With surge: create new pods beside available old ones, up
 * to maxSurge, and delete an old pod once its node's new pod is available.
 * kubesim: upstream walks a Go map (random order); nodes are taken in name order.
 */
export function rollingUpdate(ctx: ControllerContext, ds: KObject, nodes: KObject[], hash: string): void {
  const nodeToDaemonPods = getNodesToDaemonPods(ctx, ds, false);
  // updatedDesiredNodeCounts
  let desired = 0;
  for (const node of nodes) {
    if (!nodeShouldRunDaemonPod(node, ds)[0]) continue;
    desired++;
    if (!nodeToDaemonPods.has(node.metadata!.name!)) nodeToDaemonPods.set(node.metadata!.name!, []);
  }
  let maxUnavailable = unavailableCount(ds, desired);
  const maxSurge = surgeCount(ds, desired);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  const now = ctx.now;
  const minReady = ds.spec?.minReadySeconds || 0;
  const entries = [...nodeToDaemonPods.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

  if (maxSurge === 0) {
    let numUnavailable = 0;
    const allowedReplacement: string[] = [];
    const candidates: string[] = [];
    for (const [, pods] of entries) {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, pods, hash);
      if (!ok) { numUnavailable++; continue; }
      if ((!oldPod && !newPod) || (oldPod && newPod)) { numUnavailable++; continue; }
      if (newPod) {
        if (!isPodAvailable(newPod, minReady, now)) numUnavailable++;
        continue;
      }
      if (!isPodAvailable(oldPod!, minReady, now)) allowedReplacement.push(oldPod!.metadata!.name!);
      else if (numUnavailable >= maxUnavailable) continue;
      else candidates.push(oldPod!.metadata!.name!);
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
    syncNodes(ctx, ds, [...allowedReplacement, ...candidates.slice(0, remaining)], [], hash);
    return;
  }

  const oldPodsToDelete: string[] = [];
  const shouldNotRunPodsToDelete: string[] = [];
  const candidateNewNodes: string[] = [];
  const allowedNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  const nodeByName = new Map(nodes.map((n) => [n.metadata!.name!, n]));
  const shouldRun = (name: string) => { const n = nodeByName.get(name); return !!n && nodeShouldRunDaemonPod(n, ds)[0]; };
  for (const [nodeName, pods] of entries) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, pods, hash);
    if (!ok) { numSurge++; continue; }
    if (oldPod) { if (isPodAvailable(oldPod, minReady, now)) numAvailable++; }
    else if (newPod && isPodAvailable(newPod, minReady, now)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      if (!isPodAvailable(oldPod, minReady, now)) {
        if (!shouldRun(nodeName)) { oldPodsToDelete.push(oldPod.metadata!.name!); continue; }
        allowedNewNodes.push(nodeName);
      } else {
        if (!shouldRun(nodeName)) { shouldNotRunPodsToDelete.push(oldPod.metadata!.name!); continue; }
        if (numSurge >= maxSurge) continue;
        candidateNewNodes.push(nodeName);
      }
      continue;
    }
    if (!isPodAvailable(newPod, minReady, now)) { numSurge++; continue; }
    oldPodsToDelete.push(oldPod.metadata!.name!);
  }
  let remainingSurge = maxSurge - numSurge;
  const deletable = Math.min(numAvailable - desired, shouldNotRunPodsToDelete.length);
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRunPodsToDelete.slice(0, deletable));
  remainingSurge = Math.min(Math.max(0, remainingSurge), candidateNewNodes.length);
  syncNodes(ctx, ds, oldPodsToDelete, [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)], hash);
}
