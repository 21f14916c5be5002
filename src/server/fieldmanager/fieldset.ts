// A set of field paths as structured-merge-diff's fieldpath.Set holds it: members at this level plus child sets, keyed
// by path elements written as FieldsV1 writes them (`f:name`, `k:{"name":"nginx"}`, `v:"x"`, `i:0`).
//
// Sets are never changed once built (insert() is for building a fresh set), so the operations share what they leave
// unchanged: a child set the result keeps as it is is the same object, and an operation that changes nothing returns
// its receiver. A set's FieldsV1 is then encoded once per distinct subtree (toFieldsV1 caches by set): a status write
// re-encodes the conditions it changed, not the whole status. A set has no empty child sets.
export class FieldSet {
  members: Set<string>;
  children: Map<string, FieldSet>;

  constructor(members?: Set<string>, children?: Map<string, FieldSet>) {
    this.members = members ?? new Set<string>();
    this.children = children ?? new Map<string, FieldSet>();
  }

  child(pe: string): FieldSet {
    let c = this.children.get(pe);
    if (!c) this.children.set(pe, (c = new FieldSet()));
    return c;
  }

  insert(path: string[]): void {
    if (path.length === 0) return;
    let s: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) s = s.child(path[i]);
    s.members.add(path[path.length - 1]);
  }

  has(path: string[]): boolean {
    let s: FieldSet | undefined = this;
    for (let i = 0; i < path.length - 1 && s; i++) s = s.children.get(path[i]);
    return !!s && s.members.has(path[path.length - 1]);
  }

  empty(): boolean {
    if (this.members.size) return false;
    for (const c of this.children.values()) if (!c.empty()) return false;
    return true;
  }

  /** The same members at every level (empty child sets count as absent). */
  equals(o: FieldSet): boolean {
    if (this === o) return true;
    if (this.members.size !== o.members.size) return false;
    for (const m of this.members) if (!o.members.has(m)) return false;
    for (const [k, c] of this.children) {
      const oc = o.children.get(k);
      if (oc ? !c.equals(oc) : !c.empty()) return false;
    }
    for (const [k, oc] of o.children) if (!this.children.has(k) && !oc.empty()) return false;
    return true;
  }

  clone(): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const [k, c] of this.children) out.children.set(k, c.clone());
    return out;
  }

  union(o: FieldSet): FieldSet {
    if (o === this || o.empty()) return this;
    if (this.empty()) return o;
    let members: Set<string> | undefined;
    for (const m of o.members) if (!this.members.has(m)) (members ??= new Set(this.members)).add(m);
    let children: Map<string, FieldSet> | undefined;
    for (const [k, c] of o.children) {
      const mine = this.children.get(k);
      const u = mine ? mine.union(c) : c;
      if (u !== mine) (children ??= new Map(this.children)).set(k, u);
    }
    return members || children ? new FieldSet(members ?? this.members, children ?? this.children) : this;
  }

  /** This set's members that `o` lacks; undefined when that is all of them (the members can be shared). */
  private membersNotIn(o: FieldSet): Set<string> | undefined {
    for (const m of this.members) {
      if (!o.members.has(m)) continue;
      const members = new Set<string>();
      for (const x of this.members) if (!o.members.has(x)) members.add(x);
      return members;
    }
    return undefined;
  }

  /** Paths of this set that are not members of `o` (children of a removed member stay: Set.Difference). */
  difference(o: FieldSet): FieldSet {
    if (o === this) return new FieldSet();
    const members = this.membersNotIn(o);
    let children: Map<string, FieldSet> | undefined;
    for (const [k, c] of this.children) {
      const oc = o.children.get(k);
      if (!oc) continue;
      const d = c.difference(oc);
      if (d === c) continue;
      children ??= new Map(this.children);
      if (d.empty()) children.delete(k);
      else children.set(k, d);
    }
    return members || children ? new FieldSet(members ?? this.members, children ?? this.children) : this;
  }

  /** Paths of this set that are neither members of `o` nor below one of its members (Set.RecursiveDifference). */
  recursiveDifference(o: FieldSet): FieldSet {
    if (o === this) return new FieldSet();
    const members = this.membersNotIn(o);
    let children: Map<string, FieldSet> | undefined;
    for (const [k, c] of this.children) {
      let d: FieldSet | undefined;
      if (o.members.has(k)) d = undefined;
      else {
        const oc = o.children.get(k);
        if (!oc) continue;
        d = c.recursiveDifference(oc);
        if (d === c) continue;
      }
      children ??= new Map(this.children);
      if (!d || d.empty()) children.delete(k);
      else children.set(k, d);
    }
    return members || children ? new FieldSet(members ?? this.members, children ?? this.children) : this;
  }

  intersection(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (o.members.has(m)) out.members.add(m);
    for (const [k, c] of this.children) {
      const oc = o.children.get(k);
      if (!oc) continue;
      const i = c.intersection(oc);
      if (!i.empty()) out.children.set(k, i);
    }
    return out;
  }

  /** Every member path, as Set.Iterate visits them: this level's members in order, then each child's. */
  paths(prefix: string[] = []): string[][] {
    const out: string[][] = [];
    for (const m of [...this.members].sort(comparePE)) out.push([...prefix, m]);
    for (const k of [...this.children.keys()].sort(comparePE)) out.push(...this.children.get(k)!.paths([...prefix, k]));
    return out;
  }
}

