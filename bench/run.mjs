// Benchmarks (not timed tests): cold start, a 1,000-replica rollout, `get pods -A` over 10,000 pods,
// `get all -A` over 2,000 mixed objects, the docs' story as separate processes, a DaemonSet rollout, a
// 1,000-completion Job and 10,000 requests through a Service. Prints one line per figure. Commands run as a script
// runs them (a resident kubesim process takes over after the first few: README, The resident process); figures
// marked "in its own process" run with KUBESIM_RESIDENT=off, as a single command would.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve('bin/kubesim');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-bench-'));
const env = { ...process.env, KUBESIM_HOME: home, NO_COLOR: '1' };
// Commands run as a script runs them: after the first few, a resident kubesim process runs them for a small client
// (src/cli/resident/). OWN runs one in a process of its own (KUBESIM_RESIDENT=off), as a single command would.
const OWN = { KUBESIM_RESIDENT: 'off' };
const withEnv = (args) => (args[0] && typeof args[0] === 'object' ? [{ ...env, ...args[0] }, args.slice(1)] : [env, args]);
const ks = (...a) => {
  const [e, args] = withEnv(a);
  const t = process.hrtime.bigint();
  const r = spawnSync(BIN, args, { env: e, encoding: 'utf8', maxBuffer: 256 << 20 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && !args.includes('--timeout=10s')) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return { ms, r };
};
/** CPU ms the home's resident process has used so far (0 when none runs). */
const residentCpu = () => {
  try {
    const pid = fs.readFileSync(path.join(home, 'run', 'resident.pid'), 'utf8').trim();
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in 100 Hz ticks
  } catch {
    return 0;
  }
};
/** One run through /usr/bin/time: wall ms, user+sys CPU ms (the resident's share included), max RSS MB of the process itself. */
const timed = (...a) => {
  const [e, args] = withEnv(a);
  const before = residentCpu();
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', BIN, ...args], { env: e, encoding: 'utf8', maxBuffer: 256 << 20 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const [u, s, m] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { ms, cpu: (u + s) * 1000 + Math.max(0, residentCpu() - before), rss: m / 1024, r };
};
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
// through /usr/bin/time too, so both sides of the cold-start ratio pay the same wrapper
const timeNode = () => { const t = process.hrtime.bigint(); spawnSync('/usr/bin/time', ['-f', '', process.execPath, '-e', '0']); return Number(process.hrtime.bigint() - t) / 1e6; };

const only = process.argv[2];
// the yardstick of every ratio below (issue 13 states its aims as multiples of a bare Node start)
const nodeStart = median(Array.from({ length: 10 }, timeNode));
const ratio = (ms) => `${(ms / nodeStart).toFixed(1)}x node -e 0`;
/** issue 13's four aims, printed together at the end: [name, measured, aim, unit] */
const aims = [];
const aim = (name, value, limit, unit, note = '') => aims.push({ name, value, limit, unit, note });

if (!only || only === 'cold') {
  ks('clock', 'set-mode', 'manual');
  ks('apply', '-f', 'manifests/nginx-deployment.yaml');
  ks('rollout', 'status', 'deployment/nginx-deployment');
  const node = []; const get = []; const own = [];
  for (let i = 0; i < 20; i++) { node.push(timeNode()); get.push(timed(OWN, 'get', 'deployments')); own.push(timed('get', 'deployments')); }
  const n = median(node); const g = median(get.map((x) => x.ms)); const r = median(own.map((x) => x.ms));
  aim('cold start of get deployments', g / n, 1.3, 'x node -e 0', `${g.toFixed(0)} ms vs ${n.toFixed(0)} ms in its own process; ${r.toFixed(0)} ms through the resident`);
  console.log(`cold start: node -e 0 ${n.toFixed(1)} ms, kubesim get deployments ${g.toFixed(1)} ms, ratio ${(g / n).toFixed(2)}x; ${median(get.map((x) => x.cpu)).toFixed(0)} ms CPU (median of 20)`);
  console.log(`  through the resident process: ${r.toFixed(1)} ms, ratio ${(r / n).toFixed(2)}x; ${median(own.map((x) => x.cpu)).toFixed(0)} ms CPU, the resident's share included`);
  if (process.env.NODE_EXTRA_CA_CERTS) {
    // bin/kubesim starts Node without the extra CA bundle that `node -e 0` loads here: say what a bare start costs without it too
    const bare = median(Array.from({ length: 20 }, () => { const t = process.hrtime.bigint(); spawnSync('/usr/bin/time', ['-f', '', process.execPath, '-e', '0'], { env: { ...process.env, NODE_EXTRA_CA_CERTS: '' } }); return Number(process.hrtime.bigint() - t) / 1e6; }));
    console.log(`  (NODE_EXTRA_CA_CERTS is set: node -e 0 without it ${bare.toFixed(1)} ms, so ${(g - bare).toFixed(0)} ms of kubesim's start is its own, a ratio of ${(g / bare).toFixed(2)}x to that)`);
  }
}

if (!only || only === 'rollout') {
  const c = ['--cluster', 'big'];
  ks('cluster', 'create', 'big', '--nodes', '10');
  ks(...c, 'clock', 'set-mode', 'manual');
  ks(...c, 'create', 'deployment', 'big', '--image=nginx:1.16', '--replicas=1000');
  ks(...c, 'rollout', 'status', 'deployment/big');
  const set = ks(...c, 'set', 'image', 'deployment/big', 'nginx=nginx:1.17');
  // the state file is copied aside so the same rollout can be repeated (median of 3)
  const file = path.join(home, 'clusters', 'big.json');
  const saved = fs.readFileSync(file);
  const runs = [];
  const own = [];
  for (let i = 0; i < 3; i++) {
    fs.writeFileSync(file, saved);
    runs.push(timed(...c, 'rollout', 'status', 'deployment/big'));
    fs.writeFileSync(file, saved);
    own.push(timed(OWN, ...c, 'rollout', 'status', 'deployment/big'));
  }
  const m = (k, xs = runs) => median(xs.map((x) => x[k])).toFixed(0);
  aim('1,000-replica rollout on 10 nodes', Number(m('ms')) / nodeStart, 8, 'x node -e 0', `${m('ms')} ms wall, ${m('cpu')} ms CPU through the resident; ${m('ms', own)} ms in its own process`);
  console.log(`1,000-replica rollout on 10 nodes: set image ${set.ms.toFixed(0)} ms; rollout status ${m('ms')} ms wall (${ratio(Number(m('ms')))}), ${m('cpu')} ms CPU through the resident process (median of 3)`);
  console.log(`  in its own process: ${m('ms', own)} ms wall (${ratio(Number(m('ms', own)))}), ${m('cpu', own)} ms CPU, max RSS ${m('rss', own)} MB (median of 3)`);
}

if (!only || only === 'memory') {
  const c = ['--cluster', 'mem'];
  ks('cluster', 'create', 'mem', '--nodes', '30'); // 110 pods a node
  ks(...c, 'clock', 'set-mode', 'manual');
  ks(...c, 'create', 'deployment', 'big', '--image=nginx:1.16', '--replicas=3000');
  ks(...c, 'rollout', 'status', 'deployment/big');
  ks(...c, 'set', 'image', 'deployment/big', 'nginx=nginx:1.17');
  // in its own process: the peak is the process's own
  const r = timed(OWN, ...c, 'rollout', 'status', 'deployment/big');
  const size = fs.statSync(path.join(home, 'clusters', 'mem.json')).size;
  const bare = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '-e', '0'], { encoding: 'utf8' });
  const bareMB = Number(bare.stderr.trim().split('\n').pop()) / 1024;
  aim('peak memory of a 3,000-replica rollout', r.rss, 250, 'MB', `${(r.rss / bareMB).toFixed(1)}x node -e 0's ${bareMB.toFixed(0)} MB; ${r.ms.toFixed(0)} ms wall, ${r.cpu.toFixed(0)} ms CPU`);
  console.log(`3,000-replica rollout on 30 nodes: ${r.ms.toFixed(0)} ms wall, max RSS ${r.rss.toFixed(0)} MB; state file ${(size / 1048576).toFixed(1)} MB (${(size / 3000 / 1024).toFixed(1)} KB per pod with its share of the rest)`);
}

