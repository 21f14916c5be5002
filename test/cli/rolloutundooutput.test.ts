// rollout undo -o: kubectl prints the object as it fetched it (before the rollback), and makes the printer after rolling back.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, tempHome } from './helpers.js';

test('rollout undo -o name / jsonpath / an unknown format (which fails after rolling back)', () => {
  const home = tempHome();
  for (const a of [['clock', 'set-mode', 'manual'], ['create', 'deployment', 'web', '--image=nginx:1.24'], ['clock', 'advance', '30s'],
    ['set', 'image', 'deploy/web', 'nginx=nginx:1.25'], ['clock', 'advance', '60s']]) assert.equal(ks(home, a).code, 0);
  const image = () => ks(home, ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']).stdout;
  assert.deepEqual(ks(home, ['rollout', 'undo', 'deploy/web', '-o', 'name', '--dry-run=client']), { stdout: 'deployment.apps/web\n', stderr: '', code: 0 });
  assert.equal(image(), 'nginx:1.25');
  const bad = ks(home, ['rollout', 'undo', 'deploy/web', '-o', 'foo']);
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr, 'error: unable to match a printer suitable for the output format "foo", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n');
  assert.equal(image(), 'nginx:1.24');
  // the object printed is the one fetched before the rollback: its image is still the one being undone
  assert.deepEqual(ks(home, ['rollout', 'undo', 'deploy/web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']), { stdout: 'nginx:1.24', stderr: '', code: 0 });
  assert.equal(image(), 'nginx:1.25');
});
