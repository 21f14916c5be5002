// Path elements that name one object only (a pod's IPs as podIPs list keys): the kubelet's status writes of two pods
// differ in them and nowhere else. update.ts's memo of outcomes sees through them: it keys a write with placeholders in
// their place (compare.ts's compareKeyed) and keeps outcome sets in that abstract form, to be instantiated with the next pod's own elements.
import { FieldSet, comparePE, rememberFieldsV1, toFieldsV1 } from './fieldset.js';
import { hasOwn } from '../../store/json.js';

/** The i-th placeholder: never a real element (a list key is a JSON object, this is an array), yet it sorts as one. */
export const placeholder = (i: number): string => `k:[${i}]`;

/**
 * `s` with each element from[i] (as a member or a child key, at any depth) named to[i]; `s` itself when none occurs.
 * `within`: whether a child set can hold any of them at all (else it is kept as it is, unvisited).
 */
export function substitute(s: FieldSet, from: string[], to: string[], within?: (c: FieldSet) => boolean): FieldSet {
  let members: Set<string> | undefined;
  for (let i = 0; i < from.length; i++) {
    if (!s.members.has(from[i])) continue;
    members ??= new Set(s.members);
    members.delete(from[i]);
    members.add(to[i]);
  }
  let children: Map<string, FieldSet> | undefined;
  for (const [k, c] of s.children) {
    const j = from.indexOf(k);
    const sub = (c.children.size || c.members.size) && (!within || within(c)) ? substitute(c, from, to, within) : c;
    if (j < 0 && sub === c) continue;
    children ??= new Map(s.children);
    if (j >= 0) {
      children.delete(k);
      children.set(to[j], sub);
    } else children.set(k, sub);
  }
  return members || children ? new FieldSet(members ?? s.members, children ?? s.children) : s;
}

/** Concrete sets this process made or saw, by their abstract twin under one `vary` (joined by NUL). */
const twins = new WeakMap<FieldSet, { vary: string; abs: FieldSet }>();

/** One abstract set per content, by its FieldsV1 value (equal sets encode to one shared value: fieldset.ts). */
const byValue = new WeakMap<object, FieldSet>();

/**
 * The abstract twin of a concrete set under `vary` (the same object when none of its elements occurs). Equal twins are
 * one object, so that two pods read from the state file key the memo alike.
 */
export function abstractSet(s: FieldSet, vary: string[], varyKey: string, holes: string[]): FieldSet {
  const t = twins.get(s);
  if (t && t.vary === varyKey) return t.abs;
  let abs = substitute(s, vary, holes);
  if (abs !== s) {
    const v = toFieldsV1(abs);
    const same = byValue.get(v);
    if (same) abs = same;
    else byValue.set(v, abs);
  }
  twins.set(s, { vary: varyKey, abs });
  return abs;
}

const isHole = (pe: string) => pe.charCodeAt(0) === 107 /* k */ && pe.charCodeAt(2) === 91; /* [ */
/** abstract set -> whether a placeholder occurs in it (abstract sets are shared by every pod of their shape) */
const holed = new WeakMap<FieldSet, boolean>();
function hasHole(s: FieldSet): boolean {
  let v = holed.get(s);
  if (v === undefined) {
    v = false;
    for (const m of s.members) if (isHole(m)) { v = true; break; }
    if (!v) for (const [k, c] of s.children) if (isHole(k) || hasHole(c)) { v = true; break; }
    holed.set(s, v);
  }
  return v;
}

/** The concrete set of an abstract one for this object's `vary`, remembered as its twin, with its FieldsV1 made ready. */
export function instantiate(abs: FieldSet, vary: string[], varyKey: string, holes: string[]): FieldSet {
  const s = substitute(abs, holes, vary, hasHole);
  if (s !== abs) {
    twins.set(s, { vary: varyKey, abs });
    const v = renamedEncoding(abs, toFieldsV1(abs), holes, vary);
    if (v) rememberFieldsV1(s, v);
  }
  return s;
}

/**
 * toFieldsV1 of substitute(abs, from, to), made from `enc` (abs's own FieldsV1, or a level of it) by renaming keys:
 * only the levels a placeholder lies under are new objects, the rest is abs's shared encoding (each pod's kubelet set
 * is its template's with the pod's own IPs, and would otherwise be encoded afresh at every status write). Undefined
 * when a renamed level's keys no longer sort as toFieldsV1 sorts them, or two become one: then the set is encoded as usual.
 */
function renamedEncoding(abs: FieldSet, enc: Record<string, unknown>, from: string[], to: string[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let renamed = false;
  for (const k of Object.keys(enc)) {
    let v = enc[k];
    const c = k === '.' ? undefined : abs.children.get(k);
    if (c && hasHole(c)) {
      const sub = renamedEncoding(c, v as Record<string, unknown>, from, to);
      if (!sub) return undefined;
      v = sub;
    }
    const j = from.indexOf(k);
    const name = j >= 0 ? to[j] : k;
    if (hasOwn(out, name)) return undefined;
    renamed ||= j >= 0;
    out[name] = v;
  }
  if (renamed) {
    let prev: string | undefined;
    for (const k of Object.keys(out)) {
      if (k === '.') continue;
      if (prev !== undefined && !(comparePE(prev, k) < 0)) return undefined;
      prev = k;
    }
  }
  return out;
}