if (!only || only === 'writers') {
  // 50 concurrent writers on one cluster file (the lock's fairness and recovery; compare kubesim serve)
  const c = ['--cluster', 'writers'];
  ks('cluster', 'create', 'writers');
  ks(...c, 'clock', 'set-mode', 'manual');
  ks(...c, 'create', 'deployment', 'w', '--image=nginx');
  const { spawn } = await import('node:child_process');
  const one = (i, e) => new Promise((resolve) => {
    const t = process.hrtime.bigint();
    const p = spawn(BIN, [...c, 'label', 'deployment/w', `l${i}=v`], { env: e, stdio: 'ignore' });
    p.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - t) / 1e6, code }));
  });
  const round = async (label, key, e = env) => {
    const runs = await Promise.all(Array.from({ length: 50 }, (_, i) => one(`${key}${i}`, e)));
    const ms = runs.map((x) => x.ms).sort((a, b) => a - b);
    const labels = JSON.parse(ks(...c, 'get', 'deployment', 'w', '-o', 'json').r.stdout).metadata.labels;
    const kept = Object.keys(labels).filter((k) => k.startsWith(`l${key}`)).length;
    console.log(`50 concurrent writers ${label}: median ${ms[25].toFixed(0)} ms, p95 ${ms[47].toFixed(0)} ms, slowest ${ms[49].toFixed(0)} ms; ${runs.filter((x) => x.code !== 0).length} failed, ${50 - kept} updates lost`);
  };
  await round('in their own processes, on the file lock', 'f', { ...env, ...OWN });
  await round('through the resident process', 'r');
  // the same, with `kubesim serve` running: the CLI sends each command to it (src/cli/remote.ts)
  ks(...c, 'serve', '--background', '--port', '0', '--no-auth');
  await round('through a running kubesim serve', 's');
  ks(...c, 'serve', 'stop');
  // a bare node process started 50 at once, for scale (the floor of any CLI on this machine)
  const bare = await Promise.all(Array.from({ length: 50 }, () => new Promise((resolve) => {
    const t = process.hrtime.bigint();
    spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).on('close', () => resolve(Number(process.hrtime.bigint() - t) / 1e6));
  })));
  bare.sort((a, b) => a - b);
  console.log(`50 concurrent \`node -e 0\`: median ${bare[25].toFixed(0)} ms`);
}

