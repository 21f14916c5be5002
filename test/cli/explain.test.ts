// `kubesim explain` against kubectl v1.32's own output, recorded by scripts/record-explain-fixtures.mjs
// (the installed kubectl against a static server of the v1.32 discovery, the OpenAPI v3 documents of kubectl's
// testdata and the v1.32 OpenAPI v2 document: --output=plaintext and plaintext-openapiv2).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT, ks, tempHome } from './helpers.js';
import { wrap } from '../../src/kubectl/explain.js';

interface Case { args: string[]; stdout: string; stderr: string; code: number }
const cases: Case[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/explain/cases.json'), 'utf8'));

test('the recorded cases cover 30+ paths across ten kinds, with and without --recursive, and errors', () => {
  assert.ok(cases.length >= 30);
  assert.ok(cases.some((c) => c.args.includes('--recursive')));
  assert.ok(cases.some((c) => c.code !== 0));
  const kinds = new Set(cases.filter((c) => c.code === 0).map((c) => /KIND:\s+(\S+)/.exec(c.stdout)?.[1]));
  assert.ok(kinds.size >= 10, [...kinds].join(','));
});

for (const c of cases) {
  test(`explain ${c.args.join(' ')}`, () => {
    const home = tempHome();
    const r = ks(home, ['explain', ...c.args]);
    assert.equal(r.stdout, c.stdout);
    assert.equal(r.stderr, c.stderr);
    assert.equal(r.code, c.code);
  });
}

test('wrap: go-wordwrap keeps over-long words whole and drops the spaces at a break', () => {
  assert.equal(wrap(10, 'aaaa bbbb cccc'), 'aaaa bbbb\ncccc');
  assert.equal(wrap(5, 'https://example.com/x y'), 'https://example.com/x\ny');
  assert.equal(wrap(10, 'a\n\nb  '), 'a\n\nb  ');
});

test('explain: no argument, two arguments, and an unknown --output', () => {
  const home = tempHome();
  let r = ks(home, ['explain']);
  assert.equal(r.stderr, 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
  assert.equal(r.code, 1);
  r = ks(home, ['explain', 'pods', 'svc']);
  assert.equal(r.stderr, 'error: We accept only this format: explain RESOURCE\n');
  assert.equal(r.code, 1);
});

test('explain: kinds beyond the recorded documents come from the same data (batch/v1 CronJob)', () => {
  const r = ks(tempHome(), ['explain', 'cronjob.spec.concurrencyPolicy']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^GROUP:      batch\nKIND:       CronJob\nVERSION:    v1\n\nFIELD: concurrencyPolicy <string>\nENUM:\n    Allow\n    Forbid\n    Replace\n/);
});
