// text/template's builtin functions (funcs.go, Go 1.23) plus the two kubectl adds
// (cli-runtime printers: exists, base64decode). Signatures matter: the executor
// checks argument counts and types against them, with Go's messages.
import { GV, T, type GoType, type Val, typeName, indirectInterface, indirect, isIntKind, isUintKind, isFloatKind, lenOf, sameType, zeroOf, isNilValue } from './value.js';
import { sprint, sprintf, sprintln } from './fmt.js';

/** A function's error result: execution stops with "error calling NAME: MSG". */
export class FuncError extends Error {}

export interface GoFunc {
  params: GoType[];
  /** element type of a final ...param */
  variadic?: GoType;
  /** and/or: evaluated lazily by the executor */
  special?: 'and' | 'or';
  call(args: Val[]): Val;
}

const boolV = (b: boolean) => new GV(T.bool, b);
const strV = (s: string) => new GV(T.string, s);

/** printableValue then Sprint: what html/js/urlquery print for their arguments. */
function evalArgs(args: Val[]): string {
  if (args.length === 1 && args[0] && args[0].t.k === 'string') return args[0].v;
  return sprint(args.map((a) => a ?? strV('<no value>')));
}

function indexArg(index: Val, cap: number): number {
  let x: number;
  if (!index) throw new FuncError('cannot index slice/array with nil');
  if (isIntKind(index.t) || isUintKind(index.t)) x = index.v;
  else throw new FuncError(`cannot index slice/array with type ${typeName(index.t)}`);
  if (x < 0 || x > cap) throw new FuncError(`index out of range: ${x}`);
  return x;
}

function prepareArg(value: Val, argType: GoType): GV {
  if (!value) {
    if (!(argType.k === 'iface' || argType.k === 'map' || argType.k === 'slice')) throw new FuncError(`value is nil; should be of type ${typeName(argType)}`);
    return zeroOf(argType);
  }
  if (argType.k === 'iface' || sameType(value.t, argType)) return value;
  throw new FuncError(`value has type ${typeName(value.t)}; should be ${typeName(argType)}`);
}

function index(args: Val[]): Val {
  let item = indirectInterface(args[0]);
  if (!item) throw new FuncError('index of untyped nil');
  for (let idx of args.slice(1)) {
    idx = indirectInterface(idx);
    const ind = indirect(item);
    if (ind.isNil) throw new FuncError('index of nil pointer');
    item = ind.v;
    switch (item.t.k) {
      case 'slice': {
        const elems: GV[] = item.v ?? [];
        const x = indexArg(idx, elems.length);
        if (x >= elems.length) throw new FuncError('reflect: slice index out of range');
        item = elems[x];
        break;
      }
      case 'string': {
        const bytes = Buffer.from(item.v as string, 'utf8');
        const x = indexArg(idx, bytes.length);
        if (x >= bytes.length) throw new FuncError('reflect: string index out of range');
        item = new GV(T.uint8, bytes[x]);
        break;
      }
      case 'map': {
        const mt = item.t;
        const key = prepareArg(idx, mt.key);
        const x: GV | undefined = item.v?.get(key.v);
        item = x ?? zeroOf(mt.elem);
        break;
      }
      default:
        throw new FuncError(`can't index item of type ${typeName(item.t)}`);
    }
  }
  return item;
}

function slice(args: Val[]): Val {
  const item = indirectInterface(args[0]);
  if (!item) throw new FuncError('slice of untyped nil');
  const indexes = args.slice(1);
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let bytes: Buffer | undefined;
  if (item.t.k === 'string') {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    bytes = Buffer.from(item.v as string, 'utf8');
    cap = bytes.length;
  } else if (item.t.k === 'slice') cap = (item.v ?? []).length;
  else throw new FuncError(`can't slice item of type ${typeName(item.t)}`);
  const idx = [0, cap, 0];
  indexes.forEach((ix, i) => {
    idx[i] = indexArg(indirectInterface(ix), cap);
  });
  if (idx[0] > idx[1]) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (bytes) return strV(bytes.subarray(idx[0], idx[1]).toString('utf8'));
  return new GV(item.t, (item.v ?? []).slice(idx[0], idx[1]));
}

function length(args: Val[]): Val {
  const a = args[0];
  if (!a) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  const { v, isNil } = indirect(a);
  if (isNil) throw new FuncError('len of nil pointer');
  const n = lenOf(v);
  if (n === undefined) throw new FuncError(`len of type ${typeName(v.t)}`);
  return new GV(T.int, n);
}

