// CKA/CKAD quota tasks: a ResourceQuota's status (hard, used) kept by the resourcequota controller, as
// `get quota` and `describe quota` print it; controllers' pods pass the API server's admission (LimitRanger
// defaults, ResourceQuota), so a Deployment over quota records FailedCreate with the Forbidden message and
// recovers when room is made; scoped quotas count only the pods their scopes select.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster } from './helpers.js';

const LIMITS = `apiVersion: v1
kind: LimitRange
metadata: {name: lr, namespace: dev}
spec:
  limits:
  - type: Container
    default: {cpu: 200m, memory: 128Mi}
    defaultRequest: {cpu: 100m, memory: 64Mi}
`;

function devWithQuota(): string {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'ns', 'dev']));
  ok(ks(home, ['create', 'quota', 'q', '-n', 'dev', '--hard=pods=2,requests.cpu=500m,limits.memory=512Mi']));
  return home;
}

test('a new quota shows zero use of each hard resource', () => {
  const home = devWithQuota();
  assert.equal(ok(ks(home, ['get', 'quota', '-n', 'dev'])),
    'NAME   REQUEST                           LIMIT                    AGE\n' +
    'q      pods: 0/2, requests.cpu: 0/500m   limits.memory: 0/512Mi   0s\n');
  assert.equal(ok(ks(home, ['get', 'quota', 'q', '-n', 'dev', '-o', 'jsonpath={.status}'])),
    '{"hard":{"limits.memory":"512Mi","pods":"2","requests.cpu":"500m"},"used":{"limits.memory":"0","pods":"0","requests.cpu":"0"}}');
});

test('a Deployment over quota: FailedCreate with the quota message, ReplicaFailure, recovery when a pod goes', () => {
  const home = devWithQuota();
  ok(ks(home, ['apply', '-f', '-'], LIMITS));
  ok(ks(home, ['run', 'p1', '-n', 'dev', '--image=nginx']));
  ok(ks(home, ['create', 'deploy', 'web', '-n', 'dev', '--image=nginx', '--replicas=3']));
  ok(ks(home, ['clock', 'advance', '5s']));
  assert.equal(ok(ks(home, ['describe', 'quota', '-n', 'dev'])),
    'Name:          q\n' +
    'Namespace:     dev\n' +
    'Resource       Used   Hard\n' +
    '--------       ----   ----\n' +
    'limits.memory  256Mi  512Mi\n' +
    'pods           2      2\n' +
    'requests.cpu   200m   500m\n');
  assert.equal(ok(ks(home, ['get', 'rs', '-n', 'dev'])),
    'NAME             DESIRED   CURRENT   READY   AGE\n' +
    'web-65d846d465   3         1         1       5s\n');
  assert.equal(ok(ks(home, ['get', 'events', '-n', 'dev', '--field-selector', 'reason=FailedCreate', '-o', 'jsonpath={.items[0].message}'])),
    'Error creating: pods "web-65d846d465-shxsf" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
  assert.equal(ok(ks(home, ['get', 'deploy', 'web', '-n', 'dev', '-o', 'jsonpath={.status.conditions[?(@.type=="ReplicaFailure")].reason}'])), 'FailedCreate');
  // the controller's pods got the LimitRange's defaults, as a user's pod does
  assert.equal(ok(ks(home, ['get', 'pods', '-n', 'dev', '-l', 'app=web', '-o', 'jsonpath={.items[0].spec.containers[0].resources}'])),
    '{"limits":{"cpu":"200m","memory":"128Mi"},"requests":{"cpu":"100m","memory":"64Mi"}}');
  ok(ks(home, ['delete', 'pod', 'p1', '-n', 'dev']));
  ok(ks(home, ['clock', 'advance', '30s']));
  assert.equal(ok(ks(home, ['get', 'rs', '-n', 'dev'])),
    'NAME             DESIRED   CURRENT   READY   AGE\n' +
    'web-65d846d465   3         2         2       36s\n');
  assert.equal(ok(ks(home, ['get', 'quota', '-n', 'dev'])),
    'NAME   REQUEST                              LIMIT                        AGE\n' +
    'q      pods: 2/2, requests.cpu: 200m/500m   limits.memory: 256Mi/512Mi   36s\n');
});

test('object counts and a BestEffort-scoped quota', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'quota', 'objs', '--hard=services=2,count/deployments.apps=1']));
  ok(ks(home, ['create', 'quota', 'be', '--hard=pods=1', '--scopes=BestEffort']));
  ok(ks(home, ['create', 'svc', 'clusterip', 's1', '--tcp=80']));
  const s2 = ks(home, ['create', 'svc', 'clusterip', 's2', '--tcp=80']);
  assert.equal(s2.code, 1);
  assert.equal(s2.stderr, 'error: failed to create ClusterIP service: services "s2" is forbidden: exceeded quota: objs, requested: services=1, used: services=2, limited: services=2\n');
  // (the default namespace's `kubernetes` Service counts too)
  // a pod with requests is not BestEffort: the scoped quota does not count or limit it
  ok(ks(home, ['run', 'burst', '--image=nginx', '--overrides={"spec":{"containers":[{"name":"burst","image":"nginx","resources":{"requests":{"cpu":"100m"}}}]}}']));
  ok(ks(home, ['run', 'be1', '--image=nginx']));
  const be2 = ks(home, ['run', 'be2', '--image=nginx']);
  assert.equal(be2.code, 1);
  assert.equal(be2.stderr, 'Error from server (Forbidden): pods "be2" is forbidden: exceeded quota: be, requested: pods=1, used: pods=1, limited: pods=1\n');
  assert.equal(ok(ks(home, ['get', 'quota'])),
    'NAME   REQUEST                                      LIMIT   AGE\n' +
    'be     pods: 1/1                                            0s\n' +
    'objs   count/deployments.apps: 0/1, services: 2/2           0s\n');
});

