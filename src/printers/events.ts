// `kubectl events`' own printing (kubectl/pkg/cmd/events): the EventPrinter table (LAST SEEN, TYPE,
// REASON, OBJECT as Kind/name, MESSAGE), the order it sorts events in (Go's sort.Sort, which is not
// stable, over the time getInterval shows last), and the typed core/v1 EventList the structured
// formats print (kubectl decodes events into Go structs, so -o json keeps struct field order).
import type { KObject } from '../api/types.js';
import { goType, type GoType } from '../api/goschema.js';
import { humanDuration } from './duration.js';
import { goStringLess } from './labels.js';
import { newGetTabWriter, type TabWriter } from './tabwriter.js';

// ---- times

/** An RFC3339 (optionally fractional) timestamp as epoch microseconds; undefined when zero/missing. */
export function parseMicros(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || ts === '') return undefined;
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) return undefined;
  const ms = Date.parse(m[1] + m[3]);
  if (Number.isNaN(ms)) return undefined;
  const frac = (m[2] ?? '').padEnd(6, '0').slice(0, 6);
  return ms * 1000 + Number(frac);
}

/** translateTimestampSince / translateMicroTimestampSince: `<unknown>` for a zero time. */
function since(ts: unknown, nowMs: number): string {
  const t = parseMicros(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(nowMs - t / 1000);
}

/** getInterval: the LAST SEEN cell, `12m (x3 over 20m)` for repeated events. */
export function eventInterval(e: any, nowMs: number): string {
  const first = parseMicros(e.eventTime) === undefined ? since(e.firstTimestamp, nowMs) : since(e.eventTime, nowMs);
  if (e.series) return `${since(e.series.lastObservedTime, nowMs)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, nowMs)} (x${e.count} over ${first})`;
  return first;
}

/** events.go eventTime(): the time events are sorted by. */
function sortTime(e: any): number {
  if (e.series) return parseMicros(e.series.lastObservedTime) ?? Number.NEGATIVE_INFINITY;
  const last = parseMicros(e.lastTimestamp);
  if (last !== undefined) return last;
  return parseMicros(e.eventTime) ?? Number.NEGATIVE_INFINITY;
}

// ---- the table

const CELL_BREAK = /[\f\n\r]/;

/** printers.EscapeTerminal: control characters other than tab and newline are shown caret-escaped. */
function escapeTerminal(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && ch !== '\t' && ch !== '\n') || c === 0x7f) out += '^' + String.fromCharCode(c === 0x7f ? 0x3f : c + 0x40);
    else out += ch;
  }
  return out;
}

function escapeCell(s: string | undefined): string {
  let str = s ?? '';
  const i = str.search(CELL_BREAK);
  if (i >= 0) str = str.slice(0, i) + '...';
  return escapeTerminal(str);
}

/**
 * EventPrinter over kubectl's `get` tabwriter. The same printer is kept for a whole watch: the header
 * is printed once, and each flush() lays out what was printed since the last one (RememberWidths makes
 * columns only ever grow, as on the terminal).
 */
export class EventTablePrinter {
  private headersPrinted = false;
  private readonly tw: TabWriter = newGetTabWriter();

  constructor(private readonly noHeaders: boolean, private readonly allNamespaces: boolean) {}

  /** PrintObj of one Event or an EventList's items, then Flush; returns the text. */
  print(events: any[], nowMs: number): string {
    if (!this.noHeaders && !this.headersPrinted) {
      this.tw.write((this.allNamespaces ? 'NAMESPACE\t' : '') + 'LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n');
      this.headersPrinted = true;
    }
    for (const e of events) {
      const io = e.involvedObject ?? {};
      let line = this.allNamespaces ? `${e.metadata?.namespace ?? ''}\t` : '';
      line += `${eventInterval(e, nowMs)}\t${escapeCell(e.type)}\t${escapeCell(e.reason)}\t${escapeCell(io.kind)}/${escapeCell(io.name)}\t${escapeCell((e.message ?? '').trim())}\n`;
      this.tw.write(line);
    }
    return this.tw.flush();
  }
}

// ---- Go's sort.Sort (pdqsort, Go >= 1.19): unstable, so ties keep kubectl's exact order

interface SortData {
  less(i: number, j: number): boolean;
  swap(i: number, j: number): void;
}

function bitsLen(n: number): number {
  let l = 0;
  while (n > 0) { l++; n = Math.floor(n / 2); }
  return l;
}

function insertionSort(d: SortData, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) for (let j = i; j > a && d.less(j, j - 1); j--) d.swap(j, j - 1);
}

function siftDown(d: SortData, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && d.less(first + child, first + child + 1)) child++;
    if (!d.less(first + root, first + child)) return;
    d.swap(first + root, first + child);
    root = child;
  }
}

function heapSort(d: SortData, a: number, b: number): void {
  const first = a;
  const hi = b - a;
  for (let i = Math.floor((hi - 1) / 2); i >= 0; i--) siftDown(d, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    d.swap(first, first + i);
    siftDown(d, 0, i, first);
  }
}

