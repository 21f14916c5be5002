// Port of pkg/controller/statefulset/stateful_set.go: the informer handlers, pod claiming
// (getPodsForStatefulSet: selector and name both), orphan revision adoption and the sync.
import type { KObject } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import { controllerOf, copy, isPodReady, selectorIsEmpty, selectorMatches, splitKey } from '../podutil.js';
import { adoptControllerRevision, listControllerRevisions, newControllerRef } from '../history/history.js';
import { isMemberOf } from './utils.js';
import { updateStatefulSetAll } from './control.js';

const NAME = 'statefulset';

/** getPodsForStatefulSet: ClaimPods with the selector and isMemberOf. */
function getPodsForStatefulSet(ctx: ControllerContext, set: KObject): KObject[] {
  const uid = set.metadata!.uid!;
  const out: KObject[] = [];
  for (const pod of ctx.cluster.list('pods', set.metadata!.namespace)) {
    const ref = controllerOf(pod);
    const matches = selectorMatches(set.spec?.selector, pod.metadata?.labels) && isMemberOf(set, pod);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (matches) { out.push(pod); continue; }
      if (set.metadata?.deletionTimestamp) continue;
      const upd = copy(pod);
      upd.metadata!.ownerReferences = (upd.metadata!.ownerReferences || []).filter((r: any) => r.uid !== uid);
      if (!upd.metadata!.ownerReferences!.length) delete upd.metadata!.ownerReferences;
      try { ctx.cluster.update('pods', upd); } catch { /* gone */ }
      continue;
    }
    if (!matches || pod.metadata?.deletionTimestamp || set.metadata?.deletionTimestamp) continue;
    const upd = copy(pod);
    upd.metadata!.ownerReferences = [...(upd.metadata!.ownerReferences || []), newControllerRef(set, 'StatefulSet')];
    out.push(ctx.cluster.update('pods', upd));
  }
  return out;
}

export function syncStatefulSet(ctx: ControllerContext, key: string): void {
  const [ns, name] = splitKey(key);
  let set = ctx.cluster.get('statefulsets', ns, name);
  if (!set) return;
  if (!set.kind) set = { apiVersion: 'apps/v1', kind: 'StatefulSet', ...set };
  if (selectorIsEmpty(set.spec?.selector)) return;
  // adoptOrphanRevisions
  const revisions = listControllerRevisions(ctx.cluster, set, set.spec?.selector).map((cr) =>
    (controllerOf(cr) ? cr : adoptControllerRevision(ctx, set!, 'StatefulSet', cr)));
  const pods = getPodsForStatefulSet(ctx, set);
  let status;
  try {
    status = updateStatefulSetAll(ctx, set, pods, revisions);
  } catch {
    // an error requeues with back-off upstream; the objects that changed requeue us here
    ctx.requeueAfter(NAME, key, 5000);
    return;
  }
  const mrs = set.spec?.minReadySeconds || 0;
  if (mrs > 0 && status.availableReplicas !== (set.spec?.replicas ?? 1)) ctx.requeueAfter(NAME, key, mrs * 1000);
}

export const statefulSetModule: ControllerModule = {
  name: NAME,
  watch: {
    statefulsets(_t, set, _o, q) { q.add(NAME, objectKey(set)); },
    controllerrevisions(_t, cr, _o, q) {
      const ref = controllerOf(cr);
      if (ref?.kind === 'StatefulSet') q.add(NAME, `${cr.metadata!.namespace}/${ref.name}`);
    },
    pods(type, pod, old, q, ctx) {
      const ns = pod.metadata!.namespace!;
      const ref = controllerOf(pod);
      const oldRef = controllerOf(old);
      if (oldRef?.kind === 'StatefulSet' && oldRef.uid !== ref?.uid) q.add(NAME, `${ns}/${oldRef.name}`);
      if (ref) {
        if (ref.kind !== 'StatefulSet') return;
        const key = `${ns}/${ref.name}`;
        q.add(NAME, key);
        if (type === 'MODIFIED' && old && !isPodReady(old) && isPodReady(pod)) {
          const mrs = ctx.cluster.get('statefulsets', ns, ref.name)?.spec?.minReadySeconds || 0;
          if (mrs > 0) ctx.requeueAfter(NAME, key, mrs * 1000);
        }
        return;
      }
      if (type === 'DELETED') return;
      for (const set of ctx.cluster.list('statefulsets', ns)) {
        if (selectorMatches(set.spec?.selector, pod.metadata?.labels)) q.add(NAME, objectKey(set));
      }
    },
  },
  start(ctx, q) {
    for (const s of ctx.cluster.list('statefulsets')) q.add(NAME, objectKey(s));
  },
  sync: syncStatefulSet,
};
