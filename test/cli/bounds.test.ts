// Input and simulation bounds (issue: hardening): go-yaml's and encoding/json's limits with their
// messages, YAML 1.1 floats as go-yaml reads them, kubesim's pod bound, and signals that end a
// command at once without changing the state.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { BIN, env, ks, manualCluster, ok, ROOT, stateFile, tempHome } from './helpers.js';
import fs from 'node:fs';

const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (const [i, c] of [...'bcdefghi'].entries()) {
  const prev = String.fromCharCode('a'.charCodeAt(0) + i);
  laughs.push(`${c}: &${c} [${Array(9).fill(`*${prev}`).join(',')}]`);
}
const BOMB = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n${laughs.join('\n')}\n`;

const CASES: [string, string, string][] = [
  ['an alias bomb', BOMB, 'error: error parsing STDIN: error converting YAML to JSON: yaml: document contains excessive aliasing\n'],
  ['a self-referencing alias', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\ndata: &a\n  x: *a\n',
    "error: error parsing STDIN: error converting YAML to JSON: yaml: anchor 'a' value contains itself\n"],
  ['YAML nested 10,001 deep', `a: ${'['.repeat(10001)}${']'.repeat(10001)}\n`,
    'error: error parsing STDIN: error converting YAML to JSON: yaml: exceeded max depth of 10000\n'],
  ['JSON nested 10,001 deep', `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${'['.repeat(10001)}${']'.repeat(10001)}}`,
    "error: error parsing STDIN: json: offset 10072: invalid character '[' exceeded max depth\n"],
  ['metadata that is a string', 'apiVersion: v1\nkind: ConfigMap\nmetadata: abc\n',
    'error: unable to decode "STDIN": json: cannot unmarshal string into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta\n'],
  ['metadata that is a list', 'apiVersion: v1\nkind: ConfigMap\nmetadata: [1]\n',
    'error: unable to decode "STDIN": json: cannot unmarshal array into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta\n'],
];

for (const [what, input, stderr] of CASES) {
  test(`apply of ${what} is refused with kubectl's message, quickly, and writes nothing`, () => {
    const home = tempHome();
    manualCluster(home);
    const before = fs.readFileSync(stateFile(home), 'utf8');
    const t0 = Date.now();
    const r = ks(home, ['apply', '-f', '-'], input);
    assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`); // it hung for minutes before; seconds only under load
    assert.equal(r.stderr, stderr);
    assert.equal(r.code, 1);
    assert.equal(fs.readFileSync(stateFile(home), 'utf8'), before);
  });
}

test('JSON nested 9,999 deep decodes (encoding/json allows 10,000 levels): the API server judges it', () => {
  const home = tempHome();
  manualCluster(home);
  const r = ks(home, ['apply', '-f', '-'], `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"x":${'['.repeat(9998)}${']'.repeat(9998)}}`);
  assert.equal(r.stderr, 'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "x"\n');
});

test('YAML scalars are go-yaml v2 floats only where it reads floats: e1 and . stay strings', () => {
  const home = tempHome();
  manualCluster(home);
  ok(ks(home, ['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: f\ndata:\n  a: e1\n  b: .\n  c: "1e3"\n'));
  assert.equal(ok(ks(home, ['get', 'cm', 'f', '-o', 'jsonpath={.data}'])), '{"a":"e1","b":".","c":"1e3"}');
  const r = ks(home, ['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: g\ndata:\n  a: 1_000.5\n');
  assert.equal(r.stderr, 'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string\n');
});

test('a cluster holds at most KUBESIM_MAX_PODS pods: a runaway scale ends in FailedCreate events at once', () => {
  const home = tempHome();
  manualCluster(home);
  const run = (args: string[]) => spawnSync(BIN, args, { env: { ...env(home), KUBESIM_MAX_PODS: '5' }, cwd: ROOT, encoding: 'utf8' });
  const t0 = Date.now();
  const r = run(['create', 'deployment', 'big', '--image=nginx', '--replicas=1000000000']);
  assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
  assert.equal(r.stdout, 'deployment.apps/big created\n');
  assert.equal(ok(ks(home, ['get', 'pods', '--no-headers', '-o', 'name'])).split('\n').filter(Boolean).length, 5);
  const cond = JSON.parse(ok(ks(home, ['get', 'rs', '-o', 'jsonpath={.items[0].status.conditions[0]}'])));
  assert.equal(cond.type, 'ReplicaFailure');
  assert.equal(cond.reason, 'FailedCreate');
  assert.match(cond.message, /^pods "big-[a-z0-9]+-[a-z0-9]{5}" is forbidden: kubesim: the cluster already holds 5 pods, its limit \(KUBESIM_MAX_PODS\)$/);
  assert.match(ok(ks(home, ['get', 'events'])), /Warning   FailedCreate +replicaset\/big-[a-z0-9]+ +Error creating: pods "big-/);
});

test('SIGTERM ends a computing command at once; the state is as before and the next write succeeds', async () => {
  const home = tempHome();
  manualCluster(home);
  ok(ks(home, ['create', 'deployment', 'big', '--image=nginx', '--replicas=3']));
  const before = fs.readFileSync(stateFile(home), 'utf8');
  const p = spawn(BIN, ['scale', 'deploy', 'big', '--replicas=30000'], { env: env(home), cwd: ROOT });
  let stdout = '';
  p.stdout.on('data', (d) => (stdout += d));
  await new Promise((r) => setTimeout(r, 600));
  const t0 = Date.now();
  p.kill('SIGTERM');
  const signal = await new Promise((r) => p.on('close', (_c, s) => r(s)));
  assert.ok(Date.now() - t0 < 1000, `exited ${Date.now() - t0} ms after SIGTERM`);
  assert.equal(signal, 'SIGTERM');
  assert.equal(stdout, '');
  assert.equal(fs.readFileSync(stateFile(home), 'utf8'), before);
  const t1 = Date.now();
  assert.equal(ok(ks(home, ['label', 'deploy', 'big', 'a=b'])), 'deployment.apps/big labeled\n');
  assert.ok(Date.now() - t1 < 1000);
});

test('clock set-mode realtime --speed takes decimal numbers in (0, 1e6] only', () => {
  const home = tempHome();
  manualCluster(home);
  const before = fs.readFileSync(stateFile(home), 'utf8');
  for (const v of ['abc', '-1', '0', 'NaN', '1e309', '0x10', '', ' ', '1e7', '🚀']) {
    const r = ks(home, ['clock', 'set-mode', 'realtime', '--speed', v]);
    assert.equal(r.stderr, `error: --speed must be a positive number no larger than 1000000, got "${v}"\n`, v);
    assert.equal(r.code, 1);
  }
  assert.equal(fs.readFileSync(stateFile(home), 'utf8'), before);
});
