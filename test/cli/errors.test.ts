// Every user error prints kubectl's message on stderr, exits 1, and changes nothing: the state file's
// bytes are compared before and after each failing command (manual clock, so nothing else moves).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, manualCluster, stateFile, tempHome } from './helpers.js';

const NOT_FOUND = 'Error from server (NotFound): deployments.apps "nope" not found\n';

function setup(): { home: string; dir: string } {
  const home = tempHome();
  manualCluster(home);
  const dir = path.join(home, 'files');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'empty.yaml'), '');
  fs.writeFileSync(path.join(dir, 'comments.yaml'), '# nothing here\n---\n');
  fs.writeFileSync(path.join(dir, 'syntax.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n   labels: {}\n');
  fs.writeFileSync(path.join(dir, 'invalid.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\nspec:\n  replicas: -1\n  selector:\n    matchLabels: {app: bad}\n  template:\n    metadata:\n      labels: {app: bad}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n');
  fs.writeFileSync(path.join(dir, 'selector.yaml'), fs.readFileSync('manifests/nginx-deployment.yaml', 'utf8').replace(/app: nginx/g, 'app: other'));
  assert.equal(ks(home, ['apply', '-f', 'manifests/nginx-deployment.yaml']).code, 0);
  assert.equal(ks(home, ['rollout', 'status', 'deployment/nginx-deployment']).code, 0);
  return { home, dir };
}

const cases: { args: (dir: string) => string[]; stderr: string; before?: string[][] }[] = [
  { args: (d) => ['apply', '-f', `${d}/syntax.yaml`], stderr: 'error: error parsing DIR/syntax.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n' },
  { args: (d) => ['apply', '-f', `${d}/invalid.yaml`], stderr: 'The Deployment "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n' },
  { args: (d) => ['apply', '-f', `${d}/selector.yaml`], stderr: 'The Deployment "nginx-deployment" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n' },
  { args: (d) => ['apply', '-f', `${d}/missing.yaml`], stderr: 'error: the path "DIR/missing.yaml" does not exist\n' },
  { args: (d) => ['apply', '-f', `${d}/empty.yaml`], stderr: 'error: no objects passed to apply\n' },
  { args: (d) => ['apply', '-f', `${d}/comments.yaml`], stderr: 'error: no objects passed to apply\n' },
  { args: (d) => ['create', '-f', `${d}/empty.yaml`], stderr: 'error: no objects passed to create\n' },
  { args: () => ['get', 'foos'], stderr: 'error: the server doesn\'t have a resource type "foos"\n' },
  { args: () => ['get', 'deploy', '--frobnicate'], stderr: "Error: unknown flag: --frobnicate\nSee 'kubectl get --help' for usage.\n" },
  { args: () => ['get', 'deployment', 'nope'], stderr: NOT_FOUND },
  { args: () => ['delete', 'deployment', 'nope'], stderr: NOT_FOUND },
  { args: () => ['set', 'image', 'deployment/nope', 'nginx=nginx:1'], stderr: NOT_FOUND },
  { args: () => ['set', 'image', 'deployment/nginx-deployment', 'nosuch=nginx:1'], stderr: 'error: unable to find container named "nosuch"\n' },
  { args: () => ['scale', 'deployment/nope', '--replicas=2'], stderr: 'error: no objects passed to scale deployments.apps "nope" not found\n' },
  { args: () => ['scale', 'deployment/nginx-deployment', '--replicas=-1'], stderr: 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n' },
  { args: () => ['scale', 'deployment/nginx-deployment', '--replicas=5', '--current-replicas=2'], stderr: 'error: Expected replicas to be 2, was 3\n' },
  { args: () => ['annotate', 'deployment/nginx-deployment', 'a=2'], before: [['annotate', 'deployment/nginx-deployment', 'a=1']], stderr: "error: --overwrite is false but found the following declared annotation(s): 'a' already has a value (1)\n" },
  { args: () => ['label', 'deployment/nginx-deployment', 'app=x'], stderr: "error: 'app' already has a value (nginx), and --overwrite is false\n" },
  { args: () => ['create', 'deployment', 'nginx-deployment', '--image=nginx'], stderr: 'error: failed to create deployment: deployments.apps "nginx-deployment" already exists\n' },
  { args: () => ['rollout', 'history', 'deployment/nginx-deployment', '--revision=42'], stderr: 'error: unable to find the specified revision\n' },
  { args: () => ['rollout', 'undo', 'deployment/nginx-deployment', '--to-revision=99'], stderr: 'error: unable to find specified revision 99 in history\n' },
  { args: () => ['rollout', 'undo', 'deployment/nope'], stderr: NOT_FOUND },
  // upstream looks for the previous revision before it checks for a paused deployment
  { args: () => ['rollout', 'undo', 'deployment/nginx-deployment'], before: [['rollout', 'pause', 'deployment/nginx-deployment']], stderr: 'error: no rollout history found for deployment "nginx-deployment"\n' },
  { args: () => ['rollout', 'resume', 'deployment/nginx-deployment'], stderr: 'error: deployments.apps "nginx-deployment" is not paused\n' },
  { args: () => ['rollout', 'pause', 'deployment/nginx-deployment'], before: [['rollout', 'pause', 'deployment/nginx-deployment']], stderr: 'error: deployments.apps "nginx-deployment" is already paused\n' },
  { args: () => ['rollout', 'undo', 'deployment/nginx-deployment'], before: [['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.16.1'], ['rollout', 'status', 'deployment/nginx-deployment'], ['rollout', 'pause', 'deployment/nginx-deployment']], stderr: "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n" },
];

for (const c of cases) {
  test(`error path leaves the state untouched: kubectl ${c.args('DIR').join(' ')}`, () => {
    const { home, dir } = setup();
    for (const b of c.before || []) assert.equal(ks(home, b).code, 0);
    const before = fs.readFileSync(stateFile(home));
    const r = ks(home, c.args(dir));
    assert.equal(r.stderr, c.stderr.replaceAll('DIR', dir));
    assert.equal(r.stdout, '');
    assert.equal(r.code, 1);
    assert.deepEqual(fs.readFileSync(stateFile(home)), before);
  });
}
