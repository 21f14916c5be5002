// The store's ownership rule: what a caller hands to create/update, and keeps, is never stored itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newCluster } from '../controllers/helpers.js';

test('create and update store copies: later changes to the caller\'s objects do not reach the store', () => {
  const { cluster } = newCluster();
  const input: any = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: '1' } };
  const created = cluster.create('configmaps', input);
  input.data.a = 'changed';
  assert.equal(cluster.get('configmaps', 'default', 'c')!.data.a, '1');

  const stored = cluster.get('configmaps', 'default', 'c')!;
  const data = { ...stored.data, b: '2' };
  const upd = cluster.update('configmaps', { ...stored, data });
  data.b = 'changed';
  assert.equal(cluster.get('configmaps', 'default', 'c')!.data.b, '2');
  assert.equal(upd.metadata!.resourceVersion !== created.metadata!.resourceVersion, true);
  // the old version is left as it was (listeners compare old and new)
  assert.deepEqual(stored.data, { a: '1' });
  assert.equal(stored.metadata!.resourceVersion, created.metadata!.resourceVersion);

  // handing back the stored object itself changes nothing and writes nothing
  const same = cluster.get('configmaps', 'default', 'c')!;
  const rv = same.metadata!.resourceVersion;
  assert.equal(cluster.update('configmaps', same), same);
  assert.equal(same.metadata!.resourceVersion, rv);
});
