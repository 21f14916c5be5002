// kubectl delete's grammar: --force and its warning, --grace-period, --now, --wait (manual mode fast-forwards through
// the grace period, so a delete then a create of the same name works), -A, --field-selector, -o name.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster } from './helpers.js';

const WARNING = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

function runningPod(home: string, name: string, extra: string[] = []): void {
  ok(ks(home, ['run', name, '--image=nginx', ...extra]));
  ok(ks(home, ['clock', 'advance', '5s']));
}

test('delete waits through the grace period (virtual time), so the same pod can be created again at once', () => {
  const home = pinnedCluster();
  runningPod(home, 'x');
  assert.deepEqual(ks(home, ['delete', 'pod', 'x']), { stdout: 'pod "x" deleted\n', stderr: '', code: 0 });
  assert.equal(ks(home, ['get', 'pods']).stderr, 'No resources found in default namespace.\n');
  assert.deepEqual(ks(home, ['run', 'x', '--image=nginx']), { stdout: 'pod/x created\n', stderr: '', code: 0 });
});

test('delete --wait=false leaves the pod Terminating', () => {
  const home = pinnedCluster();
  runningPod(home, 'x');
  assert.equal(ok(ks(home, ['delete', 'pod', 'x', '--wait=false'])), 'pod "x" deleted\n');
  assert.equal(ok(ks(home, ['get', 'pod', 'x'])), 'NAME   READY   STATUS        RESTARTS   AGE\nx      1/1     Terminating   0          5s\n');
  assert.equal(ks(home, ['run', 'x', '--image=nginx']).stderr, 'Error from server (AlreadyExists): object is being deleted: pods "x" already exists\n');
});

test('delete --force: the warning, "force deleted", gone at once; --now and --grace-period exclude each other', () => {
  const home = pinnedCluster();
  runningPod(home, 'x');
  const before = ok(ks(home, ['clock']));
  assert.deepEqual(ks(home, ['delete', 'pod', 'x', '--force']), { stdout: 'pod "x" force deleted\n', stderr: WARNING, code: 0 });
  assert.equal(ok(ks(home, ['clock'])), before, 'no time passed');
  runningPod(home, 'y');
  assert.deepEqual(ks(home, ['delete', 'pod', 'y', '--grace-period=0', '--force', '-o', 'name']), { stdout: 'pod/y\n', stderr: WARNING, code: 0 });
  assert.deepEqual(ks(home, ['delete', 'pod', 'z', '--now', '--grace-period=3']), { stdout: '', stderr: 'error: --now and --grace-period cannot be specified together\n', code: 1 });
  runningPod(home, 'z');
  assert.deepEqual(ks(home, ['delete', 'pod', 'z', '--now']), { stdout: 'pod "z" deleted\n', stderr: '', code: 0 });
});

test('delete --all -A and --field-selector', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'namespace', 'dev']));
  ok(ks(home, ['create', 'configmap', 'a', '--from-literal=k=v']));
  ok(ks(home, ['create', 'configmap', 'b', '--from-literal=k=v', '-n', 'dev']));
  assert.equal(ok(ks(home, ['delete', 'configmap', '--field-selector', 'metadata.name=a'])), 'configmap "a" deleted\n');
  assert.equal(ok(ks(home, ['delete', 'configmap', '--all', '-A', '--field-selector', 'metadata.name!=kube-root-ca.crt'])), 'configmap "b" deleted\n');
  assert.equal(ok(ks(home, ['get', 'configmaps', '-A', '--no-headers'])).split('\n').filter(Boolean).length, 5, 'only the root CA configmaps are left');
  // a field the kind cannot be selected by: the API server's BadRequest as kubectl words it; nothing deleted
  const bad = ks(home, ['delete', 'configmap', '--all', '-A', '--field-selector', 'data.k=v']);
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr, 'Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "", field selector "data.k=v": field label not supported: data.k\n');
  assert.equal(ok(ks(home, ['get', 'configmaps', '-A', '--no-headers'])).split('\n').filter(Boolean).length, 5);
});

test('a label or field selector the API server cannot parse: its BadRequest, as kubectl words it for a list', () => {
  const home = pinnedCluster();
  assert.deepEqual(ks(home, ['get', 'pods', '-l', 'a b']), { stdout: '', code: 1, stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "a b", field selector "": unable to parse requirement: found \'b\', expected: in, notin, =, ==, !=, gt, lt\n' });
  assert.deepEqual(ks(home, ['delete', 'pods', '--field-selector', 'abc']), { stdout: '', code: 1, stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "abc": invalid selector: \'abc\'; can\'t understand \'abc\'\n' });
  // cordon, uncordon and drain list the nodes through the builder; top parses -l itself (kubectl v1.32 through serve)
  for (const verb of ['cordon', 'uncordon', 'drain']) {
    assert.deepEqual(ks(home, [verb, '-l', '!!']), { stdout: '', code: 1, stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=nodes" that match label selector "!!", field selector "": unable to parse requirement: found \'!\', expected: identifier\n' });
  }
  for (const what of ['pod', 'node']) {
    assert.deepEqual(ks(home, ['top', what, '-l', '!!']), { stdout: '', code: 1, stderr: 'error: unable to parse requirement: found \'!\', expected: identifier\n' });
  }
});
