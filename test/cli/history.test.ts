// rollout history -o: each revision's ReplicaSet printed on its own, oldest revision first (as
// upstream's history command does: one PrintObj per revision, no List; YAML objects split by ---).
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, manualCluster, tempHome } from './helpers.js';

test('rollout history -o yaml|json|name prints the revisions\' ReplicaSets one by one', () => {
  const home = tempHome();
  manualCluster(home);
  ks(home, ['apply', '-f', 'manifests/nginx-deployment.yaml']);
  ks(home, ['rollout', 'status', 'deployment/nginx-deployment']);
  ks(home, ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.16.1']);
  ks(home, ['rollout', 'status', 'deployment/nginx-deployment']);
  const names = ks(home, ['rollout', 'history', 'deployment/nginx-deployment', '-o', 'name']);
  assert.equal(names.stdout, 'replicaset.apps/nginx-deployment-647677fc66\nreplicaset.apps/nginx-deployment-8d94c585f\n');
  const yaml = ks(home, ['rollout', 'history', 'deployment/nginx-deployment', '-o', 'yaml']).stdout;
  const docs = yaml.split('---\n');
  assert.equal(docs.length, 2);
  for (const [i, d] of docs.entries()) {
    assert.ok(d.startsWith('apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n'));
    assert.ok(d.includes(`    deployment.kubernetes.io/revision: "${i + 1}"\n`));
  }
  const one = ks(home, ['rollout', 'history', 'deployment/nginx-deployment', '--revision=2', '-o', 'json']).stdout;
  assert.equal(JSON.parse(one).metadata.name, 'nginx-deployment-8d94c585f');
  const missing = ks(home, ['rollout', 'history', 'deployment/nginx-deployment', '--revision=9', '-o', 'json']);
  assert.equal(missing.stderr, 'error: unable to find the specified revision\n');
  assert.equal(missing.code, 1);
});
