// Port of pkg/controller/volume/persistentvolume/pv_controller.go (syncClaim/syncUnboundClaim/
// syncBoundClaim, syncVolume, bind, findBestMatchForClaim) with kind's external provisioner
// (rancher.io/local-path) folded in: a claim binds to the smallest matching Available volume, or its
// class's provisioner makes one (`pvc-<claim uid>`), on the node of the claim's first consumer when the
// class waits for one (WaitForFirstConsumer).
//
// kubesim: the scheduler's VolumeBinding plugin picks the node (volume.kubernetes.io/selected-node)
// when it binds a consumer; here the binder does that when the consumer pod is bound. Claims are
// synced on change only (no 15 s resync repeating the WaitForFirstConsumer event).
import type { KObject } from '../../../api/types.js';
import type { ControllerContext } from '../../context.js';
import type { ControllerModule, Enqueue } from '../../module.js';
import { objectKey } from '../../module.js';
import { copy, selectorMatches, splitKey } from '../../podutil.js';
import { parseQuantity } from '../../../api/quantity.js';
import { PVProtectionFinalizer } from '../protection.js';

const NAME = 'persistentvolume';
const component = 'persistentvolume-controller';

export const AnnBindCompleted = 'pv.kubernetes.io/bind-completed';
export const AnnBoundByController = 'pv.kubernetes.io/bound-by-controller';
export const AnnSelectedNode = 'volume.kubernetes.io/selected-node';
export const AnnStorageProvisioner = 'volume.kubernetes.io/storage-provisioner';
export const AnnBetaStorageProvisioner = 'volume.beta.kubernetes.io/storage-provisioner';
export const AnnDynamicallyProvisioned = 'pv.kubernetes.io/provisioned-by';

/** The external provisioners kubesim runs in-process (kind's local-path-provisioner). */
const PROVISIONERS: Record<string, (ctx: ControllerContext, claim: KObject, sc: KObject, node: string | undefined) => KObject | undefined> = {
  'rancher.io/local-path': localPathVolume,
};

function storageBytes(q: unknown): bigint {
  try { return parseQuantity(q as any).nanos; } catch { return 0n; }
}

function claimClass(claim: KObject): string {
  return claim.spec?.storageClassName ?? claim.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
}

function volumeClass(pv: KObject): string {
  return pv.spec?.storageClassName ?? pv.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
}

/** findBestMatchForClaim: the smallest Available (or pre-bound to this claim) volume that fits. */
export function findBestMatchForClaim(volumes: KObject[], claim: KObject): KObject | undefined {
  const want = storageBytes(claim.spec?.resources?.requests?.storage);
  const modes: string[] = claim.spec?.accessModes || [];
  const cls = claimClass(claim);
  const vm = claim.spec?.volumeMode ?? 'Filesystem';
  let best: KObject | undefined;
  for (const pv of volumes) {
    const ref = pv.spec?.claimRef;
    if (ref) {
      // pre-bound to this claim: it wins outright
      if (ref.name === claim.metadata!.name && ref.namespace === claim.metadata!.namespace && (!ref.uid || ref.uid === claim.metadata!.uid)) return pv;
      continue;
    }
    if (pv.status?.phase !== 'Available' || pv.metadata?.deletionTimestamp) continue;
    if (volumeClass(pv) !== cls) continue;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== vm) continue;
    const have: string[] = pv.spec?.accessModes || [];
    if (!modes.every((m) => have.includes(m))) continue;
    if (claim.spec?.selector && !selectorMatches(claim.spec.selector, pv.metadata?.labels)) continue;
    const size = storageBytes(pv.spec?.capacity?.storage);
    if (size < want) continue;
    if (!best || size < storageBytes(best.spec?.capacity?.storage)) best = pv;
  }
  return best;
}

function setPhase(ctx: ControllerContext, pv: KObject, phase: string): KObject {
  if (pv.status?.phase === phase) return pv;
  return ctx.cluster.updateStatus('persistentvolumes', { ...pv, status: { ...(pv.status || {}), phase, lastPhaseTransitionTime: ctx.cluster.nowRFC3339() } });
}

