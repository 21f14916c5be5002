// Deep copy and equality with JSON's semantics, without the round trip through text: the store copies
// every object it is handed and compares it with the stored one, and JSON.parse(JSON.stringify(x))
// was most of a large rollout's CPU time. Results are exactly what the round trip would give.

/** Plain objects and arrays are walked here; anything else (Date, toJSON, class instances) is left to JSON itself. */
function plainProto(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

function slowClone(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v));
}

/** What JSON.stringify then JSON.parse make of an array element or property value (undefined = omitted). */
function cloneValue(x: unknown, inArray: boolean): unknown {
  switch (typeof x) {
    case 'string':
    case 'boolean':
      return x;
    case 'number':
      // NaN and ±Infinity become null; -0 prints as 0
      return Number.isFinite(x) ? (x === 0 ? 0 : x) : null;
    case 'object':
      return x === null ? null : cloneObject(x);
    case 'undefined':
    case 'function':
    case 'symbol':
      return inArray ? null : undefined;
    default:
      return slowClone(x); // bigint: JSON.stringify throws, and so do we
  }
}

function cloneObject(v: object): unknown {
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype || 'toJSON' in v) return slowClone(v);
    const n = v.length;
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = cloneValue(v[i], true);
    return out;
  }
  if (!plainProto(v) || typeof (v as any).toJSON === 'function') return slowClone(v);
  const out: Record<string, unknown> = {};
  // (for-in: a plain object's prototype holds nothing enumerable, and no array of keys is made per object)
  for (const k in v) {
    const x = cloneValue((v as any)[k], false);
    if (x === undefined) continue;
    // JSON.parse makes "__proto__" an own property; assignment would set the prototype instead
    if (k === '__proto__') Object.defineProperty(out, k, { value: x, writable: true, enumerable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}

/** JSON.parse(JSON.stringify(o)), faster. */
export function jsonClone<T>(o: T): T {
  if (typeof o !== 'object' || o === null) return slowClone(o) as T;
  return cloneObject(o) as T;
}

/** An own property (not one of the prototype's: JSON.parse makes "__proto__" an own one). */
export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * jsonClone(o), except that where `o` holds the very object (same reference) that `prev` holds at the
 * same path, that object is shared instead of copied. `prev` must be plain JSON data that nobody
 * changes in place (a stored object), so sharing gives the same value the copy would.
 */
export function jsonCloneSharing<T>(o: T, prev: unknown): T {
  return cloneShared(o, prev, false) as T;
}

function cloneShared(x: unknown, prev: unknown, inArray: boolean): unknown {
  if (typeof x !== 'object' || x === null) return cloneValue(x, inArray);
  if (x === prev) return x;
  if (typeof prev !== 'object' || prev === null || !walkable(x)) return cloneValue(x, inArray);
  if (Array.isArray(x)) {
    const p = Array.isArray(prev) ? prev : [];
    const n = x.length;
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = cloneShared(x[i], p[i], true);
    return out;
  }
  const p = Array.isArray(prev) ? {} : (prev as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const k in x) {
    const y = cloneShared((x as any)[k], hasOwn(p, k) ? p[k] : undefined, false);
    if (y === undefined) continue;
    if (k === '__proto__') Object.defineProperty(out, k, { value: y, writable: true, enumerable: true, configurable: true });
    else out[k] = y;
  }
  return out;
}

const UNSURE = 2;

/** A plain object or array: what this module walks itself. */
function walkable(v: object): boolean {
  if (Array.isArray(v)) return Object.getPrototypeOf(v) === Array.prototype;
  return plainProto(v) && typeof (v as any).toJSON !== 'function';
}

/** Whether the value prints as itself (no undefined, function, symbol, bigint, non-finite number, odd object). */
function printsPlainly(x: unknown): boolean {
  switch (typeof x) {
    case 'string': case 'boolean': return true;
    case 'number': return Number.isFinite(x);
    case 'object': return x === null || walkable(x);
    default: return false;
  }
}

/** 1 equal, 0 different, UNSURE when a value is not plain JSON data (then the caller compares text). */
function eq(a: unknown, b: unknown): number {
  if (!printsPlainly(a) || !printsPlainly(b)) return UNSURE;
  if (a === b) return 1;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return 0;
  const aa = Array.isArray(a);
  if (aa !== Array.isArray(b)) return 0;
  if (aa) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return 0;
    for (let i = 0; i < x.length; i++) {
      const e = eq(x[i], y[i]);
      if (e !== 1) return e;
    }
    return 1;
  }
  // key order matters, as it does in the text
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) {
    // different keys print differently, unless some value is one JSON leaves out
    return ka.every((k) => printsPlainly((a as any)[k])) && kb.every((k) => printsPlainly((b as any)[k])) ? 0 : UNSURE;
  }
  for (let i = 0; i < ka.length; i++) {
    const e = eq((a as any)[ka[i]], (b as any)[ka[i]]);
    if (e !== 1) return e;
  }
  return 1;
}

/** JSON.stringify(a) === JSON.stringify(b), faster for plain JSON data (the store's objects). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const r = eq(a, b);
  return r === UNSURE ? JSON.stringify(a) === JSON.stringify(b) : r === 1;
}
