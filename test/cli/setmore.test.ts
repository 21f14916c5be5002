// kubectl set selector | serviceaccount (sa): their output lines and errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster } from './helpers.js';

test('set selector: a Service\'s selector replaced; other kinds and set-based expressions refused', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'service', 'clusterip', 'web', '--tcp=80:80']));
  assert.deepEqual(ks(home, ['set', 'selector', 'service', 'web', 'app=new,tier=fe']), { stdout: 'service/web selector updated\n', stderr: '', code: 0 });
  assert.equal(ok(ks(home, ['get', 'svc', 'web', '-o', 'jsonpath={.spec.selector}'])), '{"app":"new","tier":"fe"}');
  assert.deepEqual(ks(home, ['set', 'selector', 'svc/web', 'app=x', '--dry-run=client']), { stdout: 'service/web selector updated (dry run)\n', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['set', 'selector', 'svc', 'web', 'app']), { stdout: '', stderr: 'error: match expression [{app Exists []}] not supported on this object\n', code: 1 });
  assert.deepEqual(ks(home, ['set', 'selector']), { stdout: '', stderr: 'error: one selector is required\n', code: 1 });
  ok(ks(home, ['create', 'deployment', 'd', '--image=nginx']));
  assert.deepEqual(ks(home, ['set', 'selector', 'deploy', 'd', 'app=x']), { stdout: '', stderr: 'error: setting a selector is only supported for Services\n', code: 1 });
});

test('set serviceaccount (sa): the pod template\'s serviceAccountName, recorded by kubectl-set', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'deployment', 'd', '--image=nginx']));
  assert.deepEqual(ks(home, ['set', 'serviceaccount', 'deployment', 'd', 'builder']), { stdout: 'deployment.apps/d serviceaccount updated\n', stderr: '', code: 0 });
  assert.equal(ok(ks(home, ['get', 'deploy', 'd', '-o', 'jsonpath={.spec.template.spec.serviceAccountName}'])), 'builder');
  assert.deepEqual(ks(home, ['set', 'sa', 'deploy/d', 'other', '--dry-run=server']), { stdout: 'deployment.apps/d serviceaccount updated (server dry run)\n', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['set', 'sa']), { stdout: '', stderr: 'error: serviceaccount is required\n', code: 1 });
  const mf = JSON.parse(ok(ks(home, ['get', 'deploy', 'd', '-o', 'json', '--show-managed-fields']))).metadata.managedFields;
  const set = mf.find((m: any) => m.manager === 'kubectl-set');
  assert.deepEqual(set.fieldsV1, { 'f:spec': { 'f:template': { 'f:spec': { 'f:serviceAccount': {}, 'f:serviceAccountName': {} } } } });
});
