// `kubectl kustomize DIR` byte for byte against kubectl v1.32 (kustomize v5.5.0): each directory in
// test/fixtures/kustomize/cases, with kubectl's output recorded by test/fixtures/kustomize/record.sh;
// and -k on apply, create, diff and delete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ks, ok, pinnedCluster, tempHome } from './helpers.js';

const FIX = path.join(ROOT, 'test', 'fixtures', 'kustomize');
const CASES = path.join(FIX, 'cases');
const expected = (n: string, ext: string) => fs.readFileSync(path.join(FIX, 'expected', `${n}.${ext}`), 'utf8');
/** klog's header varies by time and pid; the recordings keep only `E run.go:72] ` and say CASES for the directory */
const normalizeErr = (s: string) => s.replace(/^E\d{4} [\d:.]+ +\d+ run\.go:72\] /gm, 'E run.go:72] ').split(CASES).join('CASES');

const home = tempHome();

for (const name of fs.readdirSync(CASES).sort()) {
  test(`kubectl kustomize ${name}`, () => {
    const r = ks(home, ['kustomize', path.join(CASES, name)]);
    assert.equal(r.stdout, expected(name, 'out'));
    assert.equal(normalizeErr(r.stderr), expected(name, 'err'));
    assert.equal(String(r.code), expected(name, 'code').trim());
  });
}

const WARN = "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n";

test('apply -k creates the built objects; get shows them renamed; delete -k removes them', () => {
  const h = pinnedCluster();
  const dir = path.join(CASES, 'overlay');
  const a = ks(h, ['apply', '-k', dir]);
  assert.equal(a.stdout, 'namespace/prod created\nconfigmap/p-cfg-s-6b56fdfggc created\nservice/p-web-s created\ndeployment.apps/p-web-s created\n');
  assert.equal(a.stderr, WARN);
  assert.equal(a.code, 0);
  assert.equal(ok(ks(h, ['get', 'deploy', '-n', 'prod', '-o', 'jsonpath={.items[0].spec.replicas} {.items[0].spec.template.spec.containers[0].image}'])), '3 myreg/nginx:1.26');
  const again = ks(h, ['apply', '-k', dir]);
  assert.equal(again.stdout, 'namespace/prod unchanged\nconfigmap/p-cfg-s-6b56fdfggc unchanged\nservice/p-web-s unchanged\ndeployment.apps/p-web-s unchanged\n');
  const d = ks(h, ['diff', '-k', dir]);
  assert.equal(d.stdout, '');
  assert.equal(d.code, 0);
  const del = ks(h, ['delete', '-k', dir]);
  assert.equal(del.stdout, 'namespace "prod" deleted\nconfigmap "p-cfg-s-6b56fdfggc" deleted\nservice "p-web-s" deleted\ndeployment.apps "p-web-s" deleted\n');
  assert.equal(del.code, 0);
});

test('create -k creates a base; -f with -k is refused; a missing kustomization fails as kubectl does', () => {
  const h = pinnedCluster();
  const c = ks(h, ['create', '-k', path.join(CASES, 'base')]);
  assert.equal(c.stdout, 'configmap/cfg-6b56fdfggc created\nservice/web created\ndeployment.apps/web created\n');
  assert.equal(c.code, 0);
  const both = ks(h, ['apply', '-k', path.join(CASES, 'base'), '-f', path.join(CASES, 'base', 'svc.yaml')]);
  assert.equal(both.stderr, 'error: only one of -f or -k can be specified\n');
  assert.equal(both.code, 1);
  const none = ks(h, ['apply', '-k', path.join(CASES, 'no-kustomization')]);
  // the verbs' builders say `error: ...`; only `kubectl kustomize` logs it through klog
  assert.equal(none.stderr.split(CASES).join('CASES'), `error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory 'CASES/no-kustomization'\n`);
  assert.equal(none.code, 1);
});

test('kustomize --load-restrictor: LoadRestrictionsNone lets a kustomization load files from outside its directory', () => {
  const out = ks(home, ['kustomize', path.join(CASES, 'restrict-resource'), '--load-restrictor=LoadRestrictionsNone']);
  assert.deepEqual(out, { stdout: 'apiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\nmetadata:\n  name: shared\n', stderr: '', code: 0 });
  const bad = ks(home, ['kustomize', path.join(CASES, 'restrict-resource'), '--load-restrictor=foo']);
  assert.equal(normalizeErr(bad.stderr), 'E run.go:72] "command failed" err="illegal flag value --load-restrictor foo; legal values: [LoadRestrictionsRootOnly LoadRestrictionsNone]"\n');
  assert.equal(bad.code, 1);
  // apply -k keeps the default restriction
  const h = tempHome();
  const a = ks(h, ['apply', '-k', path.join(CASES, 'restrict-resource')]);
  assert.equal(a.code, 1);
  assert.match(a.stderr, /security; file '.*restrict-shared\/cm\.yaml' is not in or below '.*restrict-resource'/);
});
