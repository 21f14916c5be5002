// `version` and `cluster-info`: kubectl v1.32.4's client text and shapes, a v1.32.5 server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, tempHome } from './helpers.js';

const home = tempHome();

test('version: client, kustomize and server lines', () => {
  assert.equal(ok(ks(home, ['version'])), 'Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.5\n');
  assert.equal(ok(ks(home, ['version', '--client'])), 'Client Version: v1.32.4\nKustomize Version: v5.5.0\n');
});

test('version -o json: field order of version.Info, two-space indent', () => {
  const out = ok(ks(home, ['version', '--client', '-o', 'json']));
  assert.deepEqual(Object.keys(JSON.parse(out)), ['clientVersion', 'kustomizeVersion']);
  assert.deepEqual(Object.keys(JSON.parse(out).clientVersion), ['major', 'minor', 'gitVersion', 'gitCommit', 'gitTreeState', 'buildDate', 'goVersion', 'compiler', 'platform']);
  assert.match(out, /^\{\n  "clientVersion": \{\n    "major": "1",\n    "minor": "32",\n    "gitVersion": "v1.32.4",\n/);
  const full = JSON.parse(ok(ks(home, ['version', '-o', 'json'])));
  assert.equal(full.serverVersion.gitVersion, 'v1.32.5');
  assert.equal(full.serverVersion.platform, 'linux/amd64');
});

test('version -o yaml: sorted keys', () => {
  const out = ok(ks(home, ['version', '--client', '-o', 'yaml']));
  assert.match(out, /^clientVersion:\n  buildDate: "[^"]+"\n  compiler: gc\n  gitCommit: [0-9a-f]{40}\n  gitTreeState: clean\n  gitVersion: v1.32.4\n  goVersion: go[\d.]+\n  major: "1"\n  minor: "32"\n  platform: linux\/amd64\nkustomizeVersion: v5.5.0\n$/);
});

test('version errors', () => {
  assert.deepEqual(ks(home, ['version', '-o', 'xx']), { stdout: '', stderr: "error: --output must be 'yaml' or 'json'\n", code: 1 });
  assert.deepEqual(ks(home, ['version', 'foo']), { stdout: '', stderr: 'error: extra arguments: [foo]\n', code: 1 });
});

test('cluster-info: the control plane and the dump hint (no colour off a terminal)', () => {
  assert.equal(ok(ks(home, ['cluster-info'])),
    'Kubernetes control plane is running at https://127.0.0.1:6443\n\n' +
    "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
});

test('cluster-info dump: nodes, then each namespace\'s lists as JSON', () => {
  const out = ok(ks(home, ['cluster-info', 'dump']));
  const kinds = [...out.matchAll(/^    "kind": "(\w+)",?$/gm)].map((m) => m[1]);
  const perNs = ['EventList', 'ReplicationControllerList', 'ServiceList', 'DaemonSetList', 'DeploymentList', 'ReplicaSetList', 'PodList'];
  assert.deepEqual(kinds, ['NodeList', ...perNs, ...perNs]);
});

test('cluster-info dump --output-directory: one file per list, a logs file per pod', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const h = tempHome();
  ok(ks(h, ['create', 'deployment', 'web', '--image=nginx']));
  const dir = path.join(h, 'dump');
  assert.equal(ok(ks(h, ['cluster-info', 'dump', '--output-directory', dir])), `Cluster info dumped to ${dir}\n`);
  const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
  const files = walk(dir).sort();
  const lists = ['daemonsets.json', 'deployments.json', 'events.json', 'pods.json', 'replicasets.json', 'replication-controllers.json', 'services.json'];
  const pod = files.find((f) => f.startsWith('default/web-'))!.split('/')[1];
  assert.deepEqual(files, [...lists.map((f) => `default/${f}`), `default/${pod}/logs.txt`, ...lists.map((f) => `kube-system/${f}`), 'nodes.json'].sort());
  assert.equal(fs.readFileSync(path.join(dir, 'default', pod, 'logs.txt'), 'utf8'),
    `==== START logs for container nginx of pod default/${pod} ====\n==== END logs for container nginx of pod default/${pod} ====\n`);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'default', 'deployments.json'), 'utf8')).items[0].metadata.name, 'web');
});

test('cluster-info on a terminal: green names, yellow addresses (go-colortext sequences)', async () => {
  const { spawnSync } = await import('node:child_process');
  const { BIN, ROOT, env } = await import('./helpers.js');
  const r = spawnSync(BIN, ['cluster-info'], { env: { ...env(home), FORCE_COLOR: '1' }, cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.stdout, '\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://127.0.0.1:6443\x1b[0m\n\n' +
    "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
});

test('cluster-info dump: every object printer, kubectl\'s list of them on a bad -o', () => {
  assert.equal(ok(ks(home, ['cluster-info', 'dump', '--namespaces=default', '-o', 'jsonpath={.kind} '])),
    'NodeList EventList ReplicationControllerList ServiceList DaemonSetList DeploymentList ReplicaSetList PodList ');
  assert.deepEqual(ks(home, ['cluster-info', 'dump', '-o', 'wide']), { stdout: '', stderr: 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n', code: 1 });
});
