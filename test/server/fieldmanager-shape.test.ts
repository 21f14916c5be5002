// A create's comparison is kept by the object's shape (src/server/fieldmanager/compare.ts createShape): objects of one
// shape reuse it, and any difference that changes what the walk finds (another key, a null where the zero object holds
// the field, a list) gives a comparison of its own, the one a fresh walk gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, compareKeyed } from '../../src/server/fieldmanager/compare.js';

function event(over: Record<string, unknown>): any {
  return {
    apiVersion: 'v1', kind: 'Event', metadata: { name: 'p.1', namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'p', uid: 'u1' },
    reason: 'Scheduled', message: 'Successfully assigned default/p to n1', source: {}, count: 1, type: 'Normal',
    eventTime: '2026-01-01T00:00:00.000000Z', reportingComponent: 'default-scheduler', ...over,
  };
}

const paths = (c: ReturnType<typeof compare>) => ({ added: c.added.paths(), modified: c.modified.paths(), removed: c.removed.paths() });

test('creates of one shape share a comparison; each is the one a fresh walk gives', () => {
  const a = event({});
  const b = event({ metadata: { name: 'q.2', namespace: 'other' }, message: 'another message', count: 7 });
  const ka = compareKeyed(undefined, a, 'Event');
  const kb = compareKeyed(undefined, b, 'Event');
  assert.equal(kb, ka);
  assert.deepEqual(paths(kb.comparison()), paths(compare(undefined, b, 'Event')));
  assert.ok(kb.comparison().added.has(['f:message']));
});

test('a key more or less, a null leaf, a list or another kind is another shape', () => {
  const base = compareKeyed(undefined, event({}), 'Event');
  const cases: [string, any, string][] = [
    ['an extra field', event({ action: 'Binding' }), 'Event'],
    ['a nested field less', event({ involvedObject: { kind: 'Pod', name: 'p' } }), 'Event'],
    ['a null leaf', event({ eventTime: null }), 'Event'],
    ['a number where a map was', event({ source: 1 }), 'Event'],
    ['another kind', { ...event({}), kind: 'Pod' }, 'Pod'],
  ];
  for (const [why, obj, kind] of cases) {
    const k = compareKeyed(undefined, obj, kind);
    assert.notEqual(k, base, why);
    assert.deepEqual(paths(k.comparison()), paths(compare(undefined, obj, kind)), why);
  }
  // objects holding lists are walked each time (their items are keyed by value)
  const withList = { ...event({}), series: { count: 2 }, related: [{ name: 'x' }] };
  assert.notEqual(compareKeyed(undefined, withList, 'Event'), compareKeyed(undefined, withList, 'Event'));
});
