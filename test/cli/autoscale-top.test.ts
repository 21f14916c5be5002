// kubectl autoscale, kubectl top and kubesim load end to end: the simulated metrics feed both top and
// the HPA controller, on a pinned manual clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster, tempHome } from './helpers.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources:
          requests: {cpu: 200m}
      - name: sidecar
        image: busybox:1.36
        command: [sleep, "3600"]
        resources:
          requests: {cpu: 50m}
`;

/** Go's tabwriter over tab-terminated cells (as kubectl top writes them): every column padded by 3, at least 6 wide. */
function tab(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(6, Math.max(...rows.map((r) => (r[i] ?? '').length)) + 3));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('') + '\n').join('');
}

const podNames = (home: string) => ok(ks(home, ['get', 'pods', '-o', 'name'])).trim().split('\n').map((l) => l.slice('pod/'.length)).sort();

test('top pod|node, kubesim load, autoscale and get/describe hpa', () => {
  const home = pinnedCluster();
  let r = ks(home, ['top', 'pods']);
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', 'No resources found in default namespace.\n', 0]);
  ok(ks(home, ['apply', '-f', '-'], deployment));
  r = ks(home, ['top', 'pods']);
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', 'error: metrics not available yet\n', 1]);
  ok(ks(home, ['clock', 'advance', '20s']));
  const [a, b] = podNames(home);
  // every cell is tab-terminated: the last column keeps its padding
  assert.equal(ok(ks(home, ['top', 'pods'])), tab([['NAME', 'CPU(cores)', 'MEMORY(bytes)'], [a, '3m', '3Mi'], [b, '3m', '3Mi']]));
  assert.ok(ok(ks(home, ['top', 'pods'])).split('\n')[0].endsWith('MEMORY(bytes)   '));
  assert.equal(ok(ks(home, ['top', 'pod', a, '--containers'])),
    tab([['POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)'], [a, 'nginx', '2m', '3Mi'], [a, 'sidecar', '1m', '0Mi']]));
  assert.equal(ok(ks(home, ['top', 'pods', '-A', '--no-headers', '--sort-by', 'memory'])), tab([['default', a, '3m', '3Mi'], ['default', b, '3m', '3Mi']]));
  r = ks(home, ['top', 'pod', 'nope']);
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', 'Error from server (NotFound): podmetrics.metrics.k8s.io "default/nope" not found\n', 1]);
  r = ks(home, ['top', 'pods', '--sort-by', 'name']);
  assert.deepEqual([r.stderr, r.code], ['error: --sort-by accepts only cpu or memory\n', 1]);
  assert.match(ok(ks(home, ['top', 'nodes'])), /^NAME +CPU\(cores\) +CPU\(%\) +MEMORY\(bytes\) +MEMORY\(%\) +\n\S+ +\d+m +\d+% +\d+Mi +\d+% +\n$/);

  // kubectl autoscale builds an autoscaling/v2 HPA
  assert.equal(ok(ks(home, ['autoscale', 'deploy', 'web', '--min=2', '--max=10', '--cpu-percent=50', '--dry-run=client', '-o', 'yaml'])), `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  creationTimestamp: null
  name: web
spec:
  maxReplicas: 10
  metrics:
  - resource:
      name: cpu
      target:
        averageUtilization: 50
        type: Utilization
    type: Resource
  minReplicas: 2
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
status:
  currentMetrics: null
  desiredReplicas: 0