if (!only || only === 'getall') {
  const c = ['--cluster', 'many'];
  ks('cluster', 'create', 'many', '--nodes', '100');
  ks(...c, 'clock', 'set-mode', 'manual');
  for (let i = 0; i < 100; i++) ks(...c, 'create', 'deployment', `d${i}`, '--image=nginx:1.16', '--replicas=100');
  ks(...c, 'clock', 'advance', '10s');
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(timed(OWN, ...c, 'get', 'pods', '-A'));
  const m = (k) => median(runs.map((x) => x[k])).toFixed(0);
  console.log(`get pods -A over 100 deployments x 100 pods: ${m('ms')} ms wall, ${m('cpu')} ms CPU, max RSS ${m('rss')} MB (median of 5)`);
}

if (!only || only === 'kinds') {
  // 2,000 mixed objects: per namespace 5 deployments (5 replica sets, 15 pods), 20 services,
  // 20 config maps, 20 secrets, 10 jobs and 5 cron jobs, in 20 namespaces; then `get all -A`
  const c = ['--cluster', 'kinds'];
  ks('cluster', 'create', 'kinds', '--nodes', '3');
  ks(...c, 'clock', 'set-mode', 'manual');
  const docs = [];
  const podSpec = (restart) => ({ restartPolicy: restart, containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] });
  for (let n = 0; n < 20; n++) {
    const ns = `ns${n}`;
    docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    for (let i = 0; i < 5; i++) docs.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `d${i}`, namespace: ns }, spec: { replicas: 3, selector: { matchLabels: { app: `d${i}` } }, template: { metadata: { labels: { app: `d${i}` } }, spec: podSpec('Always') } } });
    for (let i = 0; i < 20; i++) docs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}`, namespace: ns }, spec: { selector: { app: 'd0' }, ports: [{ port: 80 }] } });
    for (let i = 0; i < 20; i++) docs.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: ns }, data: { k: 'v' } });
    for (let i = 0; i < 20; i++) docs.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `x${i}`, namespace: ns }, stringData: { k: 'v' } });
    for (let i = 0; i < 10; i++) docs.push({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `j${i}`, namespace: ns }, spec: { template: { spec: podSpec('Never') } } });
    for (let i = 0; i < 5; i++) docs.push({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: `cj${i}`, namespace: ns }, spec: { schedule: '@hourly', jobTemplate: { spec: { template: { spec: podSpec('OnFailure') } } } } });
  }
  const file = path.join(home, 'kinds.json');
  fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: docs }));
  const applied = ks(...c, 'apply', '-f', file);
  ks(...c, 'clock', 'advance', '10s');
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(timed(OWN, ...c, 'get', 'all', '-A'));
  const m = (k) => median(runs.map((x) => x[k])).toFixed(0);
  const rows = runs[0].r.stdout.split('\n').filter((l) => l && !l.startsWith('NAMESPACE')).length;
  console.log(`get all -A over 2,000 mixed objects (${rows} rows): ${m('ms')} ms wall, ${m('cpu')} ms CPU, max RSS ${m('rss')} MB (median of 5); apply -f of the 2,000: ${applied.ms.toFixed(0)} ms`);
}

if (!only || only === 'story') {
  const c = ['--cluster', 'story'];
  ks('cluster', 'create', 'story');
  const steps = [
    ['clock', 'set-mode', 'manual'],
    ['apply', '-f', 'manifests/nginx-deployment.yaml'],
    ['rollout', 'status', 'deployment/nginx-deployment'],
    ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.16.1'],
    ['rollout', 'status', 'deployment/nginx-deployment'],
    ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.161'],
    ['rollout', 'status', 'deployment/nginx-deployment', '--timeout=10s'],
    ['rollout', 'history', 'deployment/nginx-deployment'],
    ['rollout', 'history', 'deployment/nginx-deployment', '--revision=2'],
    ['rollout', 'undo', 'deployment/nginx-deployment'],
    ['rollout', 'history', 'deployment/nginx-deployment'],
    ['rollout', 'undo', 'deployment/nginx-deployment', '--to-revision=1'],
    ['rollout', 'pause', 'deployment/nginx-deployment'],
    ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.17'],
    ['set', 'resources', 'deployment/nginx-deployment', '-c=nginx', '--limits=cpu=200m,memory=512Mi'],
    ['rollout', 'resume', 'deployment/nginx-deployment'],
    ['rollout', 'status', 'deployment/nginx-deployment'],
    ['rollout', 'restart', 'deployment/nginx-deployment'],
    ['annotate', 'deployment/nginx-deployment', 'kubernetes.io/change-cause=restarted', '--overwrite'],
    ['rollout', 'history', 'deployment/nginx-deployment'],
  ];
  let total = 0;
  let bare = 0;
  // each step beside a bare `node -e 0`, so the figure can be read against this machine's Node start
  for (const s of steps) { total += ks(...c, ...s).ms; const t = process.hrtime.bigint(); spawnSync(process.execPath, ['-e', '0']); bare += Number(process.hrtime.bigint() - t) / 1e6; }
  // 20 processes cannot take less than 20 bare starts: the per-process figure says how far from that floor it is
  aim('docs story as separate processes', total / nodeStart, 14, 'x node -e 0', `${total.toFixed(0)} ms; ${(total / bare).toFixed(2)}x its ${steps.length} bare node starts`);
  console.log(`docs story, ${steps.length} separate processes in manual mode: ${total.toFixed(0)} ms total, ${ratio(total)} (${steps.length} bare node starts: ${bare.toFixed(0)} ms; kubesim's own: ${(total - bare).toFixed(0)} ms)`);
}
if (!only || only === 'traffic') {
  // issue 11: 10,000 simulated requests through a 100-endpoint Service (the whole process, start included)
  const c = ['--cluster', 'traffic'];
  ks(...c, 'clock', 'set-mode', 'manual');
  ks(...c, 'create', 'deployment', 'kubia', '--image=luksa/kubia:v2', '--replicas=100', '--port=8080');
  ks(...c, 'expose', 'deployment', 'kubia', '--port=80', '--target-port=8080');
  ks(...c, 'rollout', 'status', 'deployment/kubia');
  const runs = [1, 2, 3].map(() => timed(...c, 'curl', 'svc/kubia', '-n', '10000'));
  const lines = runs[0].r.stdout.split('\n').filter((l) => /^\s*\d+  200  /.test(l)).length;
  console.log(`kubesim curl -n 10000 through a 100-endpoint Service: ${median(runs.map((x) => x.ms)).toFixed(0)} ms wall, ${median(runs.map((x) => x.cpu)).toFixed(0)} ms CPU (median of 3; ${lines} answered 200)`);
}
if (!only || only === 'daemonset') {
  // a DaemonSet on 10 nodes rolled to a new image one node at a time (maxUnavailable 1)
  const c = ['--cluster', 'ds'];
  ks('cluster', 'create', 'ds', '--nodes', '10');
  ks(...c, 'clock', 'set-mode', 'manual');
  // ten pods per node besides the DaemonSet's own (a drain or a rollout meets a busy node)
  ks(...c, 'create', 'deployment', 'filler', '--image=nginx:1.16', '--replicas=100');
  const ds = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec: {containers: [{name: agent, image: nginx:1.16}]}\n';
  spawnSync(BIN, [...c, 'apply', '-f', '-'], { env, input: ds });
  ks(...c, 'rollout', 'status', 'ds/agent');
  ks(...c, 'set', 'image', 'ds/agent', 'agent=nginx:1.17');
  const file = path.join(home, 'clusters', 'ds.json');
  const saved = fs.readFileSync(file);
  const runs = [];
  for (let i = 0; i < 3; i++) {
    fs.writeFileSync(file, saved);
    runs.push(timed(OWN, ...c, 'rollout', 'status', 'ds/agent'));
  }
  const m = (k) => median(runs.map((x) => x[k])).toFixed(0);
  console.log(`DaemonSet rollout on 10 nodes with 10 other pods each: rollout status ${m('ms')} ms wall, ${m('cpu')} ms CPU, max RSS ${m('rss')} MB (median of 3)`);
}

