// pod-template-hash: pkg/controller/controller_utils.go ComputeHash = FNV-1a 32 over dump.ForHash(template)
// (go-spew %#v with SortKeys, DisableMethods, no pointer addresses), plus the collision count, then
// rand.SafeEncodeString. The dump needs the exact v1.32 struct layout: see goschema.ts.
import { goType, type GoType } from './goschema.js';
import { quantityInternals } from './quantity.js';

type Dumper = (v: any) => string;
const dumpers = new Map<GoType, Dumper>();

const ZERO_TIME = '{Time:(time.Time){wall:(uint64)0 ext:(int64)0 loc:(*time.Location)<nil>}}';

function quantityDump(v: any): string {
  if (v === undefined || v === null) {
    return '{i:(resource.int64Amount){value:(int64)0 scale:(resource.Scale)0} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string) Format:(resource.Format)}';
  }
  const q = quantityInternals(String(v));
  return `{i:(resource.int64Amount){value:(int64)${q.value} scale:(resource.Scale)${q.scale}} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string)${q.cache} Format:(resource.Format)${q.format}}`;
}

function intstrDump(v: any): string {
  if (typeof v === 'string') return `{Type:(intstr.Type)1 IntVal:(int32)0 StrVal:(string)${v}}`;
  return `{Type:(intstr.Type)0 IntVal:(int32)${typeof v === 'number' ? v : 0} StrVal:(string)}`;
}

/** Compile (once per type) a function printing a value of that type without its `(T)` prefix. */
function dumper(t: GoType): Dumper {
  const have = dumpers.get(t);
  if (have) return have;
  let d: Dumper;
  // placeholder for recursive types
  dumpers.set(t, (v) => d(v));
  switch (t.kind) {
    case 'string': d = (v) => (v === undefined || v === null ? '' : String(v)); break;
    case 'int': d = (v) => (typeof v === 'number' ? String(v) : v ? String(v) : '0'); break;
    case 'bool': d = (v) => (v === true ? 'true' : 'false'); break;
    case 'quantity': d = quantityDump; break;
    case 'intstr': d = intstrDump; break;
    // kubesim: a set timestamp would print Go's wall/ext clock internals; templates never carry one.
    case 'time': d = () => ZERO_TIME; break;
    case 'ptr': {
      const e = dumper(t.elem!);
      d = (v) => (v === undefined || v === null ? '<nil>' : e(v));
      break;
    }
    case 'slice': {
      const e = dumper(t.elem!);
      // after the protobuf round trip an empty list is nil
      d = (v) => (!Array.isArray(v) || v.length === 0 ? '<nil>' : '[' + v.map(e).join(' ') + ']');
      break;
    }
    case 'map': {
      const e = dumper(t.elem!);
      d = (v) => {
        if (!v || typeof v !== 'object') return '<nil>';
        const keys = Object.keys(v);
        if (keys.length === 0) return '<nil>';
        keys.sort(byteCompare);
        let s = 'map[';
        for (let i = 0; i < keys.length; i++) s += (i ? ' ' : '') + keys[i] + ':' + e(v[keys[i]]);
        return s + ']';
      };
      break;
    }
    case 'struct': {
      const parts = t.fields!.map((f) => {
        const fd = dumper(goType(f.type));
        const label = `${f.go}:(${f.type})`;
        return f.inline ? (o: any) => label + fd(o) : (o: any) => label + fd(o[f.json]);
      });
      d = (v) => {
        const o = v && typeof v === 'object' ? v : {};
        let s = '{';
        for (let i = 0; i < parts.length; i++) s += (i ? ' ' : '') + parts[i](o);
        return s + '}';
      };
      break;
    }
    default: d = (v) => (v === undefined ? '<nil>' : JSON.stringify(v));
  }
  dumpers.set(t, d);
  return d;
}

// Go sorts string map keys byte-wise (UTF-8); for BMP-only keys UTF-16 order is the same except surrogates.
function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const templateType = goType('v1.PodTemplateSpec');

/** dump.ForHash(template) for a DEFAULTED v1.PodTemplateSpec in its JSON form. */
export function podTemplateDump(template: any): string {
  return '(v1.PodTemplateSpec)' + dumper(templateType)(template);
}

/** FNV-1a 32 over the UTF-8 bytes of s, continuing from `h`. */
function fnv1a(h: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: maps each byte to a character that cannot form words (no vowels, no 0/1/3). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

const encoder = new TextEncoder();

/** controller.ComputeHash(template, collisionCount): the `pod-template-hash` label value. */
export function computePodTemplateHash(template: any, collisionCount?: number | null): string {
  let h = fnv1a(0x811c9dc5, encoder.encode(podTemplateDump(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    // binary.LittleEndian.PutUint32 into an 8-byte buffer: 4 bytes of count, 4 zero bytes
    const b = new Uint8Array(8);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv1a(h, b);
  }
  return safeEncodeString(String(h));
}
