// typed.Compare and typed.ToFieldSet of structured-merge-diff over plain objects: which paths an update added,
// modified and removed, and which paths an applied configuration sets.
import { FieldSet, numberOf } from './fieldset.js';
import { fieldCtx, inZero, itemCtx, keyElement, storedKeyElement, rootCtx, shapeOf, type Ctx } from './schema.js';
import { hasOwn, jsonEqual } from '../../store/json.js';
import { placeholder } from './vary.js';

export interface Comparison { added: FieldSet; modified: FieldSet; removed: FieldSet }

/** Where walk() puts the paths it finds: the three field sets, or a ComparisonLog. */
interface PathSink { insert(path: string[]): void }
interface Sinks { added: PathSink; modified: PathSink; removed: PathSink }

const isObj = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Children of a map/keyed/set node by path element, with their contexts. */
function children(ctx: Ctx, v: unknown, shape: ReturnType<typeof shapeOf>, stored = true): Map<string, { v: unknown; ctx: Ctx }> {
  const out = new Map<string, { v: unknown; ctx: Ctx }>();
  if (shape.t === 'map' && isObj(v)) for (const [k, c] of Object.entries(v)) out.set('f:' + k, { v: c, ctx: fieldCtx(ctx, k) });
  else if (shape.t === 'keyed' && Array.isArray(v)) for (const it of v) out.set(stored ? storedKeyElement(it, shape.keys) : keyElement(it, shape.keys), { v: it, ctx: itemCtx(ctx) });
  else if (shape.t === 'set' && Array.isArray(v)) for (const it of v) out.set('v:' + JSON.stringify(it), { v: it, ctx: itemCtx(ctx) });
  return out;
}

/** One field of a map node (a function rather than a closure per node: comparisons walk many of them). */
function visitField(f: string, inL: boolean, inR: boolean, lo: Record<string, any> | undefined, ro: Record<string, any> | undefined, lHas: boolean, rHas: boolean, ctx: Ctx, path: string[], out: Sinks, ignore?: FieldSet): void {
  const fc = fieldCtx(ctx, f);
  const k = (fc.pe ??= 'f:' + f);
  if (ignore?.members.has(k)) return;
  // a field the zero struct holds is there on both sides (as null or {}) whenever its parent is
  const zero = (!inL && lHas) || (!inR && rHas) ? (fc.inZero ??= inZero(ctx, f)) : false;
  const la = inL || (lHas && zero);
  const rb = inR || (rHas && zero);
  path.push(k);
  walk(inL ? lo![f] : undefined, inR ? ro![f] : undefined, la, rb, fc, path, out, ignore?.children.get(k));
  path.pop();
}

/**
 * `ignore`: paths whose members (and everything below them) the caller drops from the result anyway (the strategy's
 * reset fields), so they are not walked at all.
 */
function walk(l: unknown, r: unknown, lHas: boolean, rHas: boolean, ctx: Ctx, path: string[], out: Sinks, ignore?: FieldSet): void {
  if (!lHas && !rHas) return;
  // the same value on both sides (the store shares what an update left unchanged) adds, modifies and removes nothing
  if (lHas && rHas && l === r) return;
  const shape = shapeOf(ctx, rHas && r !== undefined && r !== null ? r : l);
  if (shape.t === 'leaf') {
    if (lHas && rHas) { if (!jsonEqual(l ?? null, r ?? null)) out.modified.insert(path); }
    else if (rHas) out.added.insert(path);
    else out.removed.insert(path);
    return;
  }
  if (shape.t === 'map') {
    // fields walked in place (no child maps, one path array pushed and popped): most of a write's comparison
    const lo = lHas && isObj(l) ? l : undefined;
    const ro = rHas && isObj(r) ? r : undefined;
    // (for-in over plain data, whose prototypes hold nothing enumerable: no array of keys made per node)
    if (lo) for (const f in lo) visitField(f, true, !!ro && hasOwn(ro, f), lo, ro, lHas, rHas, ctx, path, out, ignore);
    if (ro) for (const f in ro) if (!lo || !hasOwn(lo, f)) visitField(f, false, true, lo, ro, lHas, rHas, ctx, path, out, ignore);
  } else {
    const lc = lHas ? children(ctx, l, shape) : new Map();
    const rc = rHas ? children(ctx, r, shape) : new Map();
    const keys = new Set([...lc.keys(), ...rc.keys()]);
    for (const k of keys) {
      if (ignore?.members.has(k)) continue;
      const a = lc.get(k);
      const b = rc.get(k);
      path.push(k);
      walk(a?.v, b?.v, !!a, !!b, (b ?? a)!.ctx, path, out, ignore?.children.get(k));
      path.pop();
    }
  }
  if (path.length) {
    if (!lHas && rHas) out.added.insert(path);
    else if (lHas && !rHas) out.removed.insert(path);
  }
}

