// The CPU instructions of the 1,000-replica rollout (bench/run.mjs's `rollout` section), counted by valgrind: three
// rollouts in one process, as the resident runs them (the first starts cold). Wall time on a shared machine moves by
// 10-30% from one minute to the next; this count by about half a per cent (V8 still times some of its decisions), so
// two builds can be told apart by a change of a per cent or more. Needs valgrind (Debian: apt-get install valgrind);
// about 2 minutes a build, two builds at a time.
//
//   node bench/instructions.mjs [ROOT ...]   ROOT: a built kubesim checkout (default: this one)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROLLOUTS = 3;

if (process.argv[2] === '--rollouts') {
  // (under valgrind) ROOT HOME: the saved state restored before each rollout
  const [root, home] = process.argv.slice(3);
  const { main } = await import(pathToFileURL(path.join(root, 'dist/src/cli/main.js')).href);
  const file = path.join(home, 'clusters', 'big.json');
  for (let i = 0; i < ROLLOUTS; i++) {
    fs.copyFileSync(path.join(home, 'saved.json'), file);
    await main(['--cluster', 'big', 'rollout', 'status', 'deployment/big']);
  }
  process.exit(0);
}

if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('bench/instructions.mjs needs valgrind (Debian: apt-get install valgrind)');
  process.exit(1);
}
const roots = (process.argv.length > 2 ? process.argv.slice(2) : ['.']).map((r) => path.resolve(r));

/** A home holding the state just after `set image` (the same steps as bench/run.mjs), made with `root`'s kubesim. */
function prepare(root) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-instructions-'));
  const env = { ...process.env, KUBESIM_HOME: home, KUBESIM_RESIDENT: 'off', NO_COLOR: '1' };
  const ks = (...args) => {
    const r = spawnSync(path.join(root, 'bin/kubesim'), ['--cluster', 'big', ...args], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${root}/bin/kubesim ${args.join(' ')}: ${r.error?.message ?? r.stderr}`);
  };
  ks('cluster', 'create', 'big', '--nodes', '10');
  ks('clock', 'set-mode', 'manual');
  ks('create', 'deployment', 'big', '--image=nginx:1.16', '--replicas=1000');
  ks('rollout', 'status', 'deployment/big');
  ks('set', 'image', 'deployment/big', 'nginx=nginx:1.17');
  fs.copyFileSync(path.join(home, 'clusters', 'big.json'), path.join(home, 'saved.json'));
  return home;
}

/** valgrind's instruction count ("I refs") of the rollouts with `root`'s kubesim. */
function count(root, home) {
  // Node's flags as bin/kubesim gives the resident; one thread, so that no background work varies with timing
  const node = [process.execPath, '--single-threaded', '--max-semi-space-size=32', '--stack-size=3900'];
  const args = ['--tool=cachegrind', '--cache-sim=no', '--smc-check=all-non-file', '--cachegrind-out-file=/dev/null', ...node, new URL(import.meta.url).pathname, '--rollouts', root, home];
  return new Promise((resolve, reject) => {
    const p = spawn('valgrind', args, { env: { ...process.env, KUBESIM_HOME: home, KUBESIM_RESIDENT: 'off', NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    p.on('close', (code) => {
      const m = /I\s+refs:\s+([\d,]+)/.exec(err);
      if (code !== 0 || !m) reject(new Error(`valgrind on ${root} exited ${code}: ${err.slice(-2000)}`));
      else resolve(Number(m[1].replaceAll(',', '')));
    });
  });
}

// one starting state for every build (the first's), each in a home of its own: the builds run side by side
const first = prepare(roots[0]);
const homes = roots.map((_, i) => {
  if (i === 0) return first;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-instructions-'));
  fs.cpSync(first, home, { recursive: true });
  return home;
});
const counts = [];
for (let i = 0; i < roots.length; i += 2) counts.push(...(await Promise.all(roots.slice(i, i + 2).map((r, j) => count(r, homes[i + j])))));
for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
roots.forEach((r, i) => {
  const vs = i > 0 ? ` (${(((counts[i] - counts[0]) / counts[0]) * 100).toFixed(2)}% against the first)` : '';
  console.log(`${r}: ${(counts[i] / 1e9).toFixed(3)} G instructions for ${ROLLOUTS} rollouts of 1,000 replicas${vs}`);
});
