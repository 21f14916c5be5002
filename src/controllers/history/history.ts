// Port of pkg/controller/history/controller_history.go: ControllerRevisions record the pod templates a
// DaemonSet or StatefulSet has had (their `rollout history`), named `<owner>-<hash>`.
// The `data` of a revision is the strategic merge patch that restores the template
// ({"spec":{"template":{...,"$patch":"replace"}}}, daemon/update.go and stateful_set_utils.go getPatch);
// its raw bytes are json.Marshal's of the object decoded into maps (keys sorted), which is what the
// StatefulSet's revision hash covers.
import type { KObject, OwnerReference } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import type { Cluster } from '../../store/cluster.js';
import { goMarshal } from '../../api/gojson.js';
import { roundTripTemplate } from '../../api/goroundtrip.js';
import { safeEncodeString } from '../../api/hash.js';
import { parseTime } from '../../sim/clock.js';
import { controllerOf, selectorMatches, type LabelSelector } from '../podutil.js';

/** history.ControllerRevisionHashLabel: the StatefulSet's revisions carry their hash here. */
export const ControllerRevisionHashLabel = 'controller.kubernetes.io/hash';
/** apps.DefaultDaemonSetUniqueLabelKey == apps.StatefulSetRevisionLabel */
export const ControllerRevisionLabel = 'controller-revision-hash';

const encoder = new TextEncoder();

/** FNV-1 (hash/fnv New32: multiply, then xor) over bytes, continuing from h. */
function fnv1(h: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    h = Math.imul(h, 0x01000193);
    h = (h ^ bytes[i]) >>> 0;
  }
  return h >>> 0;
}

/**
 * HashControllerRevision: FNV-32 over the raw data, then the probe (the collision count) written as
 * decimal text, encoded with rand.SafeEncodeString.
 */
export function hashControllerRevision(raw: string, probe?: number | null): string {
  let h = fnv1(0x811c9dc5, encoder.encode(raw));
  if (probe !== undefined && probe !== null) h = fnv1(h, encoder.encode(String(probe)));
  return safeEncodeString(String(h));
}

/** ControllerRevisionName: prefix-hash, the prefix cut to 223 bytes. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

export interface RevisionPatch {
  /** the bytes Go would write (hashed and compared) */
  raw: string;
  /** the same, as the object stored in `data` */
  data: any;
}

/**
 * getPatch (DaemonSet and StatefulSet alike): the owner's spec.template as encoding/json writes the
 * typed struct (creationTimestamp: null, resources: {}), round-tripped through map[string]interface{}
 * (keys sorted), with "$patch":"replace".
 */
export function templatePatch(owner: KObject): RevisionPatch {
  const template = { ...(roundTripTemplate(owner.spec?.template ?? {}) ?? {}), $patch: 'replace' };
  const raw = goMarshal({ spec: { template } });
  return { raw, data: JSON.parse(raw) };
}

/** The bytes of a stored revision's data (stored objects keep no raw form: marshal it again). */
export function revisionRaw(cr: KObject): string {
  return goMarshal((cr as any).data ?? null);
}

export function newControllerRef(parent: KObject, kind: string): OwnerReference {
  return { apiVersion: 'apps/v1', kind, name: parent.metadata!.name!, uid: parent.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}

/** NewControllerRevision (the StatefulSet's): template labels plus the hash label, named by the hash of data. */
export function newControllerRevision(parent: KObject, parentKind: string, templateLabels: Record<string, string> | undefined,
  patch: RevisionPatch, revision: number, collisionCount: number | undefined): KObject {
  const hash = hashControllerRevision(patch.raw, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(parent.metadata!.name!, hash),
      namespace: parent.metadata!.namespace,
      labels: { ...(templateLabels || {}), [ControllerRevisionHashLabel]: hash },
      ownerReferences: [newControllerRef(parent, parentKind)],
    },
    data: patch.data,
    revision,
  } as KObject;
}

/** ListControllerRevisions: revisions matching selector, controlled by parent or by nothing. */
export function listControllerRevisions(cluster: Cluster, parent: KObject, selector: LabelSelector | undefined): KObject[] {
  const uid = parent.metadata!.uid;
  return cluster.list('controllerrevisions', parent.metadata!.namespace).filter((cr) => {
    if (!selectorMatches(selector, cr.metadata?.labels)) return false;
    const ref = controllerOf(cr);
    return !ref || ref.uid === uid;
  });
}

