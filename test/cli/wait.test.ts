// kubectl wait: `... condition met` once the condition holds, kubectl's timeout / NotFound / parse
// errors, --for=delete|create|jsonpath, selectors; in manual mode the wait consumes virtual time
// (and exactly --timeout of it when it gives up).
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster, tempHome } from './helpers.js';

function nginx(advance?: string): string {
  const home = pinnedCluster();
  ok(ks(home, ['apply', '-f', 'manifests/nginx-deployment.yaml']));
  if (advance) ok(ks(home, ['clock', 'advance', advance]));
  return home;
}

function now(home: string): string {
  return /now: (\S+)/.exec(ok(ks(home, ['clock'])))![1];
}

test('wait --for=condition=Available: condition met once the pods are ready (1.5s of virtual time)', () => {
  const home = nginx();
  const r = ks(home, ['wait', '--for=condition=Available', 'deployment/nginx-deployment', '--timeout=60s']);
  assert.deepEqual(r, { stdout: 'deployment.apps/nginx-deployment condition met\n', stderr: '', code: 0 });
  assert.equal(now(home), '2030-01-01T00:00:01.500Z');
  // already met: no time passes; condition names and values compare case-insensitively
  assert.equal(ok(ks(home, ['wait', '--for=condition=available=TRUE', 'deploy/nginx-deployment'])), 'deployment.apps/nginx-deployment condition met\n');
  assert.equal(now(home), '2030-01-01T00:00:01.500Z');
});

test('wait times out on a deployment that never becomes available: kubectl\'s error, exit 1, --timeout of virtual time', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'deployment', 'bad', '--image=nginx:1.161']));
  const r = ks(home, ['wait', '--for=condition=Available', 'deploy/bad', '--timeout=60s']);
  assert.deepEqual(r, { stdout: '', stderr: 'error: timed out waiting for the condition on deployments/bad\n', code: 1 });
  assert.equal(now(home), '2030-01-01T00:01:00.000Z');
  // the default timeout is 30s
  assert.equal(ks(home, ['wait', '--for=condition=Available', 'deploy/bad']).stderr, 'error: timed out waiting for the condition on deployments/bad\n');
  assert.equal(now(home), '2030-01-01T00:01:30.000Z');
  // =false waits for the condition's status to be False
  assert.equal(ok(ks(home, ['wait', '--for=condition=Available=false', 'deploy/bad'])), 'deployment.apps/bad condition met\n');
});

test('wait --timeout=0 checks once', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'deployment', 'bad', '--image=nginx:1.161']));
  assert.deepEqual(ks(home, ['wait', '--for=condition=Available', 'deploy/bad', '--timeout=0']), { stdout: '', stderr: 'error: condition not met for deployments/bad\n', code: 1 });
  assert.equal(now(home), '2030-01-01T00:00:00.000Z');
  assert.deepEqual(ks(home, ['wait', '--for=condition=Progressing', 'deploy/bad', '--timeout=0']), { stdout: 'deployment.apps/bad condition met\n', stderr: '', code: 0 });
});

test('wait --for=jsonpath: a value, or any value', () => {
  const home = nginx();
  assert.equal(ok(ks(home, ['wait', '--for=jsonpath={.status.readyReplicas}=3', 'deployment/nginx-deployment'])), 'deployment.apps/nginx-deployment condition met\n');
  assert.equal(now(home), '2030-01-01T00:00:01.500Z');
  // quotes around the value are trimmed (around the expression, the shell must remove them)
  assert.equal(ok(ks(home, ['wait', '--for=jsonpath={.status.readyReplicas}="3"', 'deploy/nginx-deployment'])), 'deployment.apps/nginx-deployment condition met\n');
  assert.equal(ok(ks(home, ['wait', '--for=jsonpath={.status.conditions[?(@.type=="Available")].status}=True', 'deploy/nginx-deployment'])), 'deployment.apps/nginx-deployment condition met\n');
  assert.equal(ok(ks(home, ['wait', '--for=jsonpath=.metadata.name', 'deploy/nginx-deployment', '-o', 'name'])), 'deployment.apps/nginx-deployment\n');
  // a list is not comparable with a value
  assert.deepEqual(ks(home, ['wait', '--for=jsonpath={.status.conditions}=x', 'deploy/nginx-deployment']), { stdout: '', stderr: 'error: jsonpath leads to a nested object or list which is not supported\n', code: 1 });
});

