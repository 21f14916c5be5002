// cordon / uncordon / drain / taint, node stop|start and the kubeadm profile, end to end (spawned binary,
// manual clock, so every output but wall-clock timestamps is byte-stable).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ks, okIn, tempHome, type Result } from './helpers.js';

function cluster(nodes: number, profile?: string): string {
  const home = tempHome();
  const create = ['cluster', 'create', 'default', '--nodes', String(nodes), ...(profile ? ['--profile', profile] : [])];
  for (const a of [create, ['clock', 'set-mode', 'manual']]) {
    const r = ks(home, a);
    assert.equal(r.code, 0, r.stderr);
  }
  return home;
}

const ok = okIn;

/** AGE columns: the cluster is made in realtime mode and set to manual a moment later, so ages may be a second or two on. */
function ages(s: string): string {
  return s.replace(/ (\d+)s( +v1\.32)/g, (_m, _n, rest) => ` AGE${rest}`);
}

function run(home: string, ...args: string[]): Result {
  return ks(home, args);
}

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx}]
`;

test('cordon and uncordon: messages, dry run, SchedulingDisabled, the unschedulable taint', () => {
  const home = cluster(2);
  assert.equal(ok(home, 'cordon', 'node-1', '--dry-run=client'), 'node/node-1 cordoned (dry run)\n');
  assert.equal(ok(home, 'cordon', 'node-1'), 'node/node-1 cordoned\n');
  assert.equal(ok(home, 'cordon', 'node-1'), 'node/node-1 already cordoned\n');
  assert.equal(ages(ok(home, 'get', 'nodes')), ages(
    'NAME     STATUS                     ROLES    AGE   VERSION\n' +
    'node-1   Ready,SchedulingDisabled   <none>   0s    v1.32.5\n' +
    'node-2   Ready                      <none>   0s    v1.32.5\n'));
  assert.match(ok(home, 'get', 'node', 'node-1', '-o', 'jsonpath={.spec.taints}'),
    /^\[\{"effect":"NoSchedule","key":"node.kubernetes.io\/unschedulable","timeAdded":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\}\]$/);
  assert.equal(ok(home, 'uncordon', '-l', 'kubernetes.io/hostname'), 'node/node-1 uncordoned\nnode/node-2 already uncordoned\n');
  assert.equal(ok(home, 'get', 'node', 'node-1', '-o', 'jsonpath={.spec}'), '{"podCIDR":"10.244.0.0/24","podCIDRs":["10.244.0.0/24"],"providerID":"kind://docker/kubesim/node-1"}');
  const none = run(home, 'cordon');
  assert.equal(none.code, 1);
  assert.equal(none.stderr, "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n");
  const missing = run(home, 'uncordon', 'nope');
  assert.equal(missing.stderr, 'Error from server (NotFound): nodes "nope" not found\n');
});

test('taint: add, overwrite, remove by effect and by key, and the errors', () => {
  const home = cluster(1);
  assert.equal(ok(home, 'taint', 'nodes', 'node-1', 'dedicated=infra:NoSchedule'), 'node/node-1 tainted\n');
  const again = run(home, 'taint', 'node', 'node-1', 'dedicated=web:NoSchedule');
  assert.equal(again.code, 1);
  assert.equal(again.stderr, 'error: node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n');
  assert.equal(ok(home, 'taint', 'node', 'node-1', 'dedicated=web:NoSchedule', '--overwrite'), 'node/node-1 modified\n');
  assert.equal(ok(home, 'taint', 'node', 'node-1', 'spot:PreferNoSchedule'), 'node/node-1 tainted\n');
  assert.equal(ok(home, 'describe', 'node', 'node-1').split('\n').filter((l) => /^Taints:|^\s+spot/.test(l)).join('\n'),
    'Taints:             dedicated=web:NoSchedule\n                    spot:PreferNoSchedule');
  assert.equal(ok(home, 'taint', 'node', 'node-1', 'dedicated:NoSchedule-'), 'node/node-1 untainted\n');
  assert.equal(ok(home, 'taint', 'node', 'node-1', 'spot-'), 'node/node-1 untainted\n');
  assert.equal(ok(home, 'get', 'node', 'node-1', '-o', 'jsonpath={.spec.taints}'), '');
  const notFound = run(home, 'taint', 'node', 'node-1', 'spot-');
  assert.equal(notFound.stderr, 'error: taint "spot" not found\n');
  const effect = run(home, 'taint', 'node', 'node-1', 'a=b:Sometimes');
  assert.equal(effect.stderr, "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n");
  const both = run(home, 'taint', 'node', 'node-1', 'a=b:NoSchedule', 'a-');
  assert.equal(both.stderr, 'error: can not both modify and remove the following taint(s) in the same command: a=\n');
  const pod = run(home, 'taint', 'pods', 'x', 'a=b:NoSchedule');
  assert.equal(pod.stderr, 'error: invalid resource type pods, only node types are supported\n');
  assert.equal(run(home, 'taint', 'node', 'node-1').stderr, 'error: at least one taint update is required\n');
});

test('drain: a bare pod stops it, --force lets it through, a PodDisruptionBudget makes one eviction wait', () => {
  const home = cluster(2);
  ok(home, 'cordon', 'node-2');
  const apply = ks(home, ['apply', '-f', '-'], WEB);
  assert.equal(apply.code, 0, apply.stderr);
  ok(home, 'run', 'bare', '--image=nginx', '--overrides={"spec":{"nodeName":"node-1"}}');
  ok(home, 'create', 'pdb', 'web', '--selector=app=web', '--min-available=1');
  ok(home, 'clock', 'advance', '30s');
  ok(home, 'uncordon', 'node-2');
  assert.match(ok(home, 'get', 'pdb'),
    /^NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nweb    1               N\/A               1                     30s\n$/);
  const pods = ok(home, 'get', 'pods', '-o', 'name').trim().split('\n').map((s) => s.slice(4));
  const [w1, w2] = pods.filter((p) => p.startsWith('web-'));

  const refused = run(home, 'drain', 'node-1');
  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, 'node/node-1 cordoned\n');
  assert.equal(refused.stderr,
    'error: unable to drain node "node-1" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare, continuing command...\n' +
    'There are pending nodes to be drained:\n node-1\n' +
    'cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare\n');

  const dry = run(home, 'drain', 'node-1', '--force', '--dry-run=client');
  assert.equal(dry.stdout, `node/node-1 already cordoned\nevicting pod default/bare (dry run)\nevicting pod default/${w1} (dry run)\nevicting pod default/${w2} (dry run)\nnode/node-1 drained (dry run)\n`);

  const drained = run(home, 'drain', 'node-1', '--force');
  assert.equal(drained.code, 0, drained.stderr);
  assert.equal(drained.stdout,
    'node/node-1 already cordoned\n' +
    `evicting pod default/bare\nevicting pod default/${w1}\nevicting pod default/${w2}\n` +
    `pod/bare evicted\npod/${w1} evicted\n` +
    `evicting pod default/${w2}\npod/${w2} evicted\nnode/node-1 drained\n`);
  const retry = `error when evicting pods/"${w2}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
  assert.equal(drained.stderr, 'Warning: deleting Pods that declare no controller: default/bare\n' + retry);
  ok(home, 'clock', 'advance', '5s');
  const after = ok(home, 'get', 'pods', '-o', 'wide', '--no-headers').trim().split('\n').map((l) => l.split(/\s+/));
  assert.deepEqual(after.map((c) => [c[0].slice(0, 4), c[2], c[6]]), [['web-', 'Running', 'node-2'], ['web-', 'Running', 'node-2']]);
  assert.equal(ok(home, 'get', 'pdb', '--no-headers').split(/\s+/)[3], '1');
});