/**
 * Compare two versions of an object (undefined `live`: the zero object of the kind, as on create), leaving out what is
 * at or below a member of `ignore` (the same as a recursiveDifference of each set with it, without the walk).
 */
export function compare(live: unknown, next: unknown, kind: string, ignore?: FieldSet): Comparison {
  const out: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walk(live ?? {}, next, true, true, rootCtx(kind), [], out, ignore);
  return out;
}

/**
 * Paths interned as nodes of one trie, each with a number: a comparison is keyed by the numbers of the paths it finds
 * rather than by their text. Numbers are never reused (a full trie is dropped for a fresh one whose numbers go on from
 * the last), so a key made before the drop cannot equal one made after it.
 */
interface PathNode { id: number; pe: string; parent: PathNode | undefined; next: Map<string, PathNode> | undefined }
const MAX_PATHS = 1 << 20;
let lastPathId = 0;
let trie: PathNode = { id: 0, pe: '', parent: undefined, next: undefined };

function pathNode(path: string[], vary?: string[]): PathNode {
  if (lastPathId - trie.id >= MAX_PATHS) trie = { id: ++lastPathId, pe: '', parent: undefined, next: undefined };
  let n = trie;
  for (let pe of path) {
    if (vary && pe.charCodeAt(0) === 107 /* k */) {
      const i = vary.indexOf(pe);
      if (i >= 0) pe = placeholder(i);
    }
    let c = n.next?.get(pe);
    if (!c) (n.next ??= new Map()).set(pe, (c = { id: ++lastPathId, pe, parent: n, next: undefined }));
    n = c;
  }
  return n;
}

function pathOf(n: PathNode): string[] {
  const out: string[] = [];
  for (let x: PathNode | undefined = n; x?.parent; x = x.parent) out.push(x.pe);
  return out.reverse();
}

/**
 * What compare() finds, as a key and the comparison itself. The key holds each added (a), modified (m) or removed (r)
 * path in the walk's order, by its number (two UTF-16 units); the same key means the same comparison, so the field
 * manager can key what it computed from a comparison by it (most writes of a cluster are the same few shapes: a pod's
 * creation, a controller's status write, an event). `drop`: added and modified paths at or below one of its members
 * are left out (as a recursiveDifference of those two sets with it). `vary`: path elements the key names by their
 * placeholders instead (vary.ts); the comparison keeps them.
 */
export function compareKeyed(live: unknown, next: unknown, kind: string, ignore?: FieldSet, drop?: FieldSet, vary?: string[]): KeyedComparison {
  // a create without a filter compares against the zero object: what it finds follows from the object's shape alone
  const shape = live === undefined && !drop && !vary?.length ? createShape(next, kind, ignore) : undefined;
  const known = shape !== undefined ? byShape.get(shape) : undefined;
  if (known) return known;
  const log = new ComparisonLog(drop, vary?.length ? vary : undefined);
  walk(live ?? {}, next, true, true, rootCtx(kind), [], log.sinks, ignore);
  const out = { key: log.text, tops: log.tops, comparison: () => log.comparison() };
  if (shape !== undefined) {
    if (byShape.size >= 4096) byShape.clear();
    byShape.set(shape, out);
  }
  return out;
}

