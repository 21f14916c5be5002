// kubectl logs over the simulated processes: the output of busybox loops, nginx's start-up lines,
// --previous, --tail, --since, --timestamps, --prefix, -l, --all-containers, deploy/X, -f on the
// virtual clock, and kubectl's / the kubelet's errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster } from './helpers.js';

const LOOP = 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done';

function withCounter(): string {
  const home = pinnedCluster();
  ok(ks(home, ['run', 'counter', '--image=busybox:1.36', '--', 'sh', '-c', LOOP]));
  return home;
}

test('logs of a busybox echo loop; --tail, --since, --timestamps, --prefix', () => {
  const home = withCounter();
  // not started yet: the kubelet's error, relayed by the API server
  assert.deepEqual(ks(home, ['logs', 'counter']), {
    stdout: '', stderr: 'Error from server (BadRequest): container "counter" in pod "counter" is waiting to start: ContainerCreating\n', code: 1,
  });
  ok(ks(home, ['clock', 'advance', '5s']));
  // started at 1.5 s (startedAt 00:00:01)
  assert.equal(ok(ks(home, ['logs', 'counter'])), [0, 1, 2, 3, 4].map((i) => `${i}: Tue Jan  1 00:00:0${i + 1} UTC 2030\n`).join(''));
  assert.equal(ok(ks(home, ['logs', 'counter', '--tail', '2'])), '3: Tue Jan  1 00:00:04 UTC 2030\n4: Tue Jan  1 00:00:05 UTC 2030\n');
  assert.equal(ok(ks(home, ['logs', 'counter', '--tail=0'])), '');
  // kubesim: startedAt has second precision, so the loop's lines fall on whole seconds
  assert.equal(ok(ks(home, ['logs', 'counter', '--since', '2s'])), '2: Tue Jan  1 00:00:03 UTC 2030\n3: Tue Jan  1 00:00:04 UTC 2030\n4: Tue Jan  1 00:00:05 UTC 2030\n');
  assert.equal(ok(ks(home, ['logs', 'counter', '--since-time', '2030-01-01T00:00:05Z'])), '4: Tue Jan  1 00:00:05 UTC 2030\n');
  assert.match(ok(ks(home, ['logs', 'counter', '--tail', '1', '--timestamps'])), /^2030-01-01T00:00:05\.\d{1,9}Z 4: Tue Jan {2}1 00:00:05 UTC 2030\n$/);
  assert.equal(ok(ks(home, ['logs', 'pod/counter', '--tail', '1', '--prefix'])), '[pod/counter/counter] 4: Tue Jan  1 00:00:05 UTC 2030\n');
  // a virtual day does not grow the state file: lines are regenerated from the process
  ok(ks(home, ['clock', 'advance', '24h']));
  assert.equal(ok(ks(home, ['logs', 'counter', '--tail', '1'])), '86404: Wed Jan  2 00:00:05 UTC 2030\n');
});

test('logs -f follows on the virtual clock: to the end of a process that ends, --timeout of one that does not', () => {
  const home = pinnedCluster();
  ok(ks(home, ['run', 'count3', '--image=busybox:1.36', '--restart=Never', '--', 'sh', '-c', 'for i in 1 2 3; do echo $i; sleep 2; done; echo done']));
  ok(ks(home, ['clock', 'advance', '2s']));
  assert.equal(ok(ks(home, ['logs', '-f', 'count3'])), '1\n2\n3\ndone\n');
  assert.equal(ok(ks(home, ['get', 'pod', 'count3', '--no-headers'])).split(/\s+/).slice(1, 3).join(' '), '0/1 Completed');
  ok(ks(home, ['run', 'counter', '--image=busybox:1.36', '--', 'sh', '-c', LOOP]));
  ok(ks(home, ['clock', 'advance', '3s']));
  assert.equal(ok(ks(home, ['logs', '-f', 'counter', '--tail', '1', '--timeout', '2s'])),
    '1: Tue Jan  1 00:00:10 UTC 2030\n2: Tue Jan  1 00:00:11 UTC 2030\n3: Tue Jan  1 00:00:12 UTC 2030\n');
});

test('--previous: the crashed instance\'s output, or the kubelet\'s error when there is none', () => {
  const home = pinnedCluster();
  ok(ks(home, ['run', 'crash', '--image=busybox:1.36', '--', 'sh', '-c', 'echo "about to fail"; exit 1']));
  ok(ks(home, ['clock', 'advance', '1500ms']));
  assert.deepEqual(ks(home, ['logs', 'crash', '-p']), {
    stdout: '', stderr: 'Error from server (BadRequest): previous terminated container "crash" in pod "crash" not found\n', code: 1,
  });
  assert.equal(ok(ks(home, ['logs', 'crash'])), 'about to fail\n');
  ok(ks(home, ['clock', 'advance', '5s']));
  assert.equal(ok(ks(home, ['logs', 'crash', '--previous'])), 'about to fail\n');
  assert.match(ok(ks(home, ['get', 'pod', 'crash'])), /crash {3}0\/1 {5}CrashLoopBackOff {3}1 \(\ds ago\)/);
});