test('node stop: NotReady after 40 s, unreachable taints, pods evicted after 300 s and replaced; start brings it back', () => {
  const home = cluster(2);
  assert.equal(ks(home, ['apply', '-f', '-'], WEB).code, 0);
  ok(home, 'clock', 'advance', '10s');
  const onNode1 = ok(home, 'get', 'pods', '-o', 'wide', '--no-headers').trim().split('\n').map((l) => l.split(/\s+/)).find((c) => c[6] === 'node-1')![0];
  assert.equal(ok(home, 'node', 'stop', 'node-1'), 'node/node-1 stopped\n');
  ok(home, 'clock', 'advance', '39s');
  assert.match(ok(home, 'get', 'nodes'), /node-1   Ready /);
  ok(home, 'clock', 'advance', '1s');
  assert.match(ok(home, 'get', 'nodes'), /node-1   NotReady /);
  assert.equal(ok(home, 'get', 'node', 'node-1', '-o', 'jsonpath={range .spec.taints[*]}{.key}:{.effect} {end}'),
    'node.kubernetes.io/unreachable:NoSchedule node.kubernetes.io/unreachable:NoExecute ');
  assert.equal(ok(home, 'get', 'node', 'node-1', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].message}'), 'Kubelet stopped posting node status.');
  ok(home, 'clock', 'advance', '299s');
  assert.match(ok(home, 'get', 'pod', onNode1), / Running /);
  ok(home, 'clock', 'advance', '1s');
  assert.match(ok(home, 'get', 'pod', onNode1), / Terminating /);
  ok(home, 'clock', 'advance', '10s');
  // the kubelet is gone: the pod stays Terminating; its replacement runs on node-2
  const rows = ok(home, 'get', 'pods', '-o', 'wide', '--no-headers').trim().split('\n').map((l) => l.split(/\s+/));
  assert.deepEqual(rows.map((c) => [c[0] === onNode1, c[2], c[6]]).sort(), [[false, 'Running', 'node-2'], [false, 'Running', 'node-2'], [true, 'Terminating', 'node-1']]);
  const ev = ok(home, 'get', 'events', '--field-selector', 'reason!=Pulling,reason!=Pulled,reason!=Created,reason!=Started,reason!=Scheduled,reason!=SuccessfulCreate,reason!=ScalingReplicaSet,reason!=Killing');
  assert.equal(ev.replace(/ +/g, ' '),
    'LAST SEEN TYPE REASON OBJECT MESSAGE\n' +
    `5m10s Normal NodeNotReady node/node-1 Node node-1 status is now: NodeNotReady\n` +
    `5m10s Warning NodeNotReady pod/${onNode1} Node is not ready\n` +
    `10s Normal TaintManagerEviction pod/${onNode1} Marking for deletion Pod default/${onNode1}\n`);
  assert.equal(ok(home, 'node', 'start', 'node-1'), 'node/node-1 started\n');
  ok(home, 'clock', 'advance', '2s');
  assert.match(ok(home, 'get', 'nodes'), /node-1   Ready /);
  // the restarted kubelet's own events on its node (its reference carries the node's name as uid)
  assert.equal(ok(home, 'get', 'events', '--field-selector', 'source=kubelet,involvedObject.kind=Node', '-o', 'custom-columns=REASON:.reason,UID:.involvedObject.uid,MESSAGE:.message'),
    'REASON                    UID      MESSAGE\n' +
    'Starting                  node-1   Starting kubelet.\n' +
    'NodeAllocatableEnforced   node-1   Updated Node Allocatable limit across pods\n' +
    'NodeHasSufficientMemory   node-1   Node node-1 status is now: NodeHasSufficientMemory\n' +
    'NodeHasNoDiskPressure     node-1   Node node-1 status is now: NodeHasNoDiskPressure\n' +
    'NodeHasSufficientPID      node-1   Node node-1 status is now: NodeHasSufficientPID\n' +
    'NodeReady                 node-1   Node node-1 status is now: NodeReady\n');
  assert.match(ok(home, 'describe', 'node', 'node-1'), / {2}Normal {2}NodeReady {16}2s {5}kubelet {10}Node node-1 status is now: NodeReady\n$/);
  assert.equal(ok(home, 'get', 'node', 'node-1', '-o', 'jsonpath={.spec.taints}'), '');
  assert.doesNotMatch(ok(home, 'get', 'pods'), new RegExp(onNode1));
});

