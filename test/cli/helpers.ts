// Spawned-binary helpers for end-to-end CLI tests: every test gets its own KUBESIM_HOME.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = path.join(ROOT, 'bin', 'kubesim');

export interface Result { stdout: string; stderr: string; code: number }

export function tempHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-test-'));
}

export function env(home: string): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, KUBESIM_HOME: home, NO_COLOR: '1' };
  delete e.KUBESIM_CLUSTER;
  delete e.KUBECONFIG; // the user's own kubeconfig must not leak into tests
  return e;
}

export function ks(home: string, args: string[], input?: string): Result {
  const r = spawnSync(BIN, args, { env: env(home), cwd: ROOT, encoding: 'utf8', input });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

export function ksAsync(home: string, args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    const p = spawn(BIN, args, { env: env(home), cwd: ROOT });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ stdout, stderr, code: code ?? -1 }));
  });
}

export function stateFile(home: string, cluster = 'default'): string {
  return path.join(home, 'clusters', `${cluster}.json`);
}

/** A manual-clock cluster pinned to a fixed time, so outputs are byte-stable. */
export function manualCluster(home: string): void {
  const a = ks(home, ['clock', 'set-mode', 'manual']);
  if (a.code !== 0) throw new Error(a.stderr);
}

/** A manual cluster pinned at 2030-01-01T00:00:00Z (sub-second alignment decides second-truncated timestamps). */
export function pinnedCluster(): string {
  const home = tempHome();
  for (const a of [['clock', 'set-mode', 'manual'], ['clock', 'set', '2030-01-01T00:00:00Z']]) {
    const r = ks(home, a);
    assert.equal(r.code, 0, r.stderr);
  }
  return home;
}

/** The stdout of a command that must succeed quietly. */
export function ok(r: Result): string {
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  return r.stdout;
}

/** The stdout of `kubesim ARGS` in `home`, which must succeed (stderr may carry warnings). */
export function okIn(home: string, ...args: string[]): string {
  const r = ks(home, args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** The manifest of a one-container Deployment `web` (app: web) with the given image (and more of the container's fields, as YAML lines). */
export const webDeployment = (image: string, replicas = 1, containerExtra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
${containerExtra}`;

/** One command of a recorded session and what it must print. */
export interface PlayStep { args: string[]; input?: string; stdout: string; stderr?: string; code?: number }

/** What a session folds before comparing: stdout as printed (per step), stderr on both sides. */
export interface PlayFold<S> { stdout?(actual: string, step: S): string; stderr?(text: string): string }

/** Run the steps in a fresh home, asserting each one's stdout, stderr and exit code. */
export function play<S extends PlayStep>(steps: S[], fold: PlayFold<S> = {}): void {
  const home = tempHome();
  const out = fold.stdout ?? ((t: string) => t);
  const err = fold.stderr ?? ((t: string) => t);
  for (const s of steps) {
    const r = ks(home, s.args, s.input);
    const what = `kubesim ${s.args.join(' ')}`;
    assert.equal(out(r.stdout, s), s.stdout, what);
    assert.equal(err(r.stderr), err(s.stderr ?? ''), what);
    assert.equal(r.code, s.code ?? 0, what);
  }
}
