// Issue 3's acceptance story through the CLI, manual clock: the docs' rolling update event by event,
// then the mistyped nginx:1.161 and its stuck rollout, as kubectl shows them against a v1.32 cluster.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, manualCluster, tempHome } from './helpers.js';

const OLD = 'nginx-deployment-647677fc66';
const NEW = 'nginx-deployment-8d94c585f';
const BAD = 'nginx-deployment-579478bf45';

test('docs walkthrough: scaled up 1, down 2, up 2, down 1, up 3, down 0; then 1.161 stuck at 3 + 1', () => {
  const home = tempHome();
  manualCluster(home);
  const k = (...args: string[]) => {
    const r = ks(home, args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  k('apply', '-f', 'manifests/nginx-deployment.yaml');
  k('rollout', 'status', 'deployment/nginx-deployment');
  k('set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.16.1');
  k('rollout', 'status', 'deployment/nginx-deployment');
  const events = k('describe', 'deployment', 'nginx-deployment').split('Events:\n')[1];
  assert.equal(events, [
    '  Type    Reason             Age   From                   Message',
    '  ----    ------             ----  ----                   -------',
    `  Normal  ScalingReplicaSet  6s    deployment-controller  Scaled up replica set ${OLD} from 0 to 3`,
    `  Normal  ScalingReplicaSet  5s    deployment-controller  Scaled up replica set ${NEW} from 0 to 1`,
    `  Normal  ScalingReplicaSet  3s    deployment-controller  Scaled down replica set ${OLD} from 3 to 2`,
    `  Normal  ScalingReplicaSet  3s    deployment-controller  Scaled up replica set ${NEW} from 1 to 2`,
    `  Normal  ScalingReplicaSet  2s    deployment-controller  Scaled down replica set ${OLD} from 2 to 1`,
    `  Normal  ScalingReplicaSet  2s    deployment-controller  Scaled up replica set ${NEW} from 2 to 3`,
    `  Normal  ScalingReplicaSet  0s    deployment-controller  Scaled down replica set ${OLD} from 1 to 0`,
    '',
  ].join('\n'));
  assert.equal(k('get', 'rs'), [
    'NAME                          DESIRED   CURRENT   READY   AGE',
    `${OLD}   0         0         0       6s`,
    `${NEW}    3         3         3       5s`,
    '',
  ].join('\n'));

  k('set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.161');
  k('clock', 'advance', '30s');
  assert.equal(k('get', 'rs'), [
    'NAME                          DESIRED   CURRENT   READY   AGE',
    `${BAD}   1         1         0       30s`,
    `${OLD}   0         0         0       36s`,
    `${NEW}    3         3         3       35s`,
    '',
  ].join('\n'));
  const pods = k('get', 'pods').split('\n');
  assert.equal(pods.filter((l) => l.includes('ImagePullBackOff')).length, 1);
  assert.match(pods[1], new RegExp(`^${BAD}-[a-z0-9]{5}   0/1     ImagePullBackOff   0          30s$`));
  const describe = k('describe', 'deployment', 'nginx-deployment');
  assert.ok(describe.includes('\nReplicas:               3 desired | 1 updated | 4 total | 3 available | 1 unavailable\n'));
  assert.ok(describe.includes('\n  Available      True    MinimumReplicasAvailable\n  Progressing    True    ReplicaSetUpdated\n'));
  assert.ok(describe.includes(`\nOldReplicaSets:  ${OLD} (0/0 replicas created), ${NEW} (3/3 replicas created)\nNewReplicaSet:   ${BAD} (1/1 replicas created)\n`));
});
