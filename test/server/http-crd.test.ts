// Real kubectl v1.32 against `kubesim serve` with CustomResourceDefinitions: discovery finds the custom resources,
// the OpenAPI v3 document explains them, the scale subresource and kubectl's own error texts. Skipped when kubectl
// is not on PATH.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ks, pinnedCluster } from '../cli/helpers.js';
import { serve, type Served } from './http-helpers.js';

const HAVE_KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const skip = HAVE_KUBECTL ? false : 'kubectl is not on PATH';

let s: Served;
before(async () => { if (HAVE_KUBECTL) s = await serve({ home: pinnedCluster(), auth: true, tls: true }); });
after(async () => { await s?.stop(); });

function kubectl(args: string[], input?: string): { stdout: string; stderr: string; code: number } {
  const env = { ...process.env, HOME: s.home, KUBECONFIG: path.join(s.home, 'serve-kubeconfig'), KUBESIM_HOME: s.home };
  const r = spawnSync('kubectl', args, { env, cwd: ROOT, encoding: 'utf8', timeout: 30000, input });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

const WIDGETS = fs.readFileSync(path.join(ROOT, 'test/fixtures/crd-widgets.yaml'), 'utf8');

test('custom resources through real kubectl: discovery, tables, explain, scale, errors, CRD deletion', { skip }, () => {
  assert.equal(kubectl(['apply', '-f', '-'], WIDGETS).stdout, 'customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n');
  assert.equal(kubectl(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {color: red}\n').stdout, 'widget.example.com/w1 created\n');
  assert.match(kubectl(['api-resources', '--api-group=example.com']).stdout, /^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND\nwidgets +wd +example\.com\/v1 +true +Widget\n$/);
  // the same table and explain text from kubectl and from kubesim's own CLI
  for (const args of [['get', 'wd'], ['get', 'widgets', '-o', 'wide'], ['explain', 'widget.spec']]) {
    const k = kubectl(args);
    assert.equal(k.code, 0, k.stderr);
    assert.equal(ks(s.home, args).stdout, k.stdout, args.join(' '));
  }
  assert.match(kubectl(['explain', 'widget.spec']).stdout, /\n  color\t<string> -required-\n  enum: red, blue\n    <no description>\n/);
  assert.equal(kubectl(['scale', 'wd', 'w1', '--replicas=4']).stdout, 'widget.example.com/w1 scaled\n');
  assert.equal(kubectl(['get', 'wd', 'w1', '-o', 'jsonpath={.spec.replicas}']).stdout, '4');
  assert.equal(kubectl(['patch', 'wd', 'w1', '-p', '{"spec":{"color":"blue"}}']).stderr,
    'error: application/strategic-merge-patch+json is not supported by example.com/v1, Kind=Widget: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n');
  assert.equal(kubectl(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w2}\nspec: {color: red, foo: 1}\n').stderr,
    'Error from server (BadRequest): error when creating "STDIN": Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.foo"\n');
  assert.equal(kubectl(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w2}\nspec: {color: red, replicas: "x"}\n').stderr,
    'The Widget "w2" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"\n');
  assert.equal(kubectl(['delete', 'crd', 'widgets.example.com']).stdout, 'customresourcedefinition.apiextensions.k8s.io "widgets.example.com" deleted\n');
  // kubectl's discovery cache still maps the name: the server no longer serves it
  assert.equal(kubectl(['get', 'wd']).stderr, 'Error from server (NotFound): Unable to list "example.com/v1, Resource=widgets": the server could not find the requested resource\n');
  assert.equal(ks(s.home, ['get', 'wd']).stderr, 'error: the server doesn\'t have a resource type "wd"\n');
});
