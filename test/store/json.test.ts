import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonClone, jsonCloneSharing, jsonEqual } from '../../src/store/json.js';

const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v));
const text = (v: unknown) => JSON.stringify(v);

/** Small deterministic generator of JSON-ish values, including the ones JSON drops or rewrites. */
function values(seed: number, n: number): unknown[] {
  let s = seed;
  const rnd = (k: number) => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s % k; };
  const leaf = (): unknown => [
    'a', '', 'b"\n', 0, -0, 1.5, 42, NaN, Infinity, true, false, null, undefined, () => 1, new Date(0),
  ][rnd(15)];
  const gen = (d: number): unknown => {
    if (d === 0 || rnd(3) === 0) return leaf();
    if (rnd(2)) return Array.from({ length: rnd(4) }, () => gen(d - 1));
    const o: Record<string, unknown> = {};
    // an own "__proto__" key, as JSON.parse makes it
    for (let i = rnd(4); i > 0; i--) Object.defineProperty(o, ['x', 'y', 'z', '1', '__proto__'][rnd(5)], { value: gen(d - 1), enumerable: true, writable: true, configurable: true });
    return o;
  };
  return Array.from({ length: n }, () => gen(4));
}

test('jsonClone gives what the JSON round trip gives', () => {
  for (const v of values(1, 2000)) {
    if (typeof v !== 'object' || v === null) continue;
    const c = jsonClone(v);
    assert.equal(text(c), text(roundTrip(v)));
    assert.deepEqual(c, roundTrip(v));
  }
  const src = { a: { b: [1, { c: 2 }] } };
  const c = jsonClone(src);
  c.a.b.push(3);
  assert.deepEqual(src, { a: { b: [1, { c: 2 }] } }, 'the copy shares nothing with its source');
  const p = JSON.parse('{"__proto__":{"x":1}}');
  assert.equal(text(jsonClone(p)), '{"__proto__":{"x":1}}');
  assert.equal(Object.getPrototypeOf(jsonClone(p)), Object.prototype);
});

test('jsonEqual agrees with comparing the JSON text', () => {
  const vs = values(7, 400);
  for (let i = 0; i < vs.length; i++) {
    for (let j = i; j < Math.min(vs.length, i + 40); j++) {
      assert.equal(jsonEqual(vs[i], vs[j]), text(vs[i]) === text(vs[j]), `${text(vs[i])} vs ${text(vs[j])}`);
    }
    if (typeof vs[i] === 'object' && vs[i] !== null) assert.equal(jsonEqual(vs[i], roundTrip(vs[i])), true);
  }
  assert.equal(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 }), false, 'key order counts, as in the text');
  assert.equal(jsonEqual({ a: 1, b: undefined }, { a: 1 }), true);
  assert.equal(jsonEqual([undefined], [null]), true);
  assert.equal(jsonEqual({ t: new Date(0) }, { t: '1970-01-01T00:00:00.000Z' }), true);
});

test('jsonCloneSharing shares only what the input took unchanged from the previous value', () => {
  const prev = { a: { x: [1, 2] }, b: { y: 1 }, c: [{ z: 1 }, { z: 2 }] };
  const input: any = { ...prev, b: { ...prev.b, y: 2 }, c: [prev.c[0], { z: 3 }], d: { w: undefined, v: NaN } };
  const out: any = jsonCloneSharing(input, prev);
  assert.equal(text(out), text(roundTrip(input)));
  assert.equal(out.a, prev.a);
  assert.equal(out.c[0], prev.c[0]);
  assert.notEqual(out.b, input.b);
  assert.notEqual(out.c, input.c);
  assert.notEqual(out.d, input.d);
  for (const v of values(3, 500)) {
    if (typeof v !== 'object' || v === null) continue;
    const p = roundTrip(v);
    assert.equal(text(jsonCloneSharing(v, p)), text(roundTrip(v)));
  }
});