/** f, k, v, i in that order (by char code; anything else after them) */
function kindOrder(c: number): number {
  return c === 102 ? 0 : c === 107 ? 1 : c === 118 ? 2 : c === 105 ? 3 : 9;
}

/** PathElement.Compare: field names, then keys, values, indexes; keys and values by their JSON values. */
export function comparePE(a: string, b: string): number {
  const ka = kindOrder(a.charCodeAt(0));
  const kb = kindOrder(b.charCodeAt(0));
  if (ka !== kb) return ka - kb;
  // field names: the same prefix on both sides, so the whole strings order as the names do
  if (a[0] === 'f') return a < b ? -1 : a > b ? 1 : 0;
  const x = a.slice(2);
  const y = b.slice(2);
  if (a[0] === 'i') return Number(x) - Number(y);
  return compareJson(parsedPE(x), parsedPE(y));
}

/** Keys and values of path elements, parsed once (the same few list keys come up in every sort). */
const parsed = new Map<string, unknown>();
function parsedPE(x: string): unknown {
  let v = parsed.get(x);
  if (v === undefined) {
    if (parsed.size > 10000) parsed.clear();
    parsed.set(x, (v = JSON.parse(x)));
  }
  return v;
}

function compareJson(a: any, b: any): number {
  const rank = (v: any) => (v === null ? 0 : typeof v === 'boolean' ? 1 : typeof v === 'number' ? 2 : typeof v === 'string' ? 3 : Array.isArray(v) ? 4 : 5);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'number' || typeof a === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a && typeof a === 'object' && !Array.isArray(a)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
      if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
      const c = compareJson(a[ka[i]], b[kb[i]]);
      if (c) return c;
    }
    return ka.length - kb.length;
  }
  return 0;
}

const fieldsV1Of = new WeakMap<FieldSet, Record<string, unknown>>();

/**
 * Equal FieldsV1 values are one shared object, level by level: every event a controller writes, every pod of a
 * template, owns the same fields (a cluster's tens of thousands of events otherwise hold as many copies), and the
 * kubelet's sets of two pods differ in their IPs only. A value is named by its keys and its children's numbers, so
 * finding the shared one costs a look-up per level rather than a serialisation of the whole value.
 */
const canonical = new Map<string, Record<string, unknown>>();
const numbers = new WeakMap<object, number>();
let lastNumber = 0;
/**
 * A number of its own for an object that is never changed (a set, a shared FieldsV1 value): what the memo keys and
 * canonical names are made of, where the object's content would be long to write out.
 */
export function numberOf(v: object): number {
  let n = numbers.get(v);
  if (n === undefined) numbers.set(v, (n = ++lastNumber));
  return n;
}

/**
 * The FieldsV1 JSON of a set: `{".": {}}` marks a member that also has children. Cached per set (sets are immutable);
 * the value is shared (see canonical), so it must not be changed.
 */
export function toFieldsV1(s: FieldSet): Record<string, unknown> {
  let v = fieldsV1Of.get(s);
  if (!v) fieldsV1Of.set(s, (v = encodeFieldsV1(s)));
  return v;
}

/** `v` is what toFieldsV1 would make of `s` (vary.ts builds it from a twin's encoding); it must not be changed. */
export function rememberFieldsV1(s: FieldSet, v: Record<string, unknown>): void {
  if (!fieldsV1Of.has(s)) fieldsV1Of.set(s, v);
}

/**
 * Sorted in place by comparePE with an insertion sort (Array.prototype.sort allocates, and a level has few keys). When
 * two keys compare equal (or not at all) the order would depend on the algorithm: false, and the caller sorts as before.
 */
