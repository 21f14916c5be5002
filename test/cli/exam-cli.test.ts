// Exam-drill idioms checked against kubectl v1.32: `run -i --restart=Never` exits with the container's code
// (after --rm's removal), and `TYPE1,TYPE2 NAME` names an object of each type (get svc,ep web; delete pod,svc x).
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster } from './helpers.js';

test('run -i --restart=Never: the container exit code, kubectl terminated message, --rm deletes first', () => {
  const home = pinnedCluster();
  const failed = ks(home, ['run', 't1', '--image=busybox', '--restart=Never', '-i', '--', 'sh', '-c', 'echo hi; exit 3']);
  assert.deepEqual([failed.code, failed.stdout, failed.stderr], [3, 'hi\n', 'pod default/t1 terminated (Error)\n']);
  assert.equal(ok(ks(home, ['get', 'pod', 't1', '-o', 'jsonpath={.status.phase}'])), 'Failed');
  const rm = ks(home, ['run', 't2', '--image=busybox', '--restart=Never', '--rm', '-i', '--', 'sh', '-c', 'exit 2']);
  assert.deepEqual([rm.code, rm.stdout, rm.stderr], [2, 'pod "t2" deleted\n', 'pod default/t2 terminated (Error)\n']);
  const good = ks(home, ['run', 't3', '--image=busybox', '--restart=Never', '--rm', '-i', '--', 'echo', 'ok']);
  assert.deepEqual([good.code, good.stdout, good.stderr], [0, 'ok\npod "t3" deleted\n', '']);
  assert.equal(ok(ks(home, ['get', 'pods', '-o', 'name'])), 'pod/t1\n');
});

test('run -i of a shell reading its stdin: what the session printed is the container\'s log', () => {
  const home = pinnedCluster();
  const r = ks(home, ['run', 's1', '--image=busybox', '--restart=Never', '-i', '--', 'sh'], 'echo hello\necho oops >&2\nexit 3\n');
  assert.deepEqual([r.code, r.stdout], [3, 'hello\n']);
  assert.deepEqual(ks(home, ['logs', 's1']), { stdout: 'hello\noops\n', stderr: '', code: 0 });
  assert.equal(ok(ks(home, ['get', 'pod', 's1', '-o', 'jsonpath={.status.containerStatuses[0].state.terminated.exitCode}'])), '3');
});

test('TYPE1,TYPE2 NAME: one object of each type', () => {
  const home = pinnedCluster();
  ok(ks(home, ['run', 'web', '--image=nginx', '--port=80', '--expose']));
  ok(ks(home, ['clock', 'advance', '3s']));
  assert.equal(ok(ks(home, ['get', 'svc,ep', 'web'])),
    'NAME          TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' +
    'service/web   ClusterIP   10.96.0.11   <none>        80/TCP    3s\n' +
    '\n' +
    'NAME            ENDPOINTS       AGE\n' +
    'endpoints/web   10.244.0.2:80   3s\n');
  assert.equal(ok(ks(home, ['get', 'svc,ep,pod', 'web', '-o', 'name'])), 'service/web\nendpoints/web\npod/web\n');
  // a name found for one type only: kubectl prints it as one kind, without the prefix (checked through serve)
  const one = ks(home, ['get', 'deploy,pod', 'web']);
  assert.deepEqual([one.code, one.stdout, one.stderr], [1,
    'NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          3s\n',
    'Error from server (NotFound): deployments.apps "web" not found\n']);
  assert.equal(ok(ks(home, ['delete', 'pod,svc', 'web'])), 'pod "web" deleted\nservice "web" deleted\n');
});

test('label: "unlabeled" when a label goes, "label not found." for one that is not there', () => {
  const home = pinnedCluster();
  ok(ks(home, ['run', 'p', '--image=nginx', '-l', 'run=p,tier=web']));
  assert.equal(ok(ks(home, ['label', 'pod', 'p', 'tier-'])), 'pod/p unlabeled\n');
  assert.equal(ok(ks(home, ['label', 'pod', 'p', 'tier-'])), 'label "tier" not found.\npod/p not labeled\n');
  assert.equal(ok(ks(home, ['label', 'pod', 'p', 'run-', '--dry-run=server'])), 'pod/p unlabeled (server dry run)\n');
  // with --overwrite kubectl says labeled whatever the change
  assert.equal(ok(ks(home, ['label', 'pod', 'p', 'run-', '--overwrite'])), 'pod/p labeled\n');
  assert.equal(ok(ks(home, ['get', 'pod', 'p', '-o', 'jsonpath={.metadata.labels}'])), '');
});

test('scale --dry-run=client|server changes nothing and says so', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'deploy', 'web', '--image=nginx', '--replicas=2']));
  assert.equal(ok(ks(home, ['scale', 'deploy', 'web', '--replicas=3', '--dry-run=server'])), 'deployment.apps/web scaled (server dry run)\n');
  assert.equal(ok(ks(home, ['scale', 'deploy', 'web', '--replicas=3', '--current-replicas=7', '--dry-run=client'])), 'deployment.apps/web scaled (dry run)\n');
  const pre = ks(home, ['scale', 'deploy', 'web', '--replicas=3', '--current-replicas=7', '--dry-run=server']);
  assert.deepEqual([pre.code, pre.stderr], [1, 'error: Expected replicas to be 7, was 2\n']);
  assert.equal(ok(ks(home, ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])), '2');
});

test('rollout undo statefulset --dry-run=client: "will roll back to" the template, as the StatefulSet rollbacker prints it', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'svc', 'clusterip', 'nginx', '--clusterip=None']));
  ok(ks(home, ['apply', '-f', '-'], `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  selector: {matchLabels: {app: nginx}}
  serviceName: nginx
  replicas: 1
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: nginx, image: "nginx:1.24"}]
`));
  ok(ks(home, ['clock', 'advance', '5s']));
  ok(ks(home, ['set', 'image', 'sts/web', 'nginx=nginx:1.25']));
  ok(ks(home, ['clock', 'advance', '10s']));
  assert.equal(ok(ks(home, ['rollout', 'undo', 'sts/web', '--dry-run=client'])),
    'statefulset.apps/web will roll back to Pod Template:\n' +
    '  Labels:\tapp=nginx\n' +
    '  Containers:\n' +
    '   nginx:\n' +
    '    Image:\tnginx:1.24\n' +
    '    Port:\t<none>\n' +
    '    Host Port:\t<none>\n' +
    '    Environment:\t<none>\n' +
    '    Mounts:\t<none>\n' +
    '  Volumes:\t<none>\n' +
    '  Node-Selectors:\t<none>\n' +
    '  Tolerations:\t<none>\n' +
    ' (dry run)\n');
});
