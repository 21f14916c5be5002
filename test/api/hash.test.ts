import test from 'node:test';
import assert from 'node:assert/strict';
import { computePodTemplateHash, podTemplateDump, safeEncodeString } from '../../src/api/hash.js';
import { fixture, jsonl } from './helpers.js';

const vectors = jsonl('pod-template-hash-vectors.jsonl');

test('all vectors: hash and hashCollision1 from the defaulted template', () => {
  assert.equal(vectors.length, 209);
  const bad: string[] = [];
  for (const v of vectors) {
    const h = computePodTemplateHash(v.defaulted);
    const h1 = computePodTemplateHash(v.defaulted, 1);
    if (h !== v.hash || h1 !== v.hashCollision1) bad.push(`${v.id}: ${h}/${h1} want ${v.hash}/${v.hashCollision1}`);
  }
  assert.deepEqual(bad, []);
});

test('dumps match byte for byte (sample)', () => {
  const byId = new Map(vectors.map((v) => [v.id, v]));
  for (const d of jsonl('pod-template-hash-dumps-sample.jsonl')) {
    assert.equal(podTemplateDump(byId.get(d.id).defaulted), d.dump, d.id);
  }
});

test('docs nginx template: dump and 647677fc66 / 7879bf67f9', () => {
  const v = vectors[0];
  assert.equal(podTemplateDump(v.defaulted), fixture('pod-template-hash-nginx-dump.txt'));
  assert.equal(computePodTemplateHash(v.defaulted), '647677fc66');
  assert.equal(computePodTemplateHash(v.defaulted, 1), '7879bf67f9');
  assert.equal(computePodTemplateHash(v.defaulted, null), '647677fc66');
});

test('SafeEncodeString maps digits to 456789bcdf', () => {
  assert.equal(safeEncodeString('0123456789'), '456789bcdf');
});