/** bind: the volume's claimRef, then the claim's volumeName and annotations, then both statuses. */
function bind(ctx: ControllerContext, pv: KObject, claim: KObject): void {
  let v = pv;
  const ref = v.spec?.claimRef;
  if (!ref || ref.uid !== claim.metadata!.uid) {
    v = copy(v);
    v.spec!.claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata!.name, namespace: claim.metadata!.namespace, resourceVersion: claim.metadata!.resourceVersion, uid: claim.metadata!.uid };
    v.metadata!.annotations = { ...(v.metadata!.annotations || {}), [AnnBoundByController]: 'yes' };
    v = ctx.cluster.update('persistentvolumes', v);
  }
  setPhase(ctx, v, 'Bound');
  let c = copy(claim);
  const ann: Record<string, string> = { ...(c.metadata!.annotations || {}), [AnnBindCompleted]: 'yes' };
  if (!claim.spec?.volumeName) ann[AnnBoundByController] = 'yes';
  c.metadata!.annotations = ann;
  c.spec!.volumeName = v.metadata!.name;
  c = ctx.cluster.update('persistentvolumeclaims', c);
  ctx.cluster.updateStatus('persistentvolumeclaims', {
    ...c, status: { ...(c.status || {}), phase: 'Bound', accessModes: v.spec?.accessModes, capacity: { ...(v.spec?.capacity || {}) } },
  });
}

/** The pods that mount the claim (the binder's "consumers"). */
function consumers(ctx: ControllerContext, claim: KObject): KObject[] {
  return ctx.cluster.list('pods', claim.metadata!.namespace).filter((p) =>
    (p.spec?.volumes || []).some((v: any) => v.persistentVolumeClaim?.claimName === claim.metadata!.name));
}

/**
 * The scheduler's VolumeBinding plugin: a claim that appears or binds may let its pending consumers in.
 * With `since` (ms), only consumers whose last failed attempt (the scheduler's bookkeeping) was before it.
 */
function requeueConsumers(ctx: ControllerContext, claim: KObject, q: Enqueue, since?: number): void {
  const unsched: Record<string, [number, number]> = (ctx.cluster.state.controllers?.scheduler as any)?.unsched || {};
  for (const p of consumers(ctx, claim)) {
    if (p.spec?.nodeName || p.metadata?.deletionTimestamp) continue;
    const key = objectKey(p);
    const failedAt = unsched[key]?.[1];
    if (since === undefined || failedAt === undefined || Math.floor(failedAt / 1000) * 1000 <= since) q.add('scheduler', key);
  }
}

function provisionerState(ctx: ControllerContext): { identity?: string } {
  return ctx.cluster.controllerState('persistentvolume-provisioner', () => ({} as { identity?: string }));
}

/** The provisioner's event source: `<provisioner>_<its pod>_<a uuid>`, fixed per cluster. */
function provisionerIdentity(ctx: ControllerContext, provisioner: string): string {
  const st = provisionerState(ctx);
  if (!st.identity) st.identity = `local-path-provisioner-7dc846544d-${ctx.cluster.rng.string(5)}_${ctx.cluster.rng.uuid()}`;
  return `${provisioner}_${st.identity}`;
}

/** local-path-provisioner's volume: a host directory on the selected node. */
function localPathVolume(ctx: ControllerContext, claim: KObject, sc: KObject, node: string | undefined): KObject | undefined {
  if (!node) return undefined;
  const name = `pvc-${claim.metadata!.uid}`;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: { 'local.path.provisioner/selected-node': node, [AnnDynamicallyProvisioned]: sc.provisioner },
      // the API server's StorageObjectInUseProtection admission (the provisioner creates it through the API)
      finalizers: [PVProtectionFinalizer],
    },
    spec: {
      accessModes: [...(claim.spec?.accessModes || [])],
      capacity: { storage: claim.spec?.resources?.requests?.storage },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata!.name, namespace: claim.metadata!.namespace, resourceVersion: claim.metadata!.resourceVersion, uid: claim.metadata!.uid },
      hostPath: { path: `/var/local-path-provisioner/${name}_${claim.metadata!.namespace}_${claim.metadata!.name}`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata!.name,
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
    },
    status: { phase: 'Pending' },
  };
}

