// A small model of Go's reflect.Value for the data kubectl hands to text/template:
// map[string]interface{} decoded from JSON (apimachinery's json.Unmarshal: integers
// become int64, other numbers float64), plus the values template literals and
// functions produce. Types matter because Go's error texts name them
// ("can't evaluate field x in type interface {}", "%!d(string=web)").

export type GoType =
  | { k: 'bool' }
  | { k: 'int' }
  | { k: 'int32' }
  | { k: 'int64' }
  | { k: 'uint8' }
  | { k: 'float64' }
  | { k: 'complex128' }
  | { k: 'string' }
  | { k: 'iface' }
  | { k: 'error' }
  | { k: 'rvalue' }
  | { k: 'map'; key: GoType; elem: GoType }
  | { k: 'slice'; elem: GoType };

export const T = {
  bool: { k: 'bool' } as GoType,
  int: { k: 'int' } as GoType,
  int32: { k: 'int32' } as GoType,
  int64: { k: 'int64' } as GoType,
  uint8: { k: 'uint8' } as GoType,
  float64: { k: 'float64' } as GoType,
  complex128: { k: 'complex128' } as GoType,
  string: { k: 'string' } as GoType,
  iface: { k: 'iface' } as GoType,
  /** reflect.Value as a parameter type: the function gets the value as is */
  rvalue: { k: 'rvalue' } as GoType,
};
export const MapStringIface: GoType = { k: 'map', key: T.string, elem: T.iface };
export const SliceIface: GoType = { k: 'slice', elem: T.iface };

/** A valid Go value. `v` holds: boolean | number | string | GV|null (iface) | Map<string,GV>|null (map) | GV[]|null (slice). */
export class GV {
  constructor(public t: GoType, public v: any) {}
}

/** reflect.Value{}: the invalid value. */
export type Val = GV | undefined;

export function typeName(t: GoType): string {
  switch (t.k) {
    case 'iface':
      return 'interface {}';
    case 'rvalue':
      return 'reflect.Value';
    case 'map':
      return `map[${typeName(t.key)}]${typeName(t.elem)}`;
    case 'slice':
      return `[]${typeName(t.elem)}`;
    default:
      return t.k;
  }
}

export function sameType(a: GoType, b: GoType): boolean {
  if (a.k !== b.k) return false;
  if (a.k === 'map' && b.k === 'map') return sameType(a.key, b.key) && sameType(a.elem, b.elem);
  if (a.k === 'slice' && b.k === 'slice') return sameType(a.elem, b.elem);
  return true;
}

export const isIntKind = (t: GoType) => t.k === 'int' || t.k === 'int32' || t.k === 'int64';
export const isUintKind = (t: GoType) => t.k === 'uint8';
export const isFloatKind = (t: GoType) => t.k === 'float64';

/** JSON value -> concrete Go value (the dynamic value inside an interface{}). */
export function fromJson(x: unknown): Val {
  if (x === null || x === undefined) return undefined;
  if (typeof x === 'string') return new GV(T.string, x);
  if (typeof x === 'boolean') return new GV(T.bool, x);
  if (typeof x === 'number') {
    // json.Marshal then apimachinery's Unmarshal: an integral number prints without
    // a fraction (below 1e21) and so decodes as int64
    if (Number.isInteger(x) && Math.abs(x) < 1e21 && Math.abs(x) < 2 ** 63) return new GV(T.int64, x);
    return new GV(T.float64, x);
  }
  if (typeof x === 'bigint') return new GV(T.int64, Number(x));
  if (Array.isArray(x)) return new GV(SliceIface, x.map(wrapIface));
  if (typeof x === 'object') {
    const m = new Map<string, GV>();
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) if (v !== undefined) m.set(k, wrapIface(v));
    return new GV(MapStringIface, m);
  }
  return new GV(T.string, String(x));
}

/** An interface{} holding the JSON value (nil for null). */
export function wrapIface(x: unknown): GV {
  return new GV(T.iface, fromJson(x) ?? null);
}

/** The value as an `any` argument sees it: interfaces unwrapped, nil as undefined. */
export function toAny(v: Val): Val {
  while (v && v.t.k === 'iface') v = v.v ?? undefined;
  return v;
}

/** indirectInterface */
export function indirectInterface(v: Val): Val {
  if (!v || v.t.k !== 'iface') return v;
  return v.v ?? undefined;
}

/** indirect: through interfaces; isNil when a nil interface is met. */
export function indirect(v: GV): { v: GV; isNil: boolean } {
  while (v.t.k === 'iface') {
    if (v.v === null) return { v, isNil: true };
    v = v.v;
  }
  return { v, isNil: false };
}

export function zeroOf(t: GoType): GV {
  switch (t.k) {
    case 'bool':
      return new GV(t, false);
    case 'string':
      return new GV(t, '');
    case 'iface':
    case 'error':
    case 'map':
    case 'slice':
      return new GV(t, null);
    default:
      return new GV(t, 0);
  }
}

export function isNilValue(v: GV): boolean {
  return (v.t.k === 'iface' || v.t.k === 'map' || v.t.k === 'slice' || v.t.k === 'error') && v.v === null;
}

/** Go strings are bytes: len, index and slice work on UTF-8. */
export function byteLen(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

export function lenOf(v: GV): number | undefined {
  switch (v.t.k) {
    case 'string':
      return byteLen(v.v);
    case 'map':
      return v.v ? v.v.size : 0;
    case 'slice':
      return v.v ? v.v.length : 0;
  }
  return undefined;
}

/** Keys of a map in fmtsort order (strings byte-wise, numbers numerically). */
export function sortedEntries(m: Map<string, GV> | null): [string, GV][] {
  if (!m) return [];
  return [...m.entries()].sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
}