test('wait --for=delete: met once the pod is gone (Terminating lasts 1s); nothing to wait for when absent', () => {
  const home = nginx('10s');
  ok(ks(home, ['delete', 'pod', 'nginx-deployment-647677fc66-5fnmp', '--wait=false']));
  assert.deepEqual(ks(home, ['wait', '--for=delete', 'pod/nginx-deployment-647677fc66-5fnmp', '--timeout=0']), { stdout: '', stderr: 'error: condition not met for pods/nginx-deployment-647677fc66-5fnmp\n', code: 1 });
  assert.deepEqual(ks(home, ['wait', '--for=delete', 'pod/nginx-deployment-647677fc66-5fnmp']), { stdout: 'pod/nginx-deployment-647677fc66-5fnmp condition met\n', stderr: '', code: 0 });
  assert.equal(now(home), '2030-01-01T00:00:11.000Z');
  // NotFound is ignored for delete: no output, exit 0
  assert.deepEqual(ks(home, ['wait', '--for=delete', 'pod/nginx-deployment-647677fc66-5fnmp']), { stdout: '', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['wait', '--for=DELETE', 'deployment/gone', '--timeout=0']), { stdout: '', stderr: '', code: 0 });
});

test('wait --for=create polls until the object exists', () => {
  const home = nginx('10s');
  ok(ks(home, ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.16.1']));
  // the rollout's third new pod is created 3s in; the poll (every 0.5s) sees it then
  assert.deepEqual(ks(home, ['wait', '--for=create', 'pod/nginx-deployment-8d94c585f-r5nkt', '--timeout=10s']), { stdout: 'pod/nginx-deployment-8d94c585f-r5nkt condition met\n', stderr: '', code: 0 });
  assert.equal(now(home), '2030-01-01T00:00:13.000Z');
  assert.deepEqual(ks(home, ['wait', '--for=create', 'pod/never', '--timeout=2s']), { stdout: '', stderr: 'error: timed out waiting for the condition\n', code: 1 });
  assert.equal(now(home), '2030-01-01T00:00:15.000Z');
});

test('wait with a selector or --all: each object in turn, sharing one deadline', () => {
  const home = nginx();
  assert.equal(ok(ks(home, ['wait', '--for=condition=Ready', 'pod', '-l', 'app=nginx'])), [
    'pod/nginx-deployment-647677fc66-5fnmp condition met',
    'pod/nginx-deployment-647677fc66-dhpjs condition met',
    'pod/nginx-deployment-647677fc66-zd728 condition met',
    '',
  ].join('\n'));
  assert.equal(now(home), '2030-01-01T00:00:01.500Z');
  assert.equal(ok(ks(home, ['wait', '--for=condition=Ready', 'pods', '--all'])).split('\n').length, 4);
  // the first object's timeout uses up the deadline: the rest time out at once
  ok(ks(home, ['create', 'deployment', 'bad', '--image=nginx:1.161']));
  const r = ks(home, ['wait', '--for=condition=Ready', 'pods', '--all', '--timeout=5s']);
  assert.deepEqual(r, {
    stdout: '',
    stderr: [
      'timed out waiting for the condition on pods/bad-5bd4cd9fd7-w8lz7',
      'timed out waiting for the condition on pods/nginx-deployment-647677fc66-5fnmp',
      'timed out waiting for the condition on pods/nginx-deployment-647677fc66-dhpjs',
      'timed out waiting for the condition on pods/nginx-deployment-647677fc66-zd728',
      '',
    ].join('\n'),
    code: 1,
  });
  assert.equal(now(home), '2030-01-01T00:00:06.500Z');
  assert.deepEqual(ks(home, ['wait', '--for=condition=Ready', 'pods', '-l', 'app=none']), { stdout: '', stderr: 'error: no matching resources found\n', code: 1 });
});

test('wait: NotFound in the API server\'s words; other objects are still waited for', () => {
  const home = nginx();
  assert.deepEqual(ks(home, ['wait', '--for=condition=Available', 'deployment/x']), { stdout: '', stderr: 'Error from server (NotFound): deployments.apps "x" not found\n', code: 1 });
  assert.deepEqual(ks(home, ['wait', '--for=condition=Available', 'deploy/x', 'deploy/nginx-deployment']), {
    stdout: 'deployment.apps/nginx-deployment condition met\n',
    stderr: 'Error from server (NotFound): deployments.apps "x" not found\n',
    code: 1,
  });
  assert.deepEqual(ks(home, ['wait', '--for=condition=Available', 'deploy/x', '-n', 'nope']), { stdout: '', stderr: 'Error from server (NotFound): namespaces "nope" not found\n', code: 1 });
});

test('wait: kubectl\'s errors for --for, --timeout, -o and missing resources', () => {
  const home = pinnedCluster();
  const err = (args: string[], stderr: string) => assert.deepEqual(ks(home, ['wait', ...args]), { stdout: '', stderr, code: 1 });
  err(['--for=foo', 'deploy/x'], 'error: unrecognized condition: "foo"\n');
  err(['deploy/x'], 'error: unrecognized condition: ""\n');
  err([], 'error: unrecognized condition: ""\n');
  err(['--for=jsonpath={.a}=1=2', 'pod/x'], "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'\n");
  err(['--for=jsonpath={.a}=', 'pod/x'], "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n");
  err(['--for=jsonpath=', 'pod/x'], 'error: jsonpath expression cannot be empty\n');
  err(['--for=jsonpath={.a', 'pod/x'], "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n");
  err(['--for=condition=Ready', '--timeout=abc', 'pod/x'], 'Error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\nSee \'kubectl wait --help\' for usage.\n');
  err(['--for=condition=Ready', '-o', 'wide', 'pod/x'], 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n');
  const noResources = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";
  err(['--for=condition=Ready'], noResources);
  err(['--for=delete'], noResources);
  err(['--for=condition=Ready', 'pods'], 'error: resource(s) were provided, but no name was specified\n');
  err(['--for=condition=Ready', 'foo/x'], 'error: the server doesn\'t have a resource type "foo"\n');
});

test('wait -o yaml prints the object that met the condition; -f names objects from manifests', () => {
  const home = nginx();
  const y = ok(ks(home, ['wait', '--for=condition=Available', '-f', 'manifests/nginx-deployment.yaml', '-o', 'yaml']));
  assert.equal(y, ok(ks(home, ['get', 'deployment', 'nginx-deployment', '-o', 'yaml'])));
  assert.match(y, /^apiVersion: apps\/v1\nkind: Deployment\n/);
  assert.match(y, /\n    status: "True"\n    type: Available\n/);
});

test('wait in realtime mode polls the live loop', () => {
  const home = tempHome();
  ok(ks(home, ['clock', 'set-mode', 'realtime', '--speed', '10']));
  ok(ks(home, ['apply', '-f', 'manifests/nginx-deployment.yaml']));
  assert.deepEqual(ks(home, ['wait', '--for=condition=Available', 'deploy/nginx-deployment', '--timeout=30s']), { stdout: 'deployment.apps/nginx-deployment condition met\n', stderr: '', code: 0 });
  ok(ks(home, ['create', 'deployment', 'bad', '--image=nginx:1.161']));
  const t0 = Date.now();
  assert.deepEqual(ks(home, ['wait', '--for=condition=Available', 'deploy/bad', '--timeout=500ms']), { stdout: '', stderr: 'error: timed out waiting for the condition on deployments/bad\n', code: 1 });
  assert.ok(Date.now() - t0 >= 500);
});

test('wait: the same command sequence prints the same bytes every run', () => {
  const run = () => {
    const home = nginx('5s');
    ok(ks(home, ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.161']));
    return [
      ks(home, ['wait', '--for=condition=Ready', 'pods', '--all', '--timeout=20s']),
      ks(home, ['wait', '--for=jsonpath={.status.updatedReplicas}=1', 'deploy/nginx-deployment', '-o', 'json']),
      ks(home, ['clock']),
    ];
  };
  assert.deepEqual(run(), run());
});
