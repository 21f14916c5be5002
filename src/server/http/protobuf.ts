// application/vnd.kubernetes.protobuf request bodies (what kubectl v1.32's typed clients send: `create
// deployment`, `create secret`, `auth can-i` ...): the `k8s\0` envelope, a runtime.Unknown whose raw
// bytes are the kind's message, decoded by the wire layout of the generated.proto files
// (protobuf-data.ts, recorded by scripts/record-protobuf.mjs) into the object Go's JSON encoder would
// write for the same struct. (k8s.io/apimachinery/pkg/runtime/serializer/protobuf/protobuf.go)
import { httpError } from './status.js';

/** [field number, JSON name, type, flags]: see scripts/record-protobuf.mjs. */
export type ProtoField = [number, string, string, string?];
export interface ProtoData {
  /** 'apps/v1' -> 'apps.v1' (the message package of a group version) */
  groupVersions: Record<string, string>;
  /** a list wrapper (+protobuf.nullable) is { list: fields }: its JSON is the items array */
  messages: Record<string, ProtoField[] | { list: ProtoField[] }>;
}

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

let data: ProtoData | undefined;
async function loadData(): Promise<ProtoData> {
  if (!data) data = (await import('./protobuf-data.js')).PROTO;
  return data;
}

class Reader {
  pos: number;
  constructor(readonly buf: Buffer, start = 0, readonly end = buf.length) { this.pos = start; }

  varint(): bigint {
    let out = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error('unexpected EOF');
      const b = this.buf[this.pos++];
      out |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return out;
      shift += 7n;
      if (shift > 70n) throw new Error('varint overflow');
    }
  }

  bytes(): Buffer {
    const n = Number(this.varint());
    if (n < 0 || this.pos + n > this.end) throw new Error('unexpected EOF');
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`illegal wireType ${wire}`);
    if (this.pos > this.end) throw new Error('unexpected EOF');
  }
}

const VARINTS = new Set(['int32', 'int64', 'uint32', 'uint64', 'bool', 'sint32', 'sint64']);

function scalarOf(type: string, wire: number, r: Reader): unknown {
  if (type === 'string') return r.bytes().toString('utf8');
  if (type === 'bytes') return r.bytes().toString('base64');
  if (type === 'double') { const v = r.buf.readDoubleLE(r.pos); r.pos += 8; return v; }
  if (type === 'float') { const v = r.buf.readFloatLE(r.pos); r.pos += 4; return v; }
  if (type === 'fixed32') { const v = r.buf.readUInt32LE(r.pos); r.pos += 4; return v; }
  if (type === 'fixed64') { const v = r.buf.readBigUInt64LE(r.pos); r.pos += 8; return Number(v); }
  if (wire !== 0) throw new Error(`wrong wireType ${wire} for ${type}`);
  const v = r.varint();
  if (type === 'bool') return v !== 0n;
  if (type === 'sint32' || type === 'sint64') return Number((v >> 1n) ^ -(v & 1n));
  if (type === 'int32') return Number(BigInt.asIntN(32, v));
  if (type === 'int64') return Number(BigInt.asIntN(64, v));
  return Number(v);
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

/** metav1.Time's JSON (RFC 3339, seconds); MicroTime keeps microseconds. */
function timeJson(m: Record<string, any>, micro: boolean): string | null {
  const s = Number(m.seconds ?? 0);
  const ns = Number(m.nanos ?? 0);
  if (s === 0 && ns === 0) return null;
  const iso = new Date(s * 1000 + Math.floor(ns / 1e6)).toISOString();
  return micro ? `${iso.slice(0, 19)}.${String(Math.floor(ns / 1000)).padStart(6, '0')}Z` : `${iso.slice(0, 19)}Z`;
}

/** time.Duration.String() of metav1.Duration. */
function durationJson(nanos: number): string {
  if (nanos === 0) return '0s';
  const neg = nanos < 0;
  let n = Math.abs(nanos);
  let out = '';
  if (n < 1e9) {
    out = n < 1e3 ? `${n}ns` : n < 1e6 ? `${n / 1e3}µs` : `${n / 1e6}ms`;
  } else {
    const h = Math.floor(n / 3.6e12); n -= h * 3.6e12;
    const m = Math.floor(n / 6e10); n -= m * 6e10;
    const s = n / 1e9;
    out = h ? `${h}h${m}m${s}s` : m ? `${m}m${s}s` : `${s}s`;
  }
  return neg ? `-${out}` : out;
}

/** Messages whose JSON is not their fields (custom MarshalJSON in apimachinery). */
const SPECIAL: Record<string, (fields: Record<string, any>, raw: Buffer) => unknown> = {
  'meta.v1.Time': (m) => timeJson(m, false),
  'meta.v1.MicroTime': (m) => timeJson(m, true),
  'meta.v1.Duration': (m) => durationJson(Number(m.duration ?? 0)),
  'api.resource.Quantity': (m) => m.string ?? '0',
  'util.intstr.IntOrString': (m) => (Number(m.type ?? 0) === 1 ? m.strVal ?? '' : m.intVal ?? 0),
  'runtime.RawExtension': (m) => rawJson(m.raw),
  'meta.v1.FieldsV1': (m) => rawJson(m.Raw),
};

function rawJson(b64: string | undefined): unknown {
  if (!b64) return null;
  const text = Buffer.from(b64, 'base64').toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`invalid raw JSON: ${text.slice(0, 40)}`);
  }
}

