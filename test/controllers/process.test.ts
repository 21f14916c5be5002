import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runProcess, containerArgv, unixDate } from '../../src/controllers/kubelet/process.js';
import { imageProfile } from '../../src/controllers/images.js';
import { piDigits } from '../../src/controllers/kubelet/pi.js';

const T = Date.parse('2026-12-03T16:05:56Z');

function run(image: string, c: any, horizon = Infinity, extra: any = {}) {
  const profile = imageProfile(image);
  const env = Object.fromEntries((c.env || []).map((e: any) => [e.name, e.value ?? '']));
  return runProcess({ argv: containerArgv(c, profile, env), profile, env, hostname: 'p', startedAt: T, ...extra }, horizon);
}
const text = (r: any) => r.lines.map((l: any) => `${l.at} ${l.text}`);

test('one-shot shell commands end with their exit code', () => {
  assert.deepEqual([run('busybox', { command: ['sh', '-c', 'exit 1'] })].map((r) => [r.exitAt, r.exitCode, r.forever]), [[0, 1, false]]);
  assert.equal(run('busybox', { command: ['false'] }).exitCode, 1);
  assert.equal(run('busybox', { command: ['sleep', '5'] }).exitAt, 5000);
  assert.equal(run('busybox', {}).exitCode, 0); // sh with no terminal
  const r = run('busybox', { command: ['sh', '-c', 'echo hello; sleep 2 && echo done; exit 3'] }, 10_000);
  assert.deepEqual(text(r), ['0 hello', '2000 done']);
  assert.equal(r.exitCode, 3);
  assert.deepEqual(text(run('busybox', { command: ['date'] }, 1)), ['0 Thu Dec  3 16:05:56 UTC 2026']);
  assert.equal(unixDate(T, '%F %T'), '2026-12-03 16:05:56');
});

test('endless loops run forever and print lazily', () => {
  const c = { command: ['sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'] };
  assert.equal(run('busybox', c).forever, true);
  const r = run('busybox', c, 2500);
  assert.deepEqual(text(r), ['0 0: Thu Dec  3 16:05:56 UTC 2026', '1000 1: Thu Dec  3 16:05:57 UTC 2026', '2000 2: Thu Dec  3 16:05:58 UTC 2026']);
  const day = run('busybox', c, 86_400_000);
  assert.equal(day.lines.length, 86_401);
  assert.equal(run('busybox', { args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'] }, 10_000).files.has('/tmp/healthy'), true);
  assert.equal(run('busybox', { args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'] }, 31_000).files.has('/tmp/healthy'), false);
  assert.equal(run('busybox', { args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'] }).exitAt, 630_000);
  assert.equal(run('busybox', { command: ['sh', '-c', 'for i in 1 2 3; do echo $i; done'] }, 5).lines.length, 3);
  assert.equal(run('busybox', { command: ['sh', '-c', 'until [ -f /x ]; do sleep 1; done'] }, 5).exitAt, undefined);
});

test('servers, missing executables, OOM, pi', () => {
  const n = run('nginx:1.27.4', {}, 0);
  assert.equal(n.forever, false);
  assert.deepEqual(n.ports, [80]);
  assert.equal(n.lines[0].text, '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
  assert.ok(n.lines.some((l) => l.text === '2026/12/03 16:05:56 [notice] 1#1: nginx/1.27.4'));
  assert.equal(run('nginx:1.14.2', {}, 0).lines.length, 0);
  assert.equal(run('nginx', {}).forever, true);
  assert.deepEqual(text(run('luksa/kubia', {}, 0)), ['0 Kubia server starting...']);
  assert.equal(run('busybox', { command: ['sheep'] }).startError,
    'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "sheep": executable file not found in $PATH: unknown');
  assert.deepEqual(text(run('busybox', { command: ['sh', '-c', 'sheep'] }, 1)), ['0 sh: sheep: not found']);
  assert.equal(run('busybox', { command: ['sh', '-c', 'sheep'] }).exitCode, 127);
  const oom = run('polinux/stress', { command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'] }, Infinity, { memoryLimit: 100 * 1024 * 1024 });
  assert.deepEqual([oom.exitCode, oom.reason], [137, 'OOMKilled']);
  const ok = run('polinux/stress', { command: ['stress'], args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'] }, Infinity, { memoryLimit: 200 * 1024 * 1024 });
  assert.equal(ok.forever, true);
  const pi = run('perl:5.34.0', { command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }, 60_000);
  assert.equal(pi.exitCode, 0);
  assert.equal(pi.exitAt, 5000);
  assert.equal(pi.lines[0].text.length, 2001);
  assert.ok(pi.lines[0].text.startsWith('3.14159265358979323846264338327950288419716939937510'));
  assert.equal(piDigits(10), '3.141592654');
});

test('unknown images run until stopped; known images know their executables', () => {
  assert.equal(run('example.com/app:v1', {}).forever, true);
  assert.equal(run('example.com/app:v1', { command: ['anything'] }).forever, true);
  assert.equal(run('nginx:1.27.4-alpine-slim', { command: ['curl'] }).startError !== undefined, true);
  assert.equal(run('nginx:1.27.4-alpine', { command: ['curl'] }).startError, undefined);
  assert.equal(run('postgres', {}).exitCode, 1);
  assert.equal(run('postgres', { env: [{ name: 'POSTGRES_PASSWORD', value: 'x' }] }).forever, true);
});
