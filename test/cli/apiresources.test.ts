// `api-resources` (every flag) and `api-versions`, byte for byte against the installed kubectl v1.32's
// output over the same discovery (test/fixtures/api-resources/cases.json, recorded by
// scripts/record-api-resources.mjs against scripts/discovery-server.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ks, tempHome } from './helpers.js';

const cases: { args: string[]; stdout: string; stderr: string; code: number }[] =
  JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'api-resources', 'cases.json'), 'utf8'));

const home = tempHome();

for (const c of cases) {
  test(`kubectl ${c.args.join(' ')}`, () => {
    const r = ks(home, c.args);
    assert.equal(r.stdout, c.stdout);
    assert.equal(r.stderr, c.stderr);
    assert.equal(r.code, c.code);
  });
}
