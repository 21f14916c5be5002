import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseManifestText, readManifests, unknownFields, strictDecodingMessage, UserError } from '../../src/api/decode.js';
import { FIXTURES, fixture } from './helpers.js';

function parseErr(text: string, source = 'x.yaml', opts = {}): string {
  try { parseManifestText(text, source, opts); } catch (e) { if (e instanceof UserError) return e.message; throw e; }
  return '';
}

test('go-yaml error wording and line numbers (checked against kubectl v1.32)', () => {
  const want: Record<string, string> = {
    mv: 'yaml: line 6: mapping values are not allowed in this context',
    badtok: 'yaml: line 6: found character that cannot start any token',
    indent: 'yaml: line 4: did not find expected key',
    unterminated: 'yaml: line 7: found unexpected end of stream',
    flow: "yaml: line 5: did not find expected ',' or '}'",
    tab: 'yaml: line 6: found character that cannot start any token',
    seqmap: "yaml: line 6: did not find expected '-' indicator",
    flowseq: "yaml: line 6: did not find expected ',' or ']'",
    noColon: 'yaml: line 7: mapping values are not allowed in this context',
  };
  for (const [f, msg] of Object.entries(want)) {
    assert.equal(parseErr(fixture(`bad-yaml/${f}.yaml`), `${f}.yaml`), `error parsing ${f}.yaml: error converting YAML to JSON: ${msg}`, f);
  }
  assert.equal(parseErr(fixture('manifests/syntax-error.yaml'), 'syntax-error.yaml'),
    'error parsing syntax-error.yaml: error converting YAML to JSON: yaml: line 17: did not find expected key');
});

test('go-yaml: misindented value after a plain scalar, tabs, errors on the first line (kubectl v1.32)', () => {
  const cases: [string, string][] = [
    ['apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n   labels: {}\n', 'yaml: line 5: mapping values are not allowed in this context'],
    ['a: b: c\n', 'yaml: mapping values are not allowed in this context'],
    ['a:\n  b: x\n    c: d\n', 'yaml: line 3: mapping values are not allowed in this context'],
    ['x:\n\tb: 1\n', 'yaml: line 2: found character that cannot start any token'],
    ['x: 1\n\tb: 1\n', 'yaml: line 2: found a tab character that violates indentation'],
    ['x:\n  - a\n\t- b\n', 'yaml: line 3: found a tab character that violates indentation'],
    ['x: "q"\n\tb: 1\n', 'yaml: line 2: found character that cannot start any token'],
    ['\tb: 1\n', 'yaml: found character that cannot start any token'],
  ];
  for (const [text, msg] of cases) assert.equal(parseErr(text, 't.yaml'), `error parsing t.yaml: error converting YAML to JSON: ${msg}`, text);
});

test('YAML 1.1 scalars like go-yaml v2 (kubectl label --local -o json)', () => {
  const [cm] = parseManifestText('kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\ndata:\n  a: yes\n  b: 0644\n  c: on\n  d: y\n  e: 1_000\n  f: 2001-12-14\n  g: 1:20\n  h: 0x1F\n  j: ~\n  k: 1e3\n  l: 0o17\n  m: +12\n  n: 012.5\n', 'b.yaml');
  assert.deepEqual(cm.data, { a: true, b: 420, c: true, d: true, e: 1000, f: '2001-12-14', false: 12.5, g: '1:20', h: 31, j: null, k: 1000, l: 15, m: 12 });
  // duplicate keys: the last wins
  const [d] = parseManifestText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: z\n', 'd.yaml');
  assert.equal(d.metadata!.name, 'z');
  assert.match(parseErr('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  i: .inf\n', 'i.yaml'), /json: unsupported value: \+Inf$/);
});

test('documents, JSON streams and lists', () => {
  const objs = parseManifestText('---\n---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: l1\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: l2\n', 'm.yaml');
  assert.deepEqual(objs.map((o) => o.metadata!.name), ['e', 'l1', 'l2']);
  const js = parseManifestText('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j"}}\n{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "k"}}', 'two.json');
  assert.deepEqual(js.map((o) => o.metadata!.name), ['j', 'k']);
  assert.equal(parseManifestText('', 'empty.yaml').length, 0);
});

