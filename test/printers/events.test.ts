// kubectl events' printer (event_printer.go and its tests), its sort (Go's sort.Sort) and the typed
// Event encoding of -o json.
import test from 'node:test';
import assert from 'node:assert/strict';
import { EventTablePrinter, eventInterval, sortEvents, typedEvent } from '../../src/printers/events.js';
import { goSort } from '../../src/printers/gosort.js';

const NOW = Date.parse('2030-01-01T01:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
const agoSec = (ms: number) => new Date(NOW - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const MIN = 60_000;

function seriesEvent(ns: string, name: string, first: number, last: number, type = 'Normal'): any {
  return {
    metadata: { name: `${name}-000`, namespace: ns },
    involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name, namespace: ns },
    type, reason: 'ScalingReplicaSet', message: 'Scaled up replica set bar-002 from 0 to 1',
    reportingComponent: 'deployment-controller',
    eventTime: ago(first), series: { count: 3, lastObservedTime: ago(last) },
  };
}

test('LAST SEEN: series, repeated core/v1 events, single events, zero times', () => {
  assert.equal(eventInterval(seriesEvent('foo', 'bar', 20 * MIN, 12 * MIN), NOW), '12m (x3 over 20m)');
  assert.equal(eventInterval({ count: 4, firstTimestamp: agoSec(90_000), lastTimestamp: agoSec(5_000), eventTime: null }, NOW), '5s (x4 over 90s)');
  assert.equal(eventInterval({ count: 1, firstTimestamp: agoSec(150_000), lastTimestamp: agoSec(150_000), eventTime: null }, NOW), '2m30s');
  assert.equal(eventInterval({ eventTime: ago(3_000) }, NOW), '3s');
  assert.equal(eventInterval({ eventTime: null, firstTimestamp: null }, NOW), '<unknown>');
});

test('the table: header once per printer, NAMESPACE with -A, --no-headers (event_printer_test.go cases)', () => {
  const e = seriesEvent('foo', 'bar', 20 * MIN, 12 * MIN);
  assert.equal(new EventTablePrinter(false, false).print([e], NOW), [
    'LAST SEEN           TYPE     REASON              OBJECT           MESSAGE',
    '12m (x3 over 20m)   Normal   ScalingReplicaSet   Deployment/bar   Scaled up replica set bar-002 from 0 to 1',
    '',
  ].join('\n'));
  assert.equal(new EventTablePrinter(true, true).print([e], NOW), 'foo   12m (x3 over 20m)   Normal   ScalingReplicaSet   Deployment/bar   Scaled up replica set bar-002 from 0 to 1\n');
  const p = new EventTablePrinter(false, true);
  assert.equal(p.print([e, seriesEvent('bar', 'bar2', 15 * MIN, 11 * MIN)], NOW), [
    'NAMESPACE   LAST SEEN           TYPE     REASON              OBJECT            MESSAGE',
    'foo         12m (x3 over 20m)   Normal   ScalingReplicaSet   Deployment/bar    Scaled up replica set bar-002 from 0 to 1',
    'bar         11m (x3 over 15m)   Normal   ScalingReplicaSet   Deployment/bar2   Scaled up replica set bar-002 from 0 to 1',
    '',
  ].join('\n'));
  // a second print on the same printer (a watch): no header again, remembered widths
  assert.equal(p.print([seriesEvent('x', 'y', 30_000, 1_000, 'Warning')], NOW), 'x           1s (x3 over 30s)    Warning   ScalingReplicaSet   Deployment/y      Scaled up replica set bar-002 from 0 to 1\n');
});

test('cells: terminal escapes shown caret-style, a line break cuts the cell', () => {
  const e = { ...seriesEvent('foo', 'bar\x1b', 20 * MIN, 1 * MIN), type: 'test\x1b', reason: 'test\x1b', message: '\x1b' };
  assert.equal(new EventTablePrinter(false, false).print([e], NOW), [
    'LAST SEEN           TYPE     REASON   OBJECT             MESSAGE',
    '60s (x3 over 20m)   test^[   test^[   Deployment/bar^[   ^[',
    '',
  ].join('\n'));
  const m = { ...seriesEvent('foo', 'bar', MIN, MIN), message: '  first line\nsecond  ' };
  assert.match(new EventTablePrinter(true, false).print([m], NOW), /   first line\.\.\.\n$/);
});

test('events sort by series.lastObservedTime, else lastTimestamp, else eventTime', () => {
  const a = { metadata: { name: 'a' }, series: { count: 2, lastObservedTime: ago(1_000) }, lastTimestamp: agoSec(100_000) };
  const b = { metadata: { name: 'b' }, lastTimestamp: agoSec(50_000), eventTime: ago(1_000) };
  const c = { metadata: { name: 'c' }, lastTimestamp: null, eventTime: ago(70_000) };
  assert.deepEqual(sortEvents([a, b, c]).map((e: any) => e.metadata.name), ['c', 'b', 'a']);
});

test('goSort: insertion sort (stable) up to 12 items, pdqsort beyond; always ordered', () => {
  const small = Array.from({ length: 12 }, (_, i) => ({ k: i % 3, i }));
  assert.deepEqual(goSort(small, (x, y) => x.k < y.k).map((x) => x.i), [0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11]);
  // pdqsort is not stable: which tie lands where is Go's, and must stay so
  const big = Array.from({ length: 20 }, (_, i) => ({ k: i % 3, i }));
  const sorted = goSort(big, (x, y) => x.k < y.k);
  assert.deepEqual(sorted.map((x) => x.k), [...Array(7).fill(0), ...Array(7).fill(1), ...Array(6).fill(2)]);
  let seed = 7;
  for (let n = 0; n < 300; n += 7) {
    const xs = Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 50);
    assert.deepEqual(goSort([...xs], (x, y) => x < y), [...xs].sort((x, y) => x - y));
  }
  const desc = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.deepEqual(goSort(desc, (x, y) => x < y), Array.from({ length: 100 }, (_, i) => i + 1));
});

test('typedEvent: Go struct field order, zero times as null, always-present reporting fields', () => {
  const e = typedEvent({
    apiVersion: 'v1', kind: 'Event',
    metadata: { namespace: 'default', name: 'x.1', uid: 'u', resourceVersion: '5', creationTimestamp: '2030-01-01T00:00:00Z' },
    type: 'Normal', reason: 'Scheduled', message: 'm',
    involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'x', namespace: 'default', uid: 'p' },
    source: {}, eventTime: '2030-01-01T00:00:00.000000Z', firstTimestamp: null, lastTimestamp: null,
    action: 'Binding', reportingComponent: 'default-scheduler', extra: 'dropped',
  } as any);
  assert.deepEqual(Object.keys(e), ['kind', 'apiVersion', 'metadata', 'involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'type', 'eventTime', 'action', 'reportingComponent', 'reportingInstance']);
  assert.deepEqual(Object.keys(e.metadata as object), ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp']);
  assert.deepEqual(Object.keys(e.involvedObject as object), ['kind', 'namespace', 'name', 'uid', 'apiVersion']);
  assert.deepEqual([e.source, e.firstTimestamp, e.lastTimestamp, e.reportingInstance], [{}, null, null, '']);
});
