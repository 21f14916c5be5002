import test from 'node:test';
import assert from 'node:assert/strict';
import { printJsonPath, printCustomColumns, listOf, toName, evalJsonPath } from '../../src/printers/output.js';
import { sortByJsonPath } from '../../src/printers/tables.js';
import { resourceByName } from '../../src/api/resources.js';
import { step, yamlStep } from './helpers.js';

const K = 'k-errors-and-output-formats';

// what `kubectl create deployment x --image=nginx --dry-run=client` hands the jsonpath engine
const X = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { creationTimestamp: null, labels: { app: 'x' }, name: 'x' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'x' } },
    strategy: {},
    template: { metadata: { creationTimestamp: null, labels: { app: 'x' } }, spec: { containers: [{ image: 'nginx', name: 'nginx', resources: {} }] } },
  },
  status: {},
};

test('jsonpath over a list (k#30)', () => {
  const names = ['nginx-deployment', 'nginx2', 'sel-deploy'].map((name) => ({ metadata: { name } }));
  assert.equal(printJsonPath('{.items[*].metadata.name}', listOf(names)), step(K, 30).stdout);
});

test('jsonpath field, maps as compact JSON (k#37, k#38, k#42)', () => {
  const annotations = JSON.parse(step(K, 38).stdout);
  const d = { metadata: { annotations }, spec: { template: { metadata: { annotations: JSON.parse(step(K, 42).stdout) }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.17' }] } } } };
  assert.equal(printJsonPath('{.spec.template.spec.containers[0].image}', d), step(K, 37).stdout);
  assert.equal(printJsonPath('{.metadata.annotations}', d), step(K, 38).stdout);
  assert.equal(printJsonPath('{.spec.template.metadata.annotations}', d), step(K, 42).stdout);
});

test('jsonpath matches kubectl offline outputs', () => {
  assert.equal(printJsonPath('{.foo}', X), '');
  assert.equal(
    printJsonPath('{.spec.replicas} {.metadata.labels} {.spec.template.spec.containers[*].name} {.spec.template.spec.containers}', X),
    '1 {"app":"x"} nginx [{"image":"nginx","name":"nginx","resources":{}}]',
  );
  assert.equal(printJsonPath('{.spec.template.spec.containers[0].foo.bar}', X), '');
  assert.equal(printJsonPath('{range .spec.template.spec.containers[*]}[{.name}]{"\\n"}{end}', X), '[nginx]\n');
  assert.equal(printJsonPath('{.metadata.creationTimestamp}|{.status}|{.spec.strategy}', X), 'null|{}|{}');
  assert.equal(printJsonPath('{.spec.template.spec.containers[?(@.name=="nginx")].image}', X), 'nginx');
  assert.equal(printJsonPath('{.items[*].metadata.name}', X), '');
});

test('jsonpath errors worded like kubectl', () => {
  assert.throws(() => printJsonPath('{.foo', X), { message: 'error parsing jsonpath {.foo, unclosed action' });
  assert.throws(() => printJsonPath('{.spec.template.spec.containers[5]}', X), (e: any) => {
    assert.equal(
      e.message,
      'error executing jsonpath "{.spec.template.spec.containers[5]}": Error executing template: array index out of bounds: index 5, length 1. Printing more information for debugging the template:\n' +
        '\ttemplate was:\n\t\t{.spec.template.spec.containers[5]}\n' +
        '\tobject given to jsonpath engine was:\n\t\t' +
        'map[string]interface {}{"apiVersion":"apps/v1", "kind":"Deployment", "metadata":map[string]interface {}{"creationTimestamp":interface {}(nil), "labels":map[string]interface {}{"app":"x"}, "name":"x"}, "spec":map[string]interface {}{"replicas":1, "selector":map[string]interface {}{"matchLabels":map[string]interface {}{"app":"x"}}, "strategy":map[string]interface {}{}, "template":map[string]interface {}{"metadata":map[string]interface {}{"creationTimestamp":interface {}(nil), "labels":map[string]interface {}{"app":"x"}}, "spec":map[string]interface {}{"containers":[]interface {}{map[string]interface {}{"image":"nginx", "name":"nginx", "resources":map[string]interface {}{}}}}}}, "status":map[string]interface {}{}}\n\n' +
        // kubectl's message ends "%v\n" after the dump's blank line: three newlines on stderr
        '\n',
    );
    return true;
  });
});

test('jsonpath: filters, slices, unions, recursive descent, nested range', () => {
  const pod = {
    status: {
      conditions: [
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'False' },
        { type: 'PodScheduled', status: 'True' },
      ],
    },
    items: [1, 2, 3, 4, 5],
  };
  assert.equal(printJsonPath('{.status.conditions[?(@.type=="Ready")].status}', pod), 'False');
  assert.equal(printJsonPath("{.status.conditions[?(@.status=='True')].type}", pod), 'Initialized PodScheduled');
  assert.equal(printJsonPath('{.items[1:3]}', pod), '2 3');
  assert.equal(printJsonPath('{.items[-1]}', pod), '5');
  assert.equal(printJsonPath('{.items[::2]}', pod), '1 3 5');
  assert.equal(printJsonPath('{.items[0,2]}', pod), '1 3');
  assert.equal(printJsonPath('{.items[?(@>3)]}', pod), '4 5');
  assert.equal(printJsonPath("{.status['conditions'][0].type}", pod), 'Initialized');
  assert.equal(printJsonPath('{..type}', pod), 'Initialized Ready PodScheduled');
  assert.equal(printJsonPath('{range .status.conditions[*]}{.type}={.status};{end}', pod), 'Initialized=True;Ready=False;PodScheduled=True;');
  assert.equal(printJsonPath('a{range .nope[*]}{.x}{end}b', pod), 'ab');
  assert.equal(printJsonPath('plain text', pod), 'plain text');
});

test('custom-columns with stripped backslashes (c#12) and escaped dots', () => {
  const rs = yamlStep('a-create', 13).items[0];
  const expected = step('c-bad-image-history-undo', 12).stdout.split('\n');
  const spec = 'NAME:.metadata.name,REV:.metadata.annotations.deployment.kubernetes.io/revision,CAUSE:.metadata.annotations.kubernetes.io/change-cause,IMAGE:.spec.template.spec.containers[0].image';
  assert.equal(printCustomColumns(spec, [rs]), expected[0] + '\n' + expected[2] + '\n');
  assert.equal(
    printCustomColumns('NAME:.metadata.name,REV:.metadata.annotations.deployment\\.kubernetes\\.io/revision,C:{.spec.template.spec.containers[*].name}', [rs]),
    'NAME                          REV   C\nnginx-deployment-647677fc66   1     nginx\n',
  );
  assert.equal(printCustomColumns('N:.metadata.name', [rs], true), 'nginx-deployment-647677fc66\n');
  assert.equal(printCustomColumns('L:.metadata.labels', [rs]), 'L\nmap[app:nginx pod-template-hash:647677fc66]\n');
  assert.throws(() => printCustomColumns('NAME', [rs]), { message: 'unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>' });
});

test('-o name', () => {
  assert.equal(toName([{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }], resourceByName('deployments')), 'deployment.apps/a\ndeployment.apps/b\n');
  assert.equal(toName([{ metadata: { name: 'p' } }], resourceByName('pods')), 'pod/p\n');
});

test('--sort-by', () => {
  const objs = [
    { metadata: { name: 'b', creationTimestamp: '2026-11-22T23:18:40Z' }, spec: { replicas: 10 } },
    { metadata: { name: 'a10', creationTimestamp: '2026-11-22T23:18:35Z' }, spec: { replicas: 2 } },
    { metadata: { name: 'a9', creationTimestamp: '2026-11-22T23:18:37Z' } },
  ];
  const names = (os: any[]) => os.map((o) => o.metadata.name).join(',');
  assert.equal(names(sortByJsonPath(objs, '.metadata.creationTimestamp')), 'a10,a9,b');
  assert.equal(names(sortByJsonPath(objs, '.spec.replicas')), 'a9,a10,b');
  // kubectl v1.32 orders plain strings byte by byte (no longer naturally), quantities by value
  assert.equal(names(sortByJsonPath(objs, '{.metadata.name}', evalJsonPath)), 'a10,a9,b');
  const pvs = ['2Gi', '500Mi', '10Gi', '1Gi', '1500M'].map((s) => ({ metadata: { name: s }, spec: { capacity: { storage: s } } }));
  assert.equal(names(sortByJsonPath(pvs, '.spec.capacity.storage')), '500Mi,1Gi,1500M,2Gi,10Gi');
});

test('jsonpath-as-json: json.MarshalIndent of the results (sorted keys, Go escaping), as kubectl v1.32 printed it through serve', () => {
  const c = { name: 'nginx', image: 'nginx:1.25', args: ['<a&b>'], imagePullPolicy: 'Always' };
  assert.equal(printJsonPath('{.spec.containers}', { spec: { containers: [c] } }, { asJson: true }),
    '[\n    [\n        {\n            "args": [\n                "\\u003ca\\u0026b\\u003e"\n            ],\n            "image": "nginx:1.25",\n            "imagePullPolicy": "Always",\n            "name": "nginx"\n        }\n    ]\n]\n');
});
