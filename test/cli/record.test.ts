// The deprecated --record flag: kubernetes.io/change-cause holds the command line as kubectl builds it
// (program, positional args, then ` --long=value` per flag given); without --record (or with
// --record=false) an existing change-cause is left alone, as kubectl v1.32 does.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, manualCluster, tempHome } from './helpers.js';

const DEPRECATED = 'Flag --record has been deprecated, --record will be removed in the future\n';
const cause = (home: string) => ks(home, ['get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}']).stdout;

test('--record on apply, set image, scale; omitted or false keeps the old cause; annotate overrides', () => {
  const home = tempHome();
  manualCluster(home);
  let r = ks(home, ['apply', '-f', 'manifests/nginx-deployment.yaml', '--record']);
  assert.equal(r.stderr, DEPRECATED);
  assert.equal(r.stdout, 'deployment.apps/nginx-deployment created\n');
  assert.equal(cause(home), 'kubectl apply --filename=manifests/nginx-deployment.yaml --record=true');
  // recorded before last-applied is computed, as upstream does
  const lastApplied = JSON.parse(ks(home, ['get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}']).stdout);
  assert.equal(lastApplied.metadata.annotations['kubernetes.io/change-cause'], 'kubectl apply --filename=manifests/nginx-deployment.yaml --record=true');

  r = ks(home, ['set', 'image', 'deployment', 'nginx-deployment', 'nginx=nginx:1.16.1', '-n', 'default']);
  assert.equal(r.stderr, '');
  assert.equal(cause(home), 'kubectl apply --filename=manifests/nginx-deployment.yaml --record=true');
  r = ks(home, ['set', 'image', 'deployment', 'nginx-deployment', 'nginx=nginx:1.16', '-n', 'default', '--record']);
  assert.equal(cause(home), 'kubectl set image deployment nginx-deployment nginx=nginx:1.16 --namespace=default --record=true');

  r = ks(home, ['scale', 'deploy/nginx-deployment', '--replicas=4', '--record']);
  assert.equal(r.stderr, DEPRECATED);
  assert.equal(r.stdout, 'deployment.apps/nginx-deployment scaled\n');
  assert.equal(cause(home), 'kubectl scale deploy/nginx-deployment --replicas=4 --record=true');

  r = ks(home, ['set', 'image', 'deploy/nginx-deployment', 'nginx=nginx:1.17', '--record=false']);
  assert.equal(r.stderr, DEPRECATED);
  assert.equal(cause(home), 'kubectl scale deploy/nginx-deployment --replicas=4 --record=true');

  r = ks(home, ['annotate', 'deploy/nginx-deployment', 'kubernetes.io/change-cause=by hand']);
  assert.equal(r.stdout, 'deployment.apps/nginx-deployment annotated\n');
  assert.equal(cause(home), 'by hand');
});

test('without --record and without a change-cause nothing is recorded', () => {
  const home = tempHome();
  manualCluster(home);
  ks(home, ['apply', '-f', 'manifests/nginx-deployment.yaml']);
  ks(home, ['set', 'image', 'deploy/nginx-deployment', 'nginx=nginx:1.16.1']);
  ks(home, ['scale', 'deploy/nginx-deployment', '--replicas=2']);
  assert.equal(cause(home), '');
});

test('annotate without --overwrite refuses a different value (an equal one is fine), but not for change-cause', () => {
  const home = tempHome();
  manualCluster(home);
  ks(home, ['apply', '-f', 'manifests/nginx-deployment.yaml']);
  assert.equal(ks(home, ['annotate', 'deploy/nginx-deployment', 'a=1']).code, 0);
  assert.equal(ks(home, ['annotate', 'deploy/nginx-deployment', 'a=1']).code, 0);
  const r = ks(home, ['annotate', 'deploy/nginx-deployment', 'a=2']);
  assert.equal(r.stderr, "error: --overwrite is false but found the following declared annotation(s): 'a' already has a value (1)\n");
  assert.equal(r.code, 1);
  assert.equal(ks(home, ['annotate', 'deploy/nginx-deployment', 'kubernetes.io/change-cause=one']).code, 0);
  assert.equal(ks(home, ['annotate', 'deploy/nginx-deployment', 'kubernetes.io/change-cause=two']).code, 0);
  assert.equal(cause(home), 'two');
});