function sortPE(a: string[]): boolean {
  if (a.length > 24) return false;
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i - 1;
    for (; j >= 0; j--) {
      const c = comparePE(a[j], x);
      if (c > 0) a[j + 1] = a[j];
      else if (c < 0) break;
      else return false;
    }
    a[j + 1] = x;
  }
  return true;
}

function keysOf(s: FieldSet): string[] {
  const keys = [...s.members];
  for (const k of s.children.keys()) if (!s.members.has(k)) keys.push(k);
  return keys;
}

function encodeFieldsV1(s: FieldSet): Record<string, unknown> {
  let sorted = keysOf(s);
  if (!sortPE(sorted)) sorted = keysOf(s).sort(comparePE);
  let name: string | undefined = '';
  const subs: (Record<string, unknown> | undefined)[] = [];
  for (const k of sorted) {
    const c = s.children.get(k);
    const sub = c && !c.empty() ? toFieldsV1(c) : undefined;
    subs.push(sub);
    // a key holding a separator would make the name ambiguous: such a value is not shared
    // (keys and values are JSON text, which escapes the separators: only field names can hold them)
    if (name !== undefined) name = k.charCodeAt(0) === 102 && (k.includes('\0') || k.includes('\x01')) ? undefined : name + k + '\0' + (s.members.has(k) ? 'm' : '') + (sub ? numberOf(sub) : '') + '\x01';
  }
  const same = name !== undefined ? canonical.get(name) : undefined;
  if (same) return same;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < sorted.length; i++) {
    const k = sorted[i];
    const sub = subs[i];
    out[k] = s.members.has(k) && sub ? { '.': {}, ...sub } : sub ?? {};
  }
  if (name !== undefined) {
    if (canonical.size >= 8192) canonical.clear();
    canonical.set(name, out);
  }
  return out;
}

export function fromFieldsV1(v: unknown): FieldSet {
  return decodeFieldsV1(v, false).s;
}

const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
};

function ordered(a: string, b: string): boolean {
  try { return comparePE(a, b) < 0; } catch { return false; }
}

/**
 * The set of a FieldsV1 value, and whether the value is what toFieldsV1 makes of that set (its keys in order, `{}`
 * leaves, `"."` only first and empty): then it is remembered as the set's encoding, so a set read from the state file
 * and written back unchanged is not encoded again. `marked`: v is a member's value, which may start with `".": {}`.
 */
function decodeFieldsV1(v: unknown, marked: boolean): { s: FieldSet; canon: boolean } {
  const s = new FieldSet();
  if (!v || typeof v !== 'object') return { s, canon: false };
  let canon = isPlain(v);
  let prev: string | undefined;
  let first = true;
  for (const [k, sub] of Object.entries(v as Record<string, unknown>)) {
    if (k === '.') {
      if (!(marked && first && isPlain(sub) && Object.keys(sub).length === 0)) canon = false;
      first = false;
      continue;
    }
    first = false;
    if (canon && prev !== undefined && !ordered(prev, k)) canon = false;
    prev = k;
    const subKeys = sub && typeof sub === 'object' ? Object.keys(sub) : [];
    const member = subKeys.length === 0 || subKeys.includes('.');
    if (member) s.members.add(k);
    const d = decodeFieldsV1(sub, member);
    const c = d.s;
    if (!c.empty()) {
      s.children.set(k, c);
      // a member with children is written `{".": {}, ...}`: then its value is not the child's own encoding
      if (canon) canon = d.canon && (member ? subKeys[0] === '.' : fieldsV1Of.get(c) === sub);
    } else if (canon) canon = isPlain(sub) && subKeys.length === 0;
  }
  if (canon && !marked) fieldsV1Of.set(s, v as Record<string, unknown>);
  return { s, canon };
}

/** fieldpath.Path.String(): `.spec.replicas`, `.spec.containers[name="nginx"].image`, `[=value]`, `[0]`. */
export function pathString(path: string[]): string {
  return path.map((pe) => {
    const body = pe.slice(2);
    switch (pe[0]) {
      case 'f': return '.' + body;
      case 'k': return '[' + Object.entries(JSON.parse(body)).map(([k, v]) => `${k}=${valueString(v)}`).join(',') + ']';
      case 'v': return `[=${valueString(JSON.parse(body))}]`;
      default: return `[${body}]`;
    }
  }).join('');
}

function valueString(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}
