// Shared describe.go helpers: labels/annotations blocks, events, timestamps.
import { goSort } from '../gosort.js';
import type { KObject } from '../../api/types.js';
import { goStringLess } from '../labels.js';
import { translateTimestampSince, parseTime } from '../duration.js';
import { PrefixWriter, LEVEL_0, LEVEL_1 } from './writer.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/**
 * Go's time.RFC1123Z ("Mon, 02 Jan 2006 15:04:05 -0700"). kubectl prints API
 * times in the machine's local zone (metav1.Time unmarshals to Local), so do we.
 * A missing time is Go's zero time.
 */
export function formatRFC1123Z(ts: string | undefined | null): string {
  const t = parseTime(ts);
  if (t === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(t);
  const off = -d.getTimezoneOffset();
  const local = new Date(t + off * 60_000);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return (
    `${DAYS[local.getUTCDay()]}, ${p2(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ` +
    `${p2(local.getUTCHours())}:${p2(local.getUTCMinutes())}:${p2(local.getUTCSeconds())} ${sign}${p2(Math.floor(a / 60))}${p2(a % 60)}`
  );
}

/** printLabelsMultilineWithIndent */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined | null, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort(goStringLess);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
    w.write(LEVEL_0, `${k}=${labels![k]}\n`);
  });
}

const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;
const byteLen = (s: string) => Buffer.byteLength(s, 'utf8');

function shorten(s: string, max: number): string {
  const b = Buffer.from(s, 'utf8');
  return b.length > max ? b.subarray(0, max).toString('utf8') + '...' : s;
}

/** printAnnotationsMultiline: sorted, last-applied skipped, long values wrapped. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  const a = annotations ?? {};
  const keys = Object.keys(a)
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort(goStringLess);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = a[key].endsWith('\n') ? a[key].slice(0, -1) : a[key];
    if (byteLen(value) + byteLen(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** printTolerationsMultilineWithIndent */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: any[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const ts = [...(tolerations ?? [])];
  if (ts.length === 0) {
    w.writeLine('<none>');
    return;
  }
  ts.sort((x, y) => goStringLess(x.key ?? '', y.key ?? ''));
  ts.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, s + '\n');
  });
}

/** printController: `Kind/name` of the controller owner reference. */
export function printController(o: KObject): string {
  const ref = (o.metadata?.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

const evTime = (e: any) => parseTime(e.lastTimestamp) ?? 0;

/**
 * DescribeEvents: sorted by lastTimestamp with Go's sort.Sort (SortableEvents), so ties keep kubectl's order;
 * Age is the first-seen age, or `<last> (xN over <first>)` for repeated events.
 */
export function describeEventsInto(w: PrefixWriter, events: KObject[], now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = goSort(events.map((e) => ({ e: e as any, t: evTime(e) })), (a, b) => a.t < b.t);
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const { e } of sorted) {
    let first = translateTimestampSince(e.eventTime, now);
    if (!parseTime(e.eventTime)) first = translateTimestampSince(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}

/** DescribeEvents as a standalone block (its own tabwriter). */
export function describeEvents(events: KObject[], now: number): string {
  const w = new PrefixWriter();
  describeEventsInto(w, events, now);
  return w.toString();
}
