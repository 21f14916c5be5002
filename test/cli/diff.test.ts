// kubectl diff -f end to end: the unified diff of the LIVE and MERGED directories (temp paths and
// file times sanitised), exit 0/1 for no differences/differences and >1 for errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, ks, pinnedCluster, stateFile, webDeployment } from './helpers.js';

const HAVE_DIFF = spawnSync('diff', ['--version']).status === 0;
const skip = HAVE_DIFF ? false : 'the system diff program is not installed';

const DEP = webDeployment;

/** Temp directory names and the file times of the ---/+++ lines vary from run to run. */
function sanitise(s: string): string {
  return s.replace(/\S*\/(LIVE|MERGED)-[A-Za-z0-9]+/g, '/tmp/$1-XXXX').replace(/^(---|\+\+\+) (\S+)\t.*$/gm, '$1 $2\tTIME');
}

function setup(): { home: string; file: (name: string, text: string) => string } {
  const home = pinnedCluster();
  const file = (name: string, text: string) => { const p = path.join(home, name); fs.writeFileSync(p, text); return p; };
  return { home, file };
}

test('diff: no change is exit 0 with no output', { skip }, () => {
  const { home, file } = setup();
  const f = file('a.yaml', DEP('nginx:1.25'));
  assert.equal(ks(home, ['apply', '-f', f]).code, 0);
  assert.deepEqual(ks(home, ['diff', '-f', f]), { stdout: '', stderr: '', code: 0 });
});

test('diff: an image change is the unified diff with the generation bump, exit 1, nothing stored', { skip }, () => {
  const { home, file } = setup();
  assert.equal(ks(home, ['apply', '-f', file('a.yaml', DEP('nginx:1.25'))]).code, 0);
  const before = fs.readFileSync(stateFile(home));
  const r = ks(home, ['diff', '-f', file('b.yaml', DEP('nginx:1.26'))]);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 1);
  const la = (img: string) => `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"${img}","name":"nginx"}]}}}}`;
  assert.deepEqual(sanitise(r.stdout).split('\n'), [
    'diff -u -N /tmp/LIVE-XXXX/apps.v1.Deployment.default.web /tmp/MERGED-XXXX/apps.v1.Deployment.default.web',
    '--- /tmp/LIVE-XXXX/apps.v1.Deployment.default.web\tTIME',
    '+++ /tmp/MERGED-XXXX/apps.v1.Deployment.default.web\tTIME',
    '@@ -4,9 +4,9 @@',
    '   annotations:',
    '     deployment.kubernetes.io/revision: "1"',
    '     kubectl.kubernetes.io/last-applied-configuration: |',
    `-      ${la('nginx:1.25')}`,
    `+      ${la('nginx:1.26')}`,
    '   creationTimestamp: "2030-01-01T00:00:00Z"',
    '-  generation: 1',
    '+  generation: 2',
    '   name: web',
    '   namespace: default',
    '   resourceVersion: "' + r.stdout.match(/resourceVersion: "(\d+)"/)![1] + '"',
    '@@ -30,7 +30,7 @@',
    '         app: web',
    '     spec:',
    '       containers:',
    '-      - image: nginx:1.25',
    '+      - image: nginx:1.26',
    '         imagePullPolicy: IfNotPresent',
    '         name: nginx',
    '         resources: {}',
    '',
  ]);
  assert.ok(fs.readFileSync(stateFile(home)).equals(before), 'state file changed');
});

test('diff: a new object is diffed against an empty LIVE file', { skip }, () => {
  const { home, file } = setup();
  const f = file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\n');
  const r = ks(home, ['diff', '-f', f]);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 1);
  const lines = sanitise(r.stdout).replace(/uid: \S+/, 'uid: UID').split('\n');
  assert.deepEqual(lines, [
    'diff -u -N /tmp/LIVE-XXXX/v1.ConfigMap.default.cfg /tmp/MERGED-XXXX/v1.ConfigMap.default.cfg',
    '--- /tmp/LIVE-XXXX/v1.ConfigMap.default.cfg\tTIME',
    '+++ /tmp/MERGED-XXXX/v1.ConfigMap.default.cfg\tTIME',
    '@@ -0,0 +1,12 @@',
    '+apiVersion: v1',
    '+data:',
    '+  a: "1"',
    '+kind: ConfigMap',
    '+metadata:',
    '+  annotations:',
    '+    kubectl.kubernetes.io/last-applied-configuration: |',
    '+      {"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"cfg","namespace":"default"}}',
    '+  creationTimestamp: "2030-01-01T00:00:00Z"',
    '+  name: cfg',
    '+  namespace: default',
    '+  uid: UID',
    '',
  ]);
  assert.equal(ks(home, ['get', 'configmap', 'cfg']).code, 1, 'nothing created');
});

test('diff: a Secret\'s values are masked', { skip }, () => {
  const { home, file } = setup();
  const sec = (v: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  same: YQ==\n  changed: ${v}\n`;
  assert.equal(ks(home, ['apply', '-f', file('a.yaml', sec('Yg=='))]).code, 0);
  const r = ks(home, ['diff', '-f', file('b.yaml', sec('Yw=='))]);
  assert.equal(r.code, 1);
  const body = sanitise(r.stdout).split('\n').filter((l) => /^[-+] /.test(l) || /\*\*\*/.test(l));
  assert.deepEqual(body.slice(0, 3), ['-  changed: \'*** (before)\'', '+  changed: \'*** (after)\'', '   same: \'***\'']);
});

test('diff: errors exit 2; KUBECTL_EXTERNAL_DIFF runs on the two directories', { skip }, () => {
  const { home, file } = setup();
  assert.deepEqual(ks(home, ['diff', '-f', path.join(home, 'missing.yaml')]),
    { stdout: '', stderr: `error: the path "${path.join(home, 'missing.yaml')}" does not exist\n`, code: 2 });
  const bad = file('bad.yaml', 'apiVersion: v1\nkind: Nope\nmetadata:\n  name: x\n');
  const r = ks(home, ['diff', '-f', bad]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(ks(home, ['diff']).code, 2);
  const f = file('a.yaml', DEP('nginx:1.25'));
  const env = { ...process.env, KUBESIM_HOME: home, NO_COLOR: '1', KUBECTL_EXTERNAL_DIFF: 'ls -1' };
  const e = spawnSync(BIN, ['diff', '-f', f], { env, encoding: 'utf8' });
  assert.equal(e.status, 0);
  assert.equal(sanitise(e.stdout), '/tmp/LIVE-XXXX:\napps.v1.Deployment.default.web\n\n/tmp/MERGED-XXXX:\napps.v1.Deployment.default.web\n');
});

test('diff -l: only the manifests whose labels match are diffed', { skip }, () => {
  const { home, file } = setup();
  const cm = (name: string, tier: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels:\n    tier: ${tier}\n`;
  const f = file('cms.yaml', `${cm('one', 'a')}---\n${cm('two', 'b')}`);
  const r = ks(home, ['diff', '-f', f, '-l', 'tier=b']);
  assert.equal(r.code, 1);
  assert.deepEqual(sanitise(r.stdout).split('\n').filter((l) => l.startsWith('diff ')), ['diff -u -N /tmp/LIVE-XXXX/v1.ConfigMap.default.two /tmp/MERGED-XXXX/v1.ConfigMap.default.two']);
  assert.deepEqual(ks(home, ['diff', '-f', f, '-l', 'tier=c']), { stdout: '', stderr: '', code: 0 });
});
