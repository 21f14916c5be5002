// While `kubesim serve` runs, the CLI is its client: commands on that cluster run in the server, on
// its in-memory cluster, not on the file (src/server/http/forward.ts, commands.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, ksAsync } from '../cli/helpers.js';
import { serve, type Served } from './http-helpers.js';

let s: Served;
before(async () => { s = await serve(); });
after(async () => { await s?.stop(); });

test('a command on the served cluster runs in the server, not on the file', async () => {
  const a = ks(s.home, ['create', 'configmap', 'fw', '--from-literal=k=v']);
  assert.deepEqual([a.code, a.stdout, a.stderr], [0, 'configmap/fw created\n', '']);
  assert.equal((await s.api('/api/v1/namespaces/default/configmaps/fw')).status, 200);
  // errors and exit codes come back as the command gave them
  const e = ks(s.home, ['get', 'nosuch']);
  assert.deepEqual([e.code, e.stdout, e.stderr], [1, '', 'error: the server doesn\'t have a resource type "nosuch"\n']);
  // relative paths are the caller's
  const m = ks(s.home, ['apply', '-f', 'manifests/nginx-deployment.yaml']);
  assert.equal(m.stdout, 'deployment.apps/nginx-deployment created\n');
  // proof that the file is not read: garbage in it, and the command still answers from the server's memory
  const file = path.join(s.home, 'clusters', 'default.json');
  const saved = fs.readFileSync(file);
  fs.writeFileSync(file, '{ not json');
  try {
    const g = ks(s.home, ['get', 'configmap', 'fw', '-o', 'name']);
    assert.deepEqual([g.code, g.stdout], [0, 'configmap/fw\n']);
  } finally {
    if (fs.readFileSync(file, 'utf8') === '{ not json') fs.writeFileSync(file, saved);
  }
});

test('20 concurrent writers through the server: every one succeeds, no update lost', async () => {
  const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => ksAsync(s.home, ['create', 'configmap', `c${i}`, '--from-literal=k=v'])));
  for (const [i, r] of runs.entries()) assert.deepEqual([r.code, r.stdout], [0, `configmap/c${i} created\n`], r.stderr);
  const names = (await (await s.api('/api/v1/namespaces/default/configmaps')).json()).items.map((o: any) => o.metadata.name);
  for (let i = 0; i < 20; i++) assert.ok(names.includes(`c${i}`));
  // the file has them too (the server saves before it answers)
  const text = fs.readFileSync(path.join(s.home, 'clusters', 'default.json'), 'utf8');
  assert.equal(new Set([...text.matchAll(/"name":\s*"(c\d+)"/g)].map((m) => m[1])).size, 20);
});
