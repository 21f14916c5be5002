// The state file under concurrency and crashes: the lock serialises writers, writes are atomic,
// a corrupt file is reported and never overwritten.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, ROOT, env, ks, ksAsync, manualCluster, stateFile, tempHome } from './helpers.js';

const MANIFEST = path.join(ROOT, 'manifests', 'nginx-deployment.yaml');

test('20 concurrent label commands all land', async () => {
  const home = tempHome();
  manualCluster(home);
  assert.equal(ks(home, ['apply', '-f', MANIFEST]).code, 0);
  const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => ksAsync(home, ['label', 'deployment', 'nginx-deployment', `l${i}=v${i}`])));
  for (const r of runs) {
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^deployment\.apps\/nginx-deployment labeled\n$/);
  }
  const st = JSON.parse(fs.readFileSync(stateFile(home), 'utf8'));
  const labels = st.objects.deployments['default/nginx-deployment'].metadata.labels;
  for (let i = 0; i < 20; i++) assert.equal(labels[`l${i}`], `v${i}`);
  assert.equal(labels.app, 'nginx');
});

test('a writer killed with SIGKILL never leaves a half-written file', async () => {
  const home = tempHome();
  manualCluster(home);
  assert.equal(ks(home, ['apply', '-f', MANIFEST]).code, 0);
  for (let i = 0; i < 12; i++) {
    const p = spawn(BIN, ['scale', 'deployment/nginx-deployment', `--replicas=${(i % 5) + 1}`], { env: env(home), stdio: 'ignore' });
    // listen before killing: a fast writer may finish before the kill lands
    const closed = new Promise((r) => p.on('close', r));
    await new Promise((r) => setTimeout(r, 20 + ((i * 37) % 120)));
    p.kill('SIGKILL');
    await closed;
    const text = fs.readFileSync(stateFile(home), 'utf8');
    assert.doesNotThrow(() => JSON.parse(text), `iteration ${i}: state file does not parse`);
  }
  // and the cluster still works afterwards (a lock left by a killed process is recovered)
  const r = ks(home, ['scale', 'deployment/nginx-deployment', '--replicas=2']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'deployment.apps/nginx-deployment scaled\n');
});

test('a corrupt state file is reported, named, and left untouched', () => {
  const home = tempHome();
  manualCluster(home);
  const file = stateFile(home);
  fs.writeFileSync(file, '{"schemaVersion": 1, "objects": {');
  const before = fs.readFileSync(file);
  for (const args of [['get', 'deployments'], ['apply', '-f', MANIFEST]]) {
    const r = ks(home, args);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.ok(r.stderr.startsWith(`error: the state file ${file} is corrupt`), r.stderr);
    assert.match(r.stderr, /kubesim cluster reset default/);
    assert.doesNotMatch(r.stderr, /\n\s+at /); // no stack trace
  }
  assert.deepEqual(fs.readFileSync(file), before);
  const reset = ks(home, ['cluster', 'reset']);
  assert.equal(reset.code, 0);
  assert.equal(ks(home, ['get', 'deployments']).stderr, 'No resources found in default namespace.\n');
});

test('a state file from a newer kubesim is refused', () => {
  const home = tempHome();
  manualCluster(home);
  const file = stateFile(home);
  const st = JSON.parse(fs.readFileSync(file, 'utf8'));
  st.schemaVersion = 99;
  fs.writeFileSync(file, JSON.stringify(st));
  const r = ks(home, ['get', 'pods']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /written by a newer kubesim \(schema 99/);
});
