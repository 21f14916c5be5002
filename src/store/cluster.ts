// The in-memory API over one cluster's state: what the API server does on create/update/delete
// (uid, resourceVersion, generation, creationTimestamp, AlreadyExists/NotFound), plus change
// notifications that feed the controllers' work queues. No I/O here; src/store/file.ts persists it.
import type { KObject } from '../api/types.js';
import { StatusError } from '../api/errors.js';
import { resourceByName, qualifiedResource } from '../api/resources.js';
import { Rng } from '../sim/rng.js';
import { rfc3339 } from '../sim/clock.js';
import { DEFAULT_MAX_PODS, type ClusterState, type Timer } from './state.js';
import { jsonClone as clone, jsonCloneSharing, jsonEqual } from './json.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';
export type ChangeListener = (resource: string, type: ChangeType, obj: KObject, old?: KObject) => void;

/** Who is writing: the field manager's name and subresource (undefined: the simulated control plane). */
export interface WriteContext {
  manager: string;
  subresource?: string;
  /** the caller computed metadata.managedFields itself (server-side apply) */
  keepManagedFields?: boolean;
}

/** Records managedFields on each write (src/server/fieldmanager installs it; the store knows nothing of field sets). */
export type FieldManagerHook = (resource: string, old: KObject | undefined, obj: KObject, w: WriteContext | undefined, status: boolean, now: string) => void;
let fieldManagerHook: FieldManagerHook | undefined;
export function setFieldManagerHook(h: FieldManagerHook): void {
  fieldManagerHook = h;
}

/**
 * A resource whose objects a read sees other than as stored: computed on read (componentstatuses: the API server
 * probes its components per request) or brought up to now (leases renewed on a schedule, src/controllers/leases).
 * Registered by the layer that knows how (the store knows nothing of kinds); writes always see the stored object.
 */
