// The state file's text layout: the same JSON value JSON.stringify(state) gives, with a newline
// after `{`, after each top-level field, and around each entry of the `objects` and `controllers`
// maps. JSON.stringify never emits a raw newline (inside strings it is escaped), so the lines can be
// found without parsing, and a command parses only the sections it touches: `get pods` on a cluster
// with 50,000 events never parses them. Sections nobody touched are written back byte for byte.
//
//   {
//   "schemaVersion":1,
//   ...
//   "objects":{
//   "namespaces":{...},
//   "pods":{...}
//   },
//   "timers":[...],
//   ...
//   }
//
// A file in any other shape (older kubesim wrote it on one line) is parsed whole, as before.

/** Top-level fields whose entries get a line each and are parsed on first access. */
const SECTIONED = new Set(['objects', 'controllers']);
const NL = 0x0a;

/** Raw text of the entries of a sectioned map that nobody has read yet (so nobody can have changed them). */
const untouched = new WeakMap<object, Map<string, Buffer>>();

/** Thrown (lazily, on first access) when a section does not parse; the caller words the error. */
export class SectionSyntaxError extends SyntaxError {}

function plainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return (p === Object.prototype || p === null) && typeof (v as any).toJSON !== 'function';
}

/** The state as text, in the layout above. Parses to the same value as JSON.stringify(state). */
export function encodeState(state: object): string {
  const parts: (string | Buffer)[] = ['{\n'];
  let first = true;
  const field = (k: string, text: string) => {
    parts.push(`${first ? '' : ',\n'}${JSON.stringify(k)}:${text}`);
    first = false;
  };
  for (const k of Object.keys(state)) {
    const v = (state as any)[k];
    if (!SECTIONED.has(k) || !plainObject(v)) {
      const text = JSON.stringify(v);
      if (text !== undefined) field(k, text);
      continue;
    }
    field(k, '{');
    const raw = untouched.get(v);
    let firstEntry = true;
    for (const e of Object.keys(v)) {
      const desc = Object.getOwnPropertyDescriptor(v, e)!;
      const rawText = desc.get && raw?.get(e);
      let text: string | Buffer | undefined = rawText;
      if (!rawText) {
        text = JSON.stringify(v[e]);
        if (text === undefined) continue;
      }
      parts.push(`${firstEntry ? '\n' : ',\n'}${JSON.stringify(e)}:`, text!);
      firstEntry = false;
    }
    parts.push('\n}');
  }
  parts.push('\n}');
  // one string, as JSON.stringify would give (joining Buffers instead peaks higher in memory)
  return parts.map((p) => (typeof p === 'string' ? p : p.toString('utf8'))).join('');
}

/** End of the JSON string starting at `start` (a '"'), or -1. Bytes below 0x80 never occur inside a UTF-8 sequence. */
function stringEnd(buf: Buffer, start: number, end: number): number {
  for (let i = start + 1; i < end; i++) {
    const c = buf[i];
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return -1;
}

/** `"key":value` (one line, trailing comma removed) -> [key, value start]; undefined when not that shape. */
function splitField(buf: Buffer, start: number, end: number): [string, number] | undefined {
  if (buf[start] !== 0x22) return undefined;
  const q = stringEnd(buf, start, end);
  if (q < 0 || buf[q + 1] !== 0x3a) return undefined;
  let key: unknown;
  try { key = JSON.parse(buf.toString('utf8', start, q + 1)); } catch { return undefined; }
  return [key as string, q + 2];
}

function lazyEntry(group: Record<string, unknown>, key: string, raw: Buffer, onError: (e: SyntaxError) => Error): void {
  const set = (value: unknown) => {
    untouched.get(group)?.delete(key);
    Object.defineProperty(group, key, { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(group, key, {
    enumerable: true,
    configurable: true,
    get() {
      let value: unknown;
      try { value = JSON.parse(raw.toString('utf8')); } catch (e) { throw onError(e as SyntaxError); }
      set(value); // from now on it may be changed in place, so it is written from the value
      return value;
    },
    set,
  });
}

/**
 * Parse a state file. In the layout above, sectioned entries are parsed when first read; otherwise the
 * whole text is parsed at once. Throws SyntaxError (at once, or from a section when it is first read,
 * through `onError`) when the text is not JSON.
 */
export function decodeState(buf: Buffer, onError: (e: SyntaxError) => Error): unknown {
  const lazy = decodeLayout(buf, onError);
  return lazy !== undefined ? lazy : JSON.parse(buf.toString('utf8'));
}

function decodeLayout(buf: Buffer, onError: (e: SyntaxError) => Error): object | undefined {
  const lines: [number, number][] = [];
  for (let s = 0; s <= buf.length;) {
    let e = buf.indexOf(NL, s);
    if (e < 0) e = buf.length;
    lines.push([s, e]);
    s = e + 1;
  }
  const n = lines.length;
  const is = (i: number, text: string) => lines[i][1] - lines[i][0] === text.length && buf.toString('latin1', lines[i][0], lines[i][1]) === text;
  if (n < 2 || !is(0, '{') || !is(n - 1, '}')) return undefined;
  const state: Record<string, unknown> = {};
  const last = n - 2;
  /** line i without the comma every field but the last ends with; -1 when the comma is wrong */
  const fieldEnd = (i: number, isLast: boolean) => {
    const [, e] = lines[i];
    if (isLast) return buf[e - 1] === 0x2c ? -1 : e;
    return buf[e - 1] === 0x2c ? e - 1 : -1;
  };
  for (let i = 1; i <= last; i++) {
    const [s, e0] = lines[i];
    const f = splitField(buf, s, e0);
    if (!f) return undefined;
    const [key, v] = f;
    if (SECTIONED.has(key) && e0 - v === 1 && buf[v] === 0x7b) {
      // a sectioned map: one line per entry, then a line '}' (with the field's comma unless last)
      const group: Record<string, unknown> = {};
      const raw = new Map<string, Buffer>();
      for (i++; ; i++) {
        if (i > last) return undefined;
        if (buf[lines[i][0]] === 0x7d) break;
        const closing = buf[lines[i + 1][0]] === 0x7d;
        const ee = fieldEnd(i, closing);
        if (ee < 0) return undefined;
        const ef = splitField(buf, lines[i][0], ee);
        if (!ef || ef[1] >= ee) return undefined;
        const text = buf.subarray(ef[1], ee);
        raw.set(ef[0], text);
        lazyEntry(group, ef[0], text, onError);
      }
      const [cs, ce] = lines[i];
      if (ce - cs !== (i === last ? 1 : 2) || (i !== last && buf[cs + 1] !== 0x2c)) return undefined;
      untouched.set(group, raw);
      state[key] = group;
      continue;
    }
    const e = fieldEnd(i, i === last);
    if (e < 0) return undefined;
    try {
      state[key] = JSON.parse(buf.toString('utf8', v, e));
    } catch {
      return undefined; // let the whole-text parse report it
    }
  }
  return state;
}
