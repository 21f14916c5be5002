// `create deployment ... --dry-run=client -o yaml` is byte-identical to kubectl v1.32's
// (expected outputs recorded from the real kubectl into test/fixtures/kubectl/).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ks, tempHome } from './helpers.js';

const dir = path.join(ROOT, 'test', 'fixtures', 'kubectl');
const cases = fs.readFileSync(path.join(dir, 'create-cases.txt'), 'utf8').trim().split('\n');

for (const line of cases) {
  const [name, flags] = line.split('|');
  test(`create deployment ${name} ${flags} --dry-run=client -o yaml matches kubectl`, () => {
    const home = tempHome();
    const r = ks(home, ['create', 'deployment', name, ...flags.split(' '), '--dry-run=client', '-o', 'yaml']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, fs.readFileSync(path.join(dir, `create-${name}.yaml`), 'utf8'));
  });
}

test('create deployment twice: AlreadyExists in kubectl\'s words, exit 1', () => {
  const home = tempHome();
  assert.equal(ks(home, ['create', 'deployment', 'nginx2', '--image=nginx', '--replicas=2']).stdout, 'deployment.apps/nginx2 created\n');
  const r = ks(home, ['create', 'deployment', 'nginx2', '--image=nginx', '--replicas=2']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: failed to create deployment: deployments.apps "nginx2" already exists\n');
});
