// Determinism check for performance work: runs a fixed command sequence (manual clock mode, frozen
// wall clock) through bin/kubesim and hashes every command's exit code, stdout and stderr plus the
// final state files (as values). Run it before and after a change; the hashes must match.
//   node bench/golden.mjs [--out FILE]   (FILE gets the full transcript, for diffing)
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve('bin/kubesim');
const PRELOAD = path.resolve('bench/fixed-clock.mjs');
const outIdx = process.argv.indexOf('--out');
const outFile = outIdx > 0 ? process.argv[outIdx + 1] : undefined;

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-golden-'));
// the frozen clock is a preload, which a startup snapshot does not run: use the ESM bundle
const env = { ...process.env, KUBESIM_HOME: home, NO_COLOR: '1', NODE_OPTIONS: `--import=${PRELOAD}`, KUBESIM_NO_SNAPSHOT: '1' };
delete env.KUBESIM_CLUSTER;
const nd = 'deployment/nginx-deployment';

const steps = [
  ['clock', 'set-mode', 'manual'],
  ['apply', '-f', 'manifests/nginx-deployment.yaml'],
  ['clock', 'advance', '5s'],
  ['get', 'pods', '-o', 'wide'],
  ['set', 'image', nd, 'nginx=nginx:1.16.1'],
  ['rollout', 'status', nd],
  ['set', 'image', nd, 'nginx=nginx:1.161'],
  ['rollout', 'status', nd, '--timeout=30s'],
  ['get', 'rs', '-o', 'wide'],
  ['get', 'pods', '-o', 'wide'],
  ['get', 'events', '-o', 'wide'],
  ['describe', 'deployment', 'nginx-deployment'],
  ['rollout', 'history', nd],
  ['rollout', 'undo', nd],
  ['rollout', 'status', nd],
  ['apply', '-f', 'manifests/readiness-minready.yaml'],
  ['apply', '-f', 'manifests/recreate.yaml'],
  ['apply', '-f', 'manifests/surge-only.yaml'],
  ['apply', '-f', 'manifests/unavail-only.yaml'],
  ['clock', 'advance', '30s'],
  ['set', 'image', 'deployment/recreate-deploy', 'nginx=nginx:1.17'],
  ['set', 'image', 'deployment/surge-only', 'nginx=nginx:1.17'],
  ['set', 'image', 'deployment/unavail-only', 'nginx=nginx:1.17'],
  ['set', 'image', 'deployment/minready-deploy', 'nginx=nginx:1.17'],
  ['rollout', 'status', 'deployment/minready-deploy'],
  ['clock', 'advance', '30s'],
  ['scale', 'deployment/surge-only', '--replicas=1'],
  ['delete', 'deployment', 'unavail-only'],
  ['clock', 'advance', '5s'],
  ['get', 'all', '-o', 'wide'],
  ['get', 'events'],
  ['get', 'all', '-o', 'yaml'],
  // a bigger cluster: 3 nodes, 200 replicas, a rollout, a scale-down mid-rollout
  ['cluster', 'create', 'g3', '--nodes', '3'],
  ['--cluster', 'g3', 'clock', 'set-mode', 'manual'],
  ['--cluster', 'g3', 'create', 'deployment', 'big', '--image=nginx:1.16', '--replicas=200'],
  ['--cluster', 'g3', 'rollout', 'status', 'deployment/big'],
  ['--cluster', 'g3', 'set', 'image', 'deployment/big', 'nginx=nginx:1.17'],
  ['--cluster', 'g3', 'rollout', 'status', 'deployment/big'],
  ['--cluster', 'g3', 'set', 'image', 'deployment/big', 'nginx=nginx:1.18'],
  ['--cluster', 'g3', 'clock', 'advance', '2s'],
  ['--cluster', 'g3', 'scale', 'deployment/big', '--replicas=50'],
  ['--cluster', 'g3', 'rollout', 'status', 'deployment/big'],
  ['--cluster', 'g3', 'get', 'rs', '-o', 'wide'],
  ['--cluster', 'g3', 'get', 'pods', '-A', '-o', 'wide'],
  ['--cluster', 'g3', 'describe', 'deployment', 'big'],
  ['--cluster', 'g3', 'describe', 'nodes'],
  ['--cluster', 'g3', 'get', 'all', '-o', 'yaml'],
  ['--cluster', 'g3', 'get', 'events', '-A'],
];

const hash = crypto.createHash('sha256');
let transcript = '';
for (const s of steps) {
  const r = spawnSync(BIN, s, { env, encoding: 'utf8', maxBuffer: 256 << 20 });
  const rec = `$ kubesim ${s.join(' ')}\n[exit ${r.status}]\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
  hash.update(rec);
  transcript += rec;
}
for (const f of fs.readdirSync(path.join(home, 'clusters')).filter((n) => n.endsWith('.json')).sort()) {
  // the value, as compact JSON: the file's line layout (src/store/sections.ts) is whitespace only
  const body = JSON.stringify(JSON.parse(fs.readFileSync(path.join(home, 'clusters', f), 'utf8')));
  hash.update(`=== ${f}\n${body}`);
  transcript += `=== ${f}\n${body}\n`;
}
if (outFile) fs.writeFileSync(outFile, transcript);
fs.rmSync(home, { recursive: true, force: true });
console.log(`golden ${hash.digest('hex')} (${steps.length} commands)`);