export function isTrue(val: Val): { truth: boolean; ok: boolean } {
  if (!val) return { truth: false, ok: true };
  switch (val.t.k) {
    case 'map':
    case 'slice':
    case 'string':
      return { truth: (lenOf(val) ?? 0) > 0, ok: true };
    case 'bool':
      return { truth: val.v, ok: true };
    case 'iface':
    case 'error':
      return { truth: val.v !== null, ok: true };
    default:
      return { truth: val.v !== 0, ok: true };
  }
}

export function truth(v: Val): boolean {
  return isTrue(indirectInterface(v)).truth;
}

// ---- comparison ----

type Kind = 'invalid' | 'bool' | 'complex' | 'int' | 'float' | 'string' | 'uint';
const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';
const errNoComparison = 'missing argument for comparison';

function basicKind(v: Val): Kind {
  if (!v) return 'invalid';
  if (v.t.k === 'bool') return 'bool';
  if (isIntKind(v.t)) return 'int';
  if (isUintKind(v.t)) return 'uint';
  if (isFloatKind(v.t)) return 'float';
  if (v.t.k === 'complex128') return 'complex';
  if (v.t.k === 'string') return 'string';
  return 'invalid';
}

const isNilV = (v: Val) => !v || isNilValue(v);
const vtype = (v: Val) => (v ? typeName(v.t) : '<nil>');

function eq(args: Val[]): Val {
  const arg1 = indirectInterface(args[0]);
  const rest = args.slice(1);
  if (rest.length === 0) throw new FuncError(errNoComparison);
  const k1 = basicKind(arg1);
  for (let arg of rest) {
    arg = indirectInterface(arg);
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') t = arg1!.v >= 0 && arg1!.v === arg!.v;
      else if (k1 === 'uint' && k2 === 'int') t = arg!.v >= 0 && arg1!.v === arg!.v;
      else if (arg1 && arg) throw new FuncError(errBadComparison);
    } else if (k1 !== 'invalid') {
      t = arg1!.v === arg!.v;
    } else {
      const kind = (v: Val) => (v ? v.t.k : 'invalid');
      if (!(kind(arg1) === kind(arg) || !arg1 || !arg)) {
        throw new FuncError(`non-comparable types ${sprintf('%s', [arg1])}: ${vtype(arg1)}, ${vtype(arg)}: ${sprintf('%v', [arg])}`);
      }
      if (isNilV(arg1) || isNilV(arg)) t = isNilV(arg) === isNilV(arg1);
      else throw new FuncError(`non-comparable type ${sprintf('%s', [arg])}: ${vtype(arg)}`);
    }
    if (t) return boolV(true);
  }
  return boolV(false);
}

function lt(args: Val[]): boolean {
  const arg1 = indirectInterface(args[0]);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw new FuncError(errBadComparisonType);
  const arg2 = indirectInterface(args[1]);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw new FuncError(errBadComparisonType);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return arg1!.v < 0 || arg1!.v < arg2!.v;
    if (k1 === 'uint' && k2 === 'int') return arg2!.v >= 0 && arg1!.v < arg2!.v;
    throw new FuncError(errBadComparison);
  }
  if (k1 === 'bool' || k1 === 'complex') throw new FuncError(errBadComparisonType);
  if (k1 === 'string') return Buffer.compare(Buffer.from(arg1!.v), Buffer.from(arg2!.v)) < 0;
  return arg1!.v < arg2!.v;
}

function le(args: Val[]): boolean {
  if (lt(args)) return true;
  return eq(args)!.v;
}

// ---- escapers ----

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '\\': out += '\\\\'; continue;
      case "'": out += "\\'"; continue;
      case '"': out += '\\"'; continue;
      case '<': out += '\\u003C'; continue;
      case '>': out += '\\u003E'; continue;
      case '&': out += '\\u0026'; continue;
      case '=': out += '\\u003D'; continue;
    }
    if (cp < 0x20) out += '\\u00' + cp.toString(16).toUpperCase().padStart(2, '0');
    else if (cp < 0x80) out += ch;
    else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch) || cp === 0x20) out += ch;
    else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** url.QueryEscape */
function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

// ---- kubectl's additions ----

