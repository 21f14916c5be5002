// ReplicationController: the ReplicaSet controller's behaviour under the RC kind (events from
// replication-controller), scale, expose, and `rolling-update`, which kubectl v1.32 no longer has.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster } from './helpers.js';

test('ReplicationController scaled up and down', () => {
  const home = pinnedCluster();
  assert.equal(ok(ks(home, ['apply', '-f', 'test/fixtures/rc-kubia.yaml'])), 'replicationcontroller/kubia created\n');
  ok(ks(home, ['clock', 'advance', '30s']));
  assert.equal(ok(ks(home, ['get', 'rc'])), 'NAME    DESIRED   CURRENT   READY   AGE\nkubia   3         3         3       30s\n');
  assert.equal(ok(ks(home, ['scale', 'rc', 'kubia', '--replicas=5'])), 'replicationcontroller/kubia scaled\n');
  ok(ks(home, ['clock', 'advance', '30s']));
  assert.equal(ok(ks(home, ['get', 'rc', 'kubia'])), 'NAME    DESIRED   CURRENT   READY   AGE\nkubia   5         5         5       60s\n');
  ok(ks(home, ['scale', 'rc', 'kubia', '--replicas=2']));
  ok(ks(home, ['clock', 'advance', '40s']));
  assert.equal(ok(ks(home, ['get', 'pods', '-o', 'name'])).split('\n').filter(Boolean).length, 2);
  const ev = ok(ks(home, ['get', 'events', '--field-selector', 'involvedObject.kind=ReplicationController', '-o', 'custom-columns=REASON:.reason,SOURCE:.source.component']));
  assert.equal(ev, 'REASON             SOURCE\n' + 'SuccessfulCreate   replication-controller\n'.repeat(5) + 'SuccessfulDelete   replication-controller\n'.repeat(3));
  assert.equal(ok(ks(home, ['expose', 'rc', 'kubia', '--port=80', '--target-port=8080'])), 'service/kubia exposed\n');
  assert.equal(ok(ks(home, ['get', 'svc', 'kubia', '-o', 'jsonpath={.spec.selector}'])), '{"app":"kubia"}');
  assert.match(ok(ks(home, ['describe', 'rc', 'kubia'])), /^Name:         kubia\nNamespace:    default\nSelector:     app=kubia\nLabels:       app=kubia\nAnnotations:  <none>\nReplicas:     2 current \/ 2 desired\n/);
});

test('rolling-update is gone in kubectl v1.32', () => {
  const home = pinnedCluster();
  const r = ks(home, ['rolling-update', 'kubia', '--image=luksa/kubia:v2']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'Error: unknown command "rolling-update" for "kubectl"\n');
});
