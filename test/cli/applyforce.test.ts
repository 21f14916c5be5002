// kubectl apply --force (recorded from kubectl v1.32 against kubesim serve): a patch the server refuses
// as Invalid (an immutable selector) is replaced by delete and create, printed `configured`; its flag checks.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, ok, pinnedCluster } from './helpers.js';

const dep = (app: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: fweb}
spec:
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata: {labels: {app: ${app}}}
    spec: {containers: [{name: nginx, image: nginx}]}
`;

test('apply --force re-creates an object whose immutable field changed', () => {
  const home = pinnedCluster();
  const f1 = path.join(home, 'f1.yaml');
  const f2 = path.join(home, 'f2.yaml');
  fs.writeFileSync(f1, dep('fweb'));
  fs.writeFileSync(f2, dep('fweb2'));
  assert.equal(ok(ks(home, ['apply', '-f', f1])), 'deployment.apps/fweb created\n');
  const uid = ok(ks(home, ['get', 'deploy', 'fweb', '-o', 'jsonpath={.metadata.uid}']));
  const refused = ks(home, ['apply', '-f', f2]);
  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /^The Deployment "fweb" is invalid: spec\.selector: Invalid value: v1\.LabelSelector\{MatchLabels:map\[string\]string\{"app":"fweb2"\}, MatchExpressions:\[\]v1\.LabelSelectorRequirement\(nil\)\}: field is immutable\n$/);
  assert.deepEqual(ks(home, ['apply', '-f', f2, '--force']), { stdout: 'deployment.apps/fweb configured\n', stderr: '', code: 0 });
  assert.equal(ok(ks(home, ['get', 'deploy', 'fweb', '-o', 'jsonpath={.spec.selector}'])), '{"matchLabels":{"app":"fweb2"}}');
  assert.notEqual(ok(ks(home, ['get', 'deploy', 'fweb', '-o', 'jsonpath={.metadata.uid}'])), uid);
  assert.deepEqual(ks(home, ['apply', '-f', f1, '--force', '--dry-run=server']), { stdout: '', stderr: 'error: --dry-run=server cannot be used with --force\n', code: 1 });
  assert.deepEqual(ks(home, ['apply', '-f', f1, '--force', '--server-side']), { stdout: '', stderr: 'error: --force cannot be used with --server-side\n', code: 1 });
  assert.deepEqual(ks(home, ['apply', '-f', f1, '--subresource=status']), { stdout: '', stderr: 'error: --subresource can only be specified for --server-side\n', code: 1 });
});

test('apply honours retainKeys: strategy type Recreate drops the defaulted rollingUpdate; a volume changes its source', () => {
  const home = pinnedCluster();
  const f = (name: string, text: string) => { const p = path.join(home, name); fs.writeFileSync(p, text); return p; };
  const withVol = (src: string, strategy = '') => dep('web').replace('spec:\n  selector', `spec:\n${strategy}  selector`)
    .replace('spec: {containers: [{name: nginx, image: nginx}]}', `spec:\n      containers: [{name: nginx, image: nginx}]\n      volumes: [{name: v, ${src}}]`);
  assert.equal(ok(ks(home, ['apply', '-f', f('a.yaml', withVol('emptyDir: {}'))])), 'deployment.apps/fweb created\n');
  assert.equal(ok(ks(home, ['apply', '-f', f('b.yaml', withVol('configMap: {name: c}', '  strategy: {type: Recreate}\n'))])), 'deployment.apps/fweb configured\n');
  assert.equal(ok(ks(home, ['get', 'deploy', 'fweb', '-o', 'jsonpath={.spec.strategy} {.spec.template.spec.volumes}'])), '{"type":"Recreate"} [{"configMap":{"defaultMode":420,"name":"c"},"name":"v"}]');
  assert.equal(ok(ks(home, ['apply', '-f', f('c.yaml', withVol('configMap: {name: c}'))])), 'deployment.apps/fweb configured\n');
  assert.equal(ok(ks(home, ['get', 'deploy', 'fweb', '-o', 'jsonpath={.spec.strategy}'])), '{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"},"type":"RollingUpdate"}');
});
