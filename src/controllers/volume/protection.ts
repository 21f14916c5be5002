// Ports of pkg/controller/volume/pvcprotection and pvprotection: a claim being deleted keeps its
// kubernetes.io/pvc-protection finalizer while a scheduled pod in its namespace names it in a volume
// (podUsesPVC: any pod with a nodeName, whatever its phase); a volume being deleted keeps
// kubernetes.io/pv-protection while it is Bound. Removing the last finalizer deletes the object (the
// store's shouldDeleteDuringUpdate).
import type { KObject } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import { copy, splitKey } from '../podutil.js';

export const PVCProtectionFinalizer = 'kubernetes.io/pvc-protection';
export const PVProtectionFinalizer = 'kubernetes.io/pv-protection';

const name = 'volumeprotection';

const deleting = (o: KObject, f: string) => !!o.metadata?.deletionTimestamp && (o.metadata?.finalizers ?? []).includes(f);

function claimNames(pod: KObject): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v?.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
    // generic ephemeral volumes: <pod>-<volume>
    else if (v?.ephemeral) out.push(`${pod.metadata!.name}-${v.name}`);
  }
  return out;
}

function removeFinalizer(ctx: ControllerContext, resource: string, o: KObject, f: string): void {
  const upd = copy(o);
  upd.metadata!.finalizers = (upd.metadata!.finalizers ?? []).filter((x: string) => x !== f);
  if (!upd.metadata!.finalizers!.length) delete upd.metadata!.finalizers;
  ctx.cluster.update(resource, upd);
}

/** pvcprotection processPVC: in use by a scheduled pod, or the finalizer goes. */
function processPVC(ctx: ControllerContext, ns: string, claim: string): void {
  const pvc = ctx.cluster.get('persistentvolumeclaims', ns, claim);
  if (!pvc || !deleting(pvc, PVCProtectionFinalizer)) return;
  const inUse = ctx.cluster.list('pods', ns).some((p) => !!p.spec?.nodeName && claimNames(p).includes(claim));
  if (!inUse) removeFinalizer(ctx, 'persistentvolumeclaims', pvc, PVCProtectionFinalizer);
}

/** pvprotection processPV: a Bound volume is in use. */
function processPV(ctx: ControllerContext, pvName: string): void {
  const pv = ctx.cluster.get('persistentvolumes', undefined, pvName);
  if (!pv || !deleting(pv, PVProtectionFinalizer)) return;
  if (pv.status?.phase !== 'Bound') removeFinalizer(ctx, 'persistentvolumes', pv, PVProtectionFinalizer);
}

export const volumeProtectionController: ControllerModule = {
  name,
  watch: {
    persistentvolumeclaims(type, pvc, _old, q) {
      if (type !== 'DELETED' && deleting(pvc, PVCProtectionFinalizer)) q.add(name, `pvc:${objectKey(pvc)}`);
    },
    persistentvolumes(type, pv, _old, q) {
      if (type !== 'DELETED' && deleting(pv, PVProtectionFinalizer)) q.add(name, `pv:${pv.metadata!.name}`);
    },
    // a pod going away (or finishing its deletion) may free the claims it named
    pods(type, pod, _old, q) {
      if (type !== 'DELETED' && !pod.metadata?.deletionTimestamp) return;
      for (const c of claimNames(pod)) q.add(name, `pvc:${pod.metadata!.namespace}/${c}`);
    },
  },
  start(ctx, q) {
    for (const c of ctx.cluster.list('persistentvolumeclaims')) if (deleting(c, PVCProtectionFinalizer)) q.add(name, `pvc:${objectKey(c)}`);
    for (const v of ctx.cluster.list('persistentvolumes')) if (deleting(v, PVProtectionFinalizer)) q.add(name, `pv:${v.metadata!.name}`);
  },
  sync(ctx, key) {
    if (key.startsWith('pv:')) return processPV(ctx, key.slice(3));
    const [ns, n] = splitKey(key.slice(4));
    processPVC(ctx, ns!, n!);
  },
};
