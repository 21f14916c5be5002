// get --sort-by orders ties as kubectl v1.32 does (Go's pdqsort over the API server's list order): 66 events
// whose reasons and sources repeat, against what real kubectl printed for the same cluster through kubesim serve
// (test/fixtures/sortby), and PVs by capacity (quantities by value).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ks, ok, pinnedCluster } from './helpers.js';

const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'sortby', name), 'utf8');

test('events sorted by a repeated key come out in kubectl\'s order', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'deploy', 'web', '--image=nginx', '--replicas=10']));
  ok(ks(home, ['run', 'p', '--image=busybox', '--', 'sleep', '3600']));
  ok(ks(home, ['clock', 'advance', '10s']));
  assert.equal(ok(ks(home, ['get', 'events', '--sort-by=.reason', '-o', 'name'])), fixture('events-by-reason.txt'));
  assert.equal(ok(ks(home, ['get', 'events', '--sort-by=.source.component', '-o', 'name'])), fixture('events-by-component.txt'));
});

test('persistent volumes sorted by capacity: quantities by value', () => {
  const home = pinnedCluster();
  for (const size of ['2Gi', '500Mi', '10Gi', '1Gi']) {
    const pv = `apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv-${size.toLowerCase()}}\nspec:\n  capacity: {storage: ${size}}\n  accessModes: [ReadWriteOnce]\n  hostPath: {path: /tmp/${size}}\n`;
    ok(ks(home, ['apply', '-f', '-'], pv));
  }
  assert.equal(ok(ks(home, ['get', 'pv', '--sort-by=.spec.capacity.storage', '-o', 'name'])),
    'persistentvolume/pv-500mi\npersistentvolume/pv-1gi\npersistentvolume/pv-2gi\npersistentvolume/pv-10gi\n');
});
