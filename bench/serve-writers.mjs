// N concurrent CLI writers on a cluster that `kubesim serve` serves: through the server (the CLI is its
// client) and, for comparison in the same run, on the file under its lock (KUBESIM_NO_FORWARD=1); and
// N `kubesim version --client` (no cluster at all): the floor that process start-up alone sets on this
// machine. Usage: node bench/serve-writers.mjs [N=50]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'kubesim');
const N = Number(process.argv[2] ?? 50);
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-bench-'));
const env = { ...process.env, KUBESIM_HOME: home };
const proc = spawn(BIN, ['serve', '--port', '0', '--no-auth'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => proc.stdout.on('data', (d) => { if (/Starting to serve/.test(String(d))) resolve(); }));

async function wave(label, args, extraEnv = {}) {
  const times = [];
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: N }, (_, i) => new Promise((resolve) => {
    const t = performance.now();
    const p = spawn(BIN, args(i), { env: { ...env, ...extraEnv }, stdio: 'ignore' });
    p.on('close', (code) => { times.push(performance.now() - t); if (code) failed++; resolve(); });
  })));
  times.sort((a, b) => a - b);
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`${label}: ${N} concurrent, median ${s(times[N >> 1])}, max ${s(times[N - 1])}, failed ${failed}, all done in ${s(performance.now() - t0)}`);
}

await wave('through the server', (i) => ['create', 'configmap', `s${i}`, '--from-literal=k=v']);
await wave('on the file (lock)', (i) => ['create', 'configmap', `f${i}`, '--from-literal=k=v'], { KUBESIM_NO_FORWARD: '1' });
await wave('version --client  ', () => ['version', '--client']);
proc.kill('SIGTERM');
