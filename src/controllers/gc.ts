// Deletion as the API server and the garbage collector (pkg/controller/garbagecollector) do it:
// - pods are deleted gracefully (deletionTimestamp = now + grace; the kubelet finishes them), except
//   unscheduled or finished pods, which the API server removes at once;
// - Background: the owner goes at once, the collector then deletes dependents whose owners are all gone;
// - Foreground: the owner stays (deletionTimestamp + finalizer foregroundDeletion) until its
//   dependents are gone;
// - Orphan: the dependents lose their ownerReference to the owner, then the owner goes.
import type { KObject } from '../api/types.js';
import type { Cluster } from '../store/cluster.js';
import type { ControllerContext } from './context.js';
import { StatusError } from '../api/errors.js';
import { resourceByName, qualifiedResource, RESOURCES } from '../api/resources.js';
import { beginNamespaceDeletion } from './namespace.js';
import { strategyFor } from '../api/strategies/index.js';
import { rfc3339 } from '../sim/clock.js';
import { copy, isPodTerminal } from './podutil.js';

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

const FOREGROUND = 'foregroundDeletion';

function keyOf(o: KObject): string {
  return o.metadata?.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata!.name!;
}

function split(k: string): [string | undefined, string] {
  const i = k.indexOf('/');
  return i < 0 ? [undefined, k] : [k.slice(0, i), k.slice(i + 1)];
}

/**
 * Who references whom: owner uid -> dependents, and uid -> object, for every stored object but
 * events (the collector's dependency graph).
 */
export class OwnerGraph {
  private deps = new Map<string, Set<string>>();
  private byUid = new Map<string, string>();

  constructor(cluster: Cluster) {
    // (keys first: reading the events bucket would parse it, src/store/sections.ts)
    for (const resource of Object.keys(cluster.state.objects)) {
      if (resource === 'events') continue;
      for (const o of Object.values(cluster.state.objects[resource])) this.add(resource, o);
    }
  }

  private add(resource: string, o: KObject): void {
    const id = `${resource}\0${keyOf(o)}`;
    if (o.metadata?.uid) this.byUid.set(o.metadata.uid, id);
    for (const r of o.metadata?.ownerReferences || []) {
      let s = this.deps.get(r.uid);
      if (!s) this.deps.set(r.uid, (s = new Set()));
      s.add(id);
    }
  }

  private drop(resource: string, o: KObject): void {
    const id = `${resource}\0${keyOf(o)}`;
    if (o.metadata?.uid && this.byUid.get(o.metadata.uid) === id) this.byUid.delete(o.metadata.uid);
    for (const r of o.metadata?.ownerReferences || []) {
      const s = this.deps.get(r.uid);
      if (s) { s.delete(id); if (!s.size) this.deps.delete(r.uid); }
    }
  }

  observe(resource: string, type: string, obj: KObject, old?: KObject): void {
    if (resource === 'events') return;
    if (old && type !== 'DELETED' && sameOwners(old, obj)) return;
    if (old) this.drop(resource, old);
    if (type === 'DELETED') this.drop(resource, obj);
    else this.add(resource, obj);
  }

  /** "resource\0key" of the objects that name `uid` as an owner */
  dependents(uid: string): string[] {
    const s = this.deps.get(uid);
    return s ? [...s] : [];
  }

  /** "resource\0key" of the object with this uid, if it exists */
  lookup(uid: string): string | undefined {
    return this.byUid.get(uid);
  }
}

function sameOwners(a: KObject, b: KObject): boolean {
  const ra = a.metadata?.ownerReferences || [];
  const rb = b.metadata?.ownerReferences || [];
  if (a.metadata?.uid !== b.metadata?.uid || ra.length !== rb.length) return false;
  for (let i = 0; i < ra.length; i++) if (ra[i].uid !== rb[i].uid) return false;
  return true;
}