`);
  assert.equal(ok(ks(home, ['autoscale', 'deploy', 'web', '--max=10', '--dry-run=client'])), 'horizontalpodautoscaler.autoscaling/web created (dry run)\n');
  for (const [args, err] of [
    [['--max=0'], 'error: --max=MAXPODS is required and must be at least 1, max: 0\n'],
    [['--max=2', '--min=3'], 'error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 3\n'],
  ] as [string[], string][]) {
    r = ks(home, ['autoscale', 'deploy', 'web', ...args]);
    assert.deepEqual([r.stdout, r.stderr, r.code], ['', err, 1]);
  }
  r = ks(home, ['autoscale', 'svc', 'kubernetes', '--max=3']);
  assert.deepEqual([r.stderr, r.code], ['error: cannot autoscale a Service: could not find scale subresource for /v1, Resource=services in discovery information\n', 1]);
  assert.equal(ok(ks(home, ['autoscale', 'deploy', 'web', '--min=2', '--max=10', '--cpu-percent=50'])), 'horizontalpodautoscaler.autoscaling/web autoscaled\n');
  assert.equal(ok(ks(home, ['get', 'hpa'])), [
    'NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE',
    'web    Deployment/web   cpu: <unknown>/50%   2         10        0          0s',
    '',
  ].join('\n'));
  ok(ks(home, ['clock', 'advance', '15s']));
  assert.equal(ok(ks(home, ['get', 'hpa'])), [
    'NAME   REFERENCE        TARGETS       MINPODS   MAXPODS   REPLICAS   AGE',
    'web    Deployment/web   cpu: 1%/50%   2         10        2          15s',
    '',
  ].join('\n'));
  // 150% of the pods' requests, shared: 750m over however many pods run
  assert.equal(ok(ks(home, ['load', 'deploy/web', '--cpu', '150%'])), 'deployment.apps/web load set\n');
  assert.equal(ok(ks(home, ['top', 'pods', '--sum'])),
    tab([['NAME', 'CPU(cores)', 'MEMORY(bytes)'], [a, '375m', '3Mi'], [b, '375m', '3Mi'], ['', '________', '________'], ['', '750m', '7Mi']]));
  ok(ks(home, ['clock', 'advance', '2m']));
  assert.equal(ok(ks(home, ['get', 'hpa'])), [
    'NAME   REFERENCE        TARGETS        MINPODS   MAXPODS   REPLICAS   AGE',
    'web    Deployment/web   cpu: 50%/50%   2         10        6          2m15s',
    '',
  ].join('\n'));
  const d = ok(ks(home, ['describe', 'hpa', 'web']));
  assert.match(d, /\n  resource cpu on pods  \(as a percentage of request\):  50% \(125m\) \/ 50%\n/);
  assert.match(d, /Normal  SuccessfulRescale  \S+ +horizontal-pod-autoscaler  New size: 4; reason: cpu resource utilization \(percentage of request\) above target\n/);
  assert.equal(ok(ks(home, ['load', 'deploy/web', '--clear'])), 'deployment.apps/web load cleared\n');
});

test('top on a kubeadm cluster at rest: the control plane uses what its components use on a real one', () => {
  const home = tempHome();
  ok(ks(home, ['cluster', 'create', 'default', '--profile', 'kubeadm']));
  for (const a of [['clock', 'set-mode', 'manual'], ['clock', 'advance', '2m']]) ok(ks(home, a));
  const rows = ok(ks(home, ['top', 'pods', '-n', 'kube-system', '--sort-by=memory'])).trim().split('\n')
    .map((l) => l.trim().split(/\s+/).map((c) => c.replace(/-[a-z0-9]{10}-[a-z0-9]{5}$|-[a-z0-9]{5}$/, '-x')).join(' '));
  assert.deepEqual(rows, [
    'NAME CPU(cores) MEMORY(bytes)',
    'kube-apiserver-controlplane 43m 246Mi',
    'kube-controller-manager-controlplane 13m 49Mi',
    'etcd-controlplane 21m 42Mi',
    'kube-scheduler-controlplane 3m 21Mi',
    'kube-proxy-x 1m 16Mi',
    'kube-proxy-x 1m 16Mi',
    'kube-proxy-x 1m 16Mi',
    'coredns-x 2m 13Mi',
    'coredns-x 2m 13Mi',
  ]);
  assert.match(ok(ks(home, ['top', 'node', 'controlplane', '--no-headers'])), /^controlplane +141m +\d+% +756Mi +\d+% +\n$/);
});