const UNKNOWN = 0;
const INCREASING = 1;
const DECREASING = 2;
const MASK64 = (1n << 64n) - 1n;

function breakPatterns(d: SortData, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  let r = BigInt(length);
  const next = () => {
    r ^= (r << 13n) & MASK64;
    r ^= r >> 7n;
    r ^= (r << 17n) & MASK64;
    return r;
  };
  const modulus = 2 ** bitsLen(length);
  for (let idx = a + Math.floor(length / 4) * 2 - 1; idx <= a + Math.floor(length / 4) * 2 + 1; idx++) {
    let other = Number(next() & BigInt(modulus - 1));
    if (other >= length) other -= length;
    d.swap(idx, a + other);
  }
}

function choosePivot(d: SortData, a: number, b: number): [number, number] {
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.floor(l / 4) * 1;
  let j = a + Math.floor(l / 4) * 2;
  let k = a + Math.floor(l / 4) * 3;
  const order2 = (x: number, y: number): [number, number] => {
    if (d.less(y, x)) { swaps.n++; return [y, x]; }
    return [x, y];
  };
  const median = (x: number, y: number, z: number): number => {
    [x, y] = order2(x, y);
    [y, z] = order2(y, z);
    [x, y] = order2(x, y);
    return y;
  };
  if (l >= 8) {
    if (l >= 50) {
      i = median(i - 1, i, i + 1);
      j = median(j - 1, j, j + 1);
      k = median(k - 1, k, k + 1);
    }
    j = median(i, j, k);
  }
  if (swaps.n === 0) return [j, INCREASING];
  if (swaps.n === 12) return [j, DECREASING];
  return [j, UNKNOWN];
}

function reverseRange(d: SortData, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) d.swap(i, j);
}

function partialInsertionSort(d: SortData, a: number, b: number): boolean {
  let i = a + 1;
  for (let step = 0; step < 5; step++) {
    while (i < b && !d.less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < 50) return false;
    d.swap(i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!d.less(j, j - 1)) break;
        d.swap(j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!d.less(j, j - 1)) break;
        d.swap(j, j - 1);
      }
    }
  }
  return false;
}

function partition(d: SortData, a: number, b: number, pivot: number): [number, boolean] {
  d.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && d.less(i, a)) i++;
  while (i <= j && !d.less(j, a)) j--;
  if (i > j) {
    d.swap(j, a);
    return [j, true];
  }
  d.swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && d.less(i, a)) i++;
    while (i <= j && !d.less(j, a)) j--;
    if (i > j) break;
    d.swap(i, j);
    i++;
    j--;
  }
  d.swap(j, a);
  return [j, false];
}

function partitionEqual(d: SortData, a: number, b: number, pivot: number): number {
  d.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !d.less(a, i)) i++;
    while (i <= j && d.less(a, j)) j--;
    if (i > j) break;
    d.swap(i, j);
    i++;
    j--;
  }
  return i;
}