function notFound(resource: string, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualifiedResource(resourceByName(resource))} "${name}" not found`);
}

/**
 * Delete a pod as the API server does: graceful when it runs on a node, immediate when it never got
 * one or has finished (or when the grace period is 0).
 */
export function deletePod(ctx: ControllerContext, pod: KObject, gracePeriodSeconds?: number): void {
  const cur = ctx.cluster.get('pods', pod.metadata!.namespace, pod.metadata!.name!);
  if (!cur) throw notFound('pods', pod.metadata!.name!);
  const grace = gracePeriodSeconds ?? cur.spec?.terminationGracePeriodSeconds ?? 30;
  if (cur.metadata?.deletionTimestamp) {
    // a second delete may only shorten the grace period
    if (grace >= (cur.metadata.deletionGracePeriodSeconds ?? Infinity)) return;
  }
  if (!cur.spec?.nodeName || isPodTerminal(cur) || grace <= 0) {
    ctx.cluster.remove('pods', cur.metadata!.namespace, cur.metadata!.name!);
    return;
  }
  // (the store copies what it does not share with the stored object)
  const metadata = { ...cur.metadata, deletionTimestamp: rfc3339(ctx.cluster.now() + grace * 1000), deletionGracePeriodSeconds: grace };
  ctx.cluster.update('pods', { ...cur, metadata });
}

/** Delete one object with no cascade of its own (finalizers keep it, marked, until removed). */
function deleteOne(ctx: ControllerContext, resource: string, obj: KObject, gracePeriodSeconds?: number): void {
  if (resource === 'pods') return deletePod(ctx, obj, gracePeriodSeconds);
  if (resource === 'namespaces') return beginNamespaceDeletion(ctx.cluster, obj);
  const md = obj.metadata!;
  if (!md.deletionTimestamp) {
    const marked = strategyFor(obj)?.beforeDelete?.(copy(obj), ctx.cluster.nowRFC3339());
    // one write of metadata and status (the status path keeps spec and labels as stored)
    if (marked) { ctx.cluster.update(resource, marked, { status: true }); return; }
  }
  if ((md.finalizers || []).length) {
    if (md.deletionTimestamp) return;
    const upd = copy(obj);
    upd.metadata!.deletionTimestamp = ctx.cluster.nowRFC3339();
    upd.metadata!.deletionGracePeriodSeconds = 0;
    ctx.cluster.update(resource, upd);
    return;
  }
  ctx.cluster.remove(resource, md.namespace, md.name!);
}

function dependentsOf(ctx: ControllerContext, uid: string): [string, KObject][] {
  const g = graphOf(ctx);
  const out: [string, KObject][] = [];
  if (g) {
    for (const id of g.dependents(uid)) {
      const [resource, key] = id.split('\0');
      const [ns, name] = split(key);
      const o = ctx.cluster.get(resource, ns, name);
      if (o) out.push([resource, o]);
    }
    return out;
  }
  // no graph (called outside the manager): scan
  for (const r of RESOURCES) {
    if (r.resource === 'events' || r.storage !== r.resource || resourceByName(r.resource) !== r) continue;
    for (const o of ctx.cluster.list(r.resource)) {
      if ((o.metadata?.ownerReferences || []).some((x) => x.uid === uid)) out.push([r.resource, o]);
    }
  }
  return out;
}

const graphs = new WeakMap<object, OwnerGraph>();

/** The manager registers its graph so deletions made through its context can use it. */
export function registerGraph(ctx: ControllerContext, g: OwnerGraph): void {
  graphs.set(ctx, g);
}

function graphOf(ctx: ControllerContext): OwnerGraph | undefined {
  return graphs.get(ctx);
}

function orphanDependents(ctx: ControllerContext, owner: KObject): void {
  const uid = owner.metadata!.uid!;
  for (const [resource, dep] of dependentsOf(ctx, uid)) {
    const upd = copy(dep);
    const refs = (upd.metadata!.ownerReferences || []).filter((r: any) => r.uid !== uid);
    if (refs.length) upd.metadata!.ownerReferences = refs;
    else delete upd.metadata!.ownerReferences;
    ctx.cluster.update(resource, upd);
  }
}

/**
 * `kubectl delete` of one object (DeleteOptions.propagationPolicy). Throws NotFound.
 * The collector (run by the manager's settle) finishes background and foreground cascades.
 */
export function deleteWithPropagation(
  ctx: ControllerContext, resource: string, ns: string | undefined, name: string, propagation: Propagation,
  opts: { gracePeriodSeconds?: number } = {},
): void {
  const obj = ctx.cluster.get(resource, ns, name);
  if (!obj) throw notFound(resource, name);
  if (propagation === 'Orphan') {
    orphanDependents(ctx, obj);
    deleteOne(ctx, resource, ctx.cluster.get(resource, ns, name)!, opts.gracePeriodSeconds);
    return;
  }
  if (propagation === 'Foreground' && resource !== 'pods' && dependentsOf(ctx, obj.metadata!.uid!).length) {
    if (obj.metadata?.deletionTimestamp) return;
    const upd = copy(obj);
    upd.metadata!.deletionTimestamp = ctx.cluster.nowRFC3339();
    upd.metadata!.deletionGracePeriodSeconds = 0;
    upd.metadata!.finalizers = [...(upd.metadata!.finalizers || []).filter((f: string) => f !== FOREGROUND), FOREGROUND];
    ctx.cluster.update(resource, upd);
    return;
  }
  deleteOne(ctx, resource, obj, opts.gracePeriodSeconds);
}

// ---- the collector's work items (queued by the manager)

export function gcKeyForDependent(resource: string, key: string): string {
  return `dep:${resource}\0${key}`;
}

export function gcKeyForOwner(resource: string, key: string): string {
  return `owner:${resource}\0${key}`;
}

function isWaitingForDependents(o: KObject | undefined): boolean {
  return !!o?.metadata?.deletionTimestamp && (o.metadata.finalizers || []).includes(FOREGROUND);
}

/** Process one collector work item. */
export function syncGarbage(ctx: ControllerContext, item: string): void {
  const g = graphOf(ctx);
  if (!g) return;
  const colon = item.indexOf(':');
  const kind = item.slice(0, colon);
  const [resource, key] = item.slice(colon + 1).split('\0');
  const [ns, name] = split(key);
  const obj = ctx.cluster.get(resource, ns, name);
  if (!obj) return;

  if (kind === 'dep') {
    // attemptToDeleteItem: classify owners as solid, dangling, or waiting for dependents
    const refs = obj.metadata?.ownerReferences || [];
    if (!refs.length) return;
    const dangling: string[] = [];
    let solid = 0;
    let waiting = false;
    for (const r of refs) {
      const id = g.lookup(r.uid);
      if (!id) { dangling.push(r.uid); continue; }
      const [or, ok] = id.split('\0');
      const [ons, oname] = split(ok);
      const owner = ctx.cluster.get(or, ons, oname);
      if (!owner) { dangling.push(r.uid); continue; }
      if (isWaitingForDependents(owner) && r.blockOwnerDeletion) waiting = true;
      else solid++;
    }
    if (solid > 0) {
      if (dangling.length) {
        const upd = copy(obj);
        upd.metadata!.ownerReferences = refs.filter((r) => !dangling.includes(r.uid));
        ctx.cluster.update(resource, upd);
      }
      return;
    }
    if (obj.metadata?.deletionTimestamp) return;
    // all owners gone or being deleted in the foreground: delete this one too, foreground when an
    // owner waits for it and it has dependents of its own
    const fg = waiting && resource !== 'pods' && g.dependents(obj.metadata!.uid!).length > 0;
    deleteWithPropagation(ctx, resource, ns, name, fg ? 'Foreground' : 'Background');
    return;
  }

  if (kind === 'owner') {
    if (!isWaitingForDependents(obj)) return;
    const blocking = dependentsOf(ctx, obj.metadata!.uid!).filter(([, d]) =>
      (d.metadata?.ownerReferences || []).some((r) => r.uid === obj.metadata!.uid && r.blockOwnerDeletion));
    for (const [dr, d] of blocking) {
      if (!d.metadata?.deletionTimestamp) syncGarbage(ctx, gcKeyForDependent(dr, keyOf(d)));
    }
    if (blocking.length) return;
    const upd = copy(obj);
    upd.metadata!.finalizers = (upd.metadata!.finalizers || []).filter((f: string) => f !== FOREGROUND);
    if (!upd.metadata!.finalizers!.length) {
      delete upd.metadata!.finalizers;
      ctx.cluster.remove(resource, ns, name);
    } else {
      ctx.cluster.update(resource, upd);
    }
  }
}