export interface ReadView {
  /** every object of the resource, computed now (nothing is stored) */
  computed?(c: Cluster): KObject[];
  /** the stored object as a read sees it now (the same object when nothing changed) */
  live?(c: Cluster, stored: KObject): KObject;
}
const readViews: Record<string, ReadView> = Object.create(null);
export function setReadView(resource: string, v: ReadView): void {
  readViews[resource] = v;
}
/** Whether reads of `resource` change with time alone (an answer cached at one instant is not the next one's). */
export function hasReadView(resource: string): boolean {
  return resource in readViews;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class Cluster {
  readonly rng: Rng;
  private listeners: ChangeListener[] = [];
  /** resource -> controller uid -> keys of the objects it controls */
  private ownerIndex = new Map<string, Map<string, Set<string>>>();
  /** those keys sorted, per key set, until the set changes (a ReplicaSet's sync lists its pods each time) */
  private sortedOwned = new WeakMap<Set<string>, string[]>();
  /** resource -> its bucket's keys, sorted (see list) */
  private sortedKeys = new Map<string, { bucket: Record<string, KObject>; keys: string[] }>();
  /** set when anything changed since load, so read-only commands need not write the file */
  dirty = false;

  constructor(readonly state: ClusterState) {
    this.rng = new Rng(state.rng);
  }

  /** virtual now (epoch ms) */
  now(): number {
    return this.state.clock.now;
  }

  nowRFC3339(): string {
    return rfc3339(this.state.clock.now);
  }

  onChange(fn: ChangeListener): void {
    this.listeners.push(fn);
  }

  private emit(resource: string, type: ChangeType, obj: KObject, old?: KObject): void {
    this.dirty = true;
    for (const l of this.listeners) l(resource, type, obj, old);
  }

  private bucket(resource: string): Record<string, KObject> {
    let b = this.state.objects[resource];
    if (!b) b = this.state.objects[resource] = {};
    return b;
  }

  /** pods stored (counted once, then kept by create/remove) */
  private podCount: number | undefined;

  /** kubesim's simulation bound: a cluster holds at most maxPods pods, so a runaway scale ends in FailedCreate events. */
  private checkPodBound(name: string): void {
    this.podCount ??= Object.keys(this.bucket('pods')).length;
    const env = Number(process.env.KUBESIM_MAX_PODS);
    const max = Number.isInteger(env) && env >= 0 ? env : this.state.config.maxPods ?? DEFAULT_MAX_PODS;
    if (this.podCount >= max) {
      throw new StatusError(403, 'Forbidden', `pods "${name}" is forbidden: kubesim: the cluster already holds ${max} pods, its limit (KUBESIM_MAX_PODS)`);
    }
  }

  private nextRV(): string {
    this.state.resourceVersion += 1;
    return String(this.state.resourceVersion);
  }

  /** The stored object (as a read sees it now: see ReadView). Treat it as read-only: clone before changing, then update(). */
  get(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    const v = readViews[resource];
    if (v) return this.viewGet(v, resource, namespace, name);
    return this.state.objects[resource]?.[objectKey(namespace, name)];
  }

  private viewGet(v: ReadView, resource: string, namespace: string | undefined, name: string): KObject | undefined {
    if (v.computed) return v.computed(this).find((o) => o.metadata?.name === name && o.metadata?.namespace === namespace);
    const o = this.state.objects[resource]?.[objectKey(namespace, name)];
    return o && v.live ? v.live(this, o) : o;
  }

  /** The object as stored, whatever a read would see (writers compare against it). */
  stored(resource: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.state.objects[resource]?.[objectKey(namespace, name)];
  }

  /** Objects of a resource, in etcd key order (namespace, then name); all namespaces when ns is undefined. */
  list(resource: string, namespace?: string): KObject[] {
    const v = readViews[resource];
    if (v?.computed) return v.computed(this).filter((o) => namespace === undefined || o.metadata?.namespace === namespace);
    const b = this.state.objects[resource];
    if (!b) return [];
    // the sorted keys are kept until create/remove (the only writers of a bucket's keys) drop them
    let sorted = this.sortedKeys.get(resource);
    if (!sorted || sorted.bucket !== b) this.sortedKeys.set(resource, (sorted = { bucket: b, keys: Object.keys(b).sort() }));
    const keys = sorted.keys;
    const out: KObject[] = [];
    const prefix = namespace === undefined ? undefined : namespace + '/';
    const live = v?.live;
    for (const k of keys) if (prefix === undefined || k.startsWith(prefix)) out.push(live ? live(this, b[k]) : b[k]);
    return out;
  }

  /** Objects of `resource` whose controller ownerReference has this uid (an index, like an informer's). */
  listControlledBy(resource: string, ownerUid: string): KObject[] {
    const keys = this.ownerIndexOf(resource).get(ownerUid);
    if (!keys) return [];
    let sorted = this.sortedOwned.get(keys);
    if (!sorted) this.sortedOwned.set(keys, (sorted = [...keys].sort()));
    const b = this.state.objects[resource] || {};
    return sorted.map((k) => b[k]).filter(Boolean);
  }

  /** Built per resource on first use, so a command reads only the sections it needs (src/store/sections.ts). */
  private ownerIndexOf(resource: string): Map<string, Set<string>> {
    let byRes = this.ownerIndex.get(resource);
    if (!byRes) {
      this.ownerIndex.set(resource, (byRes = new Map()));
      for (const [k, o] of Object.entries(this.state.objects[resource] || {})) this.indexOwner(resource, k, o, true);
    }
    return byRes;
  }

  private indexOwner(resource: string, key: string, obj: KObject | undefined, add: boolean): void {
    const byRes = this.ownerIndex.get(resource);
    if (!byRes || !obj) return;
    const ref = obj.metadata?.ownerReferences?.find((r) => r.controller);
    if (!ref) return;
    let set = byRes.get(ref.uid);
    if (!set) byRes.set(ref.uid, (set = new Set()));
    if (add ? !set.has(key) : set.has(key)) this.sortedOwned.delete(set);
    if (add) set.add(key);
    else set.delete(key);
  }

  private notFound(resource: string, name: string): StatusError {
    return new StatusError(404, 'NotFound', `${qualifiedResource(resourceByName(resource))} "${name}" not found`);
  }

  /** rest.BeforeCreate's name generation: SimpleNameGenerator, base truncated to 58 chars + 5 random characters. */
  generateName(resource: string, md: { name?: string; generateName?: string; namespace?: string }): void {
    if (md.name || !md.generateName) return;
    do md.name = md.generateName.slice(0, 58) + this.rng.string(5);
    while (this.get(resource, md.namespace, md.name));
  }

  /**
   * Create: assigns uid, resourceVersion, creationTimestamp (and generation), resolves generateName.
   * The object must already be defaulted and validated (the registry may have given it its uid). Throws AlreadyExists.
   * `owned`: the caller hands the object over (plain JSON data it built for this and keeps no reference into), so it
   * is stored as it is rather than copied (the event recorder's thousands of events).
   */
  create(resource: string, input: KObject, opts: { uid?: string; writer?: WriteContext; owned?: boolean } = {}): KObject {
    const info = resourceByName(resource);
    const obj = opts.owned ? input : clone(input);
    if (!opts.writer?.keepManagedFields) fieldManagerHook?.(resource, undefined, obj, opts.writer, false, this.nowRFC3339());
    const md = (obj.metadata = obj.metadata || {});
    this.generateName(resource, md);
    if (!info.namespaced) delete md.namespace;
    const key = objectKey(md.namespace, md.name!);
    const b = this.bucket(resource);
    if (resource === 'pods') this.checkPodBound(md.name!);
    if (b[key]) {
      // the generic store's Create: an object that is still being deleted says so
      const going = b[key].metadata?.deletionTimestamp ? 'object is being deleted: ' : '';
      throw new StatusError(409, 'AlreadyExists', `${going}${qualifiedResource(info)} "${md.name}" already exists`);
    }
    md.uid = opts.uid ?? this.rng.uuid();
    md.resourceVersion = this.nextRV();
    md.creationTimestamp = this.nowRFC3339();
    if (info.generation) md.generation = 1;
    delete md.deletionTimestamp;
    b[key] = obj;
    if (resource === 'pods' && this.podCount !== undefined) this.podCount++;
    this.sortedKeys.delete(resource);
    this.indexOwner(resource, key, obj, true);
    this.emit(resource, 'ADDED', obj);
    return obj;
  }

  /**
   * Update the whole object (spec and metadata; status is kept from the stored object unless
   * `opts.status`). Bumps resourceVersion when anything changed; bumps generation on spec (or, for
   * Deployments, annotation) changes as the registry strategies do. Returns the stored object.
   */
  update(resource: string, input: KObject, opts: { status?: boolean; writer?: WriteContext } = {}): KObject {
    const md0 = input.metadata || {};
    const key = objectKey(md0.namespace, md0.name!);
    const b = this.bucket(resource);
    const old = b[key];
    if (!old) throw this.notFound(resource, md0.name!);
    // Stored objects are never changed in place (get() hands them out read-only), so the new version
    // may share with the old one whatever the input took from it unchanged (`{ ...stored, status }`);
    // everything else is copied, so the caller keeps no reference into the store. Metadata is always
    // a fresh object because it is written below.
    const obj = input === old ? { ...old } : jsonCloneSharing(input, old);
    if (obj.metadata === old.metadata) obj.metadata = { ...old.metadata };
    const md = obj.metadata!;
    // fields the client cannot change
    md.uid = old.metadata!.uid;
    md.creationTimestamp = old.metadata!.creationTimestamp;
    md.resourceVersion = old.metadata!.resourceVersion;
    if (old.metadata!.generation !== undefined) md.generation = old.metadata!.generation;
    if (old.metadata!.deletionTimestamp && !md.deletionTimestamp) md.deletionTimestamp = old.metadata!.deletionTimestamp;
    if (opts.status) {
      // status subresource: spec and labels stay as stored (annotations may change, see deployment strategy)
      if ('spec' in old) obj.spec = old.spec;
      else delete obj.spec;
      md.labels = old.metadata!.labels;
      if (md.labels === undefined) delete md.labels;
    } else if ('status' in old && resourceByName(resource).statusSubresource !== false) {
      // (a custom resource without the status subresource writes its status through the main resource)
      obj.status = old.status;
    }
    if (!opts.writer?.keepManagedFields) fieldManagerHook?.(resource, old, obj, opts.writer, !!opts.status, this.nowRFC3339());
    if (jsonEqual(obj, old)) return old;
    // the generic store's shouldDeleteDuringUpdate: removing the last finalizer of an object being deleted
    // (and past any grace period) deletes it
    if (old.metadata!.deletionTimestamp && (old.metadata!.finalizers ?? []).length && !(md.finalizers ?? []).length &&
        !((old.metadata!.deletionGracePeriodSeconds ?? 0) > 0)) {
      this.remove(resource, md.namespace, md.name!);
      return obj;
    }
    const info = resourceByName(resource);
    if (info.generation && !opts.status) {
      // a custom resource's generation follows every change but metadata's (customresource strategy.go)
      const specChanged = info.crd ? !jsonEqual({ ...obj, metadata: undefined }, { ...old, metadata: undefined }) : !jsonEqual(obj.spec, old.spec);
      const annChanged = resource === 'deployments' && !jsonEqual(md.annotations || {}, old.metadata!.annotations || {});
      if (specChanged || annChanged) md.generation = (old.metadata!.generation || 0) + 1;
    }
    md.resourceVersion = this.nextRV();
    const reindex = old.metadata!.ownerReferences !== md.ownerReferences;
    if (reindex) this.indexOwner(resource, key, old, false);
    b[key] = obj;
    if (reindex) this.indexOwner(resource, key, obj, true);
    this.emit(resource, 'MODIFIED', obj, old);
    return obj;
  }

  /** Status subresource update. */
  updateStatus(resource: string, input: KObject, writer?: WriteContext): KObject {
    return this.update(resource, input, { status: true, writer });
  }

  /** Remove an object from storage at once (graceful pod deletion sets deletionTimestamp first, elsewhere). */
  remove(resource: string, namespace: string | undefined, name: string): KObject {
    const key = objectKey(namespace, name);
    const b = this.bucket(resource);
    const old = b[key];
    if (!old) throw this.notFound(resource, name);
    delete b[key];
    if (resource === 'pods' && this.podCount !== undefined) this.podCount--;
    this.sortedKeys.delete(resource);
    this.indexOwner(resource, key, old, false);
    this.emit(resource, 'DELETED', old);
    return old;
  }

  // ---- timers (the discrete-event queue; src/sim/loop.ts fires them)

  /** Schedule `kind` for `key` at virtual time `at`. Replaces an existing timer of the same kind+key when `replace`. */
  schedule(at: number, kind: string, key: string, data?: any, replace = true): void {
    const timers = this.state.timers;
    if (replace) {
      const i = timers.findIndex((t) => t.kind === kind && t.key === key);
      if (i >= 0) timers.splice(i, 1);
    }
    const t: Timer = { at, kind, key, data, seq: ++this.state.timerSeq };
    // keep sorted by (at, seq): binary search for the insertion point
    let lo = 0;
    let hi = timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (timers[mid].at <= at) lo = mid + 1;
      else hi = mid;
    }
    timers.splice(lo, 0, t);
    this.dirty = true;
  }

  cancel(kind: string, key: string): void {
    const timers = this.state.timers;
    const i = timers.findIndex((t) => t.kind === kind && t.key === key);
    if (i >= 0) { timers.splice(i, 1); this.dirty = true; }
  }

  nextTimer(): Timer | undefined {
    return this.state.timers[0];
  }

  popTimer(): Timer | undefined {
    this.dirty = true;
    return this.state.timers.shift();
  }

  /** Private bookkeeping area of one controller, persisted with the state. */
  controllerState<T extends object>(name: string, init: () => T): T {
    let s = this.state.controllers[name];
    if (!s) s = this.state.controllers[name] = init();
    return s as T;
  }

  /** Move virtual time (only src/sim/loop.ts calls this). */
  setNow(ms: number): void {
    if (ms !== this.state.clock.now) this.dirty = true;
    this.state.clock.now = ms;
  }
}
