// `get -w` in manual mode: the list, then one row per change as virtual time is fast-forwarded to
// --timeout, laid out by one tabwriter that remembers its column widths (as kubectl's does).
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, manualCluster, tempHome } from './helpers.js';

test('get pods -w follows the rollout; rows stay aligned with the header', () => {
  const home = tempHome();
  manualCluster(home);
  ks(home, ['apply', '-f', 'manifests/nginx-deployment.yaml']);
  const r = ks(home, ['get', 'pods', '-w', '--timeout=5s']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, [
    'NAME                                READY   STATUS              RESTARTS   AGE',
    'nginx-deployment-647677fc66-5fnmp   0/1     ContainerCreating   0          0s',
    'nginx-deployment-647677fc66-dhpjs   0/1     ContainerCreating   0          0s',
    'nginx-deployment-647677fc66-zd728   0/1     ContainerCreating   0          0s',
    'nginx-deployment-647677fc66-5fnmp   1/1     Running             0          1s',
    'nginx-deployment-647677fc66-dhpjs   1/1     Running             0          1s',
    'nginx-deployment-647677fc66-zd728   1/1     Running             0          1s',
    '',
  ].join('\n'));
});

test('--watch-only prints deletions (the last state once more) and nothing before', () => {
  const home = tempHome();
  manualCluster(home);
  ks(home, ['apply', '-f', 'manifests/nginx-deployment.yaml']);
  ks(home, ['clock', 'advance', '5s']);
  ks(home, ['scale', 'deploy/nginx-deployment', '--replicas=2']);
  const r = ks(home, ['get', 'pods', '--watch-only', '--timeout=5s']);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'NAME                                READY   STATUS        RESTARTS   AGE');
  assert.equal(lines.length, 2);
  assert.match(lines[1], /^nginx-deployment-647677fc66-[a-z0-9]{5}   1\/1     Terminating   0          6s$/);
  assert.equal(ks(home, ['get', 'pods', '--no-headers']).stdout.trimEnd().split('\n').length, 2);
});

test('get TYPE NAME -w of a missing object is NotFound, exit 1, as kubectl\'s initial GET', () => {
  const home = tempHome();
  manualCluster(home);
  const r = ks(home, ['get', 'deployment', 'nope', '-w', '--timeout=5s']);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'Error from server (NotFound): deployments.apps "nope" not found\n');
  assert.equal(r.code, 1);
});