test('the kubeadm profile: controlplane and workers, the static pods, coredns placed by the scheduler', () => {
  const home = cluster(3, 'kubeadm');
  ok(home, 'clock', 'advance', '30s');
  assert.equal(ages(ok(home, 'get', 'nodes', '-o', 'wide')), ages(
    'NAME           STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION     CONTAINER-RUNTIME\n' +
    'controlplane   Ready    control-plane   30s   v1.32.5   172.30.1.2    <none>        Ubuntu 24.04.1 LTS   6.8.0-51-generic   containerd://1.7.24\n' +
    'node01         Ready    <none>          30s   v1.32.5   172.30.1.3    <none>        Ubuntu 24.04.1 LTS   6.8.0-51-generic   containerd://1.7.24\n' +
    'node02         Ready    <none>          30s   v1.32.5   172.30.1.4    <none>        Ubuntu 24.04.1 LTS   6.8.0-51-generic   containerd://1.7.24\n'));
  const pods = ok(home, 'get', 'pods', '-A', '-o', 'wide', '--no-headers').trim().split('\n').map((l) => l.split(/\s+/));
  const rows = pods.map((c) => [c[0], c[1].replace(/-[a-z0-9]{10}-[a-z0-9]{5}$/, '-x').replace(/^kube-proxy-[a-z0-9]{5}$/, 'kube-proxy-x'), c[3], c[7]]);
  // the coredns pods spread over the workers (preferred anti-affinity, system default spreading)
  assert.deepEqual(rows.filter((r) => r[1] === 'coredns-x').map((r) => r[3]).sort(), ['node01', 'node02']);
  // the kube-proxy DaemonSet runs one pod on every node (it tolerates every taint)
  assert.deepEqual(rows.filter((r) => r[1] === 'kube-proxy-x').map((r) => r[3]).sort(), ['controlplane', 'node01', 'node02']);
  assert.deepEqual(rows.filter((r) => r[1] !== 'coredns-x' && r[1] !== 'kube-proxy-x'), [
    ['kube-system', 'etcd-controlplane', 'Running', 'controlplane'],
    ['kube-system', 'kube-apiserver-controlplane', 'Running', 'controlplane'],
    ['kube-system', 'kube-controller-manager-controlplane', 'Running', 'controlplane'],
    ['kube-system', 'kube-scheduler-controlplane', 'Running', 'controlplane'],
  ]);
  assert.match(ok(home, 'get', 'rs', '-n', 'kube-system'), /coredns-668d6bf9bc   2         2         2/);
  assert.match(ok(home, 'get', 'svc', '-n', 'kube-system'),
    /^NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT\(S\)                  AGE\nkube-dns   ClusterIP   10\.96\.0\.10   <none>        53\/UDP,53\/TCP,9153\/TCP   3\ds\n$/);
  assert.equal(ok(home, 'get', 'cm', '-n', 'kube-system', '-o', 'name'),
    'configmap/coredns\nconfigmap/kube-proxy\nconfigmap/kube-root-ca.crt\nconfigmap/kubeadm-config\nconfigmap/kubelet-config\n');
  assert.equal(ok(home, 'get', 'pod', '-n', 'kube-system', 'etcd-controlplane', '-o', 'jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}'), 'Node/controlplane');
  assert.equal(ok(home, 'get', 'cm', '-n', 'kube-public', 'cluster-info', '-o', 'name'), 'configmap/cluster-info\n');
  // a pod that fits nowhere: the control-plane taint, and too little cpu on the workers
  ok(home, 'run', 'big', '--image=nginx', '--overrides={"spec":{"containers":[{"name":"big","image":"nginx","resources":{"requests":{"cpu":"8"}}}]}}');
  assert.equal(ok(home, 'get', 'pod', 'big', '-o', 'jsonpath={.status.conditions[0].message}'),
    '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.');
});
