// `kubectl events`' own printing (kubectl/pkg/cmd/events): the EventPrinter table (LAST SEEN, TYPE,
// REASON, OBJECT as Kind/name, MESSAGE), the order it sorts events in (Go's sort.Sort, which is not
// stable, over the time getInterval shows last), and the typed core/v1 EventList the structured
// formats print (kubectl decodes events into Go structs, so -o json keeps struct field order).
import type { KObject } from '../api/types.js';
import { goType, type GoType } from '../api/goschema.js';
import { humanDuration } from './duration.js';
import { goStringLess } from './labels.js';
import { goSort } from './gosort.js';
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
