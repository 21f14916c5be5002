// kubectl replace -f end to end: every line printed, exit codes, state after each form.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, pinnedCluster, stateFile, webDeployment } from './helpers.js';

const DEP = webDeployment;

function setup(): { home: string; file: (name: string, text: string) => string } {
  const home = pinnedCluster();
  const file = (name: string, text: string) => { const p = path.join(home, name); fs.writeFileSync(p, text); return p; };
  return { home, file };
}

const jp = (home: string, expr: string) => ks(home, ['get', 'deployment', 'web', '-o', `jsonpath=${expr}`]).stdout;

test('replace of a missing object: NotFound with the file name, nothing created', () => {
  const { home, file } = setup();
  const f = file('dep.yaml', DEP('nginx:1.25'));
  const r = ks(home, ['replace', '-f', f]);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `Error from server (NotFound): error when replacing "${f}": deployments.apps "web" not found\n`);
  assert.equal(r.code, 1);
  assert.equal(ks(home, ['get', 'deployments']).stderr, 'No resources found in default namespace.\n');
});

test('replace updates the object from the manifest, keeps uid and status, bumps generation', () => {
  const { home, file } = setup();
  assert.equal(ks(home, ['create', '-f', file('a.yaml', DEP('nginx:1.25'))]).code, 0);
  assert.equal(ks(home, ['clock', 'advance', '30s']).code, 0);
  const uid = jp(home, '{.metadata.uid}');
  const status = jp(home, '{.status.replicas}');
  const r = ks(home, ['replace', '-f', file('b.yaml', DEP('nginx:1.26'))]);
  assert.deepEqual(r, { stdout: 'deployment.apps/web replaced\n', stderr: '', code: 0 });
  assert.equal(jp(home, '{.spec.template.spec.containers[0].image} {.metadata.generation}'), 'nginx:1.26 2');
  assert.equal(jp(home, '{.metadata.uid}'), uid);
  assert.equal(status, '1');
  assert.ok(jp(home, '{.status.replicas}') !== '', 'status kept');
  // stdin works too
  const s = ks(home, ['replace', '-f', '-'], DEP('nginx:1.27'));
  assert.deepEqual(s, { stdout: 'deployment.apps/web replaced\n', stderr: '', code: 0 });
});

test('replace --dry-run=client|server and -o name change nothing', () => {
  const { home, file } = setup();
  assert.equal(ks(home, ['create', '-f', file('a.yaml', DEP('nginx:1.25'))]).code, 0);
  const before = fs.readFileSync(stateFile(home));
  const f = file('b.yaml', DEP('nginx:1.26'));
  assert.deepEqual(ks(home, ['replace', '-f', f, '--dry-run=client']), { stdout: 'deployment.apps/web replaced (dry run)\n', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['replace', '-f', f, '--dry-run=server']), { stdout: 'deployment.apps/web replaced (server dry run)\n', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['replace', '-f', f, '--dry-run=server', '-o', 'name']), { stdout: 'deployment.apps/web\n', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['replace', '-f', f, '--dry-run=client', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']), { stdout: 'nginx:1.26', stderr: '', code: 0 });
  assert.ok(fs.readFileSync(stateFile(home)).equals(before), 'state file changed');
});

test('replace --force deletes then creates: a new uid, generation 1', () => {
  const { home, file } = setup();
  assert.equal(ks(home, ['create', '-f', file('a.yaml', DEP('nginx:1.25'))]).code, 0);
  const uid = jp(home, '{.metadata.uid}');
  const r = ks(home, ['replace', '--force', '-f', file('b.yaml', DEP('nginx:1.26'))]);
  assert.deepEqual(r, { stdout: 'deployment.apps "web" deleted\ndeployment.apps/web replaced\n', stderr: '', code: 0 });
  assert.notEqual(jp(home, '{.metadata.uid}'), uid);
  assert.equal(jp(home, '{.spec.template.spec.containers[0].image} {.metadata.generation}'), 'nginx:1.26 1');
  // a missing object is simply created (upstream ignores NotFound on the delete)
  assert.equal(ks(home, ['delete', 'deployment', 'web']).code, 0);
  assert.deepEqual(ks(home, ['replace', '--force', '--grace-period=0', '-f', file('c.yaml', DEP('nginx:1.27'))]), { stdout: 'deployment.apps/web replaced\n', stderr: '', code: 0 });
});

test('replace --save-config records last-applied; flag errors', () => {
  const { home, file } = setup();
  assert.equal(ks(home, ['create', '-f', file('a.yaml', DEP('nginx:1.25'))]).code, 0);
  const f = file('b.yaml', DEP('nginx:1.26'));
  assert.equal(ks(home, ['replace', '--save-config', '-f', f]).code, 0);
  assert.equal(jp(home, "{.metadata.annotations['kubectl\\.kubernetes\\.io/last-applied-configuration']}"),
    '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.26","name":"nginx"}]}}}}\n');
  assert.deepEqual(ks(home, ['replace', '--grace-period=0', '-f', f]), { stdout: '', stderr: 'error: --grace-period must have --force specified\n', code: 1 });
  assert.deepEqual(ks(home, ['replace']), { stdout: '', stderr: "error: Must specify --filename to replace\nSee 'kubectl replace -h' for help and examples\n", code: 1 });
  const bad = file('bad.yaml', DEP('nginx:1.26').replace('replicas: 1', 'replicas: 1\n  bogus: 1'));
  const r = ks(home, ['replace', '-f', bad]);
  assert.equal(r.stderr, `Error from server (BadRequest): error when replacing "${bad}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.bogus"\n`);
  assert.equal(r.code, 1);
  assert.deepEqual(ks(home, ['replace', '--validate=ignore', '-f', bad]), { stdout: 'deployment.apps/web replaced\n', stderr: '', code: 0 });
});
