// The state file's text layout: the same JSON value JSON.stringify(state) gives, with a newline
// after `{`, after each top-level field, and around each entry of the `objects` and `controllers`
// maps, and around each object of a bucket of `objects`. JSON.stringify never emits a raw newline (inside strings it
// is escaped), so the lines can be found without parsing, and a command parses only the sections and objects it
// touches: `get pods` on a cluster with 50,000 events never parses them, and a rollout that adds events parses none
// of the old ones. Whatever nobody touched is written back byte for byte. (Files whose buckets are on one line each,
// as kubesim wrote them before, are read the same way, a bucket at a time.)
//
//   {
//   "schemaVersion":1,
//   ...
//   "objects":{
//   "namespaces":{
//   "default":{...},
//   "kube-public":{...}
//   },
//   "pods":{
//   ...
//   }
//   },
//   "timers":[...],
//   ...
//   }
//
// A file in any other shape (older kubesim wrote it on one line) is parsed whole, as before.
// Reading from the file itself (decodeStateFile), only the sections parsed are read whole.

import fs from 'node:fs';

/** Top-level fields whose entries get a line each and are parsed on first access. */
const SECTIONED = new Set(['objects', 'controllers']);
const NL = 0x0a;

/**
 * Where the raw text of each entry of a sectioned map lies, for the entries nobody has read yet (so nobody can have
 * changed them). Offsets in number arrays rather than a reader closure an entry: a cluster's 20,000 events are that
 * many entries before a command has read any.
 */
class RawIndex {
  readonly at = new Map<string, number>();
  private s: number[] = [];
  private e: number[] = [];
  constructor(readonly src: Source) {}
  add(key: string, start: number, end: number): void {
    this.at.set(key, this.s.length);
    this.s.push(start);
    this.e.push(end);
  }
  /** the entry's text, when it is still as read */
  text(key: string): Buffer | undefined {
    const i = this.at.get(key);
    return i === undefined ? undefined : this.src.read(this.s[i], this.e[i]);
  }
}
const untouched = new WeakMap<object, RawIndex>();

/** Thrown (lazily, on first access) when a section does not parse; the caller words the error. */
export class SectionSyntaxError extends SyntaxError {}

function plainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return (p === Object.prototype || p === null) && typeof (v as any).toJSON !== 'function';
}

/** Plain objects whose members' values are held as their JSON text (see holdAsText), and the objects above them. */
const textMembers = new WeakSet<object>();
const aboveText = new WeakSet<object>();

/**
 * `members` (a plain object in the state, reached from `ancestors` in order) holds each member's value as its JSON
 * text (or as a value, which is written as JSON), written to the state file as it is: a controller's caches of tens of
 * thousands of small arrays cost a third of the memory as strings.
 */
export function holdAsText(ancestors: object[], members: object): void {
  textMembers.add(members);
  for (const a of ancestors) aboveText.add(a);
}

/** JSON.stringify(v) handed to `out` (false when that is undefined), with the members held as text as they are. */
function emitValue(v: unknown, out: (piece: string) => void): boolean {
  if (typeof v !== 'object' || v === null || !(aboveText.has(v) || textMembers.has(v))) {
    const text = JSON.stringify(v);
    if (text === undefined) return false;
    out(text);
    return true;
  }
  const raw = textMembers.has(v);
  let first = true;
  for (const k of Object.keys(v)) {
    const x = (v as any)[k];
    if (raw) {
      // (a member may also be a value put there since: its text is made now)
      out(`${first ? '{' : ','}${JSON.stringify(k)}:${typeof x === 'string' ? x : JSON.stringify(x)}`);
    } else if (typeof x === 'object' && x !== null && (aboveText.has(x) || textMembers.has(x))) {
      out(`${first ? '{' : ','}${JSON.stringify(k)}:`);
      emitValue(x, out);
    } else {
      const text = JSON.stringify(x);
      if (text === undefined) continue;
      out(`${first ? '{' : ','}${JSON.stringify(k)}:${text}`);
    }
    first = false;
  }
  out(first ? '{}' : '}');
  return true;
}

/**
 * The state as text, in the layout above, handed to `out` piece by piece (their concatenation parses to the same
 * value as JSON.stringify(state)). A sectioned entry that is a plain object is written member by member, as
 * JSON.stringify writes one, so no piece is larger than one stored object: the 40 MB of a big cluster's events
 * never exist as one string.
 */
