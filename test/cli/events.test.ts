// kubectl events: the table (Kind/name objects, kubectl's HumanDuration ages, sorted as Go's
// sort.Sort sorts), --for / --types / -A / --no-headers, the typed EventList of -o yaml|json, the
// empty-namespace message, kubectl's errors, and -w streaming a rollout over virtual time.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster, tempHome } from './helpers.js';

const FAIL_PULL = 'Failed to pull image "nginx:1.161": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found';

function nginx(advance = '30s'): string {
  const home = pinnedCluster();
  ok(ks(home, ['apply', '-f', 'manifests/nginx-deployment.yaml']));
  if (advance) ok(ks(home, ['clock', 'advance', advance]));
  return home;
}

test('events: the namespace\'s events, oldest first, OBJECT as Kind/name', () => {
  const home = nginx();
  assert.equal(ok(ks(home, ['events'])), [
    'LAST SEEN   TYPE     REASON              OBJECT                                   MESSAGE',
    '30s         Normal   Scheduled           Pod/nginx-deployment-647677fc66-zd728    Successfully assigned default/nginx-deployment-647677fc66-zd728 to node-1',
    '30s         Normal   Pulling             Pod/nginx-deployment-647677fc66-5fnmp    Pulling image "nginx:1.14.2"',
    '30s         Normal   ScalingReplicaSet   Deployment/nginx-deployment              Scaled up replica set nginx-deployment-647677fc66 from 0 to 3',
    '30s         Normal   SuccessfulCreate    ReplicaSet/nginx-deployment-647677fc66   Created pod: nginx-deployment-647677fc66-zd728',
    '30s         Normal   SuccessfulCreate    ReplicaSet/nginx-deployment-647677fc66   Created pod: nginx-deployment-647677fc66-dhpjs',
    '30s         Normal   Scheduled           Pod/nginx-deployment-647677fc66-dhpjs    Successfully assigned default/nginx-deployment-647677fc66-dhpjs to node-1',
    '30s         Normal   Pulling             Pod/nginx-deployment-647677fc66-dhpjs    Pulling image "nginx:1.14.2"',
    '30s         Normal   SuccessfulCreate    ReplicaSet/nginx-deployment-647677fc66   Created pod: nginx-deployment-647677fc66-5fnmp',
    '30s         Normal   Scheduled           Pod/nginx-deployment-647677fc66-5fnmp    Successfully assigned default/nginx-deployment-647677fc66-5fnmp to node-1',
    '30s         Normal   Pulling             Pod/nginx-deployment-647677fc66-zd728    Pulling image "nginx:1.14.2"',
    '29s         Normal   Created             Pod/nginx-deployment-647677fc66-dhpjs    Created container: nginx',
    '29s         Normal   Started             Pod/nginx-deployment-647677fc66-dhpjs    Started container nginx',
    '29s         Normal   Pulled              Pod/nginx-deployment-647677fc66-zd728    Successfully pulled image "nginx:1.14.2" in 1.2s (1.2s including waiting). Image size: 72195292 bytes.',
    '29s         Normal   Created             Pod/nginx-deployment-647677fc66-zd728    Created container: nginx',
    '29s         Normal   Started             Pod/nginx-deployment-647677fc66-zd728    Started container nginx',
    '29s         Normal   Pulled              Pod/nginx-deployment-647677fc66-dhpjs    Successfully pulled image "nginx:1.14.2" in 1.2s (1.2s including waiting). Image size: 72195292 bytes.',
    '29s         Normal   Started             Pod/nginx-deployment-647677fc66-5fnmp    Started container nginx',
    '29s         Normal   Created             Pod/nginx-deployment-647677fc66-5fnmp    Created container: nginx',
    '29s         Normal   Pulled              Pod/nginx-deployment-647677fc66-5fnmp    Successfully pulled image "nginx:1.14.2" in 1.2s (1.2s including waiting). Image size: 72195292 bytes.',
    '',
  ].join('\n'));
});

