// Event recording as the control plane does it.
//
// Controllers and the kubelet use client-go's core/v1 recorder (tools/record): every event goes
// through an EventCorrelator — aggregator (10 similar events with distinct messages in 600 s are
// combined into one "(combined from similar events): ..." event), logger (repeats of an identical
// event bump `count` on the first one, keeping its firstTimestamp) and spam filter (a token bucket
// per source+object: burst 25, refilled 1 per 300 s). Each component process has its own correlator.
//
// The scheduler uses the events.k8s.io/v1 recorder (tools/events) instead: no correlator, but
// isomorphic events fold into a `series` (count + lastObservedTime) that is written on the second
// occurrence and refreshed every 6 minutes.
//
// The correlator caches live in cluster.controllerState('events') so they persist between commands;
// they are LRU maps (as groupcache/lru) kept as insertion-ordered plain objects. In memory each record read from the
// file is held as its JSON text (src/store/sections.ts holdAsText): a big cluster's caches have tens of thousands.
import type { Cluster } from '../store/cluster.js';
import type { KObject } from '../api/types.js';
import type { EventRecorder, EventSource } from './context.js';
import { rfc3339Micro, parseTime } from '../sim/clock.js';
import { timeStr } from './podutil.js';
import { RESOURCES } from '../api/resources.js';
import { holdAsText } from '../store/sections.js';

const MAX_LRU = 4096;
const LRU_SLACK = 512;
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;
/** kube-apiserver --event-ttl */
export const EVENT_TTL_MS = 3_600_000;
const PURGE_EVERY_MS = 60_000;
/** tools/events: refreshTime / finishTime */
const SERIES_REFRESH_MS = 6 * 60_000;
/** kube-scheduler's reportingInstance is "<scheduler name>-<hostname>". */
const SCHEDULER_HOST = 'kubesim-control-plane';