function pdqsort(d: SortData, a: number, b: number, limit: number): void {
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= 12) {
      insertionSort(d, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(d, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(d, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(d, a, b);
    if (hint === DECREASING) {
      reverseRange(d, a, b);
      pivot = b - 1 - (pivot - a);
      hint = INCREASING;
    }
    if (wasBalanced && wasPartitioned && hint === INCREASING) {
      if (partialInsertionSort(d, a, b)) return;
    }
    if (a > 0 && !d.less(a - 1, pivot)) {
      a = partitionEqual(d, a, b, pivot);
      continue;
    }
    const [mid, already] = partition(d, a, b, pivot);
    wasPartitioned = already;
    const left = mid - a;
    const right = b - mid;
    const threshold = Math.floor(length / 8);
    if (left < right) {
      wasBalanced = left >= threshold;
      pdqsort(d, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = right >= threshold;
      pdqsort(d, mid + 1, b, limit);
      b = mid;
    }
  }
}

/** sort.Sort(data): in place. */
export function goSort<T>(items: T[], less: (x: T, y: T) => boolean): T[] {
  const n = items.length;
  if (n <= 1) return items;
  const d: SortData = {
    less: (i, j) => less(items[i], items[j]),
    swap: (i, j) => { const t = items[i]; items[i] = items[j]; items[j] = t; },
  };
  pdqsort(d, 0, n, bitsLen(n));
  return items;
}

/** sort.Sort(SortableEvents(items)): by the series' last observation, else lastTimestamp, else eventTime. */
export function sortEvents(items: any[]): any[] {
  const keyed = items.map((e) => ({ e, t: sortTime(e) }));
  goSort(keyed, (x, y) => x.t < y.t);
  return keyed.map((k) => k.e);
}

// ---- typed encoding (encoding/json over core/v1 structs)

type Field = [go: string, tag: string, type: string];

const LOCAL: Record<string, Field[]> = {
  'v1.EventList': [
    ['Kind', 'kind,omitempty', 'string'],
    ['APIVersion', 'apiVersion,omitempty', 'string'],
    ['ListMeta', 'metadata,omitempty', 'v1.ListMeta'],
    ['Items', 'items', '[]v1.Event'],
  ],
  'v1.ListMeta': [
    ['SelfLink', 'selfLink,omitempty', 'string'],
    ['ResourceVersion', 'resourceVersion,omitempty', 'string'],
    ['Continue', 'continue,omitempty', 'string'],
    ['RemainingItemCount', 'remainingItemCount,omitempty', '*int64'],
  ],
  'v1.Event': [
    ['Kind', 'kind,omitempty', 'string'],
    ['APIVersion', 'apiVersion,omitempty', 'string'],
    ['ObjectMeta', 'metadata,omitempty', 'v1.ObjectMeta'],
    ['InvolvedObject', 'involvedObject', 'v1.ObjectReference'],
    ['Reason', 'reason,omitempty', 'string'],
    ['Message', 'message,omitempty', 'string'],
    ['Source', 'source,omitempty', 'v1.EventSource'],
    ['FirstTimestamp', 'firstTimestamp,omitempty', 'v1.Time'],
    ['LastTimestamp', 'lastTimestamp,omitempty', 'v1.Time'],
    ['Count', 'count,omitempty', 'int32'],
    ['Type', 'type,omitempty', 'string'],
    ['EventTime', 'eventTime,omitempty', 'v1.MicroTime'],
    ['Series', 'series,omitempty', '*v1.EventSeries'],
    ['Action', 'action,omitempty', 'string'],
    ['Related', 'related,omitempty', '*v1.ObjectReference'],
    ['ReportingController', 'reportingComponent', 'string'],
    ['ReportingInstance', 'reportingInstance', 'string'],
  ],
  'v1.ObjectReference': [
    ['Kind', 'kind,omitempty', 'string'],
    ['Namespace', 'namespace,omitempty', 'string'],
    ['Name', 'name,omitempty', 'string'],
    ['UID', 'uid,omitempty', 'types.UID'],
    ['APIVersion', 'apiVersion,omitempty', 'string'],
    ['ResourceVersion', 'resourceVersion,omitempty', 'string'],
    ['FieldPath', 'fieldPath,omitempty', 'string'],
  ],
  'v1.EventSource': [
    ['Component', 'component,omitempty', 'string'],
    ['Host', 'host,omitempty', 'string'],
  ],
  'v1.EventSeries': [
    ['Count', 'count,omitempty', 'int32'],
    ['LastObservedTime', 'lastObservedTime,omitempty', 'v1.MicroTime'],
  ],
};

function sortedMap(v: any): any {
  if (Array.isArray(v)) return v.map(sortedMap);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort((a, b) => (goStringLess(a, b) ? -1 : goStringLess(b, a) ? 1 : 0))) out[k] = sortedMap(v[k]);
  return out;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

/** Encode `v` as encoding/json would encode Go type `type` (field order, omitempty, zero values). */
function encodeTyped(type: string, v: any): unknown {
  if (type.startsWith('*')) return v === undefined || v === null ? null : encodeTyped(type.slice(1), v);
  if (type.startsWith('[]')) return v === undefined || v === null ? null : (v as any[]).map((x) => encodeTyped(type.slice(2), x));
  const local = LOCAL[type];
  if (local) return encodeStruct(local, v ?? {});
  if (type === 'v1.Time' || type === 'v1.MicroTime') return v === undefined || v === '' ? null : v;
  const t: GoType = goType(type);
  if (t.kind === 'struct') return encodeStruct(t.fields!.map((f) => [f.go, [f.json, f.inline ? 'inline' : '', f.omitempty ? 'omitempty' : ''].filter(Boolean).join(','), f.type] as Field), v ?? {});
  if (t.kind === 'string') return v ?? '';
  if (t.kind === 'int') return v ?? 0;
  if (t.kind === 'bool') return v ?? false;
  if (t.kind === 'time') return v === undefined || v === '' ? null : v;
  return sortedMap(v ?? null);
}

function encodeStruct(fields: Field[], v: any): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [, tag, type] of fields) {
    const [json, ...opts] = tag.split(',');
    const omitempty = opts.includes('omitempty');
    const val = v[json];
    const structLike = LOCAL[type] !== undefined || type === 'v1.Time' || type === 'v1.MicroTime' || goType(type).kind === 'struct';
    if (omitempty && !structLike && (isEmpty(val) || (typeof val === 'object' && !Array.isArray(val) && Object.keys(val).length === 0 && !type.startsWith('*')))) continue;
    out[json] = encodeTyped(type, val);
  }
  return out;
}

/** A stored Event as kubectl's typed client decodes and re-encodes it. */
export function typedEvent(e: KObject): Record<string, unknown> {
  return encodeTyped('v1.Event', { ...e, kind: 'Event', apiVersion: 'v1' }) as Record<string, unknown>;
}

/** The EventList `kubectl events -o json|yaml` prints (ListMeta empty: `metadata: {}`). */
export function typedEventList(items: KObject[]): Record<string, unknown> {
  return { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: items.map(typedEvent) };
}