/** cli-runtime printers' exists: could `index` be called with these arguments? */
function exists(args: Val[]): Val {
  let v: Val = args[0];
  for (const i of args.slice(1)) {
    if (!v) return boolV(false);
    const ind = indirect(v);
    if (ind.isNil) return boolV(false);
    v = ind.v;
    switch (v.t.k) {
      case 'slice':
      case 'string': {
        if (!i || !(isIntKind(i.t) || isUintKind(i.t))) return boolV(false);
        const len = lenOf(v)!;
        if (i.v < 0 || i.v >= len) return boolV(false);
        v = v.t.k === 'slice' ? v.v[i.v] : new GV(T.uint8, Buffer.from(v.v)[i.v]);
        break;
      }
      case 'map': {
        if (i && i.t.k !== 'string') return boolV(false);
        const x: GV | undefined = v.v?.get(i ? i.v : '');
        v = x ?? zeroOf(v.t.elem);
        break;
      }
      default:
        return boolV(false);
    }
  }
  if (v && indirect(v).isNil) return boolV(false);
  return boolV(true);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64.StdEncoding.DecodeString (decodeQuantum), with Go's CorruptInputError offsets. */
function base64decode(args: Val[]): Val {
  const src = Buffer.from(args[0]!.v as string, 'utf8');
  const out: number[] = [];
  const corrupt = (n: number): never => {
    throw new FuncError(`base64 decode failed: illegal base64 data at input byte ${n}`);
  };
  const isNL = (c: number) => c === 0x0a || c === 0x0d;
  let si = 0;
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let trailing = -1;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return strV(Buffer.from(out).toString('utf8'));
        corrupt(si - j);
      }
      const c = src[si];
      si++;
      const d = B64.indexOf(String.fromCharCode(c));
      if (d >= 0) {
        dbuf[j] = d;
        continue;
      }
      if (isNL(c)) {
        j--;
        continue;
      }
      if (c !== 0x3d) corrupt(si - 1);
      if (j === 0 || j === 1) corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNL(src[si])) si++;
        if (si === src.length) corrupt(src.length);
        if (src[si] !== 0x3d) corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNL(src[si])) si++;
      if (si < src.length) trailing = si;
      dlen = j;
      break;
    }
    const val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
    const b = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out.push(...b.slice(0, dlen - 1));
    if (trailing >= 0) corrupt(trailing);
  }
  return strV(Buffer.from(out).toString('utf8'));
}

const R = T.rvalue;
const A = T.iface;

export const FUNCS: Record<string, GoFunc> = {
  and: { params: [R], variadic: R, special: 'and', call: () => undefined },
  or: { params: [R], variadic: R, special: 'or', call: () => undefined },
  not: { params: [R], call: (a) => boolV(!truth(a[0])) },
  call: {
    params: [R],
    variadic: R,
    // the executor passes the callee's text first; no value here is ever a function
    call: (a) => {
      const fn = indirectInterface(a[1]);
      if (!fn) throw new FuncError('call of nil');
      throw new FuncError(`non-function ${a[0]!.v} of type ${typeName(fn.t)}`);
    },
  },
  html: { params: [], variadic: A, call: (a) => strV(htmlEscape(evalArgs(a))) },
  js: { params: [], variadic: A, call: (a) => strV(jsEscape(evalArgs(a))) },
  urlquery: { params: [], variadic: A, call: (a) => strV(queryEscape(evalArgs(a))) },
  index: { params: [R], variadic: R, call: index },
  slice: { params: [R], variadic: R, call: slice },
  len: { params: [R], call: length },
  print: { params: [], variadic: A, call: (a) => strV(sprint(a)) },
  printf: { params: [T.string], variadic: A, call: (a) => strV(sprintf(a[0]!.v, a.slice(1))) },
  println: { params: [], variadic: A, call: (a) => strV(sprintln(a)) },
  eq: { params: [R], variadic: R, call: eq },
  ne: { params: [R, R], call: (a) => boolV(!eq(a)!.v) },
  lt: { params: [R, R], call: (a) => boolV(lt(a)) },
  le: { params: [R, R], call: (a) => boolV(le(a)) },
  gt: { params: [R, R], call: (a) => boolV(!le(a)) },
  ge: { params: [R, R], call: (a) => boolV(!lt(a)) },
  exists: { params: [A], variadic: A, call: exists },
  base64decode: { params: [T.string], call: base64decode },
};

export const BUILTIN_NAMES = new Set(['and', 'or', 'not', 'call', 'html', 'js', 'urlquery', 'index', 'slice', 'len', 'print', 'printf', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge']);

export function hasFunction(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(FUNCS, name);
}