/** byRevision: revision, then creation time, then name. */
export function sortControllerRevisions(revs: KObject[]): KObject[] {
  return revs.sort((a, b) => {
    const ra = (a as any).revision ?? 0;
    const rb = (b as any).revision ?? 0;
    if (ra !== rb) return ra - rb;
    const ta = parseTime(a.metadata?.creationTimestamp) ?? 0;
    const tb = parseTime(b.metadata?.creationTimestamp) ?? 0;
    if (ta !== tb) return ta - tb;
    const na = a.metadata!.name!;
    const nb = b.metadata!.name!;
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
}

/** EqualRevision: same hash label (when both have one) and the same data. */
export function equalRevision(a: KObject | undefined, b: KObject | undefined): boolean {
  if (!a || !b) return a === b;
  const ha = a.metadata?.labels?.[ControllerRevisionHashLabel];
  const hb = b.metadata?.labels?.[ControllerRevisionHashLabel];
  // upstream parses the labels as int32 first: safe-encoded hashes never parse, so only the data decides
  const na = ha !== undefined && /^-?\d+$/.test(ha) ? Number(ha) : undefined;
  const nb = hb !== undefined && /^-?\d+$/.test(hb) ? Number(hb) : undefined;
  if (na !== undefined && nb !== undefined && na !== nb) return false;
  return revisionRaw(a) === revisionRaw(b);
}

export function findEqualRevisions(revs: KObject[], needle: KObject): KObject[] {
  return revs.filter((r) => equalRevision(r, needle));
}

/**
 * CreateControllerRevision: create under the hash name; on a name taken by different data bump the
 * collision count and try again. Returns the created (or identical existing) revision and the count.
 */
export function createControllerRevision(ctx: ControllerContext, parent: KObject, revision: KObject, patchRaw: string,
  collisionCount: number): { created: KObject; collisionCount: number } {
  for (;;) {
    const hash = hashControllerRevision(patchRaw, collisionCount);
    const name = controllerRevisionName(parent.metadata!.name!, hash);
    const ns = parent.metadata!.namespace;
    const exists = ctx.cluster.get('controllerrevisions', ns, name);
    if (exists) {
      if (revisionRaw(exists) === patchRaw) return { created: exists, collisionCount };
      collisionCount++;
      continue;
    }
    const clone = JSON.parse(JSON.stringify(revision));
    clone.metadata.name = name;
    clone.metadata.namespace = ns;
    return { created: ctx.cluster.create('controllerrevisions', clone), collisionCount };
  }
}

/** UpdateControllerRevision: set .revision. */
export function updateControllerRevision(ctx: ControllerContext, cr: KObject, newRevision: number): KObject {
  if ((cr as any).revision === newRevision) return cr;
  return ctx.cluster.update('controllerrevisions', { ...cr, revision: newRevision } as KObject);
}

export function deleteControllerRevision(ctx: ControllerContext, cr: KObject): void {
  try { ctx.cluster.remove('controllerrevisions', cr.metadata!.namespace, cr.metadata!.name!); } catch { /* already gone */ }
}

/** AdoptControllerRevision: add parent as controller of an orphan revision. */
export function adoptControllerRevision(ctx: ControllerContext, parent: KObject, parentKind: string, cr: KObject): KObject {
  const upd = JSON.parse(JSON.stringify(cr));
  upd.metadata.ownerReferences = [...(upd.metadata.ownerReferences || []), newControllerRef(parent, parentKind)];
  return ctx.cluster.update('controllerrevisions', upd);
}

/** ReleaseControllerRevision: drop parent's owner reference. */
export function releaseControllerRevision(ctx: ControllerContext, parent: KObject, cr: KObject): void {
  const upd = JSON.parse(JSON.stringify(cr));
  upd.metadata.ownerReferences = (upd.metadata.ownerReferences || []).filter((r: any) => r.uid !== parent.metadata!.uid);
  if (!upd.metadata.ownerReferences.length) delete upd.metadata.ownerReferences;
  try { ctx.cluster.update('controllerrevisions', upd); } catch { /* gone */ }
}

/** The highest .revision, 0 for none (maxRevision / nextRevision - 1). */
export function maxRevision(revs: KObject[]): number {
  let m = 0;
  for (const r of revs) m = Math.max(m, (r as any).revision ?? 0);
  return m;
}
