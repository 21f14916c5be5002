// CKA storage tasks: claims and volumes carry the StorageObjectInUseProtection finalizers (describe shows
// them); a claim deleted while a pod uses it stays Terminating (kubectl delete's wait times out with
// kubectl's message) until the pod goes; a Bound volume deleted stays Terminating until its claim goes;
// removing the last finalizer of an object being deleted deletes it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster } from './helpers.js';

const CLAIM_AND_POD = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Pod
metadata: {name: app}
spec:
  containers:
  - name: app
    image: nginx
    volumeMounts: [{name: d, mountPath: /data}]
  volumes:
  - name: d
    persistentVolumeClaim: {claimName: data}
`;

const STATIC = `apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-log}
spec:
  capacity: {storage: 100Mi}
  accessModes: [ReadWriteMany]
  persistentVolumeReclaimPolicy: Retain
  hostPath: {path: /pv/log}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: claim-log}
spec:
  storageClassName: ""
  accessModes: [ReadWriteMany]
  resources: {requests: {storage: 50Mi}}
`;

test('a claim in use: finalizer, Terminating until its pod goes, delete --timeout gives up as kubectl does', () => {
  const home = pinnedCluster();
  ok(ks(home, ['apply', '-f', '-'], CLAIM_AND_POD));
  ok(ks(home, ['clock', 'advance', '5s']));
  const describe = ok(ks(home, ['describe', 'pvc', 'data']));
  assert.match(describe, /\nFinalizers:    \[kubernetes\.io\/pvc-protection\]\n/);
  assert.match(describe, /\nUsed By:       app\n/);
  const pvName = ok(ks(home, ['get', 'pvc', 'data', '-o', 'jsonpath={.spec.volumeName}']));
  assert.equal(ok(ks(home, ['get', 'pv', pvName, '-o', 'jsonpath={.metadata.finalizers}'])), '["kubernetes.io/pv-protection"]');

  const del = ks(home, ['delete', 'pvc', 'data', '--timeout=10s']);
  assert.deepEqual([del.code, del.stdout, del.stderr],
    [1, 'persistentvolumeclaim "data" deleted\n', 'error: timed out waiting for the condition on persistentvolumeclaims/data\n']);
  assert.equal(ok(ks(home, ['get', 'pvc', 'data'])),
    'NAME   STATUS        VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n' +
    `data   Terminating   ${pvName}   1Gi        RWO            standard       <unset>                 15s\n`);
  assert.match(ok(ks(home, ['describe', 'pvc', 'data'])), /\nStatus:        Terminating \(lasts 10s\)\n/);

  // the pod's deletion frees the claim; its dynamically provisioned volume (Delete) goes with it
  assert.equal(ok(ks(home, ['delete', 'pod', 'app'])), 'pod "app" deleted\n');
  const after = ks(home, ['get', 'pvc,pv']);
  assert.deepEqual([after.code, after.stdout, after.stderr], [0, '', 'No resources found in default namespace.\n']);
});

test('a Bound volume deleted stays Terminating until its claim goes', () => {
  const home = pinnedCluster();
  ok(ks(home, ['apply', '-f', '-'], STATIC));
  ok(ks(home, ['clock', 'advance', '2s']));
  assert.equal(ok(ks(home, ['delete', 'pv', 'pv-log', '--wait=false'])), 'persistentvolume "pv-log" deleted\n');
  assert.equal(ok(ks(home, ['get', 'pv'])),
    'NAME     CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS        CLAIM               STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n' +
    'pv-log   100Mi      RWX            Retain           Terminating   default/claim-log                  <unset>                          2s\n');
  assert.equal(ok(ks(home, ['delete', 'pvc', 'claim-log'])), 'persistentvolumeclaim "claim-log" deleted\n');
  const pv = ks(home, ['get', 'pv']);
  assert.deepEqual([pv.stdout, pv.stderr], ['', 'No resources found\n']);
});

test('removing the last finalizer of an object being deleted deletes it; a bad --timeout is a flag error', () => {
  const home = pinnedCluster();
  ok(ks(home, ['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fin\n  finalizers: [example.com/keep]\n'));
  const bad = ks(home, ['delete', 'cm', 'fin', '--timeout=soon']);
  assert.deepEqual([bad.code, bad.stderr], [1, 'Error: invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"\nSee \'kubectl delete --help\' for usage.\n']);
  assert.equal(ok(ks(home, ['delete', 'cm', 'fin', '--wait=false'])), 'configmap "fin" deleted\n');
  assert.match(ok(ks(home, ['get', 'cm', 'fin', '-o', 'jsonpath={.metadata.deletionTimestamp}'])), /^2030-01-01T00:00:00Z$/);
  assert.equal(ok(ks(home, ['patch', 'cm', 'fin', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]'])), 'configmap/fin patched\n');
  const gone = ks(home, ['get', 'cm', 'fin']);
  assert.deepEqual([gone.code, gone.stderr], [1, 'Error from server (NotFound): configmaps "fin" not found\n']);
});