/** provisionClaim for an external provisioner: annotate, tell, and (kind's provisioner being here) provision. */
function provisionClaim(ctx: ControllerContext, claim: KObject, sc: KObject): void {
  const provisioner: string = sc.provisioner;
  let c = claim;
  if (c.metadata?.annotations?.[AnnStorageProvisioner] !== provisioner) {
    const upd = copy(c);
    upd.metadata!.annotations = { ...(upd.metadata!.annotations || {}), [AnnBetaStorageProvisioner]: provisioner, [AnnStorageProvisioner]: provisioner };
    c = ctx.cluster.update('persistentvolumeclaims', upd);
    ctx.recorder.event({ component }, c, 'Normal', 'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
  }
  const make = PROVISIONERS[provisioner];
  if (!make) return;
  if (ctx.cluster.get('persistentvolumes', undefined, `pvc-${c.metadata!.uid}`)) return;
  const pv = make(ctx, c, sc, c.metadata?.annotations?.[AnnSelectedNode]);
  if (!pv) return;
  const source = { component: provisionerIdentity(ctx, provisioner) };
  ctx.recorder.event(source, c, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${c.metadata!.namespace}/${c.metadata!.name}"`);
  ctx.cluster.create('persistentvolumes', pv);
  ctx.recorder.event(source, c, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pv.metadata!.name}`);
}

/** syncUnboundClaim */
function syncUnboundClaim(ctx: ControllerContext, claim: KObject): void {
  const cls = claimClass(claim);
  const sc = cls ? ctx.cluster.get('storageclasses', undefined, cls) : undefined;
  const volumes = ctx.cluster.list('persistentvolumes');
  if (claim.spec?.volumeName) {
    // pre-bound to a volume by name
    const pv = ctx.cluster.get('persistentvolumes', undefined, claim.spec.volumeName);
    if (!pv) return;
    const ref = pv.spec?.claimRef;
    if (!ref || ref.uid === claim.metadata!.uid) bind(ctx, pv, claim);
    return;
  }
  const delayBinding = sc?.volumeBindingMode === 'WaitForFirstConsumer' && !claim.metadata?.annotations?.[AnnSelectedNode];
  let pv = findBestMatchForClaim(volumes, claim);
  if (pv && delayBinding && !pv.spec?.claimRef) {
    // kubesim: the scheduler binds delayed claims to static volumes when it places their consumer
    pv = undefined;
    const node = consumers(ctx, claim).find((p) => p.spec?.nodeName)?.spec?.nodeName;
    if (node) pv = findBestMatchForClaim(volumes, claim);
  }
  if (pv) { bind(ctx, pv, claim); return; }
  if (delayBinding) {
    const node = consumers(ctx, claim).find((p) => p.spec?.nodeName)?.spec?.nodeName;
    if (!node) {
      if (!waitedFor(ctx, claim)) {
        ctx.recorder.event({ component }, claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      }
      return;
    }
    const upd = copy(claim);
    upd.metadata!.annotations = { ...(upd.metadata!.annotations || {}), [AnnSelectedNode]: node };
    claim = ctx.cluster.update('persistentvolumeclaims', upd);
  }
  if (sc) {
    provisionClaim(ctx, claim, sc);
    return;
  }
  if (!cls && !waitedFor(ctx, claim)) {
    ctx.recorder.event({ component }, claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
  }
}

/** One waiting event per claim (upstream repeats it every resync; see the file comment). */
function waitedFor(ctx: ControllerContext, claim: KObject): boolean {
  const st = ctx.cluster.controllerState('persistentvolume-waiting', () => ({} as Record<string, true>));
  const uid = claim.metadata!.uid!;
  if (st[uid]) return true;
  st[uid] = true;
  return false;
}

function syncClaim(ctx: ControllerContext, claim: KObject): void {
  if (claim.metadata?.deletionTimestamp) return;
  if (claim.metadata?.annotations?.[AnnBindCompleted] !== 'yes' || claim.status?.phase !== 'Bound') {
    syncUnboundClaim(ctx, claim);
    return;
  }
  // syncBoundClaim: a bound claim whose volume went is Lost
  const pv = claim.spec?.volumeName ? ctx.cluster.get('persistentvolumes', undefined, claim.spec.volumeName) : undefined;
  if (!pv && claim.status?.phase !== 'Lost') {
    ctx.cluster.updateStatus('persistentvolumeclaims', { ...claim, status: { ...(claim.status || {}), phase: 'Lost' } });
    ctx.recorder.event({ component }, claim, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
  }
}

/** syncVolume: Available when free, Bound when its claim is, Released (or deleted) when the claim went. */
function syncVolume(ctx: ControllerContext, pv: KObject): void {
  // (a volume being deleted is synced too: pv-protection waits for it to leave Bound)
  const ref = pv.spec?.claimRef;
  if (!ref) { setPhase(ctx, pv, 'Available'); return; }
  const claim = ctx.cluster.get('persistentvolumeclaims', ref.namespace, ref.name);
  if (claim && (!ref.uid || claim.metadata?.uid === ref.uid)) {
    if (claim.spec?.volumeName === pv.metadata!.name) setPhase(ctx, pv, 'Bound');
    else if (!claim.spec?.volumeName) syncUnboundClaim(ctx, claim);
    return;
  }
  if (!ref.uid) return; // pre-bound to a claim that does not exist yet
  // the claim is gone: reclaim
  if (pv.status?.phase === 'Released') return;
  if (pv.spec?.persistentVolumeReclaimPolicy === 'Delete' && pv.metadata?.annotations?.[AnnDynamicallyProvisioned]) {
    ctx.cluster.remove('persistentvolumes', undefined, pv.metadata!.name!);
    return;
  }
  setPhase(ctx, pv, 'Released');
}

function sync(ctx: ControllerContext, key: string): void {
  const [kind, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (kind === 'pv') {
    const pv = ctx.cluster.get('persistentvolumes', undefined, rest);
    if (pv) syncVolume(ctx, pv);
    return;
  }
  const [ns, name] = splitKey(rest);
  const claim = ctx.cluster.get('persistentvolumeclaims', ns, name);
  if (claim) syncClaim(ctx, claim);
}

export const persistentVolumeModule: ControllerModule = {
  name: NAME,
  watch: {
    persistentvolumeclaims(type, claim, _o, q, ctx) {
      if (type !== 'DELETED') {
        q.add(NAME, `pvc:${objectKey(claim)}`);
        requeueConsumers(ctx, claim, q);
        return;
      }
      for (const pv of ctx.cluster.list('persistentvolumes')) {
        if (pv.spec?.claimRef?.uid === claim.metadata!.uid) q.add(NAME, `pv:${pv.metadata!.name}`);
      }
    },
    persistentvolumes(type, pv, _o, q, ctx) {
      if (type === 'DELETED') {
        const ref = pv.spec?.claimRef;
        if (ref) q.add(NAME, `pvc:${ref.namespace}/${ref.name}`);
        return;
      }
      q.add(NAME, `pv:${pv.metadata!.name}`);
      // a new volume may fit a waiting claim
      if (!pv.spec?.claimRef) for (const c of ctx.cluster.list('persistentvolumeclaims')) if (!c.spec?.volumeName) q.add(NAME, `pvc:${objectKey(c)}`);
    },
    // a consumer bound to a node lets a WaitForFirstConsumer claim go ahead
    pods(type, pod, old, q) {
      if (type === 'DELETED' || !pod.spec?.nodeName || old?.spec?.nodeName) return;
      for (const v of pod.spec?.volumes || []) {
        if (v.persistentVolumeClaim?.claimName) q.add(NAME, `pvc:${pod.metadata!.namespace}/${v.persistentVolumeClaim.claimName}`);
      }
    },
  },
  start(ctx, q) {
    for (const pv of ctx.cluster.list('persistentvolumes')) q.add(NAME, `pv:${pv.metadata!.name}`);
    for (const c of ctx.cluster.list('persistentvolumeclaims')) {
      q.add(NAME, `pvc:${objectKey(c)}`);
      // the informers' initial list: a claim written since its consumers last failed to schedule lets them retry
      requeueConsumers(ctx, c, q, Date.parse(c.metadata!.creationTimestamp!));
    }
  },
  sync,
};