export function emitState(state: object, out: (piece: string | Buffer) => void): void {
  out('{\n');
  let first = true;
  const field = (k: string, text: string) => {
    out(`${first ? '' : ',\n'}${JSON.stringify(k)}:${text}`);
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
      // (untouched: still in the raw index, and still the accessor that reads it, not an object stored under its key since)
      const rawText = raw?.at.has(e) && Object.getOwnPropertyDescriptor(v, e)!.get && raw.text(e);
      if (rawText) {
        out(`${firstEntry ? '\n' : ',\n'}${JSON.stringify(e)}:`);
        out(rawText);
        firstEntry = false;
        continue;
      }
      const value = v[e];
      if (plainObject(value)) {
        // a bucket of `objects` has a line per object (read one by one, see decodeLayout); other entries are one line
        const lines = k === 'objects';
        const memberRaw = untouched.get(value);
        out(`${firstEntry ? '\n' : ',\n'}${JSON.stringify(e)}:{`);
        let firstMember = true;
        for (const m of Object.keys(value)) {
          const sep = firstMember ? (lines ? '\n' : '') : lines ? ',\n' : ',';
          const mraw = memberRaw?.at.has(m) && Object.getOwnPropertyDescriptor(value, m)!.get && memberRaw.text(m);
          if (mraw) {
            out(`${sep}${JSON.stringify(m)}:`);
            out(mraw);
            firstMember = false;
            continue;
          }
          const mv = value[m];
          if (typeof mv === 'object' && mv !== null && (aboveText.has(mv) || textMembers.has(mv))) {
            out(`${sep}${JSON.stringify(m)}:`);
            emitValue(mv, out);
            firstMember = false;
            continue;
          }
          const text = JSON.stringify(mv);
          if (text === undefined) continue;
          out(`${sep}${JSON.stringify(m)}:${text}`);
          firstMember = false;
        }
        out(lines && !firstMember ? '\n}' : '}');
        firstEntry = false;
        continue;
      }
      const text = JSON.stringify(value);
      if (text === undefined) continue;
      out(`${firstEntry ? '\n' : ',\n'}${JSON.stringify(e)}:${text}`);
      firstEntry = false;
    }
    out('\n}');
  }
  out('\n}');
}

/** The state as text, in the layout above. Parses to the same value as JSON.stringify(state). */
export function encodeState(state: object): string {
  const parts: string[] = [];
  emitState(state, (p) => parts.push(typeof p === 'string' ? p : p.toString('utf8')));
  return parts.join('');
}

/**
 * Writes the state's text to an open file through one megabyte buffer (see emitState). Each piece is copied into it
 * at once: pieces kept until a chunk is full would outlive the young generation's collections, and the whole text
 * would pass through the old generation just before the command ends, when its heap is largest.
 */
export function writeStateTo(fd: number, state: object): void {
  const buf = Buffer.allocUnsafeSlow(WRITE_CHUNK);
  let used = 0;
  const write = (b: Buffer) => {
    for (let off = 0; off < b.length;) off += fs.writeSync(fd, b, off, b.length - off);
  };
  const flush = () => {
    if (used) write(buf.subarray(0, used));
    used = 0;
  };
  emitState(state, (p) => {
    if (typeof p === 'string') {
      // a UTF-16 code unit takes at most 3 bytes in UTF-8
      if (p.length * 3 > WRITE_CHUNK - used) {
        flush();
        if (p.length * 3 > WRITE_CHUNK) { write(Buffer.from(p, 'utf8')); return; }
      }
      used += buf.write(p, used, 'utf8');
      return;
    }
    if (p.length > WRITE_CHUNK - used) {
      flush();
      if (p.length > WRITE_CHUNK) { write(p); return; }
    }
    used += p.copy(buf, used);
  });
  flush();
}

const WRITE_CHUNK = 1 << 20;

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

/** Where the text is read from: a Buffer, or an open file read on demand (unused sections are never read). */
interface Source {
  /** bytes [start, end) */
  read(start: number, end: number): Buffer;
  /** the byte at `pos` (the layout is found byte by byte: no Buffer for each) */
  byte(pos: number): number;
  /** bytes [start, end) as UTF-8 text (an entry to parse: no Buffer of its own when the bytes are at hand) */
  text(start: number, end: number): string;
  /** offsets of every newline, and the length */
  scan(): [number[], number];
  /** nothing will be read any more */
  done(): void;
}

