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

test('a --sort-by kubectl cannot use: the list formats fail, a table of several rows prints nothing, one object is not sorted', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'deploy', 'web', '--image=nginx']));
  ok(ks(home, ['create', 'deploy', 'web2', '--image=nginx']));
  ok(ks(home, ['clock', 'advance', '5s']));
  const unexpected = 'error: unexpected path string, expected a \'name1.name2\' or \'.name1.name2\' or \'{name1.name2}\' or \'{.name1.name2}\'\n';
  // kubectl v1.32 against kubesim serve printed each of these
  assert.deepEqual(ks(home, ['get', 'deploy', '--sort-by={.bad']), { stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  assert.deepEqual(ks(home, ['get', 'deploy', '--sort-by={.metadata.nope}']), { stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  assert.deepEqual(ks(home, ['get', 'deploy', '-o', 'name', '--sort-by={.bad']), { stdout: '', stderr: unexpected, code: 1 });
  assert.deepEqual(ks(home, ['get', 'deploy', '-o', 'json', '--sort-by=.metadata.nope']), { stdout: '', stderr: 'error: couldn\'t find any field with path "{.metadata.nope}" in the list of objects\n', code: 1 });
  assert.deepEqual(ks(home, ['get', 'deploy', 'web', '-o', 'name', '--sort-by={.bad']), { stdout: 'deployment.apps/web\n', stderr: '', code: 0 });
  assert.equal(ok(ks(home, ['get', 'deploy', 'web', '--sort-by={.bad'])), 'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    1/1     1            1           5s\n');
  // several answers are first sorted as Table objects, which have no name
  assert.deepEqual(ks(home, ['get', 'deploy', 'web', 'web2', '--sort-by=.metadata.name']), { stdout: '', stderr: 'error: couldn\'t find any field with path "{.metadata.name}" in the list of objects\n', code: 1 });
  assert.equal(ok(ks(home, ['get', 'deploy,svc', '--sort-by=.kind', '--no-headers'])).split('\n').filter(Boolean).length, 3);
  // the list formats sort one list across the types
  assert.equal(ok(ks(home, ['get', 'svc,deploy', '-o', 'name', '--sort-by=.metadata.name'])), 'service/kubernetes\ndeployment.apps/web\ndeployment.apps/web2\n');
});