/** One message's bytes as Go's JSON encoder would write the struct. */
function decodeMessage(d: ProtoData, type: string, r: Reader): unknown {
  const desc = d.messages[type];
  if (!desc) throw new Error(`unknown message ${type}`);
  const list = !Array.isArray(desc);
  const fields = list ? desc.list : desc;
  const out: Record<string, any> = {};
  const present = new Set<string>();
  while (r.pos < r.end) {
    const key = Number(r.varint());
    const num = key >>> 3;
    const wire = key & 7;
    const f = fields.find((x) => x[0] === num);
    if (!f) { r.skip(wire); continue; }
    const [, name, ftype, flags = ''] = f;
    const message = !!d.messages[ftype];
    if (flags.includes('m')) {
      // a map entry: key = 1, value = 2
      const e = r.bytes();
      const er = new Reader(e);
      let k = '';
      let v: unknown = message ? decodeMessage(d, ftype, new Reader(Buffer.alloc(0))) : ftype === 'string' || ftype === 'bytes' ? '' : 0;
      while (er.pos < er.end) {
        const ek = Number(er.varint());
        if (ek >>> 3 === 1) k = er.bytes().toString('utf8');
        else if (ek >>> 3 === 2) v = message ? decodeMessage(d, ftype, subReader(er)) : scalarOf(ftype, ek & 7, er);
        else er.skip(ek & 7);
      }
      (out[name] ??= {})[k] = v;
    } else if (flags.includes('r')) {
      const arr = (out[name] ??= []) as unknown[];
      if (!message && wire === 2 && VARINTS.has(ftype)) {
        // packed
        const pr = subReader(r);
        while (pr.pos < pr.end) arr.push(scalarOf(ftype, 0, pr));
      } else {
        arr.push(message ? decodeMessage(d, ftype, subReader(r)) : scalarOf(ftype, wire, r));
      }
    } else {
      const v = message ? decodeMessage(d, ftype, subReader(r)) : scalarOf(ftype, wire, r);
      if (flags.includes('i') && v && typeof v === 'object') Object.assign(out, v);
      else out[name] = v;
      present.add(name);
    }
  }
  if (SPECIAL[type]) return SPECIAL[type](out, r.buf);
  if (list) return out.items ?? [];
  // what Go's JSON drops: zero scalars of omitempty value fields, zero Times
  for (const f of fields) {
    const [, name, ftype, flags = ''] = f;
    if (!present.has(name) || flags.includes('i')) continue;
    const v = out[name];
    if (v === null) delete out[name];
    else if (!d.messages[ftype] && isZero(v) && !flags.includes('p') && !flags.includes('k')) delete out[name];
  }
  return out;
}

function subReader(r: Reader): Reader {
  const n = Number(r.varint());
  if (n < 0 || r.pos + n > r.end) throw new Error('unexpected EOF');
  const sub = new Reader(r.buf, r.pos, r.pos + n);
  r.pos += n;
  return sub;
}

/** Decode a protobuf request body into the object (apiVersion and kind from the envelope). */
export async function decodeProtobuf(body: Buffer): Promise<Record<string, any>> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) {
    throw httpError(400, 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  }
  const d = await loadData();
  try {
    const unknown = decodeMessage(d, 'runtime.Unknown', new Reader(body, 4)) as Record<string, any>;
    // runtime.Unknown embeds TypeMeta (inline in JSON)
    const apiVersion: string = unknown.apiVersion ?? '';
    const kind: string = unknown.kind ?? '';
    if (!kind) throw httpError(400, "Object 'Kind' is missing in protobuf message");
    const pkg = d.groupVersions[apiVersion];
    const type = pkg && (d.messages[`${pkg}.${kind}`] ? `${pkg}.${kind}` : undefined);
    // meta.k8s.io kinds sent to any group (DeleteOptions, CreateOptions ...)
    const meta = d.messages[`meta.v1.${kind}`] ? `meta.v1.${kind}` : undefined;
    const t = type ?? meta;
    if (!t) throw httpError(400, `no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/api/legacyscheme/scheme.go:30"`);
    const raw = Buffer.from(unknown.raw ?? '', 'base64');
    const obj = decodeMessage(d, t, new Reader(raw)) as Record<string, any>;
    return { apiVersion, kind, ...obj };
  } catch (e) {
    if ((e as { code?: number }).code) throw e;
    throw httpError(400, `failed to decode protobuf body: ${(e as Error).message}`);
  }
}
