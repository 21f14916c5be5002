// kubectl delete --interactive and DeleteResult's "No resources found" (recorded from kubectl v1.32 against kubesim serve).
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, tempHome } from './helpers.js';

test('delete -i lists what it would delete, asks, and deletes only on y', () => {
  const home = tempHome();
  assert.equal(ks(home, ['create', 'configmap', 'c1']).code, 0);
  const no = ks(home, ['delete', 'cm', 'c1', 'nope', '-i'], 'n\n');
  assert.deepEqual([no.code, no.stdout, no.stderr], [0, 'You are about to delete the following 2 resource(s):\nconfigmap/c1\nconfigmap/nope\nDo you want to continue? (y/n): deletion is cancelled\n', '']);
  assert.equal(ks(home, ['get', 'cm', 'c1', '-o', 'name']).stdout, 'configmap/c1\n');
  // no answer at all (end of input) is a no
  assert.equal(ks(home, ['delete', 'cm', 'c1', '-i'], '').stdout, 'You are about to delete the following 1 resource(s):\nconfigmap/c1\nDo you want to continue? (y/n): deletion is cancelled\n');
  const yes = ks(home, ['delete', 'cm', 'c1', 'nope', '-i'], '  Y \n');
  assert.deepEqual([yes.code, yes.stdout, yes.stderr], [1, 'You are about to delete the following 2 resource(s):\nconfigmap/c1\nconfigmap/nope\nDo you want to continue? (y/n): configmap "c1" deleted\n', 'Error from server (NotFound): configmaps "nope" not found\n']);
  const none = ks(home, ['delete', 'cm', '-l', 'x=y', '-i'], 'y\n');
  assert.deepEqual([none.code, none.stdout], [0, 'No resources found\n']);
});

test('delete prints "No resources found" on stdout when nothing matched, and nothing for an ignored missing name', () => {
  const home = tempHome();
  const r = ks(home, ['delete', 'pods', '-l', 'app=nothing']);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, 'No resources found\n', '']);
  const ign = ks(home, ['delete', 'pod', 'nope', '--ignore-not-found']);
  assert.deepEqual([ign.code, ign.stdout, ign.stderr], [0, '', '']);
});
