// The field manager's Update operation (structured-merge-diff Updater.Update): every write records which manager
// set which fields; fields another manager changed or removed stop being owned by the others.
import type { KObject } from '../../api/types.js';
import { jsonEqual } from '../../store/json.js';
import { FieldSet, numberOf } from './fieldset.js';
import { compare, compareKeyed, type Comparison } from './compare.js';
import { decodeManagedFields, encodeManagedFields, identity, type Managed, type Operation } from './managers.js';
import { abstractSet, instantiate, placeholder } from './vary.js';

export interface WriteInfo {
  manager: string;
  operation?: Operation;
  /** 'status' | 'scale' */
  subresource?: string;
  /** RFC3339 now; omitted for the scale subresource, whose entries carry no time on a v1.32 server */
  time?: string;
}

/** stripMeta: fields no manager owns. */
const STRIP = new FieldSet();
for (const p of [['f:apiVersion'], ['f:kind'], ['f:metadata'], ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds'].map((f) => ['f:metadata', 'f:' + f])]) STRIP.insert(p);

/** The strategy's reset fields: a main-resource write never sets status; a status write sets only status and metadata but labels. */
export function resetFields(subresource: string | undefined, l: KObject | undefined, r: KObject): FieldSet {
  const s = new FieldSet();
  if (subresource === 'status') {
    for (const k of new Set([...Object.keys(l ?? {}), ...Object.keys(r)])) if (k !== 'status' && k !== 'metadata') s.insert(['f:' + k]);
    s.insert(['f:metadata', 'f:labels']);
  } else s.insert(['f:status']);
  return s;
}

/**
 * What a comparison leaves out: the reset fields and metadata.managedFields (the managers are not fields of the object).
 * Cached: a main-resource write always leaves out the same, a status write what its object's top-level fields make.
 */
const ignoredSets = new Map<string, FieldSet>();
function compareIgnore(subresource: string | undefined, l: KObject | undefined, r: KObject): FieldSet {
  let id = subresource === 'status' ? 'status' : '';
  let plain = true;
  if (id) {
    for (const k of Object.keys(l ?? {})) { id += '\0' + k; plain &&= !/[\0\x01]/.test(k); }
    id += '\x01';
    for (const k of Object.keys(r)) { id += '\0' + k; plain &&= !/[\0\x01]/.test(k); }
  }
  let s = plain ? ignoredSets.get(id) : undefined;
  if (!s) {
    s = resetFields(subresource, l, r);
    s.insert(['f:metadata', 'f:managedFields']);
    if (ignoredSets.size >= 256) ignoredSets.clear();
    if (plain) ignoredSets.set(id, s);
  }
  return s;
}

/** The managers an update starts from: the stored ones, unless the client sent others (an empty list resets them). */
export function baseManagers(old: KObject | undefined, obj: KObject): Map<string, Managed> {
  const sent = obj.metadata?.managedFields;
  const stored = old?.metadata?.managedFields;
  return decodeManagedFields(sent !== undefined && !jsonEqual(sent, stored) ? sent : stored);
}

export function compareObjects(old: KObject | undefined, obj: KObject, subresource?: string): Comparison {
  return compare(old, obj, obj.kind ?? '', compareIgnore(subresource, old, obj));
}

/** Updater.update: other managers lose what this write changed (conflicts are forced for updaters) and what it removed. */
export function takeOver(managers: Map<string, Managed>, me: string, c: Comparison): Map<string, FieldSet> {
  const conflicts = new Map<string, FieldSet>();
  const changed = c.modified.union(c.added);
  for (const [id, m] of managers) {
    if (id === me) continue;
    const conflict = m.set.intersection(changed);
    if (!conflict.empty()) conflicts.set(id, conflict);
  }
  return conflicts;
}

export function dropFrom(managers: Map<string, Managed>, me: string, conflicts: Map<string, FieldSet>, removed: FieldSet): void {
  for (const [id, set] of conflicts) managers.get(id)!.set = managers.get(id)!.set.difference(set);
  if (!removed.empty()) for (const [id, m] of managers) if (id !== me) m.set = m.set.difference(removed);
  for (const [id, m] of managers) if (m.set.empty()) managers.delete(id);
}

export function writeManagers(obj: KObject, managers: Map<string, Managed>): void {
  const md = (obj.metadata = obj.metadata || {});
  const list = encodeManagedFields(managers);
  if (list.length) md.managedFields = list as any;
  else delete md.managedFields;
}

/** A filter of the comparison (index.ts's binding filter) and a key naming it: equal keys, equal filters. */
export interface CompareFilter {
  key: string;
  /** added and modified paths at or below a member of this set are dropped (while the comparison is walked) */
  drop?: FieldSet;
  apply?(c: Comparison): Comparison | undefined;
}

/**
 * What an update made of its base managers, by memo key: each base manager's set afterwards (null: gone) in the
 * base's order, and whether the writer's own entry was replaced (with `meSet`, or dropped when null).
 */
interface Outcome { sets: (FieldSet | null)[]; keep: boolean[]; touched: boolean; meSet: FieldSet | null }
const outcomes = new Map<string, Outcome>();

/** No top-level field of `tops` is in the set (as a member or with fields below it). */
function untouched(s: FieldSet, tops: Set<string>): boolean {
  for (const t of tops) if (s.members.has(t) || s.children.has(t)) return false;
  return true;
}

/** Per writer and filter: how often a keyed outcome was looked up and found (see recordUpdate). */
const memoStats = new Map<string, { tries: number; hits: number }>();

/** Sets as the memo of outcomes keys and keeps them: abstract (vary.ts) when the write names elements of its own. */
interface Twins { abs(s: FieldSet): FieldSet; conc(s: FieldSet): FieldSet }
const SAME: Twins = { abs: (s) => s, conc: (s) => s };
function twinsFor(vary: string[]): Twins {
  const key = vary.join('\0');
  const holes = vary.map((_, i) => placeholder(i));
  return { abs: (s) => abstractSet(s, vary, key, holes), conc: (s) => instantiate(s, vary, key, holes) };
}

/**
 * Record an Update by `w.manager` of `old` (undefined: a create) into `obj.metadata.managedFields`. `vary`: path
 * elements of this object alone (a pod's IPs), which the memo of outcomes sees through (vary.ts).
 */
export function recordUpdate(old: KObject | undefined, obj: KObject, w: WriteInfo, filter?: CompareFilter, vary?: string[]): void {
  const managers = baseManagers(old, obj);
  const apiVersion = obj.apiVersion ?? '';
  const me = identity({ manager: w.manager, operation: 'Update', apiVersion, subresource: w.subresource });
  const ignore = compareIgnore(w.subresource, old, obj);
  // The set algebra below depends only on the base managers' sets, the comparison, the filter and the writer: the
  // same inputs (every pod of a template created, every event) reuse its outcome, whose sets are encoded already.
  // The comparison is walked either way; its result is keyed as a string (compareKeyed). Writers whose outcomes do
  // not repeat (the kubelet's status: every pod's set holds its IP) stop paying for the key after a few writes.
  const prefix = `${me}\x02${filter?.key ?? ''}\x02`;
  let stats = memoStats.get(prefix);
  if (!stats) memoStats.set(prefix, (stats = { tries: 0, hits: 0 }));
  if (stats.tries >= 64 && stats.hits * 8 < stats.tries) {
    let c = compare(old, obj, obj.kind ?? '', ignore);
    if (filter?.drop) c = { ...c, added: c.added.recursiveDifference(filter.drop), modified: c.modified.recursiveDifference(filter.drop) };
    updateManagers(managers, me, c, w, apiVersion, filter);
    writeManagers(obj, managers);
    return;
  }
  const cmp = compareKeyed(old, obj, obj.kind ?? '', ignore, filter?.drop, vary);
  const tw = vary?.length ? twinsFor(vary) : SAME;
  let key = prefix;
  // another manager whose fields lie outside the top-level fields this write touches keeps its set whatever it is
  // (the kubelet's status, which holds the pod's IP, under a controller's metadata write): it is keyed as such
  for (const [id, m] of managers) key += `${id}\x03${id !== me && untouched(m.set, cmp.tops) ? '*' : numberOf(tw.abs(m.set))}\x02`;
  key += cmp.key;
  stats.tries++;
  const hit = outcomes.get(key);
  if (hit) {
    stats.hits++;
    writeManagers(obj, applyOutcome(managers, me, hit, w, apiVersion, tw));
    return;
  }
  const ids = [...managers.keys()];
  const keep = [...managers].map(([id, m]) => id !== me && untouched(m.set, cmp.tops));
  const touched = updateManagers(managers, me, cmp.comparison(), w, apiVersion, filter);
  if (outcomes.size >= 4096) outcomes.clear();
  // each base manager's set now (a manager left with nothing is gone from the map; the writer's own entry, when
  // replaced, is the outcome's meSet); an untouched one's is its own
  const setOf = (id: string) => { const m = managers.get(id); return m ? tw.abs(m.set) : null; };
  const sets = ids.map((id, i) => (keep[i] || (touched && id === me) ? null : setOf(id)));
  outcomes.set(key, { sets, keep, touched, meSet: touched ? setOf(me) : null });
  writeManagers(obj, managers);
}

function applyOutcome(managers: Map<string, Managed>, me: string, o: Outcome, w: WriteInfo, apiVersion: string, tw: Twins): Map<string, Managed> {
  const out = new Map<string, Managed>();
  let i = 0;
  for (const [id, m] of managers) {
    const keep = o.keep[i];
    const s = o.sets[i++];
    if (o.touched && id === me) continue;
    // (a kept manager with an empty set is left out when written, as the update would have dropped it)
    if (keep) out.set(id, m);
    else if (s) out.set(id, s === tw.abs(m.set) ? m : { ...m, set: tw.conc(s) });
  }
  if (o.touched && o.meSet) out.set(me, meEntry(w, apiVersion, tw.conc(o.meSet)));
  return out;
}

function meEntry(w: WriteInfo, apiVersion: string, set: FieldSet): Managed {
  const m: Managed = { manager: w.manager, operation: 'Update', apiVersion, set };
  if (w.time) m.time = w.time;
  if (w.subresource) m.subresource = w.subresource;
  return m;
}

/** Updater.Update on the managers map, in place; true when the writer's entry was replaced (or dropped). */
function updateManagers(managers: Map<string, Managed>, me: string, c0: Comparison, w: WriteInfo, apiVersion: string, filter?: CompareFilter): boolean {
  let c = c0;
  if (filter?.apply) {
    const f = filter.apply(c);
    if (!f) return false;
    c = f;
  }
  dropFrom(managers, me, takeOver(managers, me, c), c.removed);
  if (c.added.empty() && c.modified.empty() && c.removed.empty()) return false;
  const prev = managers.get(me);
  let set = (prev?.set ?? new FieldSet()).union(c.modified).union(c.added).difference(c.removed).difference(STRIP);
  // the same fields as before (a controller's next status write): keep the set, whose FieldsV1 is already encoded
  if (prev && set.equals(prev.set)) set = prev.set;
  managers.delete(me);
  if (!set.empty()) managers.set(me, meEntry(w, apiVersion, set));
  return true;
}

export { STRIP };
