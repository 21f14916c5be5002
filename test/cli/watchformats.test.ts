// get -w with -o name|yaml|json|jsonpath and --output-watch-events (shapes recorded from kubectl v1.32
// against kubesim serve), --request-timeout ending a realtime watch, and get --raw answered by the
// API server's own router.
import test from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster, tempHome } from './helpers.js';

const CMS = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {k: v}\n';

function setup(): string {
  const home = pinnedCluster();
  ok(ks(home, ['apply', '-f', '-'], CMS));
  return home;
}

test('get -w -o name / jsonpath: one line per object, with or without events', () => {
  const home = setup();
  assert.deepEqual(ks(home, ['get', 'cm', '-w', '-o', 'name']), { stdout: 'configmap/a\nconfigmap/b\nconfigmap/kube-root-ca.crt\n', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['get', 'cm', '-w', '-o', 'name', '--output-watch-events']), { stdout: 'configmap/a\nconfigmap/b\nconfigmap/kube-root-ca.crt\n', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['get', 'cm', '-w', '-o', 'jsonpath={.metadata.name}{"\\n"}']), { stdout: 'a\nb\nkube-root-ca.crt\n', stderr: '', code: 0 });
});

test('get -w -o yaml: documents separated by ---; with events each is {object, type} and keeps managedFields', () => {
  const home = setup();
  const r = ks(home, ['get', 'cm', '-w', '-o', 'yaml']);
  assert.equal(r.code, 0);
  assert.deepEqual(r.stdout.split('\n').filter((l) => /^[a-z-]/.test(l)), ['apiVersion: v1', 'data:', 'kind: ConfigMap', 'metadata:', '---', 'apiVersion: v1', 'data:', 'kind: ConfigMap', 'metadata:', '---', 'apiVersion: v1', 'data:', 'kind: ConfigMap', 'metadata:']);
  assert.doesNotMatch(r.stdout, /managedFields/);
  const e = ks(home, ['get', 'cm', 'a', '-w', '-o', 'yaml', '--output-watch-events']);
  assert.equal(e.code, 0);
  assert.deepEqual(e.stdout.split('\n').filter((l) => /^[a-z-]/.test(l)), ['object:', 'type: ADDED']);
  assert.match(e.stdout, /^ {4}managedFields:$/m);
  assert.match(e.stdout, /^ {6}manager: kubectl-client-side-apply$/m);
});

test('get -w -o json: indented objects; with events one compact {"type","object"} line each', () => {
  const home = setup();
  const r = ks(home, ['get', 'cm', 'a', '-w', '-o', 'json']);
  assert.equal(r.code, 0);
  assert.equal(JSON.parse(r.stdout).metadata.name, 'a');
  assert.match(r.stdout, /^ {4}"kind": "ConfigMap",$/m);
  const e = ks(home, ['get', 'cm', '-w', '-o', 'json', '--output-watch-events']);
  const lines = e.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 3);
  for (const l of lines) assert.match(l, /^\{"type":"ADDED","object":\{"apiVersion":"v1","data":/);
  assert.equal(JSON.parse(lines[1]).object.metadata.managedFields[0].manager, 'kubectl-client-side-apply');
});

test('get -w --output-watch-events: the EVENT column; MODIFIED and DELETED as the objects change', () => {
  const home = setup();
  assert.deepEqual(ks(home, ['get', 'cm', '-w', '--output-watch-events', '--field-selector', 'metadata.name!=kube-root-ca.crt']), {
    stdout: 'EVENT      NAME   DATA   AGE\nADDED      a      1      0s\nADDED      b      1      0s\n', stderr: '', code: 0,
  });
  ok(ks(home, ['create', 'deployment', 'web', '--image=nginx']));
  const r = ks(home, ['get', 'pods', '-w', '--output-watch-events', '--timeout=5s']);
  assert.equal(r.code, 0);
  const rows = r.stdout.trimEnd().split('\n').map((l) => l.split(/\s+/));
  assert.deepEqual(rows.map((c) => [c[0], c[3]]), [['EVENT', 'STATUS'], ['ADDED', 'ContainerCreating'], ['MODIFIED', 'Running']]);
});

test('get -w: flag errors as kubectl words them', () => {
  const home = setup();
  assert.deepEqual(ks(home, ['get', 'cm', '--output-watch-events']), { stdout: '', stderr: 'error: --output-watch-events option can only be used with --watch or --watch-only\n', code: 1 });
  assert.deepEqual(ks(home, ['get', 'cm', '-w', '--request-timeout=1x']), { stdout: '', stderr: 'error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n', code: 1 });
});

test('get -w in realtime mode ends at --request-timeout', () => {
  const home = tempHome();
  const started = Date.now();
  const r = ks(home, ['get', 'ns', 'default', '-w', '--request-timeout=1s']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^NAME {6}STATUS {3}AGE\ndefault   Active   /);
  assert.ok(Date.now() - started < 15000);
});

test('get --raw: the API server\'s bytes; its errors as kubectl prints them', () => {
  const home = setup();
  const r = ks(home, ['get', '--raw', '/api/v1/namespaces/default/configmaps/a']);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^\{"kind":"ConfigMap","apiVersion":"v1","metadata":\{"name":"a","namespace":"default",/);
  assert.match(r.stdout, /\}\n$/); // the API server's encoder ends the body with a newline
  assert.deepEqual(JSON.parse(ks(home, ['get', '--raw', '/api/v1/namespaces/default/configmaps']).stdout).items.map((i: any) => i.metadata.name), ['a', 'b', 'kube-root-ca.crt']);
  assert.equal(JSON.parse(ks(home, ['get', '--raw', '/apis/apps/v1']).stdout).groupVersion, 'apps/v1');
  const cases: [string[], string][] = [
    [['--raw', '/api/v1/namespaces/default/configmaps/nope'], 'Error from server (NotFound): configmaps "nope" not found\n'],
    [['--raw', '/nope'], 'Error from server (NotFound): the server could not find the requested resource\n'],
    [['--raw', 'foo'], 'error: --raw must be a valid URL path: parse "foo": invalid URI for request\n'],
    [['pods', '--raw', '/api'], 'error: arguments may not be passed when --raw is specified\n'],
    [['--raw', '/api', '-o', 'yaml'], 'error: --raw and --output are mutually exclusive\n'],
    [['--raw', '/api', '-w'], 'error: --raw may not be specified with other flags that filter the server request or alter the output\n'],
  ];
  for (const [args, stderr] of cases) assert.deepEqual(ks(home, ['get', ...args]), { stdout: '', stderr, code: 1 }, args.join(' '));
});