class BufferSource implements Source {
  constructor(private buf: Buffer) {}
  read(start: number, end: number): Buffer { return this.buf.subarray(start, end); }
  byte(pos: number): number { return this.buf[pos]; }
  text(start: number, end: number): string { return this.buf.toString('utf8', start, end); }
  scan(): [number[], number] {
    const nl: number[] = [];
    for (let i = this.buf.indexOf(NL); i >= 0; i = this.buf.indexOf(NL, i + 1)) nl.push(i);
    return [nl, this.buf.length];
  }
  done(): void {}
}

const BLOCK = 1 << 20;
/** Reads up to this size come from the block being read (a pod with its managedFields is a few kilobytes). */
const SMALL_READ = 16 << 10;

/** Closes files whose every section holder has been collected (see FileSource). */
const closer = new FinalizationRegistry<FileSource>((src) => src.release());

/**
 * A state file opened once and read by range. The descriptor keeps the file's content as it was when
 * opened (writers replace the file by rename, never in place), so sections read later belong to the
 * same snapshot. It is closed once every section has been parsed, or once nothing can read it.
 */
class FileSource implements Source {
  private closed = false;
  private holders = 0;
  /**
   * The last block small reads came from: the layout is read line by line, one system call a megabyte. One buffer,
   * refilled in place: a fresh megabyte a block would leave the whole file's worth of dead buffers outside the
   * heap until the next full collection (and in the process's peak memory).
   */
  private block: Buffer | undefined;
  private blockStart = -1;
  private size = 0;
  constructor(private fd: number) {}
  read(start: number, end: number): Buffer {
    if (end - start <= SMALL_READ) {
      const block = this.blockOf(start, end);
      // a copy (small ones come from Node's pool): the block is refilled by the next read
      if (block) return Buffer.from(block.subarray(start - this.blockStart, end - this.blockStart));
    }
    return this.readRange(start, end);
  }
  text(start: number, end: number): string {
    const block = end - start <= SMALL_READ ? this.blockOf(start, end) : undefined;
    return block ? block.toString('utf8', start - this.blockStart, end - this.blockStart) : this.readRange(start, end).toString('utf8');
  }
  byte(pos: number): number {
    const block = this.blockOf(pos, pos + 1);
    return block ? block[pos - this.blockStart] : this.readRange(pos, pos + 1)[0];
  }
  /** The block holding [start, end), read in if need be; undefined when the range crosses blocks. */
  private blockOf(start: number, end: number): Buffer | undefined {
    const bs = start - (start % BLOCK);
    if (end > bs + BLOCK || bs >= this.size) return undefined;
    const block = (this.block ??= Buffer.allocUnsafeSlow(BLOCK));
    if (this.blockStart !== bs) {
      this.blockStart = -1;
      this.fill(block, bs, Math.min(bs + BLOCK, this.size) - bs);
      this.blockStart = bs;
    }
    return block;
  }
  private fill(out: Buffer, start: number, len: number): void {
    for (let off = 0; off < len;) {
      const n = fs.readSync(this.fd, out, off, len - off, start + off);
      if (n === 0) throw new Error('the state file ended early');
      off += n;
    }
  }
  private readRange(start: number, end: number): Buffer {
    const out = Buffer.allocUnsafe(end - start);
    this.fill(out, start, end - start);
    return out;
  }
  scan(): [number[], number] {
    const nl: number[] = [];
    const chunk = Buffer.allocUnsafe(1 << 20); // reused: the text itself is not kept
    let pos = 0;
    for (let n; (n = fs.readSync(this.fd, chunk, 0, chunk.length, pos)) > 0; pos += n) {
      for (let i = chunk.indexOf(NL); i >= 0 && i < n; i = chunk.indexOf(NL, i + 1)) nl.push(pos + i);
    }
    this.size = pos;
    return [nl, pos];
  }
  /** `holder` reads from this file until it is collected */
  hold(holder: object): void {
    this.holders++;
    closer.register(holder, this);
  }
  release(): void {
    if (--this.holders <= 0) this.done();
  }
  done(): void {
    if (this.closed) return;
    this.closed = true;
    this.block = undefined;
    this.blockStart = -1;
    fs.closeSync(this.fd);
  }
}

/** Checks an entry of a sectioned map once parsed; throws a SyntaxError when its shape is wrong. */
export type EntryCheck = (section: string, key: string, value: unknown) => void;

/** What the lazy entries of one sectioned map share. */
interface EntryEnv {
  section: string;
  raw: RawIndex;
  onError: (e: SyntaxError) => Error;
  /** one more entry was read or replaced */
  parsed: () => void;
  check?: EntryCheck;
}

