// CustomResourceDefinitions serve their custom resources: the Kubernetes docs' CronTab walkthrough, printer columns,
// schema validation and pruning, the status and scale subresources, explain, and the CRD's own validation.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, env, ks, manualCluster, ok, tempHome } from './helpers.js';

const CRONTAB_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                cronSpec:
                  type: string
                image:
                  type: string
                replicas:
                  type: integer
  scope: Namespaced
  names:
    plural: crontabs
    singular: crontab
    kind: CronTab
    shortNames:
    - ct
`;

const CRONTAB = `apiVersion: "stable.example.com/v1"
kind: CronTab
metadata:
  name: my-new-cron-object
spec:
  cronSpec: "* * * * */5"
  image: my-awesome-cron-image
`;

const WIDGETS = fs.readFileSync(path.join(ROOT, 'test/fixtures/crd-widgets.yaml'), 'utf8');

function cluster(): string {
  const home = tempHome();
  manualCluster(home);
  return home;
}

test('crontab walkthrough: create the CRD, a CronTab, get it by short name and kind, delete the CRD', () => {
  const home = cluster();
  assert.equal(ks(home, ['get', 'ct']).stderr, 'error: the server doesn\'t have a resource type "ct"\n');
  assert.equal(ok(ks(home, ['apply', '-f', '-'], CRONTAB_CRD)), 'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n');
  assert.equal(ok(ks(home, ['apply', '-f', '-'], CRONTAB)), 'crontab.stable.example.com/my-new-cron-object created\n');
  ok(ks(home, ['clock', 'advance', '5s']));
  assert.equal(ok(ks(home, ['get', 'ct'])), 'NAME                 AGE\nmy-new-cron-object   5s\n');
  assert.equal(ok(ks(home, ['get', 'crontabs.stable.example.com', 'my-new-cron-object', '-o', 'name'])), 'crontab.stable.example.com/my-new-cron-object\n');
  const y = ok(ks(home, ['get', 'crontab', 'my-new-cron-object', '-o', 'yaml']));
  assert.match(y, /^apiVersion: stable.example.com\/v1\nkind: CronTab\nmetadata:\n/);
  assert.match(y, /  generation: 1\n/);
  assert.match(y, /\nspec:\n  cronSpec: '\* \* \* \* \*\/5'\n  image: my-awesome-cron-image\n$/);
  const crd = JSON.parse(ok(ks(home, ['get', 'crd', 'crontabs.stable.example.com', '-o', 'json'])));
  assert.deepEqual(crd.spec.conversion, { strategy: 'None' });
  assert.equal(crd.spec.names.listKind, 'CronTabList');
  assert.deepEqual(crd.status.acceptedNames, { kind: 'CronTab', listKind: 'CronTabList', plural: 'crontabs', shortNames: ['ct'], singular: 'crontab' });
  assert.deepEqual(crd.status.conditions.map((c: any) => [c.type, c.status, c.reason, c.message]), [
    ['NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'],
    ['Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted'],
  ]);
  assert.deepEqual(crd.status.storedVersions, ['v1']);
  assert.match(ok(ks(home, ['get', 'crd'])), /^NAME {26}CREATED AT\ncrontabs\.stable\.example\.com   \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
  assert.match(ok(ks(home, ['api-resources'])), /\ncrontabs +ct +stable\.example\.com\/v1 +true +CronTab\n/);
  assert.match(ok(ks(home, ['api-versions'])), /\nstable\.example\.com\/v1\n/);
  // the crdRegistrationController's local APIService for the group/version, gone with the CRD
  assert.equal(ok(ks(home, ['get', 'apiservice', 'v1.stable.example.com', '-o', 'jsonpath={.metadata.labels} {.spec} {.status.conditions[0].reason}'])),
    '{"kube-aggregator.kubernetes.io/automanaged":"true"} {"group":"stable.example.com","groupPriorityMinimum":1000,"version":"v1","versionPriority":100} Local');
  assert.equal(ok(ks(home, ['delete', 'crd', 'crontabs.stable.example.com'])), 'customresourcedefinition.apiextensions.k8s.io "crontabs.stable.example.com" deleted\n');
  assert.equal(ks(home, ['get', 'ct']).stderr, 'error: the server doesn\'t have a resource type "ct"\n');
  assert.equal(ks(home, ['get', 'apiservice', 'v1.stable.example.com']).stderr, 'Error from server (NotFound): apiservices.apiregistration.k8s.io "v1.stable.example.com" not found\n');
  assert.ok(!fs.readFileSync(path.join(home, 'clusters', 'default.json'), 'utf8').includes('my-new-cron-object'));
});

test('a CRD and its custom resource in one file: the custom resource cannot be mapped yet', () => {
  const home = cluster();
  const r = ks(home, ['apply', '-f', '-'], `${CRONTAB_CRD}---\n${CRONTAB}`);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no matches for kind "CronTab" in version "stable.example.com\/v1"\nensure CRDs are installed first\n$/);
});

test('describe a custom resource: the generic describer', () => {
  const home = cluster();
  ok(ks(home, ['apply', '-f', '-'], CRONTAB_CRD));
  ok(ks(home, ['apply', '-f', '-'], CRONTAB));
  const d = ok(ks(home, ['describe', 'ct', 'my-new-cron-object']));
  assert.match(d, /^Name:         my-new-cron-object\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\nAPI Version:  stable.example.com\/v1\nKind:         CronTab\nMetadata:\n/);
  assert.match(d, /\nSpec:\n  Cron Spec:  \* \* \* \* \*\/5\n  Image:      my-awesome-cron-image\nEvents:       <none>\n$/);
});

test('validation against the schema: type, enum, minimum, maximum, pattern, required', () => {
  const home = cluster();
  ok(ks(home, ['apply', '-f', '-'], CRONTAB_CRD));
  let r = ks(home, ['apply', '-f', '-'], 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: x}\nspec: {replicas: "string"}\n');
  assert.equal(r.stderr, 'The CronTab "x" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"\n');
  assert.equal(r.code, 1);
  ok(ks(home, ['apply', '-f', '-'], WIDGETS));
  r = ks(home, ['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w2}\nspec: {color: green, replicas: 0, size: big}\n');
  assert.equal(r.stderr, 'The Widget "w2" is invalid: \n' +
    '* spec.color: Unsupported value: "green": supported values: "red", "blue"\n' +
    '* spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1\n' +
    "* spec.size: Invalid value: \"big\": spec.size in body should match '^[0-9]+(cm|m)$'\n");
  r = ks(home, ['create', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w3}\nspec: {replicas: 11}\n');
  assert.equal(r.stderr, 'The Widget "w3" is invalid: \n* spec.color: Required value\n* spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10\n');
});

test('unknown fields: strict field validation refuses them, --validate=false prunes them, preserve-unknown-fields keeps them', () => {
  const home = cluster();
  ok(ks(home, ['apply', '-f', '-'], CRONTAB_CRD));
  const doc = 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: unk}\nspec: {cronSpec: x, foo: bar}\n';
  const r = ks(home, ['apply', '-f', '-'], doc);
  assert.equal(r.stderr, 'Error from server (BadRequest): error when creating "STDIN": CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.foo"\n');
  ok(ks(home, ['apply', '--validate=false', '-f', '-'], doc));
  assert.equal(ok(ks(home, ['get', 'ct', 'unk', '-o', 'jsonpath={.spec}'])), '{"cronSpec":"x"}');
  ok(ks(home, ['apply', '-f', '-'], WIDGETS));
  ok(ks(home, ['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {color: red, extra: {a: 1}}\n'));
  // the schema's default and the preserved object
  assert.equal(ok(ks(home, ['get', 'wd', 'w1', '-o', 'jsonpath={.spec}'])), '{"color":"red","extra":{"a":1},"replicas":1}');
});

test('printer columns: types, priority (wide), date as age, category all, scale and status subresources', () => {
  const home = cluster();
  ok(ks(home, ['apply', '-f', '-'], WIDGETS));
  ok(ks(home, ['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {color: red}\nstatus: {ready: true}\n'));
  ok(ks(home, ['clock', 'advance', '65s']));
  // status is a subresource: the create dropped it
  assert.equal(ok(ks(home, ['get', 'wd'])), 'NAME   REPLICAS   READY   AGE\nw1     1                  65s\n');
  assert.equal(ok(ks(home, ['get', 'widgets', '-o', 'wide'])), 'NAME   REPLICAS   COLOR   READY   AGE\nw1     1          red             65s\n');
  assert.match(ok(ks(home, ['get', 'all'])), /\n\nNAME                    REPLICAS   READY   AGE\nwidget\.example\.com\/w1   1                  65s\n$/);
  assert.equal(ok(ks(home, ['scale', 'wd', 'w1', '--replicas=3'])), 'widget.example.com/w1 scaled\n');
  assert.equal(ok(ks(home, ['get', 'wd', 'w1', '-o', 'jsonpath={.spec.replicas} {.metadata.generation}'])), '3 2');
  assert.equal(ok(ks(home, ['patch', 'wd', 'w1', '--type=merge', '-p', '{"spec":{"color":"blue"}}'])), 'widget.example.com/w1 patched\n');
  assert.equal(ok(ks(home, ['patch', 'wd', 'w1', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]'])), 'widget.example.com/w1 patched\n');
  const r = ks(home, ['patch', 'wd', 'w1', '-p', '{"spec":{"color":"red"}}']);
  assert.equal(r.stderr, 'error: application/strategic-merge-patch+json is not supported by example.com/v1, Kind=Widget: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n');
  assert.equal(ok(ks(home, ['label', 'wd', 'w1', 'a=b'])), 'widget.example.com/w1 labeled\n');
  assert.equal(ok(ks(home, ['get', 'wd', '--show-labels'])), 'NAME   REPLICAS   READY   AGE   LABELS\nw1     2                  65s   a=b\n');
  // a CRD without a scale subresource
  ok(ks(home, ['apply', '-f', '-'], CRONTAB_CRD));
  ok(ks(home, ['apply', '-f', '-'], CRONTAB));
  assert.equal(ks(home, ['scale', 'ct', 'my-new-cron-object', '--replicas=2']).stderr, 'Error from server (NotFound): the server could not find the requested resource\n');
});

test('explain a custom resource from its schema', () => {
  const home = cluster();
  ok(ks(home, ['apply', '-f', '-'], CRONTAB_CRD));
  assert.equal(ok(ks(home, ['explain', 'crontab.spec'])),
    'GROUP:      stable.example.com\nKIND:       CronTab\nVERSION:    v1\n\nFIELD: spec <Object>\n\n\nDESCRIPTION:\n    <empty>\nFIELDS:\n' +
    '  cronSpec\t<string>\n    <no description>\n\n  image\t<string>\n    <no description>\n\n  replicas\t<integer>\n    <no description>\n\n\n');
  assert.match(ok(ks(home, ['explain', 'ct'])), /^GROUP:      stable.example.com\nKIND:       CronTab\nVERSION:    v1\n\nDESCRIPTION:\n    <empty>\nFIELDS:\n  apiVersion\t<string>\n/);
});

test('CRD validation: the name must be plural.group, a schema is required, one storage version', () => {
  const home = cluster();
  let r = ks(home, ['apply', '-f', '-'], CRONTAB_CRD.replace('name: crontabs.stable.example.com', 'name: crontab.stable.example.com'));
  assert.equal(r.stderr, 'The CustomResourceDefinition "crontab.stable.example.com" is invalid: metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group\n');
  r = ks(home, ['apply', '-f', '-'], CRONTAB_CRD.replace(/      schema:[\s\S]*?  scope:/, '  scope:'));
  assert.equal(r.stderr, 'The CustomResourceDefinition "crontabs.stable.example.com" is invalid: spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required\n');
  r = ks(home, ['apply', '-f', '-'], CRONTAB_CRD.replace('storage: true', 'storage: false'));
  assert.match(r.stderr, /^The CustomResourceDefinition "crontabs.stable.example.com" is invalid: \n\* spec.versions: Invalid value: .*: must have exactly one version marked as storage version\n\* status.storedVersions: Invalid value: \[\]string\(nil\): must have at least one stored version\n$/);
  assert.equal(ks(home, ['get', 'crd']).stderr, 'No resources found\n');
});

test('deleting a CRD whose custom resource has a finalizer: Terminating until the finalizer goes, creates refused meanwhile', () => {
  const home = cluster();
  ok(ks(home, ['apply', '-f', '-'], CRONTAB_CRD));
  ok(ks(home, ['apply', '-f', '-'], 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: keep, finalizers: [example.com/keep]}\nspec: {cronSpec: x}\n'));
  ok(ks(home, ['delete', 'crd', 'crontabs.stable.example.com', '--wait=false']));
  const crd = JSON.parse(ok(ks(home, ['get', 'crd', 'crontabs.stable.example.com', '-o', 'json'])));
  assert.deepEqual(crd.metadata.finalizers, ['customresourcecleanup.apiextensions.k8s.io']);
  assert.deepEqual(crd.status.conditions.map((c: any) => [c.type, c.status, c.reason, c.message]).slice(2), [
    ['Terminating', 'True', 'InstanceDeletionCheck', 'could not confirm zero CustomResources remaining: timed out waiting for the condition'],
  ]);
  assert.ok(JSON.parse(ok(ks(home, ['get', 'ct', 'keep', '-o', 'json']))).metadata.deletionTimestamp);
  assert.equal(ks(home, ['apply', '-f', '-'], CRONTAB).stderr, 'Error from server (MethodNotAllowed): error when creating "STDIN": create not allowed while custom resource definition is terminating\n');
  ok(ks(home, ['patch', 'ct', 'keep', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']));
  ok(ks(home, ['clock', 'advance', '5s']));
  assert.equal(ks(home, ['get', 'crd']).stderr, 'No resources found\n');
  assert.ok(!fs.readFileSync(path.join(home, 'clusters', 'default.json'), 'utf8').includes('"crontabs"'));
});

test('names in use by another CRD of the group are not accepted: not Established, not served, until released', () => {
  const home = cluster();
  ok(ks(home, ['apply', '-f', '-'], CRONTAB_CRD));
  const other = CRONTAB_CRD.replace(/crontabs/g, 'crontabz').replace('singular: crontab', 'singular: crontabz').replace('kind: CronTab', 'kind: CronTabZ');
  ok(ks(home, ['apply', '-f', '-'], other));
  const conds = (name: string) => JSON.parse(ok(ks(home, ['get', 'crd', name, '-o', 'json']))).status.conditions.map((c: any) => [c.type, c.status, c.reason, c.message]);
  assert.deepEqual(conds('crontabz.stable.example.com'), [
    ['NamesAccepted', 'False', 'ShortNamesConflict', '"ct" is already in use'],
    ['Established', 'False', 'NotAccepted', 'not all names are accepted'],
  ]);
  assert.equal(ks(home, ['get', 'crontabz']).stderr, 'error: the server doesn\'t have a resource type "crontabz"\n');
  ok(ks(home, ['delete', 'crd', 'crontabs.stable.example.com']));
  assert.deepEqual(conds('crontabz.stable.example.com'), [
    ['NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'],
    ['Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted'],
  ]);
  assert.equal(ks(home, ['get', 'ct']).stderr, 'No resources found in default namespace.\n');
});

test('several served versions: stored at the storage version, served at the one asked for; namespace deletion takes custom resources', () => {
  const home = cluster();
  const mv = CRONTAB_CRD.replace('  versions:\n', '  versions:\n    - name: v1beta1\n      served: true\n      storage: false\n      schema:\n        openAPIV3Schema:\n          type: object\n          x-kubernetes-preserve-unknown-fields: true\n');
  ok(ks(home, ['apply', '-f', '-'], mv));
  ok(ks(home, ['apply', '-f', '-'], CRONTAB.replace('stable.example.com/v1', 'stable.example.com/v1beta1')));
  const at = (type: string) => ok(ks(home, ['get', type, 'my-new-cron-object', '-o', 'jsonpath={.apiVersion}']));
  assert.equal(at('crontabs'), 'stable.example.com/v1');
  assert.equal(at('crontabs.v1beta1.stable.example.com'), 'stable.example.com/v1beta1');
  assert.match(ok(ks(home, ['api-versions'])), /\nstable\.example\.com\/v1\nstable\.example\.com\/v1beta1\n/);
  const state = JSON.parse(fs.readFileSync(path.join(home, 'clusters', 'default.json'), 'utf8'));
  assert.equal(state.objects.crontabs['default/my-new-cron-object'].apiVersion, 'stable.example.com/v1');
  ok(ks(home, ['create', 'ns', 't1']));
  ok(ks(home, ['apply', '-n', 't1', '-f', '-'], CRONTAB));
  ok(ks(home, ['delete', 'ns', 't1']));
  assert.equal(ok(ks(home, ['get', 'ct', '-A', '-o', 'name'])), 'crontab.stable.example.com/my-new-cron-object\n');
});

test('edit a custom resource: a JSON merge patch', () => {
  const home = cluster();
  ok(ks(home, ['apply', '-f', '-'], CRONTAB_CRD));
  ok(ks(home, ['apply', '-f', '-'], CRONTAB));
  const r = spawnSync(BIN, ['edit', 'ct', 'my-new-cron-object'], { env: { ...env(home), EDITOR: 'sed -i s/my-awesome-cron-image/edited/' }, encoding: 'utf8' });
  assert.equal(r.stdout, 'crontab.stable.example.com/my-new-cron-object edited\n');
  assert.equal(ok(ks(home, ['get', 'ct', 'my-new-cron-object', '-o', 'jsonpath={.spec.image}'])), 'edited');
});

test('field selectors: metadata.name, metadata.namespace and the version\'s selectableFields, else the crConverter\'s error', () => {
  const home = cluster();
  ok(ks(home, ['apply', '-f', '-'], WIDGETS.replace('    additionalPrinterColumns:', '    selectableFields:\n    - jsonPath: .spec.color\n    additionalPrinterColumns:')));
  for (const c of ['red', 'blue']) ok(ks(home, ['apply', '-f', '-'], `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: ${c}}\nspec: {color: ${c}}\n`));
  assert.equal(ok(ks(home, ['get', 'wd', '--field-selector', 'spec.color=blue', '-o', 'name'])), 'widget.example.com/blue\n');
  assert.equal(ok(ks(home, ['get', 'wd', '--field-selector', 'spec.color!=blue,metadata.namespace=default', '-o', 'name'])), 'widget.example.com/red\n');
  assert.equal(ks(home, ['get', 'wd', '--field-selector', 'spec.size=1']).stderr,
    'Error from server (BadRequest): Unable to find "example.com/v1, Resource=widgets" that match label selector "", field selector "spec.size=1": field label not supported: spec.size\n');
});

test('a custom resource whose plural is a built-in one (pods.z.example.com) is stored apart and reached by its group', () => {
  const home = cluster();
  const crd = CRONTAB_CRD.replace('crontabs.stable.example.com', 'pods.z.example.com').replace('group: stable.example.com', 'group: z.example.com')
    .replace('plural: crontabs', 'plural: pods').replace('singular: crontab', 'singular: zpod').replace('kind: CronTab', 'kind: ZPod').replace('- ct', '- zp');
  ok(ks(home, ['apply', '-f', '-'], crd));
  const zp = 'apiVersion: z.example.com/v1\nkind: ZPod\nmetadata: {name: a}\nspec: {image: x}\n';
  assert.equal(ok(ks(home, ['apply', '-f', '-'], zp)), 'zpod.z.example.com/a created\n');
  assert.equal(ok(ks(home, ['apply', '-f', '-'], zp)), 'zpod.z.example.com/a unchanged\n');
  assert.equal(ok(ks(home, ['get', 'pods.z.example.com', '-o', 'name'])), 'zpod.z.example.com/a\n');
  assert.equal(ks(home, ['get', 'pods']).stderr, 'No resources found in default namespace.\n');
  assert.equal(ok(ks(home, ['label', 'zp', 'a', 'x=y'])), 'zpod.z.example.com/a labeled\n');
  assert.equal(ok(ks(home, ['delete', 'zp', 'a'])), 'zpod.z.example.com "a" deleted\n');
});

test('commands that decode into kubectl\'s own types refuse a custom resource with the scheme\'s error (kubectl v1.32 through serve)', () => {
  const home = cluster();
  ok(ks(home, ['apply', '-f', '-'], CRONTAB_CRD));
  ok(ks(home, ['apply', '-f', '-'], CRONTAB));
  const scheme = 'error: no kind "CronTab" is registered for version "stable.example.com/v1" in scheme "pkg/scheme/scheme.go:28"\n';
  for (const args of [['set', 'image', 'ct/my-new-cron-object', 'a=b'], ['set', 'env', 'ct/my-new-cron-object', 'A=1'], ['rollout', 'status', 'ct/my-new-cron-object'],
    ['rollout', 'restart', 'ct/my-new-cron-object'], ['expose', 'ct', 'my-new-cron-object', '--port=80']]) {
    assert.deepEqual(ks(home, args), { stdout: '', stderr: scheme, code: 1 }, args.join(' '));
  }
  assert.deepEqual(ks(home, ['autoscale', 'ct', 'my-new-cron-object', '--max=3']), { stdout: '', code: 1,
    stderr: 'error: cannot autoscale a CronTab: could not find scale subresource for stable.example.com/v1, Resource=crontabs in discovery information\n' });
});