test('LimitRange Pod and PersistentVolumeClaim items and maxLimitRequestRatio, as LimitRanger words them', () => {
  const home = pinnedCluster();
  ok(ks(home, ['apply', '-f', '-'], `apiVersion: v1
kind: LimitRange
metadata: {name: limits}
spec:
  limits:
  - type: Container
    max: {cpu: 800m}
    min: {cpu: 100m}
    maxLimitRequestRatio: {cpu: "2"}
  - type: Pod
    max: {memory: 1Gi}
  - type: PersistentVolumeClaim
    min: {storage: 1Gi}
    max: {storage: 2Gi}
`));
  const a = ks(home, ['run', 'a', '--image=nginx']);
  assert.deepEqual([a.code, a.stderr], [1, 'Error from server (Forbidden): pods "a" is forbidden: maximum memory usage per Pod is 1Gi.  No limit is specified\n']);
  const b = ks(home, ['run', 'b', '--image=nginx', '--overrides={"spec":{"containers":[{"name":"b","image":"nginx","resources":{"requests":{"cpu":"100m"},"limits":{"cpu":"500m","memory":"2Gi"}}}]}}']);
  assert.deepEqual([b.code, b.stderr], [1, 'Error from server (Forbidden): pods "b" is forbidden: [cpu max limit to request ratio per Container is 2, but provided ratio is 5.000000, maximum memory usage per Pod is 1Gi, but limit is 2Gi]\n']);
  assert.equal(ok(ks(home, ['run', 'c', '--image=nginx', '--overrides={"spec":{"containers":[{"name":"c","image":"nginx","resources":{"requests":{"cpu":"200m"},"limits":{"cpu":"400m","memory":"512Mi"}}}]}}'])), 'pod/c created\n');
  const claim = (size: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c${size.toLowerCase()}}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: ${size}}}\n`;
  const big = ks(home, ['apply', '-f', '-'], claim('5Gi'));
  assert.deepEqual([big.code, big.stderr], [1, 'Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "c5gi" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi\n']);
  const small = ks(home, ['apply', '-f', '-'], claim('500Mi'));
  assert.deepEqual([small.code, small.stderr], [1, 'Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "c500mi" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi\n']);
  assert.equal(ok(ks(home, ['apply', '-f', '-'], claim('1Gi'))), 'persistentvolumeclaim/c1gi created\n');
});

test('a StatefulSet over a claim quota: FailedCreate for the claim and the pod, status kept, recovery', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'quota', 'q', '--hard=pods=3,persistentvolumeclaims=2']));
  ok(ks(home, ['apply', '-f', '-'], `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  selector: {matchLabels: {app: nginx}}
  serviceName: nginx
  replicas: 3
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`));
  ok(ks(home, ['clock', 'advance', '20s']));
  // the status written despite the failed create counts both ready pods
  assert.equal(ok(ks(home, ['get', 'sts'])), 'NAME   READY   AGE\nweb    2/3     20s\n');
  const events = ok(ks(home, ['get', 'events', '--field-selector', 'reason=FailedCreate', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}']));
  assert.equal(events,
    'create Claim www-web-2 for Pod web-2 in StatefulSet web failed error: persistentvolumeclaims "www-web-2" is forbidden: exceeded quota: q, requested: persistentvolumeclaims=1, used: persistentvolumeclaims=2, limited: persistentvolumeclaims=2\n' +
    'create Pod web-2 in StatefulSet web failed error: failed to create PVC www-web-2: persistentvolumeclaims "www-web-2" is forbidden: exceeded quota: q, requested: persistentvolumeclaims=1, used: persistentvolumeclaims=2, limited: persistentvolumeclaims=2\n');
  ok(ks(home, ['delete', 'quota', 'q']));
  ok(ks(home, ['clock', 'advance', '30s']));
  assert.equal(ok(ks(home, ['get', 'sts'])), 'NAME   READY   AGE\nweb    3/3     50s\n');
});
