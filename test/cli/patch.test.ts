// kubectl patch end to end: outputs, errors and exit codes as kubectl v1.32 prints them, state left alone on error.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, manualCluster, stateFile, tempHome } from './helpers.js';

function cluster(): string {
  const home = tempHome();
  manualCluster(home);
  const r = ks(home, ['create', 'deployment', 'web', '--image=nginx', '--image=redis', '--replicas=2']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(ks(home, ['clock', 'advance', '30s']).code, 0);
  return home;
}

const jp = (home: string, expr: string) => ks(home, ['get', 'deployment', 'web', '-o', `jsonpath=${expr}`]).stdout;

/** Runs a failing command and checks it printed `stderr`, exited 1 and left the state file byte-identical. */
function fails(home: string, args: string[], stderr: string): void {
  const before = fs.readFileSync(stateFile(home));
  const r = ks(home, args);
  assert.equal(r.stderr, stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.code, 1);
  assert.ok(fs.readFileSync(stateFile(home)).equals(before), 'state file changed');
}

test('strategic merge patch: one container\'s image changes, the other is kept', () => {
  const home = cluster();
  const r = ks(home, ['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"redis","image":"redis:7"}]}}}}']);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'deployment.apps/web patched\n');
  assert.equal(jp(home, '{range .spec.template.spec.containers[*]}{.name}={.image} {end}'), 'nginx=nginx redis=redis:7 ');
});

test('the same patch again: patched (no change); TYPE/NAME form', () => {
  const home = cluster();
  assert.equal(ks(home, ['patch', 'deploy/web', '-p', '{"spec":{"replicas":3}}']).stdout, 'deployment.apps/web patched\n');
  const before = fs.readFileSync(stateFile(home));
  const r = ks(home, ['patch', 'deploy/web', '-p', '{"spec":{"replicas":3}}']);
  assert.equal(r.stdout, 'deployment.apps/web patched (no change)\n');
  assert.equal(r.code, 0);
  assert.ok(fs.readFileSync(stateFile(home)).equals(before));
});

test('$patch: delete removes a list element', () => {
  const home = cluster();
  const r = ks(home, ['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","$patch":"delete"}]}}}}']);
  assert.equal(r.stdout, 'deployment.apps/web patched\n');
  assert.equal(jp(home, '{.spec.template.spec.containers[*].name}'), 'redis');
});

test('a YAML patch is accepted', () => {
  const home = cluster();
  assert.equal(ks(home, ['patch', 'deployment', 'web', '-p', 'spec:\n  replicas: 4\n']).stdout, 'deployment.apps/web patched\n');
  assert.equal(jp(home, '{.spec.replicas}'), '4');
});

test('merge patch replaces the whole list', () => {
  const home = cluster();
  const r = ks(home, ['patch', 'deployment', 'web', '--type', 'merge', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"busybox"}]}}}}']);
  assert.equal(r.stdout, 'deployment.apps/web patched\n');
  assert.equal(jp(home, '{range .spec.template.spec.containers[*]}{.name}={.image} {end}'), 'only=busybox ');
});

test('json patch: add, replace, remove', () => {
  const home = cluster();
  const ops = [
    { op: 'add', path: '/metadata/labels/tier', value: 'web' },
    { op: 'replace', path: '/spec/replicas', value: 5 },
    { op: 'remove', path: '/spec/template/spec/containers/1' },
  ];
  const r = ks(home, ['patch', 'deployment', 'web', '--type=json', '-p', JSON.stringify(ops)]);
  assert.equal(r.stdout, 'deployment.apps/web patched\n');
  assert.equal(jp(home, '{.metadata.labels.tier} {.spec.replicas} {.spec.template.spec.containers[*].name}'), 'web 5 nginx');
});

