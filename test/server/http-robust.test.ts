// Many concurrent writers through the server lose nothing; a server killed with SIGKILL in the middle
// of writes leaves a state file the CLI and the next server read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ks } from '../cli/helpers.js';
import { serve } from './http-helpers.js';

const cm = (name: string) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }) });

test('50 concurrent writers: every write lands, and concurrent patches of one object are all kept', async () => {
  const s = await serve();
  try {
    const created = await Promise.all(Array.from({ length: 50 }, (_, i) => s.api('/api/v1/namespaces/default/configmaps', cm(`c${i}`))));
    assert.deepEqual(created.map((r) => r.status), Array(50).fill(201));
    await s.api('/api/v1/namespaces/default/configmaps', cm('shared'));
    const patched = await Promise.all(Array.from({ length: 50 }, (_, i) => s.api('/api/v1/namespaces/default/configmaps/shared', {
      method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ data: { [`k${i}`]: String(i) } }),
    })));
    assert.deepEqual(patched.map((r) => r.status), Array(50).fill(200));
    const shared = await (await s.api('/api/v1/namespaces/default/configmaps/shared')).json();
    assert.equal(Object.keys(shared.data).length, 50);
    // the file has them all: the CLI reads it
    const get = ks(s.home, ['get', 'configmaps', '-o', 'name']);
    assert.equal(get.code, 0, get.stderr);
    assert.equal(get.stdout.split('\n').filter((l) => /configmap\/c\d+$/.test(l)).length, 50);
  } finally {
    await s.stop();
  }
});

test('SIGKILL in the middle of writes leaves a readable state file', async () => {
  const s = await serve();
  const writes = Array.from({ length: 40 }, (_, i) => s.api('/api/v1/namespaces/default/configmaps', cm(`k${i}`)).then((r) => r.status, () => 0));
  await new Promise((r) => setTimeout(r, 30));
  s.proc.kill('SIGKILL');
  await Promise.all(writes);
  await s.stop();
  const get = ks(s.home, ['get', 'configmaps']);
  assert.equal(get.code, 0, get.stderr);
  const again = await serve({ home: s.home });
  try {
    assert.equal((await again.api('/api/v1/namespaces/default/configmaps')).status, 200);
  } finally {
    await again.stop();
  }
});