test('JSON syntax errors like encoding/json', () => {
  assert.equal(parseErr('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, }', 'bad.json'),
    "error parsing bad.json: json: offset 70: invalid character '}' looking for beginning of object key string");
  assert.equal(parseErr('{"a": 1,\n "b": [1,2,]}', 'b2.json'), "error parsing b2.json: json: offset 21: invalid character ']' looking for beginning of value");
  assert.equal(parseErr('{"a": 1 "b": 2}', 'b3.json'), `error parsing b3.json: json: offset 9: invalid character '"' after object key:value pair`);
  assert.equal(parseErr('{"a": 1', 'b4.json'), 'error parsing b4.json: unexpected EOF');
  assert.equal(parseErr('{"a" 1}', 'b5.json'), "error parsing b5.json: json: offset 6: invalid character '1' after object key");
  assert.equal(parseErr('{"a": tru}', 'b6.json'), "error parsing b6.json: json: offset 10: invalid character '}' in literal true (expecting 'e')");
});

test('missing apiVersion / kind', () => {
  assert.equal(parseErr('kind: ConfigMap\nmetadata:\n  name: x\n', 'noapi.yaml'),
    'error validating "noapi.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false');
  assert.equal(parseErr('apiVersion: v1\nmetadata:\n  name: x\n', 'nokind.yaml'),
    'error validating "nokind.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false');
  assert.equal(parseErr('metadata:\n  name: x\n', 'neither.yaml'),
    'error validating "neither.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false');
  assert.equal(parseErr('hello\n', 'scalar.yaml'),
    'error validating "scalar.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false');
  assert.equal(parseErr('metadata:\n  name: x\napiVersion: v1\n', 'nk2.yaml', { validate: false }),
    `unable to decode "nk2.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'`);
  assert.equal(parseErr('hello\n', 'scalar.yaml', { validate: false }),
    'unable to decode "scalar.yaml": json: cannot unmarshal string into Go value of type unstructured.detector');
});

test('readManifests: files, directories, stdin, missing paths', () => {
  process.chdir(join(FIXTURES, 'manifests'));
  const dir = readManifests(['v-dir']);
  assert.deepEqual(dir.map((s) => s.source), ['v-dir/a-deployment.yaml', 'v-dir/b-configmap.yaml']);
  assert.deepEqual(dir.flatMap((s) => s.objects.map((o) => `${o.kind}/${o.metadata!.name}`)), ['Deployment/dir-a', 'ConfigMap/dir-b']);
  const multi = readManifests(['v-multi-doc.yaml']);
  assert.deepEqual(multi[0].objects.map((o) => o.kind), ['Deployment', 'Service']);
  const stdin = readManifests(['-'], { stdin: () => 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\n' });
  assert.equal(stdin[0].source, 'STDIN');
  assert.throws(() => readManifests(['does-not-exist.yaml']), (e: any) => e instanceof UserError && e.message === 'the path "does-not-exist.yaml" does not exist');
});

test('unknownFields: strict decoding paths in the server order', () => {
  process.chdir(join(FIXTURES, 'manifests'));
  const [d] = readManifests(['unknown-field.yaml'])[0].objects;
  assert.deepEqual(unknownFields(d), ['spec.replicaz']);
  assert.equal(strictDecodingMessage(d), 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicaz"');
  const obj = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', labelz: {} },
    spec: { replicas: 1, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', imagez: 'x', ports: [{ containerPort: 1, hostPortz: 2 }] }], volumes: [{ name: 'v', configMap: { name: 'c', itemz: [] } }] } } },
  };
  assert.deepEqual(unknownFields(obj), ['metadata.labelz', 'spec.template.spec.containers[0].imagez', 'spec.template.spec.containers[0].ports[0].hostPortz', 'spec.template.spec.volumes[0].configMap.itemz']);
  assert.equal(strictDecodingMessage(obj)!.endsWith('strict decoding error: unknown field "metadata.labelz", unknown field "spec.template.spec.containers[0].imagez", unknown field "spec.template.spec.containers[0].ports[0].hostPortz", unknown field "spec.template.spec.volumes[0].configMap.itemz"'), true);
  assert.deepEqual(unknownFields({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPortt: 1 }] } }), ['spec.ports[0].targetPortt']);
});
