// metadata.managedFields <-> the managers' field sets, keyed by manager identity as the API server keys them
// (BuildManagerIdentifier: manager, operation, apiVersion for updaters, subresource; never the time).
import { FieldSet, fromFieldsV1, toFieldsV1 } from './fieldset.js';

export type Operation = 'Apply' | 'Update';

export interface Managed {
  manager: string;
  operation: Operation;
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
  /** the stored entry this was decoded from, when writing it back unchanged may give that very object (see reusable) */
  from?: Record<string, unknown>;
}

/** manager -> operation -> apiVersion -> subresource -> identity: the same few writers over and over */
const identities = new Map<string, Map<string, Map<string, Map<string, string>>>>();
let identityCount = 0;
const idText = (m: { manager: string; operation: Operation }, api: string, sub: string) => JSON.stringify([m.manager, m.operation, api, sub]);

export function identity(m: { manager: string; operation: Operation; apiVersion: string; subresource?: string }): string {
  const api = m.operation === 'Apply' ? '' : m.apiVersion;
  const sub = m.subresource ?? '';
  if (typeof m.manager !== 'string' || typeof m.operation !== 'string' || typeof api !== 'string' || typeof sub !== 'string') return idText(m, api, sub);
  let byOp = identities.get(m.manager);
  if (!byOp) {
    if (identityCount >= 1024) { identities.clear(); identityCount = 0; }
    identities.set(m.manager, (byOp = new Map()));
  }
  let byApi = byOp.get(m.operation);
  if (!byApi) byOp.set(m.operation, (byApi = new Map()));
  let bySub = byApi.get(api);
  if (!bySub) byApi.set(api, (bySub = new Map()));
  let id = bySub.get(sub);
  if (id === undefined) {
    bySub.set(sub, (id = idText(m, api, sub)));
    identityCount++;
  }
  return id;
}

/**
 * Field sets are never changed in place once made (every operation returns a new set), and neither are stored
 * objects: so a fieldsV1 value this process encoded decodes to the set it came from, and a set encodes once. Most
 * writes change one manager's entry (a controller's status, the kubelet's), the others go through unchanged.
 */
const decoded = new WeakMap<object, FieldSet>();
const encoded = new WeakMap<FieldSet, Record<string, unknown>>();

/**
 * Values read from the state file are separate objects even when equal (every pod of a template has its own copy of
 * the controller's fields): equal ones decode to one set, so that what was computed for one set (update.ts's
 * outcomes) serves them all.
 */
const byText = new Map<string, FieldSet>();

function decodeSet(v: unknown): FieldSet {
  if (!v || typeof v !== 'object') return fromFieldsV1(v);
  let s = decoded.get(v);
  if (!s) {
    const text = JSON.stringify(v);
    s = byText.get(text);
    if (!s) {
      s = fromFieldsV1(v);
      if (byText.size >= 1024) byText.clear();
      byText.set(text, s);
    }
    decoded.set(v, s);
  }
  return s;
}

/** Equal FieldsV1 values are one shared object (toFieldsV1 finds it). */
function encodeSet(s: FieldSet): Record<string, unknown> {
  let v = encoded.get(s);
  if (!v) {
    v = toFieldsV1(s);
    encoded.set(s, v);
    if (!decoded.has(v)) decoded.set(v, s);
  }
  return v;
}

/**
 * Stored entries decoded once each (entries are never changed in place), with their identity; whether the entry is
 * exactly what encodeManagedFields makes of it, so that an unchanged manager is written back as the same object.
 */
const decodedEntries = new WeakMap<object, { id: string; m: Managed; reusable: boolean }>();

function decodeEntry(e: any): { id: string; m: Managed; reusable: boolean } {
  let d = decodedEntries.get(e);
  if (!d) {
    const m: Managed = { manager: e.manager ?? '', operation: e.operation === 'Apply' ? 'Apply' : 'Update', apiVersion: e.apiVersion ?? '', set: decodeSet(e.fieldsV1) };
    if (e.time) m.time = e.time;
    if (e.subresource) m.subresource = e.subresource;
    const want = ['manager', 'operation', 'apiVersion', ...(m.time ? ['time'] : []), 'fieldsType', 'fieldsV1', ...(m.subresource ? ['subresource'] : [])];
    const keys = Object.keys(e);
    const reusable = keys.length === want.length && keys.every((k, i) => k === want[i]) && e.manager === m.manager && e.operation === m.operation
      && e.apiVersion === m.apiVersion && e.fieldsType === 'FieldsV1' && !m.set.empty() && e.fieldsV1 === encodeSet(m.set);
    decodedEntries.set(e, (d = { id: identity(m), m, reusable }));
  }
  return d;
}

export function decodeManagedFields(entries: unknown): Map<string, Managed> {
  const out = new Map<string, Managed>();
  if (!Array.isArray(entries)) return out;
  for (const e of entries) {
    if (!e || typeof e !== 'object') continue;
    const d = decodeEntry(e);
    // a copy: the caller changes its managers' sets
    const m = { ...d.m };
    if (d.reusable) m.from = e;
    out.set(d.id, m);
  }
  return out;
}

const secondsCache = new Map<string, number>();
const seconds = (t?: string) => {
  if (!t) return 0;
  let n = secondsCache.get(t);
  if (n === undefined) {
    if (secondsCache.size >= 1024) secondsCache.clear();
    secondsCache.set(t, (n = Math.floor(Date.parse(t) / 1000)));
  }
  return n;
};

/** sortEncodedManagedFields: appliers first, then by time (none first), manager, apiVersion, subresource. */
export function encodeManagedFields(managers: Map<string, Managed>): Record<string, unknown>[] {
  const list = [...managers.values()].filter((m) => !m.set.empty());
  list.sort((p, q) => {
    if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1;
    if (seconds(p.time) !== seconds(q.time)) return seconds(p.time) - seconds(q.time);
    if (p.manager !== q.manager) return p.manager < q.manager ? -1 : 1;
    if (p.apiVersion !== q.apiVersion) return p.apiVersion < q.apiVersion ? -1 : 1;
    return (p.subresource ?? '') < (q.subresource ?? '') ? -1 : (p.subresource ?? '') > (q.subresource ?? '') ? 1 : 0;
  });
  return list.map((m) => {
    // an entry that comes back as it was stored (its set unchanged) is the stored object
    if (m.from && decodedEntries.get(m.from)?.m.set === m.set && m.time === m.from.time) return m.from;
    const e: Record<string, unknown> = { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion };
    if (m.time) e.time = m.time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = encodeSet(m.set);
    if (m.subresource) e.subresource = m.subresource;
    // what decodeEntry would make of it, known already: the next write of this object decodes it for nothing
    const d: Managed = { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion, set: m.set };
    if (m.time) d.time = m.time;
    if (m.subresource) d.subresource = m.subresource;
    decodedEntries.set(e, { id: identity(d), m: d, reusable: true });
    return e;
  });
}

/** printManager: how a conflict names the other manager. */
export function printManager(m: Managed): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource) s += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update') s += ` using ${m.apiVersion}`;
  return s;
}