test('nginx start-up lines; deploy/X picks a pod; -l tails 10 lines per pod; kubectl\'s errors', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'deployment', 'web', '--image=nginx:1.27.4', '--replicas=2']));
  ok(ks(home, ['clock', 'advance', '2s']));
  const r = ks(home, ['logs', 'deploy/web']);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
  assert.equal(lines[8], '/docker-entrypoint.sh: Configuration complete; ready for start up');
  assert.equal(lines[10], '2030/01/01 00:00:01 [notice] 1#1: nginx/1.27.4');
  assert.equal(lines.length, 18);
  const sel = ok(ks(home, ['logs', '-l', 'app=web', '--prefix']));
  assert.equal(sel.split('\n').length, 21);
  assert.match(sel, /^\[pod\/web-[a-z0-9]+-[a-z0-9]{5}\/nginx\] \/docker-entrypoint.sh: Launching \/docker-entrypoint.d\/30-tune-worker-processes.sh\n/);
  assert.deepEqual(ks(home, ['logs', '-l', 'app=nope']), { stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  assert.deepEqual(ks(home, ['logs', '-l', 'app=web', '-f']).stderr, '');
  assert.deepEqual(ks(home, ['logs', '-l', 'app=web', '-f', '--max-log-requests', '1']), {
    stdout: '', stderr: 'error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit\n', code: 1,
  });
  const errs: [string[], string][] = [
    [['logs'], "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n"],
    [['logs', 'nope'], 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n'],
    [['logs', 'deploy/nope'], 'error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n'],
    [['logs', 'deploy/web', '-c', 'x'], 'error: container x is not valid for pod ' + r.stderr.slice(r.stderr.indexOf('pod/') + 4)],
    [['logs', 'x', '--since', '1s', '--since-time', '2030-01-01T00:00:00Z'], 'error: at most one of `sinceTime` or `sinceSeconds` may be specified\n'],
    [['logs', 'x', '--tail=-2'], 'error: --tail must be greater than or equal to -1\n'],
    [['logs', 'x', '-c', 'a', '--all-containers'], 'error: --all-containers=true should not be specified with container name a\n'],
    [['logs', 'x', 'y', '-c', 'a'], 'error: only one of -c or an inline [CONTAINER] arg is allowed\n'],
  ];
  for (const [args, stderr] of errs) {
    const e = ks(home, args);
    assert.equal(e.stderr.replace(/^Found 2 pods.*\n/, ''), stderr, args.join(' '));
    assert.equal(e.code, 1);
  }
});

test('multi-container pods: the default container with kubectl\'s notice, -c, --all-containers, init containers', () => {
  const home = pinnedCluster();
  const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ['sh', '-c', 'echo preparing; sleep 1; echo ready']
  containers:
  - name: a
    image: busybox:1.36
    command: ['sh', '-c', 'echo A; sleep 3600']
  - name: b
    image: busybox:1.36
    command: ['sh', '-c', 'echo B; sleep 3600']
`;
  ok(ks(home, ['apply', '-f', '-'], manifest));
  ok(ks(home, ['clock', 'advance', '2s']));
  assert.deepEqual(ks(home, ['logs', 'two']), {
    stdout: '', stderr: 'Defaulted container "a" out of: a, b, setup (init)\nError from server (BadRequest): container "a" in pod "two" is waiting to start: PodInitializing\n', code: 1,
  });
  ok(ks(home, ['clock', 'advance', '3s']));
  assert.deepEqual(ks(home, ['logs', 'two']), { stdout: 'A\n', stderr: 'Defaulted container "a" out of: a, b, setup (init)\n', code: 0 });
  assert.equal(ok(ks(home, ['logs', 'two', '-c', 'b'])), 'B\n');
  assert.equal(ok(ks(home, ['logs', 'two', 'b'])), 'B\n');
  assert.equal(ok(ks(home, ['logs', 'two', '--all-containers', '--prefix'])), '[pod/two/setup] preparing\n[pod/two/setup] ready\n[pod/two/a] A\n[pod/two/b] B\n');
  assert.match(ok(ks(home, ['get', 'pod', 'two'])), /two\s+2\/2\s+Running\s+0\s/);
});

test('a missing ConfigMap: CreateContainerConfigError in get, describe\'s events, logs\' error; fixed by creating it', () => {
  const home = pinnedCluster();
  const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'echo "mode=$MODE"; sleep 3600']
    env:
    - name: MODE
      valueFrom:
        configMapKeyRef: {name: app-config, key: mode}
`;
  ok(ks(home, ['apply', '-f', '-'], manifest));
  ok(ks(home, ['clock', 'advance', '2s']));
  assert.match(ok(ks(home, ['get', 'pod', 'app'])), /app\s+0\/1\s+CreateContainerConfigError\s+0\s/);
  assert.equal(ks(home, ['logs', 'app']).stderr, 'Error from server (BadRequest): container "app" in pod "app" is waiting to start: CreateContainerConfigError\n');
  assert.match(ok(ks(home, ['events'])), /Warning\s+Failed\s+Pod\/app\s+Error: configmap "app-config" not found/);
  ok(ks(home, ['create', 'configmap', 'app-config', '--from-literal=mode=debug']));
  ok(ks(home, ['clock', 'advance', '10s']));
  assert.equal(ok(ks(home, ['logs', 'app'])), 'mode=debug\n');
});
