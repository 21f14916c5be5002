// kubectl get --subresource and --server-print=false (outputs as kubectl v1.32 prints them against kubesim serve).
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, tempHome } from './helpers.js';

function cluster(): string {
  const home = tempHome();
  for (const a of [['clock', 'set-mode', 'manual'], ['create', 'deployment', 'web', '--image=nginx', '--replicas=2'], ['clock', 'advance', '30s']]) {
    assert.equal(ks(home, a).code, 0);
  }
  return home;
}

test('get --subresource=scale prints the Scale (printers.go printScale), and -o yaml the autoscaling/v1 object', () => {
  const home = cluster();
  assert.equal(ks(home, ['get', 'deploy', 'web', '--subresource=scale']).stdout, 'NAME   DESIRED   AVAILABLE   AGE\nweb    2         2           30s\n');
  const y = ks(home, ['get', 'deploy', 'web', '--subresource=scale', '-o', 'yaml']).stdout;
  assert.match(y, /^apiVersion: autoscaling\/v1\nkind: Scale\nmetadata:\n  creationTimestamp: "[^"]+"\n  name: web\n  namespace: default\n  resourceVersion: "\d+"\n  uid: [0-9a-f-]+\nspec:\n  replicas: 2\nstatus:\n  replicas: 2\n  selector: app=web\n$/);
  assert.equal(ks(home, ['get', 'deploy', 'web', '--subresource=scale', '-o', 'name']).stdout, 'scale.autoscaling/web\n');
  // the status subresource answers with the object itself
  assert.equal(ks(home, ['get', 'deploy', 'web', '--subresource=status']).stdout, 'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/2     2            2           30s\n');
});

test('get --subresource: bulk requests are refused, and a subresource the resource lacks is a 404 before any lookup', () => {
  const home = cluster();
  const bulk = ks(home, ['get', 'deploy', '--subresource=status']);
  assert.deepEqual([bulk.code, bulk.stdout, bulk.stderr], [1, '', 'error: subresource cannot be used when bulk resources are specified\n']);
  const none = ks(home, ['get', 'pods', 'nosuch', '--subresource=scale']);
  assert.deepEqual([none.code, none.stderr], [1, 'Error from server (NotFound): the server could not find the requested resource\n']);
  const foo = ks(home, ['get', 'deploy', 'web', '--subresource=foo']);
  assert.deepEqual([foo.code, foo.stderr], [1, 'Error from server (NotFound): the server could not find the requested resource\n']);
});

test('get --server-print=false prints kubectl\'s own NAME and AGE columns', () => {
  const home = cluster();
  assert.equal(ks(home, ['get', 'deploy', '--server-print=false']).stdout, 'NAME   AGE\nweb    30s\n');
  assert.equal(ks(home, ['get', 'deploy', '-A', '--server-print=false', '--show-labels', '-o', 'wide']).stdout, 'NAMESPACE   NAME   AGE   LABELS\ndefault     web    30s   app=web\n');
});
