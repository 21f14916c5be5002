// -f FILE and -k DIR on the verbs that act on live objects (get, describe, label, annotate): the objects
// the files name, looked up in file order, with kubectl's tables, errors and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, ok, pinnedCluster } from './helpers.js';

const home = pinnedCluster();
const dir = fs.mkdtempSync(path.join(home, 'files-'));
const kz = path.join(dir, 'kz');
fs.mkdirSync(kz);
fs.writeFileSync(path.join(kz, 'kustomization.yaml'), 'namespace: team-a\nnamePrefix: p-\nresources:\n- objs.yaml\n');
fs.writeFileSync(path.join(kz, 'objs.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one}\ndata: {a: b}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: svc}\nspec:\n  ports: [{port: 80}]\n');
const mixed = path.join(dir, 'mixed.yaml');
fs.writeFileSync(mixed, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\n');
const missing = path.join(dir, 'missing.yaml');
fs.writeFileSync(missing, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nope, namespace: other}\n');

test('setup', () => {
  ok(ks(home, ['create', 'namespace', 'team-a']));
  assert.equal(ks(home, ['apply', '-k', kz]).code, 0);
  ok(ks(home, ['create', 'configmap', 'cm']));
  ok(ks(home, ['create', 'clusterrole', 'reader', '--verb=get', '--resource=pods']));
});

test('get -k: the built objects, a table per kind with the kind prefix', () => {
  assert.deepEqual(ks(home, ['get', '-k', kz]), {
    stdout: 'NAME              DATA   AGE\nconfigmap/p-one   1      0s\n\n'
      + 'NAME            TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/p-svc   ClusterIP   10.96.0.11   <none>        80/TCP    0s\n',
    stderr: '', code: 0,
  });
  assert.equal(ok(ks(home, ['get', '-k', kz, '-o', 'name'])), 'configmap/p-one\nservice/p-svc\n');
});

test('get -f: one object is printed bare in -o yaml, several as a List', () => {
  assert.match(ok(ks(home, ['get', '-f', missing.replace('missing', 'mixed'), '-o', 'yaml'])), /^apiVersion: v1\nitems:\n/);
  fs.writeFileSync(path.join(dir, 'one.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n');
  assert.match(ok(ks(home, ['get', '-f', path.join(dir, 'one.yaml'), '-o', 'yaml'])), /^apiVersion: v1\nkind: ConfigMap\n/);
});

test('get -f: missing objects are errors after the ones found; --ignore-not-found', () => {
  assert.deepEqual(ks(home, ['get', '-f', mixed, '-f', missing, '-o', 'name']), {
    stdout: 'configmap/cm\nclusterrole.rbac.authorization.k8s.io/reader\n',
    stderr: 'Error from server (NotFound): configmaps "nope" not found\n',
    code: 1,
  });
  assert.deepEqual(ks(home, ['get', '-f', missing, '--ignore-not-found']), { stdout: '', stderr: '', code: 0 });
});

test('describe -f / -k', () => {
  const d = ks(home, ['describe', '-k', kz]);
  assert.equal(d.code, 0);
  assert.match(d.stdout, /^Name:         p-one\nNamespace:    team-a\n/);
  assert.match(d.stdout, /Events:  <none>\n\n\nName: +p-svc\nNamespace: +team-a\n/);
  assert.deepEqual(ks(home, ['describe', '-f', missing, '-n', 'foo']), {
    stdout: '', code: 1,
    stderr: 'error: the namespace from the provided object "other" does not match the namespace "foo". You must pass \'--namespace=other\' to perform this operation.\n',
  });
});

test('label -k / annotate -f', () => {
  assert.deepEqual(ks(home, ['label', '-k', kz, 'tier=web']), { stdout: 'configmap/p-one labeled\nservice/p-svc labeled\n', stderr: '', code: 0 });
  assert.equal(ok(ks(home, ['get', 'svc', 'p-svc', '-n', 'team-a', '-o', 'jsonpath={.metadata.labels.tier}'])), 'web');
  // each object that already has the key fails alone, one line each
  assert.deepEqual(ks(home, ['label', '-k', kz, 'tier=db']), {
    stdout: '', code: 1,
    stderr: "'tier' already has a value (web), and --overwrite is false\n'tier' already has a value (web), and --overwrite is false\n",
  });
  assert.deepEqual(ks(home, ['annotate', '-f', mixed, 'note=x', '--dry-run=client']), {
    stdout: 'configmap/cm annotated (dry run)\nclusterrole.rbac.authorization.k8s.io/reader annotated (dry run)\n', stderr: '', code: 0,
  });
});

const errors: [string, string[], string][] = [
  ['get: files and resource arguments', ['get', '-f', mixed, 'pods'], 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n'],
  ['label: files and resource arguments', ['label', '-f', mixed, 'pods', 'a=b'], 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n'],
  ['get: -f and -k', ['get', '-f', mixed, '-k', kz], 'error: only one of -f or -k can be specified\n'],
  ['describe: -k and -R', ['describe', '-k', kz, '-R'], "error: the -k flag can't be used with -f or -R\n"],
  ['get: a missing path', ['get', '-f', path.join(dir, 'none.yaml')], `error: the path "${path.join(dir, 'none.yaml')}" does not exist\n`],
  // get and describe print kustomize's error bare; the other verbs with error:
  ['get: no kustomization', ['get', '-k', dir], `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'\n`],
  ['label: no kustomization', ['label', '-k', dir, 'a=b'], `error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'\n`],
];
for (const [name, args, stderr] of errors) {
  test(`error: ${name}`, () => {
    assert.deepEqual(ks(home, args), { stdout: '', stderr, code: 1 });
  });
}

// -k on the verbs that change a Deployment: set, rollout, scale, patch, replace
const kd = path.join(dir, 'kd');
fs.mkdirSync(kd);
fs.writeFileSync(path.join(kd, 'kustomization.yaml'), 'resources:\n- d.yaml\nnamePrefix: k-\n');
fs.writeFileSync(path.join(kd, 'd.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: nginx, image: nginx:1.25}]\n');

test('set, rollout, scale, patch and replace take -k', () => {
  ok(ks(home, ['apply', '-k', kd]));
  const steps: [string[], string][] = [
    [['set', 'image', '-k', kd, 'nginx=nginx:1.26'], 'deployment.apps/k-web image updated\n'],
    [['set', 'resources', '-k', kd, '--limits=cpu=200m'], 'deployment.apps/k-web resource requirements updated\n'],
    [['rollout', 'pause', '-k', kd], 'deployment.apps/k-web paused\n'],
    [['rollout', 'resume', '-k', kd], 'deployment.apps/k-web resumed\n'],
    [['scale', '-k', kd, '--replicas=2'], 'deployment.apps/k-web scaled\n'],
    [['patch', '-k', kd, '-p', '{"spec":{"replicas":3}}'], 'deployment.apps/k-web patched\n'],
    [['replace', '-k', kd], 'deployment.apps/k-web replaced\n'],
  ];
  for (const [args, stdout] of steps) assert.deepEqual(ks(home, args), { stdout, stderr: '', code: 0 }, args.join(' '));
  assert.equal(ok(ks(home, ['get', '-k', kd, '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}'])), '1 nginx:1.25');
  assert.match(ok(ks(home, ['rollout', 'history', '-k', kd])), /^deployment.apps\/k-web \nREVISION  CHANGE-CAUSE\n/);
});

const verbErrors: [string, string[], string][] = [
  // kubectl v1.32's set env checks -f alone
  ['set env -k', ['set', 'env', '-k', kd, 'A=1'], 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
  ['scale: files and arguments', ['scale', '-k', kd, '--replicas=2', 'deploy/x'], 'error: resource/name arguments cannot be provided when a path is specified\n'],
  ['scale: no kustomization', ['scale', '-k', dir, '--replicas=2'], `error: no objects passed to scale unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'\n`],
  // the missing objects fail the command before any object is acted on; several as Go prints an aggregate
  ['rollout: a missing object', ['rollout', 'pause', '-f', mixed, '-f', missing], 'Error from server (NotFound): configmaps "nope" not found\n'],
  ['rollout: missing objects', ['rollout', 'status', '-f', missing, '-f', missing], '[configmaps "nope" not found, configmaps "nope" not found]\n'],
];
for (const [name, args, stderr] of verbErrors) {
  test(`error: ${name}`, () => {
    assert.deepEqual(ks(home, args), { stdout: '', stderr, code: 1 });
  });
}

// label and annotate: --field-selector and --field-manager
test('label/annotate --field-selector picks objects by field; --field-manager names the writer', () => {
  ok(ks(home, ['create', 'deployment', 'fa', '--image=nginx']));
  ok(ks(home, ['create', 'deployment', 'fb', '--image=nginx']));
  assert.deepEqual(ks(home, ['label', 'deploy', '--field-selector', 'metadata.name=fa', 'sel=yes']), { stdout: 'deployment.apps/fa labeled\n', stderr: '', code: 0 });
  assert.equal(ok(ks(home, ['get', 'deploy', '-l', 'sel=yes', '-o', 'name'])), 'deployment.apps/fa\n');
  assert.deepEqual(ks(home, ['annotate', 'deploy', 'fb', 'n=1', '--field-manager=me']), { stdout: 'deployment.apps/fb annotated\n', stderr: '', code: 0 });
  assert.match(ok(ks(home, ['get', 'deploy', 'fb', '-o', 'jsonpath={.metadata.managedFields[*].manager}'])), /\bme\b/);
  assert.deepEqual(ks(home, ['label', 'deploy', 'fa', '--field-selector', 'metadata.name=fa', 'sel=no']), { stdout: '', stderr: 'error: name cannot be provided when a selector is specified\n', code: 1 });
});
