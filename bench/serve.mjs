// API load on loopback: `kubesim serve` (temp KUBESIM_HOME, --no-auth) with a 100-replica Deployment
// rolling out, and C concurrent clients listing pods for D seconds. Prints requests/s and latency
// percentiles (autocannon). Usage: node bench/serve.mjs [concurrency=16] [seconds=5]
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const C = Number(process.argv[2] ?? 16);
const SECONDS = Number(process.argv[3] ?? 5);
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-bench-'));
const proc = spawn(path.join(ROOT, 'bin', 'kubesim'), ['serve', '--port', '0', '--no-auth'], { env: { ...process.env, KUBESIM_HOME: home }, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => proc.stdout.on('data', (d) => { if (/Starting to serve/.test(String(d))) resolve(); }));
const { url } = JSON.parse(fs.readFileSync(path.join(home, 'serve', 'default.json'), 'utf8'));

const deploy = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'big' },
  spec: { replicas: 100, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.14.2' }] } } },
};
const post = (p, body, type = 'application/json', method = 'POST') => fetch(url + p, { method, headers: { 'Content-Type': type }, body: JSON.stringify(body) });
await post('/apis/apps/v1/namespaces/default/deployments', deploy);
await new Promise((r) => setTimeout(r, 3000));
// a rollout of the 100 replicas runs while the clients list
if (!process.env.BENCH_NO_ROLLOUT) await post('/apis/apps/v1/namespaces/default/deployments/big', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.16.1' }] } } } }, 'application/strategic-merge-patch+json', 'PATCH');

// autocannon drives the load (keep-alive connections, C in flight, latencies in an HDR histogram)
const path_ = process.env.BENCH_PATH ?? '/api/v1/namespaces/default/pods?limit=500';
const result = await autocannon({ url: url + path_, connections: C, duration: SECONDS });
const errors = result.errors + result.timeouts + result.non2xx;
const pods = (await (await fetch(`${url}/api/v1/namespaces/default/pods`)).json()).items.length;
console.log(`GET ${process.env.BENCH_PATH ?? 'pods'} (${pods} pods, rollout running): ${result.requests.total} requests in ${result.duration.toFixed(1)}s = ${result.requests.average.toFixed(0)} req/s, concurrency ${C}, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${errors}`);
proc.kill('SIGTERM');
