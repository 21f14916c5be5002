import test from 'node:test';
import assert from 'node:assert/strict';
import { toYaml, yamlKeyLess, goFormatFloat } from '../../src/printers/yaml.js';
import { toJson } from '../../src/printers/json.js';
import { fixture, step } from './helpers.js';

test('toYaml: tricky configmap values match kubectl byte for byte', () => {
  const obj = JSON.parse(fixture('yaml-tricky.json'));
  const want = fixture('yaml-tricky.yaml');
  const got = toYaml(obj);
  const gl = got.split('\n');
  const wl = want.split('\n');
  for (let i = 0; i < Math.max(gl.length, wl.length); i++) assert.equal(gl[i], wl[i], `line ${i + 1}`);
});

test('toYaml: sequences, folding and literals inside lists match kubectl', () => {
  const obj = JSON.parse(fixture('yaml-seq.json'));
  assert.equal(toYaml(obj), fixture('yaml-seq.yaml'));
});

test('toYaml: recorded -o yaml outputs round-trip (a#10, a#13, d#11, k#21)', () => {
  for (const [sc, seq] of [['a-create', 10], ['a-create', 13], ['d-pause-resume', 11], ['k-errors-and-output-formats', 21]] as const) {
    const want = step(sc, seq).stdout;
    // the JSON the recorded kubectl printed is not available; YAML -> object keeps strings as strings
    const obj = JSON.parse(JSON.stringify(parseYamlLoosely(want)));
    assert.equal(toYaml(obj), want, `${sc}#${seq}`);
  }
});

import { parse } from 'yaml';
function parseYamlLoosely(s: string): unknown {
  return parse(s);
}

test('yaml key order is go-yaml natural order', () => {
  assert.equal(yamlKeyLess('key9', 'key10'), true);
  assert.equal(yamlKeyLess('a_b', 'aB'), true);
  assert.equal(yamlKeyLess('apiVersion', 'kind'), true);
  assert.equal(yamlKeyLess('a', 'a1'), true);
});

test('yaml scalars of other types', () => {
  assert.equal(toYaml({ a: 1, b: 0.5, c: true, d: null, e: [], f: {}, g: 1234567.5, h: 1e21, i: -3, j: 1e-7 }),
    'a: 1\nb: 0.5\nc: true\nd: null\ne: []\nf: {}\ng: 1.2345675e+06\nh: 1e+21\ni: -3\nj: 1e-07\n');
  assert.equal(goFormatFloat(0.0001), '0.0001');
  assert.equal(goFormatFloat(123456.5), '123456.5');
  assert.equal(toYaml({ a: [[1, 2], { b: [] }] }), 'a:\n- - 1\n  - 2\n- b: []\n');
});

test('toJson matches kubectl (HTML escaping, sorted keys, 4 spaces)', () => {
  const obj = JSON.parse(fixture('yaml-tricky.json'));
  const want = fixture('yaml-tricky.json');
  // the fixture is a typed object (struct field order); compare unsorted
  assert.equal(toJson(obj, false), want);
  assert.equal(toJson({ b: [], a: {}, c: [1, { y: 1, x: 'a<b' }] }), '{\n    "a": {},\n    "b": [],\n    "c": [\n        1,\n        {\n            "x": "a\\u003cb",\n            "y": 1\n        }\n    ]\n}\n');
});

test('toJson of a recorded list (k#28)', () => {
  const want = step('k-errors-and-output-formats', 28).stdout;
  assert.equal(toJson(JSON.parse(want)), want);
});
