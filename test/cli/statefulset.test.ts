// A StatefulSet with a headless Service and a volumeClaimTemplate: pods web-0..N-1 created one at a
// time in order (each waits for its predecessor to be Running and Ready), their claims www-web-N
// first; scaled 3 -> 5 -> 2 (deleted from the highest ordinal down); a partitioned rolling update
// (ordinals >= partition only, highest first) and its completion; undo to the old revision.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster } from './helpers.js';

const cols = ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,REV:.metadata.labels.controller-revision-hash,INDEX:.metadata.labels.apps\\.kubernetes\\.io/pod-index,HOST:.spec.hostname,SUB:.spec.subdomain,CLAIM:.spec.volumes[0].persistentVolumeClaim.claimName'];

test('StatefulSet scaled 3 -> 5 -> 2 in ordinal order, with its claims', () => {
  const home = pinnedCluster();
  assert.equal(ok(ks(home, ['apply', '-f', 'test/fixtures/statefulset-web.yaml'])), 'service/nginx created\nstatefulset.apps/web created\n');
  assert.equal(ok(ks(home, ['rollout', 'status', 'sts/web'])),
    'Waiting for 3 pods to be ready...\nWaiting for 2 pods to be ready...\nWaiting for 1 pods to be ready...\n' +
    'partitioned roll out complete: 3 new pods have been updated...\n');
  assert.equal(ok(ks(home, cols)),
    'NAME    REV             INDEX   HOST    SUB     CLAIM\n' +
    'web-0   web-7d6d54cbf   0       web-0   nginx   www-web-0\n' +
    'web-1   web-7d6d54cbf   1       web-1   nginx   www-web-1\n' +
    'web-2   web-7d6d54cbf   2       web-2   nginx   www-web-2\n');
  assert.equal(ok(ks(home, ['scale', 'sts', 'web', '--replicas=5'])), 'statefulset.apps/web scaled\n');
  assert.equal(ok(ks(home, ['rollout', 'status', 'sts/web'])),
    'Waiting for 2 pods to be ready...\nWaiting for 1 pods to be ready...\npartitioned roll out complete: 5 new pods have been updated...\n');
  ok(ks(home, ['scale', 'sts', 'web', '--replicas=2']));
  ok(ks(home, ['clock', 'advance', '1m']));
  assert.equal(ok(ks(home, ['get', 'sts,pods'])),
    'NAME                   READY   AGE\nstatefulset.apps/web   2/2     67s\n\n' +
    'NAME        READY   STATUS    RESTARTS   AGE\npod/web-0   1/1     Running   0          67s\npod/web-1   1/1     Running   0          66s\n');
  // whenScaled: Retain keeps the claims of the pods scaled away
  assert.equal(ok(ks(home, ['get', 'pvc', '-o', 'name'])),
    ['www-web-0', 'www-web-1', 'www-web-2', 'www-web-3', 'www-web-4'].map((n) => `persistentvolumeclaim/${n}\n`).join(''));
  assert.equal(ok(ks(home, ['get', 'events', '--field-selector', 'involvedObject.kind=StatefulSet', '-o', 'custom-columns=REASON:.reason,MESSAGE:.message'])),
    'REASON             MESSAGE\n' +
    [0, 1, 2, 3].map((i) => `SuccessfulCreate   create Claim www-web-${i} Pod web-${i} in StatefulSet web success\nSuccessfulCreate   create Pod web-${i} in StatefulSet web successful\n`).join('') +
    'SuccessfulCreate   create Claim www-web-4 Pod web-4 in StatefulSet web success\n' +
    // the event correlator combines the 11th similar event within 10 minutes
    'SuccessfulCreate   (combined from similar events): create Pod web-4 in StatefulSet web successful\n' +
    'SuccessfulDelete   delete Pod web-4 in StatefulSet web successful\n' +
    'SuccessfulDelete   delete Pod web-3 in StatefulSet web successful\n' +
    'SuccessfulDelete   delete Pod web-2 in StatefulSet web successful\n');
});

test('StatefulSet partitioned rolling update, then the rest, then undo', () => {
  const home = pinnedCluster();
  ok(ks(home, ['apply', '-f', 'test/fixtures/statefulset-web.yaml']));
  ok(ks(home, ['rollout', 'status', 'sts/web']));
  ok(ks(home, ['patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":1}}}}']));
  ok(ks(home, ['set', 'image', 'sts/web', 'nginx=registry.k8s.io/nginx-slim:0.21']));
  assert.equal(ok(ks(home, ['rollout', 'status', 'sts/web'])),
    'Waiting for partitioned roll out to finish: 0 out of 2 new pods have been updated...\n' +
    'Waiting for 1 pods to be ready...\n' +
    'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...\n' +
    'Waiting for 1 pods to be ready...\n' +
    'partitioned roll out complete: 2 new pods have been updated...\n');
  assert.equal(ok(ks(home, cols.slice(0, 3).concat('custom-columns=NAME:.metadata.name,REV:.metadata.labels.controller-revision-hash,IMAGE:.spec.containers[0].image'))),
    'NAME    REV              IMAGE\n' +
    'web-0   web-7d6d54cbf    registry.k8s.io/nginx-slim:0.24\n' +
    'web-1   web-67db6d8484   registry.k8s.io/nginx-slim:0.21\n' +
    'web-2   web-67db6d8484   registry.k8s.io/nginx-slim:0.21\n');
  assert.equal(ok(ks(home, ['get', 'sts', 'web', '-o', 'jsonpath={.status}'])),
    '{"availableReplicas":3,"collisionCount":0,"currentReplicas":1,"currentRevision":"web-7d6d54cbf","observedGeneration":3,"readyReplicas":3,"replicas":3,"updateRevision":"web-67db6d8484","updatedReplicas":2}');
  ok(ks(home, ['patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}']));
  assert.equal(ok(ks(home, ['rollout', 'status', 'sts/web'])),
    'Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...\nWaiting for 1 pods to be ready...\npartitioned roll out complete: 3 new pods have been updated...\n');
  assert.equal(ok(ks(home, ['get', 'sts', 'web', '-o', 'jsonpath={.status.currentRevision} {.status.currentReplicas}'])), 'web-67db6d8484 3');
  assert.equal(ok(ks(home, ['rollout', 'history', 'sts/web'])), 'statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
  assert.equal(ok(ks(home, ['rollout', 'undo', 'sts/web'])), 'statefulset.apps/web rolled back\n');
  ok(ks(home, ['rollout', 'status', 'sts/web']));
  assert.equal(ok(ks(home, ['get', 'controllerrevisions'])),
    'NAME             CONTROLLER             REVISION   AGE\n' +
    'web-67db6d8484   statefulset.apps/web   2          15s\n' +
    'web-7d6d54cbf    statefulset.apps/web   3          19s\n');
});