function lazyEntry(env: EntryEnv, group: Record<string, unknown>, key: string, vs: number, ve: number): void {
  // the property stays an accessor over `value` once parsed: turning thousands of a bucket's accessors into data
  // properties one by one costs V8 about a millisecond each. (Its closures keep only what they use: a few hundred
  // bytes an entry, for every entry of the file that a command touches the map of.)
  let value: unknown;
  let has = false;
  Object.defineProperty(group, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (has) return value;
      let v: unknown;
      try {
        v = JSON.parse(env.raw.src.text(vs, ve));
        env.check?.(env.section, key, v);
      } catch (e) {
        throw env.onError(e as SyntaxError);
      }
      // from now on it may be changed in place, so it is written from the value
      if (env.raw.at.delete(key)) env.parsed();
      value = v;
      has = true;
      return v;
    },
    set(v: unknown) {
      if (env.raw.at.delete(key)) env.parsed();
      value = v;
      has = true;
    },
  });
}

/**
 * A bucket of `objects` written a line per object: on first read, its objects become lazy entries of their own (so a
 * command that adds events to a cluster with 30,000 of them parses none of the old ones, and writes them back as read).
 */
function lazyBucket(group: Record<string, unknown>, key: string, text: () => Buffer, entries: () => Record<string, unknown>, parsed: () => void, onError: (e: SyntaxError) => Error, check?: EntryCheck): void {
  const set = (value: unknown) => {
    if (untouched.get(group)?.at.delete(key)) parsed();
    Object.defineProperty(group, key, { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(group, key, {
    enumerable: true,
    configurable: true,
    get() {
      let value: Record<string, unknown>;
      try {
        value = entries();
        check?.('objects', key, {});
      } catch (e) {
        // not one object a line after all: the bucket is read whole (and reported as the text says)
        if (!(e instanceof SectionSyntaxError)) throw onError(e as SyntaxError);
        try {
          value = JSON.parse(text().toString('utf8'));
          check?.('objects', key, value);
        } catch (e2) {
          throw onError(e2 as SyntaxError);
        }
      }
      set(value);
      return value;
    },
    set,
  });
}

/**
 * Parse a state file's text. In the layout above, sectioned entries are parsed when first read;
 * otherwise the whole text is parsed at once. Throws SyntaxError (at once, or from a section when it is
 * first read, through `onError`) when the text is not JSON.
 */
export function decodeState(buf: Buffer, onError: (e: SyntaxError) => Error, check?: EntryCheck): unknown {
  return decode(new BufferSource(buf), onError, undefined, check);
}

/** Below this size a file is read whole at once: fewer system calls, and no descriptor kept. */
const READ_WHOLE = 4 << 20;

/** decodeState for an open file, which this takes over (and closes when done with it). */
export function decodeStateFile(fd: number, onError: (e: SyntaxError) => Error, check?: EntryCheck): unknown {
  const src = new FileSource(fd);
  try {
    if (fs.fstatSync(fd).size < READ_WHOLE) {
      const buf = fs.readFileSync(fd);
      src.done();
      return decodeState(buf, onError, check);
    }
    return decode(src, onError, src, check);
  } catch (e) {
    src.done();
    throw e;
  }
}

function decode(src: Source, onError: (e: SyntaxError) => Error, file?: FileSource, check?: EntryCheck): unknown {
  const [nl, size] = src.scan();
  const lazy = decodeLayout(src, nl, size, onError, file, check);
  if (lazy !== undefined) return lazy;
  const whole = src.read(0, size);
  src.done();
  const state = JSON.parse(whole.toString('utf8'));
  if (check && plainObject(state)) {
    for (const section of SECTIONED) {
      const group = state[section];
      if (plainObject(group)) for (const [k, v] of Object.entries(group)) check(section, k, v);
    }
  }
  return state;
}

/** Longest key (as JSON text) looked for at the start of a line; and the head read first. */
const HEAD = 1024;
const SHORT_HEAD = 160;

function decodeLayout(src: Source, nl: number[], size: number, onError: (e: SyntaxError) => Error, file?: FileSource, check?: EntryCheck): object | undefined {
  const lines: [number, number][] = [];
  let s = 0;
  for (const e of nl) { lines.push([s, e]); s = e + 1; }
  lines.push([s, size]);
  const n = lines.length;
  if (n > 50_000_000) return undefined;
  const text = (i: number) => src.read(lines[i][0], lines[i][1]).toString('latin1');
  const len = (i: number) => lines[i][1] - lines[i][0];
  const is = (i: number, t: string) => len(i) === t.length && text(i) === t;
  const first = (i: number) => (len(i) > 0 ? src.byte(lines[i][0]) : -1);
  const lastByte = (i: number) => (len(i) > 0 ? src.byte(lines[i][1] - 1) : -1);
  if (n < 2 || !is(0, '{') || !is(n - 1, '}')) return undefined;
  /** [key, absolute value start] of line i, from its first bytes */
  const field = (i: number): [string, number] | undefined => {
    const [ls, le] = lines[i];
    // most keys (an object's namespace/name) fit the short head: the long one is read only when they do not
    let head = src.read(ls, Math.min(le, ls + SHORT_HEAD));
    let f = splitField(head, 0, head.length);
    if (!f && le > ls + SHORT_HEAD) {
      head = src.read(ls, Math.min(le, ls + HEAD));
      f = splitField(head, 0, head.length);
    }
    return f && [f[0], ls + f[1]];
  };
  const state: Record<string, unknown> = {};
  const last = n - 2;
  /** end of line i without the comma every field but the last ends with; -1 when the comma is wrong */
  const fieldEnd = (i: number, isLast: boolean) => {
    const comma = lastByte(i) === 0x2c;
    if (isLast) return comma ? -1 : lines[i][1];
    return comma ? lines[i][1] - 1 : -1;
  };
  const groups: object[] = [];
  let pending = 0;
  const parsed = () => { if (--pending === 0) src.done(); };
  /** The objects of a bucket on lines [from, to), each parsed when first read; throws SyntaxError when not the layout. */
  const bucketEntries = (bucket: string, from: number, to: number): Record<string, unknown> => {
    const group: Record<string, unknown> = {};
    const raw = new RawIndex(src);
    const env: EntryEnv = { section: `objects/${bucket}`, raw, onError, parsed, check };
    for (let i = from; i < to; i++) {
      const ef = field(i);
      const ee = fieldEnd(i, i === to - 1);
      if (!ef || ee < 0 || ef[1] >= ee) throw new SectionSyntaxError(`objects.${bucket} is not one object a line`);
      raw.add(ef[0], ef[1], ee);
      lazyEntry(env, group, ef[0], ef[1], ee);
    }
    untouched.set(group, raw);
    pending += raw.at.size;
    file?.hold(group);
    return group;
  };
  for (let i = 1; i <= last; i++) {
    const f = field(i);
    if (!f) return undefined;
    const [key, v] = f;
    if (SECTIONED.has(key) && lines[i][1] - v === 1 && src.byte(v) === 0x7b) {
      // a sectioned map: one line per entry, then a line '}' (with the field's comma unless last)
      const group: Record<string, unknown> = {};
      const raw = new RawIndex(src);
      const env: EntryEnv = { section: key, raw, onError, parsed, check };
      for (i++; ; i++) {
        if (i > last) return undefined;
        if (first(i) === 0x7d) break;
        const ef = field(i);
        if (!ef) return undefined;
        if (key === 'objects' && lines[i][1] - ef[1] === 1 && src.byte(ef[1]) === 0x7b) {
          // a bucket with a line per object, then a line '}' (with a comma unless the last bucket): read when first used
          const from = i + 1;
          for (i++; ; i++) {
            if (i > last) return undefined;
            if (first(i) === 0x7d) break;
          }
          const lastBucket = first(i + 1) === 0x7d;
          if (text(i) !== (lastBucket ? '}' : '},')) return undefined;
          const [vs, ve] = [ef[1], lastBucket ? lines[i][1] : lines[i][1] - 1];
          const read = () => src.read(vs, ve);
          raw.add(ef[0], vs, ve);
          const to = i;
          lazyBucket(group, ef[0], read, () => bucketEntries(ef[0], from, to), parsed, onError, check);
          continue;
        }
        const ee = fieldEnd(i, first(i + 1) === 0x7d);
        if (ee < 0 || ef[1] >= ee) return undefined;
        raw.add(ef[0], ef[1], ee);
        lazyEntry(env, group, ef[0], ef[1], ee);
      }
      const t = text(i);
      if (t !== (i === last ? '}' : '},')) return undefined;
      untouched.set(group, raw);
      pending += raw.at.size;
      groups.push(group);
      state[key] = group;
      continue;
    }
    const e = fieldEnd(i, i === last);
    if (e < 0) return undefined;
    try {
      state[key] = JSON.parse(src.read(v, e).toString('utf8'));
    } catch {
      return undefined; // let the whole-text parse report it
    }
  }
  if (pending === 0) src.done();
  else for (const g of groups) file?.hold(g);
  return state;
}
