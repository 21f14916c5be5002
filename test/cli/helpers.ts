// Spawned-binary helpers for end-to-end CLI tests: every test gets its own KUBESIM_HOME.
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