test('events --for TYPE/NAME: only that object\'s events (any spelling of the type)', () => {
  const home = nginx();
  const want = [
    'LAST SEEN   TYPE     REASON              OBJECT                        MESSAGE',
    '30s         Normal   ScalingReplicaSet   Deployment/nginx-deployment   Scaled up replica set nginx-deployment-647677fc66 from 0 to 3',
    '',
  ].join('\n');
  assert.equal(ok(ks(home, ['events', '--for', 'deployment/nginx-deployment'])), want);
  assert.equal(ok(ks(home, ['events', '--for=Deployment.apps/nginx-deployment'])), want);
  assert.equal(ok(ks(home, ['events', '--for', 'deploy/nginx-deployment'])), want);
  // -A adds NAMESPACE; --no-headers drops the header line
  assert.equal(ok(ks(home, ['events', '-A', '--no-headers', '--for', 'rs/nginx-deployment-647677fc66'])), [
    'default   30s   Normal   SuccessfulCreate   ReplicaSet/nginx-deployment-647677fc66   Created pod: nginx-deployment-647677fc66-5fnmp',
    'default   30s   Normal   SuccessfulCreate   ReplicaSet/nginx-deployment-647677fc66   Created pod: nginx-deployment-647677fc66-dhpjs',
    'default   30s   Normal   SuccessfulCreate   ReplicaSet/nginx-deployment-647677fc66   Created pod: nginx-deployment-647677fc66-zd728',
    '',
  ].join('\n'));
});

