// The field manager's Update operation (structured-merge-diff Updater.Update): every write records which manager
// set which fields; fields another manager changed or removed stop being owned by the others.
import type { KObject } from '../../api/types.js';
import { jsonEqual } from '../../store/json.js';
import { FieldSet } from './fieldset.js';
import { compare, type Comparison } from './compare.js';
import { decodeManagedFields, encodeManagedFields, identity, type Managed, type Operation } from './managers.js';

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

function forCompare(o: KObject | undefined): KObject | undefined {
  if (!o) return o;
  if (!o.metadata?.managedFields) return o;
  const md = { ...o.metadata };
  delete md.managedFields;
  return { ...o, metadata: md };
}

/** The managers an update starts from: the stored ones, unless the client sent others (an empty list resets them). */
export function baseManagers(old: KObject | undefined, obj: KObject): Map<string, Managed> {
  const sent = obj.metadata?.managedFields;
  const stored = old?.metadata?.managedFields;
  return decodeManagedFields(sent !== undefined && !jsonEqual(sent, stored) ? sent : stored);
}

export function compareObjects(old: KObject | undefined, obj: KObject, subresource?: string): Comparison {
  return compare(forCompare(old), forCompare(obj), obj.kind ?? '', resetFields(subresource, old, obj));
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

/** Record an Update by `w.manager` of `old` (undefined: a create) into `obj.metadata.managedFields`. */
export function recordUpdate(old: KObject | undefined, obj: KObject, w: WriteInfo, filter?: (c: Comparison) => Comparison | undefined): void {
  const managers = baseManagers(old, obj);
  let c = compareObjects(old, obj, w.subresource);
  if (filter) {
    const f = filter(c);
    if (!f) { writeManagers(obj, managers); return; }
    c = f;
  }
  const apiVersion = obj.apiVersion ?? '';
  const me = identity({ manager: w.manager, operation: 'Update', apiVersion, subresource: w.subresource });
  dropFrom(managers, me, takeOver(managers, me, c), c.removed);
  if (c.added.empty() && c.modified.empty() && c.removed.empty()) { writeManagers(obj, managers); return; }
  const prev = managers.get(me);
  let set = (prev?.set ?? new FieldSet()).union(c.modified).union(c.added).difference(c.removed).difference(STRIP);
  // the same fields as before (a controller's next status write): keep the set, whose FieldsV1 is already encoded
  if (prev && set.equals(prev.set)) set = prev.set;
  managers.delete(me);
  if (!set.empty()) {
    const m: Managed = { manager: w.manager, operation: 'Update', apiVersion, set };
    if (w.time) m.time = w.time;
    if (w.subresource) m.subresource = w.subresource;
    managers.set(me, m);
  }
  writeManagers(obj, managers);
}

export { STRIP };