if (!only || only === 'job') {
  // a Job of 1,000 completions (50 at a time), each pod a short busybox command, run to its end
  const c = ['--cluster', 'job'];
  ks('cluster', 'create', 'job', '--nodes', '10');
  ks(...c, 'clock', 'set-mode', 'manual');
  const job = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: many}\nspec:\n  completions: 1000\n  parallelism: 50\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: work, image: busybox, command: [sh, -c, "echo done"]}]\n';
  spawnSync(BIN, [...c, 'apply', '-f', '-'], { env, input: job });
  const file = path.join(home, 'clusters', 'job.json');
  const saved = fs.readFileSync(file);
  const runs = [];
  for (let i = 0; i < 3; i++) {
    fs.writeFileSync(file, saved);
    runs.push(timed(OWN, ...c, 'wait', '--for=condition=complete', 'job/many', '--timeout=1h'));
  }
  const done = ks(...c, 'get', 'job', 'many', '-o', 'jsonpath={.status.succeeded}').r.stdout;
  const m = (k) => median(runs.map((x) => x[k])).toFixed(0);
  console.log(`Job of 1,000 completions (parallelism 50) to Complete: ${m('ms')} ms wall, ${m('cpu')} ms CPU, max RSS ${m('rss')} MB (median of 3; ${done} succeeded)`);
}

if (aims.length) {
  console.log(`\nissue 13's aims (node -e 0: ${nodeStart.toFixed(1)} ms, median of 10 in this run):`);
  for (const a of aims) {
    const v = a.unit === 'MB' ? `${a.value.toFixed(0)} MB` : `${a.value.toFixed(2)}x`;
    const lim = a.unit === 'MB' ? `under ${a.limit} MB` : `<= ${a.limit}x`;
    console.log(`  ${a.value <= a.limit ? 'met    ' : 'not met'}  ${a.name}: ${v} (aim ${lim}; ${a.note})`);
  }
}
fs.rmSync(home, { recursive: true, force: true });
