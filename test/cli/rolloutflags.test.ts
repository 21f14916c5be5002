// `rollout pause|resume|restart` -o and --field-manager as kubectl v1.32 has them: the patched object is
// printed; an -o without a printer fails only after the first object is patched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster } from './helpers.js';

const home = pinnedCluster();
const WIDE = 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n';

test('setup', () => { ok(ks(home, ['create', 'deployment', 'rp', '--image=nginx'])); });

test('-o prints the patched object', () => {
  assert.deepEqual(ks(home, ['rollout', 'pause', 'deploy/rp', '-o', 'jsonpath={.spec.paused}']), { stdout: 'true', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['rollout', 'resume', 'deploy/rp', '-o', 'name']), { stdout: 'deployment.apps/rp\n', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['rollout', 'restart', 'deploy/rp', '-o', 'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}']),
    { stdout: '2030-01-01T00:00:00Z', stderr: '', code: 0 });
});

test('-o wide fails after the patch, as kubectl makes its printer late', () => {
  assert.deepEqual(ks(home, ['rollout', 'pause', 'deploy/rp', '-o', 'wide']), { stdout: '', stderr: WIDE, code: 1 });
  assert.equal(ok(ks(home, ['get', 'deploy', 'rp', '-o', 'jsonpath={.spec.paused}'])), 'true');
});

test('restarting a paused Deployment names it', () => {
  assert.deepEqual(ks(home, ['rollout', 'restart', 'deploy/rp']), {
    stdout: '', stderr: 'error: deployments.apps "rp" can\'t restart paused deployment (run rollout resume first)\n', code: 1,
  });
});

test('--field-manager names the writer', () => {
  ok(ks(home, ['rollout', 'resume', 'deploy/rp']));
  // the pause owns spec.paused (a resume that removes it would own nothing)
  ok(ks(home, ['rollout', 'pause', 'deploy/rp', '--field-manager=me']));
  assert.match(ok(ks(home, ['get', 'deploy', 'rp', '-o', 'jsonpath={.metadata.managedFields[*].manager}'])), /\bme\b/);
});
