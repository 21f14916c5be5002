// An object that asks for a generated name: the API server names it before validating (rest.BeforeCreate); kubectl
// apply refuses it (applyOneObject), as kubectl v1.32 does against a real API server.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, tempHome } from './helpers.js';

test('create -f of an object with only a generateName gets a generated name; apply refuses it as kubectl does', () => {
  const home = tempHome();
  const gen = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: cfg-\ndata:\n  a: b\n';
  const c = ks(home, ['create', '-f', '-', '-o', 'name'], gen);
  assert.equal(c.code, 0);
  assert.match(c.stdout, /^configmap\/cfg-[bcdfghjklmnpqrstvwxz2456789]{5}\n$/);
  assert.equal(ks(home, ['get', c.stdout.trim(), '-o', 'jsonpath={.metadata.generateName} {.data.a}']).stdout, 'cfg- b');
  assert.deepEqual(ks(home, ['apply', '-f', '-'], gen), { stdout: '', stderr: 'error: from cfg-: cannot use generate name with apply\n', code: 1 });
});
