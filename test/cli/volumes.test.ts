// PersistentVolumeClaims: static binding to the smallest fitting Available volume; dynamic
// provisioning by kind's default `standard` class (WaitForFirstConsumer: nothing happens until a pod
// using the claim is bound to a node, then the local-path provisioner makes pvc-<claim uid>); the
// Retain policy leaving a volume Released when its claim goes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster } from './helpers.js';

const OBJECTS = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-small
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: ""
  hostPath: {path: /tmp/a}
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-big
spec:
  capacity: {storage: 5Gi}
  accessModes: [ReadWriteOnce, ReadOnlyMany]
  storageClassName: ""
  hostPath: {path: /tmp/b}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: static-claim}
spec:
  storageClassName: ""
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 2Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: dyn-claim}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`;

const POD = `apiVersion: v1
kind: Pod
metadata: {name: user}
spec:
  containers:
  - name: user
    image: nginx
    volumeMounts: [{name: d, mountPath: /d}]
  volumes:
  - name: d
    persistentVolumeClaim: {claimName: dyn-claim}
`;

test('PVC binding and provisioning (a new cluster has kind\'s default `standard` class)', () => {
  const home = pinnedCluster();
  ok(ks(home, ['apply', '-f', '-'], OBJECTS));
  assert.equal(ok(ks(home, ['get', 'pvc'])),
    'NAME           STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n' +
    'dyn-claim      Pending                                      standard       <unset>                 0s\n' +
    'static-claim   Bound     pv-big   5Gi        RWO,ROX                       <unset>                 0s\n');
  assert.equal(ok(ks(home, ['get', 'pv', 'pv-small', 'pv-big', '-o', 'custom-columns=NAME:.metadata.name,STATUS:.status.phase,CLAIM:.spec.claimRef.name'])),
    'NAME       STATUS      CLAIM\npv-small   Available   <none>\npv-big     Bound       static-claim\n');

  ok(ks(home, ['apply', '-f', '-'], POD));
  ok(ks(home, ['clock', 'advance', '10s']));
  const claim = JSON.parse(ok(ks(home, ['get', 'pvc', 'dyn-claim', '-o', 'json'])));
  const pvName = `pvc-${claim.metadata.uid}`;
  assert.equal(claim.spec.volumeName, pvName);
  assert.deepEqual(claim.status, { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
  assert.equal(claim.metadata.annotations['volume.kubernetes.io/selected-node'], 'node-1');
  assert.equal(claim.metadata.annotations['volume.kubernetes.io/storage-provisioner'], 'rancher.io/local-path');
  const pv = JSON.parse(ok(ks(home, ['get', 'pv', pvName, '-o', 'json'])));
  assert.equal(pv.spec.hostPath.path, `/var/local-path-provisioner/${pvName}_default_dyn-claim`);
  assert.deepEqual(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0], { key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1'] });
  assert.equal(pv.status.phase, 'Bound');
  const ev = ok(ks(home, ['get', 'events', '--field-selector', 'involvedObject.name=dyn-claim', '-o', 'custom-columns=REASON:.reason,MESSAGE:.message']));
  assert.equal(ev,
    'REASON                  MESSAGE\n' +
    'WaitForFirstConsumer    waiting for first consumer to be created before binding\n' +
    `ExternalProvisioning    Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.\n` +
    'Provisioning            External provisioner is provisioning volume for claim "default/dyn-claim"\n' +
    `ProvisioningSucceeded   Successfully provisioned volume ${pvName}\n`);

  ok(ks(home, ['delete', 'pvc', 'static-claim']));
  assert.equal(ok(ks(home, ['get', 'pv', 'pv-big', '-o', 'jsonpath={.status.phase}'])), 'Released');
  // a dynamically provisioned volume (reclaim policy Delete) goes with its claim
  const forced = ks(home, ['delete', 'pod', 'user', '--grace-period=0', '--force']);
  assert.equal(forced.stderr, 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  assert.equal(forced.stdout, 'pod "user" force deleted\n');
  ok(ks(home, ['delete', 'pvc', 'dyn-claim']));
  assert.equal(ok(ks(home, ['get', 'pv', '-o', 'name'])), 'persistentvolume/pv-big\npersistentvolume/pv-small\n');
});

test('a claim asking for no class (storageClassName "") and without a fitting volume waits', () => {
  const home = pinnedCluster();
  ok(ks(home, ['apply', '-f', '-'], 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec:\n  storageClassName: ""\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n'));
  assert.equal(ok(ks(home, ['get', 'events', '-o', 'custom-columns=REASON:.reason,MESSAGE:.message'])),
    'REASON          MESSAGE\nFailedBinding   no persistent volumes available for this claim and no storage class is set\n');
});

test('a pod whose claim does not exist stays Pending with the scheduler\'s message, and starts once the claim appears', () => {
  const home = pinnedCluster();
  ok(ks(home, ['apply', '-f', '-'], POD));
  ok(ks(home, ['clock', 'advance', '5s']));
  assert.equal(ok(ks(home, ['get', 'pod', 'user'])), 'NAME   READY   STATUS    RESTARTS   AGE\nuser   0/1     Pending   0          5s\n');
  const msg = '0/1 nodes are available: persistentvolumeclaim "dyn-claim" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
  assert.equal(ok(ks(home, ['get', 'pod', 'user', '-o', 'jsonpath={.status.conditions[0].reason}: {.status.conditions[0].message}'])), `Unschedulable: ${msg}`);
  assert.equal(ok(ks(home, ['get', 'events', '-o', 'custom-columns=TYPE:.type,REASON:.reason,FROM:.reportingComponent,MESSAGE:.message'])),
    `TYPE      REASON             FROM                MESSAGE\nWarning   FailedScheduling   default-scheduler   ${msg}\n`);
  // the claim's creation requeues the pod; the default class provisions a volume on its node
  ok(ks(home, ['apply', '-f', '-'], OBJECTS.split('---\n').pop()!));
  ok(ks(home, ['clock', 'advance', '5s']));
  assert.equal(ok(ks(home, ['get', 'pod', 'user', '-o', 'jsonpath={.status.phase} {.spec.nodeName}'])), 'Running node-1');
  assert.equal(ok(ks(home, ['get', 'pvc', 'dyn-claim', '-o', 'jsonpath={.status.phase} {.spec.storageClassName}'])), 'Bound standard');
});

test('a claim with Immediate binding and no volume keeps its pod off every node', () => {
  const home = pinnedCluster();
  ok(ks(home, ['apply', '-f', '-'], 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: manual}\nprovisioner: kubernetes.io/no-provisioner\nvolumeBindingMode: Immediate\n---\n' +
    OBJECTS.split('---\n').pop()!.replace('spec:\n', 'spec:\n  storageClassName: manual\n') + '---\n' + POD));
  ok(ks(home, ['clock', 'advance', '5s']));
  assert.equal(ok(ks(home, ['get', 'pod', 'user', '-o', 'jsonpath={.status.conditions[0].message}'])),
    '0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
});