test('json patch errors: the API server answers 422 without details', () => {
  const home = cluster();
  const invalid = 'The request is invalid: the server rejected our request due to an error in our request\n';
  fails(home, ['patch', 'deployment', 'web', '--type', 'json', '-p', '[{"op":"remove","path":"/spec/nothing"}]'], invalid);
  fails(home, ['patch', 'deployment', 'web', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/nothing","value":1}]'], invalid);
  fails(home, ['patch', 'deployment', 'web', '--type', 'json', '-p', '[{"op":"test","path":"/spec/replicas","value":9}]'], invalid);
  fails(home, ['patch', 'deployment', 'web', '--type', 'json', '-p', '{"op":"add"}'],
    'Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp\n');
});

test('errors leave the state file byte-identical', () => {
  const home = cluster();
  fails(home, ['patch', 'deployment', 'nope', '-p', '{"spec":{"replicas":1}}'], 'Error from server (NotFound): deployments.apps "nope" not found\n');
  fails(home, ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":-1}}'],
    'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  fails(home, ['patch', 'deployment', 'web', '-p', '{"spec":'], 'Error from server (BadRequest): unexpected end of JSON input\n');
  fails(home, ['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}'],
    'Error from server: map: map[image:x] does not contain declared merge key: name\n');
  fails(home, ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":"two"}}'],
    'The request is invalid: patch: Invalid value: "map[spec:map[replicas:two]]": unrecognized type: int32\n');
  fails(home, ['patch', 'deployment', 'web', '-p', 'a: b: c'], 'error: unable to parse "a: b: c": yaml: mapping values are not allowed in this context\n');
  fails(home, ['patch', 'deployment', 'web'], 'error: must specify --patch or --patch-file containing the contents of the patch\n');
  fails(home, ['patch', 'deployment', 'web', '-p', '{}', '--type', 'foo'], 'error: --type must be one of [json merge strategic], not "foo"\n');
  fails(home, ['patch', 'deployment', 'web', '-p', '{}', '--patch-file', 'x'], 'error: cannot specify --patch and --patch-file together\n');
  fails(home, ['patch', 'deployment', 'web', '--patch-file', '/nonexistent/p.json'], 'error: unable to read patch file: open /nonexistent/p.json: no such file or directory\n');
  fails(home, ['patch', 'deployment', 'web', '-p', '{"metadata":{"name":"other"}}'],
    'Error from server (BadRequest): the name of the object (other) does not match the name on the URL (web)\n');
  fails(home, ['patch', 'foos', 'web', '-p', '{}'], 'error: the server doesn\'t have a resource type "foos"\n');
  fails(home, ['patch', 'deployment', '-p', '{}'], 'error: resource(s) were provided, but no name was specified\n');
  fails(home, ['patch', 'deployment', 'web', '-p', '{}', '--local'], 'error: cannot specify --local and server resources\n');
});

test('unknown fields are dropped with a warning (the server defaults to fieldValidation=Warn)', () => {
  const home = cluster();
  const r = ks(home, ['patch', 'deployment', 'web', '-p', '{"spec":{"replicaz":3}}']);
  assert.equal(r.stderr, 'Warning: unknown field "spec.replicaz"\n');
  assert.equal(r.stdout, 'deployment.apps/web patched (no change)\n');
  assert.equal(r.code, 0);
});

test('-o name, -o yaml and dry runs', () => {
  const home = cluster();
  assert.equal(ks(home, ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":3}}', '-o', 'name']).stdout, 'deployment.apps/web\n');
  const y = ks(home, ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":4}}', '-o', 'yaml']);
  // the object as the PATCH returned it, before the controllers react
  assert.match(y.stdout, /^apiVersion: apps\/v1\nkind: Deployment\n/);
  assert.match(y.stdout, /\nspec:\n(.*\n)* {2}replicas: 4\n/);
  const before = fs.readFileSync(stateFile(home));
  // kubectl's patch overwrites the printer's operation, so a dry run prints no "(dry run)" suffix
  assert.equal(ks(home, ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":1}}', '--dry-run=client']).stdout, 'deployment.apps/web patched\n');
  assert.equal(ks(home, ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":1}}', '--dry-run=server', '-o', 'jsonpath={.spec.replicas}']).stdout, '1');
  assert.ok(fs.readFileSync(stateFile(home)).equals(before));
  const w = ks(home, ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":5}}', '-o', 'wide']);
  assert.equal(w.stderr, 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n');
  assert.equal(w.code, 1);
  assert.equal(jp(home, '{.spec.replicas}'), '5'); // the patch was sent before the printer failed
});

test('--local patches the file\'s object and needs -f', () => {
  const home = tempHome();
  const f = path.join(home, 'd.yaml');
  fs.writeFileSync(f, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: 3\n');
  assert.equal(ks(home, ['patch', '--local', '-f', f, '-p', '{"spec":{"replicas":5}}']).stdout, 'deployment.apps/x patched\n');
  assert.equal(ks(home, ['patch', '--local', '-f', f, '-p', '{"spec":{"replicas":3}}']).stdout, 'deployment.apps/x patched (no change)\n');
  assert.equal(ks(home, ['patch', '--local', '-f', f, '--type', 'merge', '-p', '{"spec":{"replicas":7}}', '-o', 'jsonpath={.spec.replicas}']).stdout, '7');
  const r = ks(home, ['patch', '--local', '-p', '{}']);
  assert.equal(r.stderr, "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
  assert.equal(r.code, 1);
  assert.equal(fs.existsSync(stateFile(home)), false);
});

test('-f names the object to patch on the server', () => {
  const home = cluster();
  const f = path.join(home, 'web.yaml');
  fs.writeFileSync(f, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
  assert.equal(ks(home, ['patch', '-f', f, '-p', '{"spec":{"replicas":6}}']).stdout, 'deployment.apps/web patched\n');
  assert.equal(jp(home, '{.spec.replicas}'), '6');
});

test('a patch to the pod template rolls out a new ReplicaSet', () => {
  const home = cluster();
  const r = ks(home, ['patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}']);
  assert.equal(r.stdout, 'deployment.apps/web patched\n');
  assert.equal(ks(home, ['clock', 'advance', '60s']).code, 0);
  const rs = ks(home, ['get', 'rs', '-o', 'jsonpath={range .items[*]}{.spec.template.spec.containers[0].image} {.spec.replicas}{"\\n"}{end}']).stdout;
  assert.deepEqual(rs.trim().split('\n').sort(), ['nginx 0', 'nginx:1.27 2']);
  assert.equal(jp(home, '{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'), '2');
});

test('--record writes the command line into kubernetes.io/change-cause, with the deprecation notice', () => {
  const home = cluster();
  const r = ks(home, ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":3}}', '--record']);
  assert.equal(r.stderr, 'Flag --record has been deprecated, --record will be removed in the future\n');
  assert.equal(r.stdout, 'deployment.apps/web patched\n');
  assert.equal(jp(home, '{.metadata.annotations.kubernetes\\.io/change-cause}'), 'kubectl patch deployment web --patch={"spec":{"replicas":3}} --record=true');
  // without --record the annotation is left as it is (patch's recorder is a no-op unless --record=true)
  assert.equal(ks(home, ['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":4}}']).code, 0);
  assert.equal(jp(home, '{.metadata.annotations.kubernetes\\.io/change-cause}'), 'kubectl patch deployment web --patch={"spec":{"replicas":3}} --record=true');
});