export interface KeyedComparison { key: string; tops: Set<string>; comparison: () => Comparison }

const MAX_SHAPE = 4096;
/** Creates' comparisons by shape (see createShape): every event a component records is one of a few shapes. */
const byShape = new Map<string, KeyedComparison>();

/**
 * What a create's walk against the zero object depends on: the kind, the ignored paths, every key at every depth in
 * order, and whether each value is a map, null or another leaf (a leaf is added whatever it holds, unless the zero
 * object holds the field and the value is null). Keys are length-prefixed, so two shapes never share a text.
 * Undefined when the object holds an array (list items are keyed by their values) or anything but plain JSON data.
 */
function createShape(v: unknown, kind: string, ignore?: FieldSet): string | undefined {
  // (compareIgnore's sets are cached: a create's is one object)
  const id = ignore ? numberOf(ignore) : 0;
  const body = shapeText(v, 0);
  // (a big object's shape is not kept: its text would be about as big)
  return body === undefined || body.length > MAX_SHAPE ? undefined : `${kind.length}:${kind}${id}${body}`;
}

function shapeText(v: unknown, depth: number): string | undefined {
  if (!isObj(v) || depth > 16 || Object.getPrototypeOf(v) !== Object.prototype) return undefined;
  let s = '{';
  for (const k in v) {
    const x = v[k];
    s += k.length + ':' + k;
    if (x === null) s += 'n';
    else if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') s += 'v';
    else {
      const sub = shapeText(x, depth + 1);
      if (sub === undefined) return undefined;
      s += sub;
    }
  }
  return s + '}';
}

class ComparisonLog {
  text = '';
  /** the first element of every path found (the top-level fields the comparison touches) */
  tops = new Set<string>();
  /** op, path node, op, path node ... */
  private found: (string | PathNode)[] = [];
  constructor(private drop?: FieldSet, private vary?: string[]) {}

  private dropped(path: string[]): boolean {
    let s = this.drop;
    for (let i = 0; s && i < path.length; i++) {
      if (s.members.has(path[i])) return true;
      s = s.children.get(path[i]);
    }
    return false;
  }

  private sink(op: string): PathSink {
    return {
      insert: (path: string[]) => {
        if (this.drop && op !== 'r' && this.dropped(path)) return;
        const node = pathNode(path);
        const id = this.vary ? pathNode(path, this.vary).id : node.id;
        this.text += op + String.fromCharCode(id & 0xffff, id >>> 16);
        this.tops.add(path[0]);
        this.found.push(op, node);
      },
    };
  }

  readonly sinks: Sinks = { added: this.sink('a'), modified: this.sink('m'), removed: this.sink('r') };

  comparison(): Comparison {
    const out: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
    for (let i = 0; i < this.found.length; i += 2) {
      const op = this.found[i];
      (op === 'a' ? out.added : op === 'm' ? out.modified : out.removed).insert(pathOf(this.found[i + 1] as PathNode));
    }
    return out;
  }
}

/** The set an applied configuration sets: its scalars, atomic values and list items (not its maps themselves). */
export function toFieldSet(obj: unknown, kind: string): FieldSet {
  const s = new FieldSet();
  const visit = (v: unknown, ctx: Ctx, path: string[], isItem: boolean) => {
    const shape = shapeOf(ctx, v);
    if (shape.t === 'leaf') { if (path.length) s.insert(path); return; }
    if (isItem) s.insert(path);
    // (an applied configuration is the client's, not a stored object: its elements are not remembered)
    for (const [k, c] of children(ctx, v, shape, false)) visit(c.v, c.ctx, [...path, k], shape.t !== 'map');
  };
  visit(obj, rootCtx(kind), [], false);
  return s;
}
