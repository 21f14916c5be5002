// kubectl apply view-last-applied | set-last-applied | edit-last-applied end to end (outputs recorded
// from kubectl v1.32 against kubesim serve).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, env, ks, ok, pinnedCluster, stateFile, ROOT } from './helpers.js';

const cm = (name: string, value = 'v', labels = '  labels: {app: x}\n') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${labels}data: {k: ${value}}\n`;

const yamlOf = (name: string, value = 'v') => `apiVersion: v1\ndata:\n  k: ${value}\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  labels:\n    app: x\n  name: ${name}\n  namespace: default\n`;

const NO_RESOURCES = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

function setup(): { home: string; file: (name: string, text: string) => string } {
  const home = pinnedCluster();
  const file = (name: string, text: string) => { const p = path.join(home, name); fs.writeFileSync(p, text); return p; };
  ok(ks(home, ['apply', '-f', file('ab.yaml', cm('a') + '---\n' + cm('b'))]));
  return { home, file };
}

test('view-last-applied: YAML by default, JSON indented, by name, type, -l, --all and -f; objects without it are skipped', () => {
  const { home, file } = setup();
  assert.deepEqual(ks(home, ['apply', 'view-last-applied', 'cm/a']), { stdout: yamlOf('a'), stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['apply', 'view-last-applied', 'cm', 'a', '-o', 'json']), {
    stdout: '{\n  "apiVersion": "v1",\n  "data": {\n    "k": "v"\n  },\n  "kind": "ConfigMap",\n  "metadata": {\n    "annotations": {},\n    "labels": {\n      "app": "x"\n    },\n    "name": "a",\n    "namespace": "default"\n  }\n}\n',
    stderr: '', code: 0,
  });
  assert.deepEqual(ks(home, ['apply', 'view-last-applied', 'cm', 'a', 'b']), { stdout: yamlOf('a') + yamlOf('b'), stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['apply', 'view-last-applied', 'cm', '--all']), { stdout: yamlOf('a') + yamlOf('b'), stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['apply', 'view-last-applied', 'cm', '-l', 'app=x']), { stdout: yamlOf('a') + yamlOf('b'), stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['apply', 'view-last-applied', '-f', file('b.yaml', cm('b'))]), { stdout: yamlOf('b'), stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['apply', 'view-last-applied', 'cm/kube-root-ca.crt']), { stdout: '', stderr: '', code: 0 });
});

test('view-last-applied: kubectl\'s errors, nothing printed', () => {
  const { home, file } = setup();
  const cases: [string[], string][] = [
    [['cm'], 'error: resource(s) were provided, but no name was specified\n'],
    [['cm/nope'], 'Error from server (NotFound): configmaps "nope" not found\n'],
    [['cm', 'a', 'nope'], 'Error from server (NotFound): configmaps "nope" not found\n'],
    [['cm/a', '-o', 'wide'], "error: Unexpected -o output mode: wide, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples\n"],
    [[], NO_RESOURCES],
    [['-f', file('r.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kube-root-ca.crt}\n')], `error: error when no last-applied-configuration annotation found on resource: kube-root-ca.crt\n "${path.join(home, 'r.yaml')}": <nil>\n`],
  ];
  for (const [args, stderr] of cases) assert.deepEqual(ks(home, ['apply', 'view-last-applied', ...args]), { stdout: '', stderr, code: 1 }, args.join(' '));
});

test('set-last-applied: the annotation becomes the file (no other change); again is "no changes required"', () => {
  const { home, file } = setup();
  const a = file('a.yaml', cm('a'));
  const before = fs.readFileSync(stateFile(home), 'utf8');
  assert.deepEqual(ks(home, ['apply', 'set-last-applied', '-f', a, '--dry-run=client']), { stdout: 'configmap/a configured (dry run)\n', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['apply', 'set-last-applied', '-f', a, '--dry-run=server']), { stdout: 'configmap/a configured (server dry run)\n', stderr: '', code: 0 });
  assert.equal(fs.readFileSync(stateFile(home), 'utf8'), before);
  assert.deepEqual(ks(home, ['apply', 'set-last-applied', '-f', a]), { stdout: 'configmap/a configured\n', stderr: '', code: 0 });
  assert.equal(ok(ks(home, ['get', 'cm', 'a', '-o', 'jsonpath={.metadata.annotations}'])),
    '{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"k\\":\\"v\\"},\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"labels\\":{\\"app\\":\\"x\\"},\\"name\\":\\"a\\",\\"namespace\\":\\"default\\"}}\\n"}');
  assert.deepEqual(ks(home, ['apply', 'set-last-applied', '-f', a]), { stdout: 'set-last-applied a: no changes required.\n', stderr: '', code: 0 });
  assert.deepEqual(ks(home, ['apply', 'set-last-applied', '-f', a, '-o', 'name']), { stdout: 'set-last-applied a: no changes required.\n', stderr: '', code: 0 });
  const w = file('w.yaml', cm('a', 'w', ''));
  assert.deepEqual(ks(home, ['apply', 'set-last-applied', '-f', w, '-o', 'name']), { stdout: 'configmap/a\n', stderr: '', code: 0 });
  assert.equal(ok(ks(home, ['get', 'cm', 'a', '-o', 'jsonpath={.data.k}'])), 'v');
  assert.equal(ok(ks(home, ['apply', 'view-last-applied', 'cm/a'])), 'apiVersion: v1\ndata:\n  k: w\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n');
});

test('set-last-applied: errors (no annotation without --create-annotation, NotFound, no -f)', () => {
  const { home, file } = setup();
  const r = file('r.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kube-root-ca.crt}\n');
  assert.deepEqual(ks(home, ['apply', 'set-last-applied', '-f', r]), { stdout: '', stderr: 'error: no last-applied-configuration annotation found on resource: kube-root-ca.crt, to create the annotation, run the command with --create-annotation\n', code: 1 });
  assert.deepEqual(ks(home, ['apply', 'set-last-applied', '-f', file('n.yaml', cm('nope'))]), { stdout: '', stderr: 'Error from server (NotFound): configmaps "nope" not found\n', code: 1 });
  assert.deepEqual(ks(home, ['apply', 'set-last-applied', 'cm/a']), { stdout: '', stderr: NO_RESOURCES, code: 1 });
  assert.deepEqual(ks(home, ['apply', 'set-last-applied', '-f', r, '--create-annotation', '-o', 'name']), { stdout: 'configmap/kube-root-ca.crt\n', stderr: '', code: 0 });
});

test('edit-last-applied: the edited configuration is stored as the annotation, the object is untouched', () => {
  const { home } = setup();
  const run = (editor: string, args: string[]) => {
    const r = spawnSync(BIN, ['apply', 'edit-last-applied', ...args], { env: { ...env(home), KUBE_EDITOR: editor }, cwd: ROOT, encoding: 'utf8' });
    return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
  };
  assert.deepEqual(run('sed -i s/k:\\ v/k:\\ w/', ['cm/a']), { stdout: 'configmap/a edited\n', stderr: '', code: 0 });
  assert.equal(ok(ks(home, ['apply', 'view-last-applied', 'cm/a'])), yamlOf('a', 'w'));
  assert.equal(ok(ks(home, ['get', 'cm', 'a', '-o', 'jsonpath={.data.k}'])), 'v');
  assert.deepEqual(run('true', ['cm/a']), { stdout: '', stderr: 'Edit cancelled, no changes made.\n', code: 0 });
  assert.deepEqual(run('true', ['cm/a', '-o', 'wide']), { stdout: '', stderr: 'error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml\n', code: 1 });
});