export interface ObjectRef {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/**
 * `m`: key -> the record, in recency order (oldest first); V is the record's type. Records read from the state file are
 * held as their JSON text; those this command wrote are the values themselves (the file gets their text on save).
 */
interface Lru<V> { n: number; m: Record<string, string | V> }
interface CorrelatorState {
  /** spam key -> [tokens, last refill ms] */
  spam: Lru<[number, number]>;
  /** aggregate key -> [local keys (messages), last ms] */
  agg: Lru<[string[], number]>;
  /** event key -> [count, firstTimestamp, name, involved object uid] */
  log: Lru<[number, string, string, string]>;
}
interface SeriesEntry {
  /** event name and namespace in the cluster */
  name: string;
  ns: string;
  count: number;
  /** ms of the first occurrence (eventTime) and the last */
  first: number;
  last: number;
  /** series changed since last written */
  dirty: boolean;
}
export interface EventsState {
  /** last nanosecond stamp handed out for an event name (decimal string; names must be unique) */
  lastNanos: string;
  lastPurge: number;
  correlators: Record<string, CorrelatorState>;
  series: Record<string, SeriesEntry>;
  /** when the pending series refresh tick fires, if one is pending */
  refreshAt?: number;
}

/** correlators whose records are held as text */
const packed = new WeakSet<CorrelatorState>();

function state(cluster: Cluster): EventsState {
  return cluster.controllerState<EventsState>('events', () => ({ lastNanos: '0', lastPurge: 0, correlators: {}, series: {} }));
}

/** The records of `c` (as read from the state file, or new) held as text from now on. */
function pack(st: EventsState, c: CorrelatorState): void {
  if (packed.has(c)) return;
  packed.add(c);
  for (const l of [c.spam, c.agg, c.log] as Lru<unknown>[]) {
    for (const k of Object.keys(l.m)) {
      const v = l.m[k] as unknown;
      if (typeof v !== 'string') l.m[k] = JSON.stringify(v);
    }
    holdAsText([st, st.correlators, c, l], l.m);
  }
}

// ---- LRU over a plain object: insertion order is recency order (oldest first)

/**
 * A record's value. Its recency is left as it is: every caller adds the record back under the same key (lruAdd), which
 * makes it the newest, as the get would have.
 */
function lruGet<V>(l: Lru<V>, k: string): V | undefined {
  if (!Object.prototype.hasOwnProperty.call(l.m, k)) return undefined;
  return lruPeek(l, k);
}

/** A record's value, read without touching its recency (purge). */
function lruPeek<V>(l: Lru<V>, k: string): V {
  const v = l.m[k];
  return typeof v === 'string' ? JSON.parse(v) : v;
}

function lruAdd<V>(l: Lru<V>, k: string, v: V): void {
  if (Object.prototype.hasOwnProperty.call(l.m, k)) delete l.m[k];
  else l.n++;
  l.m[k] = v;
  // kubesim: evict the oldest entries in batches (finding the oldest key of a plain object costs a
  // walk over all keys), so a cache holds up to MAX_LRU + LRU_SLACK entries instead of exactly MAX_LRU
  if (l.n > MAX_LRU + LRU_SLACK) {
    let drop = l.n - MAX_LRU;
    for (const old in l.m) {
      if (drop-- <= 0) break;
      delete l.m[old];
      l.n--;
    }
  }
}

function newLru<V>(): Lru<V> {
  return { n: 0, m: {} };
}

/** A reference to `obj` as reference.GetReference builds it. */
export function refOf(obj: KObject, fieldPath?: string): ObjectRef {
  const md = obj.metadata || {};
  let kind = obj.kind;
  let apiVersion = obj.apiVersion;
  if (!kind || !apiVersion) {
    // objects read back from the store always carry both; be lenient with hand-built ones
    const r = kind ? RESOURCES.find((x) => x.kind === kind) : undefined;
    if (r) apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
  }
  const ref: ObjectRef = { kind, namespace: md.namespace, name: md.name, uid: md.uid, apiVersion, resourceVersion: md.resourceVersion };
  if (fieldPath) ref.fieldPath = fieldPath;
  for (const k of Object.keys(ref) as (keyof ObjectRef)[]) if (ref[k] === undefined || ref[k] === '') delete ref[k];
  return ref;
}

/** A copy of `o` without its undefined fields (what the store's copy of it would hold). */
function definedFields<T extends object>(o: T): T {
  const out: any = {};
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** "<name>.<hex nanos>" from virtual time, unique across the cluster. */
function eventName(st: EventsState, objName: string, now: number): string {
  let n = BigInt(now) * 1000000n;
  const last = BigInt(st.lastNanos);
  if (n <= last) n = last + 1n;
  st.lastNanos = n.toString();
  return `${objName}.${n.toString(16)}`;
}

interface CoreEvent {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: { name: string; namespace: string; resourceVersion?: string };
  involvedObject: ObjectRef;
  reason: string;
  message: string;
  source: { component?: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: string;
  eventTime: null;
  reportingComponent: string;
  reportingInstance: string;
}

const z = (x: string | undefined) => x ?? '';

/**
 * kubesim: the caches are keyed by a 64-bit hash of upstream's key strings (which hold whole
 * messages) to keep the state file small.
 */
function h(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return hex64(a, b);
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** `a` then `b` as 8 lowercase hex digits each (Number's toString(16) and padStart cost more than the hash itself) */
function hex64(a: number, b: number): string {
  const d = HEX_CODES;
  return String.fromCharCode(
    d[a >>> 28], d[(a >>> 24) & 15], d[(a >>> 20) & 15], d[(a >>> 16) & 15], d[(a >>> 12) & 15], d[(a >>> 8) & 15], d[(a >>> 4) & 15], d[a & 15],
    d[b >>> 28], d[(b >>> 24) & 15], d[(b >>> 20) & 15], d[(b >>> 16) & 15], d[(b >>> 12) & 15], d[(b >>> 8) & 15], d[(b >>> 4) & 15], d[b & 15],
  );
}

function getEventKey(e: CoreEvent): string {
  const io = e.involvedObject;
  return h(`${z(e.source.component)}${z(e.source.host)}${z(io.kind)}${z(io.namespace)}${z(io.name)}${z(io.fieldPath)}${z(io.uid)}${z(io.apiVersion)}${e.type}${e.reason}${e.message}`);
}

function getSpamKey(e: CoreEvent): string {
  const io = e.involvedObject;
  return h(`${z(e.source.component)}${z(e.source.host)}${z(io.kind)}${z(io.namespace)}${z(io.name)}${z(io.uid)}${z(io.apiVersion)}`);
}

function aggregateKeys(e: CoreEvent): [string, string] {
  const io = e.involvedObject;
  return [
    h(`${z(e.source.component)}${z(e.source.host)}${z(io.kind)}${z(io.namespace)}${z(io.name)}${z(io.uid)}${z(io.apiVersion)}${e.type}${e.reason}${e.reportingComponent}${e.reportingInstance}`),
    h(e.message),
  ];
}

export interface KubesimEventRecorder extends EventRecorder {
  /** Record against an explicit reference (the kubelet's container events carry a fieldPath). */
  eventRef(source: EventSource, ref: ObjectRef, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** events.k8s.io/v1 style (kube-scheduler): `action` and series instead of the correlator. */
  eventNew(reportingController: string, obj: KObject, type: 'Normal' | 'Warning', reason: string, action: string, note: string): void;
  /** Write series refreshes that are due (tools/events refreshTime ticker). */
  refreshSeries(): void;
  /**
   * Remove events past the TTL (kube-apiserver --event-ttl=1h), at most once a minute of virtual time,
   * and forget cache records that can no longer matter (`exists` tells whether an object uid is alive).
   */
  purge(force?: boolean, exists?: (uid: string) => boolean): void;
}

export function createEventRecorder(cluster: Cluster): KubesimEventRecorder {
  const correlator = (st: EventsState, source: EventSource): CorrelatorState => {
    const id = `${source.component}/${source.host ?? ''}`;
    let c = st.correlators[id];
    if (!c) c = st.correlators[id] = { spam: newLru(), agg: newLru(), log: newLru() };
    pack(st, c);
    return c;
  };

  // EventAggregator.EventAggregate
  const aggregate = (c: CorrelatorState, ev: CoreEvent, now: number, st: EventsState): [CoreEvent, string] => {
    const eventKey = getEventKey(ev);
    const [aggregateKey, localKey] = aggregateKeys(ev);
    let rec = lruGet(c.agg, aggregateKey);
    if (!rec || now - rec[1] > AGGREGATE_INTERVAL_MS) rec = [[], now];
    if (!rec[0].includes(localKey)) rec[0].push(localKey);
    rec[1] = now;
    lruAdd(c.agg, aggregateKey, rec);
    if (rec[0].length < AGGREGATE_MAX_EVENTS) return [ev, eventKey];
    // kubesim: upstream drops an arbitrary key (sets.PopAny); we drop the one just added, so the
    // set keeps its first nine messages and later repeats of those still dedupe by count.
    rec[0].pop(); // (the record just added is this array: its place in the order stays)
    const ts = timeStr(now);
    const agg: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: eventName(st, ev.involvedObject.name ?? '', now), namespace: ev.metadata.namespace },
      involvedObject: ev.involvedObject,
      reason: ev.reason,
      message: '(combined from similar events): ' + ev.message,
      source: ev.source,
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type: ev.type,
      eventTime: null,
      // the aggregate event is built afresh upstream, without the reporting fields
      reportingComponent: '',
      reportingInstance: '',
    };
    return [agg, aggregateKey];
  };

  // eventLogger.eventObserve
  const observe = (c: CorrelatorState, ev: CoreEvent, key: string): CoreEvent => {
    const last = lruGet(c.log, key);
    const out: CoreEvent = { ...ev, metadata: { ...ev.metadata } };
    if (last && last[0] > 0) {
      out.metadata.name = last[2];
      out.firstTimestamp = last[1];
      out.count = last[0] + 1;
    }
    lruAdd(c.log, key, [out.count, out.firstTimestamp, out.metadata.name, out.involvedObject.uid ?? '']);
    return out;
  };

  // EventSourceObjectSpamFilter.Filter: true means drop
  const filtered = (c: CorrelatorState, ev: CoreEvent, now: number): boolean => {
    const key = getSpamKey(ev);
    let rec = lruGet(c.spam, key);
    if (!rec) rec = [SPAM_BURST, now];
    const tokens = Math.min(SPAM_BURST, rec[0] + ((now - rec[1]) / 1000) * SPAM_QPS);
    let drop = true;
    if (tokens >= 1) {
      rec = [tokens - 1, now];
      drop = false;
    }
    lruAdd(c.spam, key, rec);
    return drop;
  };

  // recordToSink/recordEvent: patch the existing event when count > 1, else (or when it is gone) create.
  const write = (ev: CoreEvent): KObject => {
    const ns = ev.metadata.namespace;
    if (ev.count > 1) {
      const cur = cluster.get('events', ns, ev.metadata.name);
      if (cur) {
        const upd = { ...cur, count: ev.count, lastTimestamp: ev.lastTimestamp, message: ev.message };
        return cluster.update('events', upd);
      }
    }
    // (built here for the store, which takes it as it is: the caller's reference is copied, its unset fields left out)
    const fresh: any = definedFields({ ...ev, metadata: { name: ev.metadata.name, namespace: ns }, involvedObject: definedFields(ev.involvedObject) });
    return cluster.create('events', fresh, { owned: true });
  };

  const eventRef = (source: EventSource, ref: ObjectRef, type: 'Normal' | 'Warning', reason: string, message: string): void => {
    const st = state(cluster);
    const now = cluster.now();
    const ts = timeStr(now);
    const src: { component?: string; host?: string } = { component: source.component };
    if (source.host) src.host = source.host;
    const ev: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: eventName(st, ref.name ?? '', now), namespace: ref.namespace || 'default' },
      involvedObject: ref,
      reason,
      message,
      source: src,
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    const c = correlator(st, source);
    const [aggEv, ckey] = aggregate(c, ev, now, st);
    const observed = observe(c, aggEv, ckey);
    if (filtered(c, observed, now)) return;
    const written = write(observed);
    // EventCorrelator.UpdateState: remember what the server holds, under the written event's own key (the key the
    // aggregator gave, unless it combined the event into a new one)
    lruAdd(c.log, aggEv === ev ? ckey : getEventKey(written as CoreEvent), [
      written.count, written.firstTimestamp, written.metadata!.name!, written.involvedObject?.uid ?? '',
    ]);
  };

  const writeSeries = (s: SeriesEntry): void => {
    const cur = cluster.get('events', s.ns, s.name);
    if (!cur) return;
    cluster.update('events', { ...cur, series: { count: s.count, lastObservedTime: rfc3339Micro(s.last) } });
    s.dirty = false;
  };

  const recorder: KubesimEventRecorder = {
    event(source, obj, type, reason, message) {
      eventRef(source, refOf(obj), type, reason, message);
    },
    eventRef,
    eventNew(reportingController, obj, type, reason, action, note) {
      const st = state(cluster);
      const now = cluster.now();
      const ref = refOf(obj);
      const key = JSON.stringify([action, reason, reportingController, ref]);
      const s = st.series[key];
      if (s) {
        s.count = s.count < 1 ? 2 : s.count + 1;
        s.last = now;
        if (s.count === 2) writeSeries(s);
        else {
          s.dirty = true;
          scheduleRefresh();
        }
        return;
      }
      const name = eventName(st, ref.name ?? '', now);
      const ns = ref.namespace || 'default';
      cluster.create('events', {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: ns },
        involvedObject: ref,
        reason,
        message: note,
        source: {},
        firstTimestamp: null,
        lastTimestamp: null,
        type,
        eventTime: rfc3339Micro(now),
        action,
        reportingComponent: reportingController,
        reportingInstance: `${reportingController}-${SCHEDULER_HOST}`,
      }, { owned: true });
      st.series[key] = { name, ns, count: 1, first: now, last: now, dirty: false };
      scheduleRefresh();
    },
    refreshSeries() {
      const st = state(cluster);
      const now = cluster.now();
      st.refreshAt = undefined;
      for (const [k, s] of Object.entries(st.series)) {
        if (s.dirty) writeSeries(s);
        // finishSeries: forget series (and single events) not seen for the refresh period
        if (now - s.last > SERIES_REFRESH_MS || (s.count === 1 && now - s.first > SERIES_REFRESH_MS)) delete st.series[k];
      }
      if (Object.keys(st.series).length > 0) scheduleRefresh();
    },
    purge(force = false, exists?: (uid: string) => boolean) {
      const st = state(cluster);
      const now = cluster.now();
      if (!force && now - st.lastPurge < PURGE_EVERY_MS) return;
      st.lastPurge = now;
      for (const ev of cluster.list('events')) {
        const t = Math.max(
          parseTime(ev.lastTimestamp) ?? 0,
          parseTime(ev.series?.lastObservedTime) ?? 0,
          parseTime(ev.eventTime) ?? 0,
          parseTime(ev.metadata?.creationTimestamp) ?? 0,
        );
        if (now - t >= EVENT_TTL_MS) cluster.remove('events', ev.metadata!.namespace, ev.metadata!.name!);
      }
      // drop cache records that now behave exactly like absent ones, to keep the state file small
      for (const c of Object.values(st.correlators)) {
        pack(st, c);
        for (const k of Object.keys(c.spam.m)) {
          const r = lruPeek(c.spam, k);
          if (r[0] + ((now - r[1]) / 1000) * SPAM_QPS >= SPAM_BURST) { delete c.spam.m[k]; c.spam.n--; }
        }
        for (const k of Object.keys(c.agg.m)) {
          if (now - lruPeek(c.agg, k)[1] > AGGREGATE_INTERVAL_MS) { delete c.agg.m[k]; c.agg.n--; }
        }
        // events about an object that is gone can never repeat (the uid is part of the key)
        if (exists) {
          for (const k of Object.keys(c.log.m)) {
            const r = lruPeek(c.log, k);
            if (r[3] && !exists(r[3])) { delete c.log.m[k]; c.log.n--; }
          }
        }
      }
    },
  };

  function scheduleRefresh(): void {
    // one pending refresh tick at a time (the ticker of tools/events)
    const st = state(cluster);
    if (st.refreshAt !== undefined && st.refreshAt >= cluster.now()) return;
    st.refreshAt = cluster.now() + SERIES_REFRESH_MS;
    cluster.schedule(st.refreshAt, 'events.refresh', 'series', undefined, false);
  }

  return recorder;
}
