// `scale` --dry-run, -o and --resource-version as kubectl v1.32 has them: the printed object is the one
// read before scaling; a client dry run prints it without checking preconditions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster } from './helpers.js';

const home = pinnedCluster();
const replicas = () => ok(ks(home, ['get', 'deploy', 'sc', '-o', 'jsonpath={.spec.replicas}']));

test('setup', () => { ok(ks(home, ['create', 'deployment', 'sc', '--image=nginx'])); });

test('-o prints the object as read before scaling', () => {
  assert.deepEqual(ks(home, ['scale', 'deploy/sc', '--replicas=3', '-o', 'jsonpath={.spec.replicas}']), { stdout: '1', stderr: '', code: 0 });
  assert.equal(replicas(), '3');
  assert.deepEqual(ks(home, ['scale', 'deploy/sc', '--replicas=2', '-o', 'name']), { stdout: 'deployment.apps/sc\n', stderr: '', code: 0 });
});

test('--dry-run=client and =server change nothing', () => {
  assert.deepEqual(ks(home, ['scale', 'deploy/sc', '--replicas=5', '--dry-run=client']), { stdout: 'deployment.apps/sc scaled (dry run)\n', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['scale', 'deploy/sc', '--replicas=7', '--current-replicas=1', '--dry-run=client']), { stdout: 'deployment.apps/sc scaled (dry run)\n', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['scale', 'deploy/sc', '--replicas=5', '--dry-run=server']), { stdout: 'deployment.apps/sc scaled (server dry run)\n', stderr: '', code: 0 });
  assert.equal(replicas(), '2');
});

test('--resource-version is a precondition', () => {
  assert.deepEqual(ks(home, ['scale', 'deploy/sc', '--replicas=4', '--resource-version=1']), { stdout: '', stderr: `error: Expected resource version to be 1, was ${ok(ks(home, ['get', 'deploy', 'sc', '-o', 'jsonpath={.metadata.resourceVersion}']))}\n`, code: 1 });
  const rv = ok(ks(home, ['get', 'deploy', 'sc', '-o', 'jsonpath={.metadata.resourceVersion}']));
  ok(ks(home, ['scale', 'deploy/sc', '--replicas=4', `--resource-version=${rv}`]));
  assert.equal(replicas(), '4');
});

test('-o wide is no printer of scale', () => {
  assert.deepEqual(ks(home, ['scale', 'deploy/sc', '--replicas=2', '-o', 'wide']), {
    stdout: '', code: 1,
    stderr: 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
  });
});
