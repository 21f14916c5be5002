// Nodes added and removed with kubectl, a kubelet that restarts, and drain's timeout and usage errors:
// exact output and events (spawned binary on a pinned manual clock).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ks, okIn, pinnedCluster } from './helpers.js';

const ok = okIn;

const NODE2 = `apiVersion: v1
kind: Node
metadata:
  name: node-2
  labels: {kubernetes.io/hostname: node-2, type: worker}
`;

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fluentd}
spec:
  selector: {matchLabels: {app: fluentd}}
  template:
    metadata: {labels: {app: fluentd}}
    spec:
      containers: [{name: fluentd, image: 'fluentd:v1.16'}]
`;

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeSelector: {type: worker}
      containers: [{name: nginx, image: nginx}]
`;

test('a Node applied with kubectl: RegisteredNode, a DaemonSet pod on it; deleted: RemovingNode', () => {
  const home = pinnedCluster();
  assert.equal(ks(home, ['apply', '-f', '-'], DS).code, 0);
  ok(home, 'clock', 'advance', '5s');
  assert.equal(ok(home, 'get', 'events', '--field-selector', 'involvedObject.kind=Node'), '');
  assert.equal(ks(home, ['apply', '-f', '-'], NODE2).stdout, 'node/node-2 created\n');
  ok(home, 'clock', 'advance', '3s');
  assert.equal(ok(home, 'get', 'nodes', 'node-2', '-L', 'type'),
    'NAME     STATUS   ROLES    AGE   VERSION   TYPE\n' +
    'node-2   Ready    <none>   3s    v1.32.5   worker\n');
  assert.equal(ok(home, 'get', 'events', '--field-selector', 'involvedObject.kind=Node'),
    'LAST SEEN   TYPE     REASON           OBJECT        MESSAGE\n' +
    '3s          Normal   RegisteredNode   node/node-2   Node node-2 event: Registered Node node-2 in Controller\n');
  assert.equal(ok(home, 'get', 'ds', 'fluentd', '--no-headers').split(/\s+/).slice(1, 6).join(' '), '2 2 2 2 2');
  assert.equal(ok(home, 'delete', 'node', 'node-2'), 'node "node-2" deleted\n');
  ok(home, 'clock', 'advance', '1s');
  assert.equal(ok(home, 'get', 'events', '--field-selector', 'reason=RemovingNode'),
    'LAST SEEN   TYPE     REASON         OBJECT        MESSAGE\n' +
    '1s          Normal   RemovingNode   node/node-2   Node node-2 event: Removing Node node-2 from Controller\n');
});

test('node stop and start: the node controller\'s NodeNotReady, then the restarted kubelet\'s start-up events', () => {
  const home = pinnedCluster();
  ok(home, 'node', 'stop', 'node-1');
  ok(home, 'clock', 'advance', '10s');
  assert.equal(ok(home, 'node', 'start', 'node-1'), 'node/node-1 started\n');
  ok(home, 'clock', 'advance', '10s');
  ok(home, 'node', 'stop', 'node-1');
  ok(home, 'clock', 'advance', '50s');
  assert.equal(ok(home, 'get', 'node', 'node-1', '--no-headers').split(/\s+/)[1], 'NotReady');
  ok(home, 'node', 'start', 'node-1');
  ok(home, 'clock', 'advance', '2s');
  const describe = ok(home, 'describe', 'node', 'node-1');
  assert.equal(describe.slice(describe.indexOf('Events:')),
    'Events:\n' +
    '  Type    Reason                   Age   From             Message\n' +
    '  ----    ------                   ----  ----             -------\n' +
    '  Normal  Starting                 62s   kubelet          Starting kubelet.\n' +
    '  Normal  NodeAllocatableEnforced  62s   kubelet          Updated Node Allocatable limit across pods\n' +
    '  Normal  NodeNotReady             12s   node-controller  Node node-1 status is now: NodeNotReady\n' +
    '  Normal  Starting                 2s    kubelet          Starting kubelet.\n' +
    '  Normal  NodeAllocatableEnforced  2s    kubelet          Updated Node Allocatable limit across pods\n' +
    '  Normal  NodeHasSufficientMemory  2s    kubelet          Node node-1 status is now: NodeHasSufficientMemory\n' +
    '  Normal  NodeHasNoDiskPressure    2s    kubelet          Node node-1 status is now: NodeHasNoDiskPressure\n' +
    '  Normal  NodeHasSufficientPID     2s    kubelet          Node node-1 status is now: NodeHasSufficientPID\n' +
    '  Normal  NodeReady                2s    kubelet          Node node-1 status is now: NodeReady\n');
});

test('drain --timeout with a PodDisruptionBudget that refuses every eviction: retries every 5 s, then the global timeout', () => {
  const home = pinnedCluster();
  assert.equal(ks(home, ['apply', '-f', '-'], NODE2).code, 0);
  assert.equal(ks(home, ['apply', '-f', '-'], DS).code, 0);
  assert.equal(ks(home, ['apply', '-f', '-'], WEB).code, 0);
  ok(home, 'create', 'pdb', 'web', '--selector=app=web', '--min-available=2');
  ok(home, 'clock', 'advance', '5s');
  const pods = ok(home, 'get', 'pods', '-o', 'name').trim().split('\n').map((s) => s.slice(4));
  const ds = pods.find((p) => p.startsWith('fluentd-') && ok(home, 'get', 'pod', p, '-o', 'jsonpath={.spec.nodeName}') === 'node-2')!;
  const [w1, w2] = pods.filter((p) => p.startsWith('web-'));

  const r = ks(home, ['drain', 'node-2', '--ignore-daemonsets', '--timeout=12s']);
  assert.equal(r.code, 1);
  // the workers sleep 5 s after each 429 and look at the deadline when they wake (at 15 s)
  assert.equal(r.stdout, 'node/node-2 cordoned\n' + `evicting pod default/${w1}\nevicting pod default/${w2}\n`.repeat(4));
  const retry = (p: string) => `error when evicting pods/"${p}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
  const timeout = (p: string) => `error when evicting pods/"${p}" -n "default": global timeout reached: 12s`;
  const agg = `[${timeout(w1)}, ${timeout(w2)}]`;
  assert.equal(r.stderr,
    `Warning: ignoring DaemonSet-managed Pods: default/${ds}\n` +
    (retry(w1) + retry(w2)).repeat(3) +
    `There are pending pods in node "node-2" when an error occurred: ${agg}\npod/${w1}\npod/${w2}\n` +
    `error: unable to drain node "node-2" due to error: ${agg}, continuing command...\n` +
    'There are pending nodes to be drained:\n node-2\n' +
    `${timeout(w1)}\n${timeout(w2)}\n`);
  assert.equal(ok(home, 'get', 'pods', '-l', 'app=web', '--no-headers').split('\n').filter(Boolean).length, 2);
});

test('drain and cordon usage errors', () => {
  const home = pinnedCluster();
  const both = ks(home, ['drain', 'node-1', '-l', 'type=worker']);
  assert.deepEqual([both.code, both.stdout, both.stderr],
    [1, '', "error: cannot specify both a node name and a --selector option\nSee 'kubectl drain -h' for help and examples\n"]);
  const none = ks(home, ['cordon']);
  assert.deepEqual([none.code, none.stderr], [1, "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n"]);
  const missing = ks(home, ['drain', 'node-9']);
  assert.deepEqual([missing.code, missing.stdout, missing.stderr], [1, '', 'Error from server (NotFound): nodes "node-9" not found\n']);
});
