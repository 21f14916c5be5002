// The resident process (src/cli/resident/): a script's commands run by a warm kubesim print the same bytes and exit
// with the same status as kubesim run on its own; what it cannot run goes back to its client; a resident that is gone,
// idle or killed with its command leaves nothing behind that the next command notices.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { BIN, ROOT, env, manualCluster, pinnedCluster, stateFile, tempHome } from './helpers.js';

const sock = (home: string) => path.join(home, 'run', 'resident.sock');

function run(home: string, args: string[], extra: Record<string, string> = {}, input?: string) {
  const r = spawnSync(BIN, args, { env: { ...env(home), ...extra }, cwd: ROOT, encoding: 'utf8', input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The pid of the resident listening on the home's socket, once it listens (it starts in the background). */
function residentPid(home: string, not = 0): number {
  const deadline = Date.now() + 15000;
  const file = path.join(home, 'run', 'resident.pid');
  while (Date.now() < deadline) {
    const pid = fs.existsSync(sock(home)) && fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0;
    if (pid && pid !== not) return pid;
    spawnSync('sleep', ['0.05']);
  }
  throw new Error('no resident process started');
}

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const stop = (home: string) => { try { process.kill(residentPid(home), 'SIGKILL'); } catch { /* gone */ } fs.rmSync(sock(home), { force: true }); };

test('commands run by the resident print and exit exactly as kubesim on its own', () => {
  // both at the same virtual time: the output is the same to the byte
  const warm = pinnedCluster();
  const cold = pinnedCluster();
  const eager = { KUBESIM_RESIDENT: 'eager' };
  run(warm, ['get', 'ns'], eager);
  const pid = residentPid(warm);
  const manifest = fs.readFileSync(path.join(ROOT, 'manifests', 'nginx-deployment.yaml'), 'utf8');
  const steps: { args: string[]; input?: string }[] = [
    { args: ['apply', '-f', '-'], input: manifest },
    { args: ['rollout', 'status', 'deployment/nginx-deployment'] },
    { args: ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.161'] },
    { args: ['rollout', 'status', 'deployment/nginx-deployment', '--timeout=20s'] },
    { args: ['get', 'deploy,rs', '-o', 'wide'] },
    { args: ['get', 'frobs'] },
    { args: ['describe', 'deployment', 'nginx-deployment'] },
    { args: ['scale', 'deployment/nginx-deployment', '--replicas=abc'] },
    { args: ['delete', 'deployment', 'nginx-deployment'] },
    { args: ['get', 'deploy'] },
    { args: ['version', '--client'] },
    { args: ['get', '-h'] },
  ];
  for (const s of steps) {
    const a = run(warm, s.args, eager, s.input);
    const b = run(cold, s.args, { KUBESIM_RESIDENT: 'off' }, s.input);
    assert.deepEqual(a, b, s.args.join(' '));
  }
  // the same process served them all
  assert.equal(residentPid(warm), pid);
  assert.equal(fs.readFileSync(stateFile(warm), 'utf8').length, fs.readFileSync(stateFile(cold), 'utf8').length);
  stop(warm);
});

test('a resident starts for a burst of commands from a script, not for one; KUBESIM_RESIDENT=off keeps commands home', () => {
  const home = tempHome();
  run(home, ['get', 'ns'], { KUBESIM_RESIDENT: 'on' });
  spawnSync('sleep', ['0.5']);
  assert.equal(fs.existsSync(sock(home)), false);
  run(home, ['get', 'ns'], { KUBESIM_RESIDENT: 'on' });
  const pid = residentPid(home);
  // off: the command runs in its own process even with a resident listening (its lock holder is not the resident)
  const r = run(home, ['get', 'ns', 'default', '-o', 'name'], { KUBESIM_RESIDENT: 'off' });
  assert.deepEqual(r, { code: 0, stdout: 'namespace/default\n', stderr: '' });
  assert.ok(alive(pid));
  stop(home);
});

test('a resident killed or gone: the next command runs here and clears its socket; an idle one leaves', () => {
  const home = tempHome();
  manualCluster(home);
  run(home, ['get', 'ns'], { KUBESIM_RESIDENT: 'eager', KUBESIM_RESIDENT_IDLE_MS: '600000' });
  const pid = residentPid(home);
  process.kill(pid, 'SIGKILL');
  while (alive(pid)) spawnSync('sleep', ['0.02']);
  assert.ok(fs.existsSync(sock(home)));
  const r = run(home, ['get', 'ns', 'default', '-o', 'name'], { KUBESIM_RESIDENT: 'on' });
  assert.deepEqual(r, { code: 0, stdout: 'namespace/default\n', stderr: '' });
  assert.equal(fs.existsSync(sock(home)), false);
  stop(home);
  // an idle resident removes its socket and ends
  const quiet = tempHome();
  run(quiet, ['get', 'ns'], { KUBESIM_RESIDENT: 'eager', KUBESIM_RESIDENT_IDLE_MS: '300' });
  const idle = residentPid(quiet);
  const deadline = Date.now() + 10000;
  while (alive(idle) && Date.now() < deadline) spawnSync('sleep', ['0.1']);
  assert.equal(alive(idle), false);
  assert.equal(fs.existsSync(sock(quiet)), false);
});

test('SIGTERM to a command the resident runs ends it before its save: the state is as before, the lock free', async () => {
  const home = tempHome();
  const eager = { KUBESIM_RESIDENT: 'eager' };
  const c = ['--cluster', 'big'];
  assert.equal(run(home, ['cluster', 'create', 'big', '--nodes', '6'], eager).code, 0);
  assert.equal(run(home, [...c, 'clock', 'set-mode', 'manual'], eager).code, 0);
  residentPid(home);
  assert.equal(run(home, [...c, 'create', 'deployment', 'big', '--image=nginx:1.16', '--replicas=600'], eager).code, 0);
  assert.equal(run(home, [...c, 'rollout', 'status', 'deployment/big'], eager).code, 0);
  assert.equal(run(home, [...c, 'set', 'image', 'deployment/big', 'nginx=nginx:1.17'], eager).code, 0);
  const before = fs.readFileSync(stateFile(home, 'big'), 'utf8');
  const pid = residentPid(home);
  const child = spawn(BIN, [...c, 'rollout', 'status', 'deployment/big'], { env: { ...env(home), ...eager }, cwd: ROOT, stdio: 'ignore' });
  // once the resident has taken the command (its lock is held), the client is told to stop
  const lock = `${stateFile(home, 'big')}.lock`;
  const deadline = Date.now() + 10000;
  while (!fs.existsSync(lock) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGTERM');
  const signal = await new Promise((r) => child.on('exit', (_c, s) => r(s)));
  assert.equal(signal, 'SIGTERM');
  while (alive(pid)) await new Promise((r) => setTimeout(r, 10));
  assert.equal(fs.readFileSync(stateFile(home, 'big'), 'utf8'), before);
  const r = run(home, [...c, 'get', 'deployment', 'big', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'], { KUBESIM_RESIDENT: 'off' });
  assert.deepEqual(r, { code: 0, stdout: 'nginx:1.17', stderr: '' });
  stop(home);
});

test('a new cluster is the same whichever command makes it (a first write, which loads the field manager, or a read)', () => {
  const show = (first: string[]) => {
    const home = tempHome();
    const off = { KUBESIM_RESIDENT: 'off' };
    assert.equal(run(home, first, off).code, 0);
    // (each home's cluster starts at its own wall-clock second)
    return run(home, ['get', 'ns', 'default', '-o', 'yaml', '--show-managed-fields'], off).stdout.replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/g, 'TIME');
  };
  const byRead = show(['get', 'ns']);
  assert.match(byRead, /managedFields:\n  - apiVersion: v1\n/);
  assert.equal(show(['create', 'configmap', 'c']), byRead);
});
