// LIST answers are kept per cluster generation: the same query answers the same bytes until anything
// changes, and never an answer of another query, representation or generation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, type Served } from './http-helpers.js';

let s: Served;
before(async () => { s = await serve(); });
after(async () => { await s?.stop(); });

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
const cm = (name: string, labels: Record<string, string>) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels } }) });
const names = async (p: string) => (await (await s.api(p)).json()).items.map((o: any) => o.metadata.name);

test('a change is seen by the next LIST; queries and representations do not share answers', async () => {
  const base = '/api/v1/namespaces/default/configmaps';
  const before = await names(base);
  assert.deepEqual(await names(base), before);
  assert.equal((await s.api(base, cm('a', { tier: 'web' }))).status, 201);
  assert.deepEqual(await names(base), [...before, 'a'].sort());
  assert.deepEqual(await names(`${base}?labelSelector=tier%3Dweb`), ['a']);
  assert.equal((await s.api(base, cm('b', { tier: 'db' }))).status, 201);
  assert.deepEqual(await names(`${base}?labelSelector=tier%3Dweb`), ['a']);
  assert.deepEqual(await names(`${base}?labelSelector=tier%3Ddb`), ['b']);
  const table = await (await s.api(`${base}?labelSelector=tier`, { headers: { Accept: TABLE } })).json();
  assert.equal(table.kind, 'Table');
  assert.deepEqual(table.rows.map((r: any) => r.cells[0]), ['a', 'b']);
  const json = await (await s.api(`${base}?labelSelector=tier`)).json();
  assert.equal(json.kind, 'ConfigMapList');
  assert.equal((await s.api(`${base}/a`, { method: 'DELETE' })).status, 200);
  assert.deepEqual(await names(`${base}?labelSelector=tier`), ['b']);
  const again = await (await s.api(`${base}?labelSelector=tier`, { headers: { Accept: TABLE } })).json();
  assert.deepEqual(again.rows.map((r: any) => r.cells[0]), ['b']);
});