test('events --types=Warning during the nginx:1.161 rollout: repeated events show (xN over ...)', () => {
  const home = nginx();
  ok(ks(home, ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.161']));
  ok(ks(home, ['clock', 'advance', '60s']));
  assert.equal(ok(ks(home, ['events', '--types=Warning'])), [
    'LAST SEEN           TYPE      REASON   OBJECT                                  MESSAGE',
    `23s (x3 over 59s)   Warning   Failed   Pod/nginx-deployment-579478bf45-6wf8w   ${FAIL_PULL}`,
    '23s (x3 over 59s)   Warning   Failed   Pod/nginx-deployment-579478bf45-6wf8w   Error: ErrImagePull',
    '1s (x6 over 57s)    Warning   Failed   Pod/nginx-deployment-579478bf45-6wf8w   Error: ImagePullBackOff',
    '',
  ].join('\n'));
  // types compare case-insensitively; nothing matches: the message goes to stderr, exit 0
  const r = ks(home, ['events', '--types=warning,Warning', '--for', 'deployment/nginx-deployment']);
  assert.deepEqual(r, { stdout: '', stderr: 'No events found in default namespace.\n', code: 0 });
});

test('events with nothing to show: kubectl\'s messages on stderr, exit 0', () => {
  const home = pinnedCluster();
  assert.deepEqual(ks(home, ['events']), { stdout: '', stderr: 'No events found in default namespace.\n', code: 0 });
  assert.deepEqual(ks(home, ['events', '-n', 'kube-system']), { stdout: '', stderr: 'No events found in kube-system namespace.\n', code: 0 });
  assert.deepEqual(ks(home, ['events', '-A']), { stdout: '', stderr: 'No events found.\n', code: 0 });
});

test('events -o yaml: a typed core/v1 EventList', () => {
  const home = nginx();
  assert.equal(ok(ks(home, ['events', '-o', 'yaml', '--for', 'deployment/nginx-deployment'])), `apiVersion: v1
items:
- apiVersion: v1
  count: 1
  eventTime: null
  firstTimestamp: "2030-01-01T00:00:00Z"
  involvedObject:
    apiVersion: apps/v1
    kind: Deployment
    name: nginx-deployment
    namespace: default
    resourceVersion: "58"
    uid: dd0d1173-914a-4ded-89db-df22b936e8bc
  kind: Event
  lastTimestamp: "2030-01-01T00:00:00Z"
  message: Scaled up replica set nginx-deployment-647677fc66 from 0 to 3
  metadata:
    creationTimestamp: "2030-01-01T00:00:00Z"
    name: nginx-deployment.1a46e83335d50000
    namespace: default
    resourceVersion: "60"
    uid: f36a3e45-29cb-4ba3-8991-76648ac478d5
  reason: ScalingReplicaSet
  reportingComponent: deployment-controller
  reportingInstance: ""
  source:
    component: deployment-controller
  type: Normal
kind: EventList
metadata: {}
`);
});

test('events -o json keeps the Go struct field order; -o name prints event/NAME', () => {
  const home = nginx();
  assert.equal(ok(ks(home, ['events', '-o', 'json', '--for', 'deployment/nginx-deployment'])), `{
    "kind": "EventList",
    "apiVersion": "v1",
    "metadata": {},
    "items": [
        {
            "kind": "Event",
            "apiVersion": "v1",
            "metadata": {
                "name": "nginx-deployment.1a46e83335d50000",
                "namespace": "default",
                "uid": "f36a3e45-29cb-4ba3-8991-76648ac478d5",
                "resourceVersion": "60",
                "creationTimestamp": "2030-01-01T00:00:00Z"
            },
            "involvedObject": {
                "kind": "Deployment",
                "namespace": "default",
                "name": "nginx-deployment",
                "uid": "dd0d1173-914a-4ded-89db-df22b936e8bc",
                "apiVersion": "apps/v1",
                "resourceVersion": "58"
            },
            "reason": "ScalingReplicaSet",
            "message": "Scaled up replica set nginx-deployment-647677fc66 from 0 to 3",
            "source": {
                "component": "deployment-controller"
            },
            "firstTimestamp": "2030-01-01T00:00:00Z",
            "lastTimestamp": "2030-01-01T00:00:00Z",
            "count": 1,
            "type": "Normal",
            "eventTime": null,
            "reportingComponent": "deployment-controller",
            "reportingInstance": ""
        }
    ]
}
`);
  assert.equal(ok(ks(home, ['events', '-o', 'name', '--for', 'deployment/nginx-deployment'])), 'event/nginx-deployment.1a46e83335d50000\n');
});

test('events: kubectl\'s errors for --for, --types and -o, in kubectl\'s order', () => {
  const home = pinnedCluster();
  const err = (args: string[], stderr: string) => assert.deepEqual(ks(home, ['events', ...args]), { stdout: '', stderr, code: 1 });
  err(['--for', 'deployment'], 'error: --for must be in resource/name form\n');
  err(['--for', 'a/b/c'], 'error: arguments in resource/name form may not have more than one slash\n');
  err(['--for', 'foo/x'], 'error: the server doesn\'t have a resource type "foo"\n');
  err(['--for', 'foo.bar/x'], 'error: the server doesn\'t have a resource type "foo" in group "bar"\n');
  err(['--types=Warning,bogus'], 'error: valid --types are Normal or Warning\n');
  err(['-o', 'wide'], 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n');
  // --for is resolved before the printer, the printer before --types are validated
  err(['--for', 'pod', '-o', 'wide', '--types=x'], 'error: --for must be in resource/name form\n');
  err(['-o', 'wide', '--types=x'], 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n');
});

test('events -w --timeout (manual mode): the current events, then the rollout\'s as virtual time runs', () => {
  const home = nginx();
  ok(ks(home, ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.16.1']));
  const r = ks(home, ['events', '-w', '--timeout=30s', '--for', 'deployment/nginx-deployment']);
  assert.equal(ok(r), [
    'LAST SEEN   TYPE     REASON              OBJECT                        MESSAGE',
    '30s         Normal   ScalingReplicaSet   Deployment/nginx-deployment   Scaled up replica set nginx-deployment-647677fc66 from 0 to 3',
    '0s          Normal   ScalingReplicaSet   Deployment/nginx-deployment   Scaled up replica set nginx-deployment-8d94c585f from 0 to 1',
    '0s          Normal   ScalingReplicaSet   Deployment/nginx-deployment   Scaled down replica set nginx-deployment-647677fc66 from 3 to 2',
    '0s          Normal   ScalingReplicaSet   Deployment/nginx-deployment   Scaled up replica set nginx-deployment-8d94c585f from 1 to 2',
    '0s          Normal   ScalingReplicaSet   Deployment/nginx-deployment   Scaled down replica set nginx-deployment-647677fc66 from 2 to 1',
    '0s          Normal   ScalingReplicaSet   Deployment/nginx-deployment   Scaled up replica set nginx-deployment-8d94c585f from 2 to 3',
    '0s          Normal   ScalingReplicaSet   Deployment/nginx-deployment   Scaled down replica set nginx-deployment-647677fc66 from 1 to 0',
    '',
  ].join('\n'));
  // the watch consumed its 30s of virtual time
  assert.match(ok(ks(home, ['clock'])), /now: 2030-01-01T00:01:00\.000Z/);
});

test('events -w: updated events are printed again; columns only grow (one flush per event)', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'deployment', 'bad', '--image=nginx:1.161']));
  // nothing matches yet: a watch prints no header and no "No events found" message
  assert.deepEqual(ks(home, ['events', '-w', '--types=Warning']), { stdout: '', stderr: '', code: 0 });
  assert.equal(ok(ks(home, ['events', '-w', '--timeout=20s', '--types=Warning'])), [
    'LAST SEEN   TYPE      REASON   OBJECT                     MESSAGE',
    `0s          Warning   Failed   Pod/bad-5bd4cd9fd7-5fnmp   ${FAIL_PULL}`,
    '0s          Warning   Failed   Pod/bad-5bd4cd9fd7-5fnmp   Error: ErrImagePull',
    '0s          Warning   Failed   Pod/bad-5bd4cd9fd7-5fnmp   Error: ImagePullBackOff',
    `0s (x2 over 13s)   Warning   Failed   Pod/bad-5bd4cd9fd7-5fnmp   ${FAIL_PULL}`,
    '0s (x2 over 13s)   Warning   Failed   Pod/bad-5bd4cd9fd7-5fnmp   Error: ErrImagePull',
    '0s (x2 over 13s)   Warning   Failed   Pod/bad-5bd4cd9fd7-5fnmp   Error: ImagePullBackOff',
    '',
  ].join('\n'));
  // without --timeout a manual-mode watch lists what is there (storage order) and returns, as get -w does
  assert.equal(ok(ks(home, ['events', '-w', '--types=Warning'])), [
    'LAST SEEN          TYPE      REASON   OBJECT                     MESSAGE',
    `6s (x2 over 19s)   Warning   Failed   Pod/bad-5bd4cd9fd7-5fnmp   ${FAIL_PULL}`,
    '6s (x2 over 19s)   Warning   Failed   Pod/bad-5bd4cd9fd7-5fnmp   Error: ErrImagePull',
    '4s (x2 over 17s)   Warning   Failed   Pod/bad-5bd4cd9fd7-5fnmp   Error: ImagePullBackOff',
    '',
  ].join('\n'));
  assert.match(ok(ks(home, ['clock'])), /now: 2030-01-01T00:00:20\.000Z/);
});

test('events: the same command sequence prints the same bytes every run', () => {
  const run = () => {
    const home = nginx('10s');
    ok(ks(home, ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.161']));
    return [ks(home, ['events', '-w', '--timeout=45s']), ks(home, ['events', '-A']), ks(home, ['events', '-o', 'yaml'])];
  };
  assert.deepEqual(run(), run());
});

test('events -w in realtime mode follows the live loop until --timeout', () => {
  const home = tempHome();
  ok(ks(home, ['clock', 'set-mode', 'realtime']));
  ok(ks(home, ['apply', '-f', 'manifests/nginx-deployment.yaml']));
  const t0 = Date.now();
  const out = ok(ks(home, ['events', '-w', '--timeout=1s', '--for', 'deployment/nginx-deployment']));
  assert.ok(Date.now() - t0 >= 1000);
  assert.match(out, /^LAST SEEN   TYPE     REASON              OBJECT                        MESSAGE\n\d+s {10}Normal   ScalingReplicaSet   Deployment\/nginx-deployment   Scaled up replica set nginx-deployment-647677fc66 from 0 to 3\n$/);
});
