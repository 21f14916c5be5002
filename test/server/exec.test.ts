// pods/exec over WebSocket (v5.channel.k8s.io), as kubectl v1.32 sends it to `kubesim serve`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { WebSocket } from 'ws';
import { ks, pinnedCluster } from '../cli/helpers.js';

interface Frames { out: string; err: string; status: any; protocol: string }

function exec(url: string, pod: string, command: string[], stdin?: string, protocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io']): Promise<Frames> {
  const q = new URLSearchParams();
  for (const c of command) q.append('command', c);
  q.set('stdout', 'true');
  q.set('stderr', 'true');
  if (stdin !== undefined) q.set('stdin', 'true');
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/namespaces/default/pods/${pod}/exec?${q}`, protocols);
  return new Promise((resolve, reject) => {
    const f: Frames = { out: '', err: '', status: undefined, protocol: '' };
    ws.on('open', () => {
      f.protocol = ws.protocol;
      if (stdin !== undefined) {
        ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(stdin)]));
        ws.send(Buffer.from([255, 0]));
      }
    });
    ws.on('message', (d: Buffer) => {
      const text = d.subarray(1).toString();
      if (d[0] === 1) f.out += text;
      else if (d[0] === 2) f.err += text;
      else if (d[0] === 3) f.status = JSON.parse(text);
    });
    ws.on('close', () => resolve(f));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { code: res.statusCode, body: JSON.parse(body) })));
    });
    ws.on('error', reject);
  });
}

test('exec over WebSocket: output streams, stdin, exit codes, a missing executable, refusals before the upgrade', async () => {
  const home = pinnedCluster();
  assert.equal(ks(home, ['run', 'bb', '--image=busybox', '--', 'sleep', '3600']).code, 0);
  assert.equal(ks(home, ['run', 'web', '--image=nginx:1.27']).code, 0);
  assert.equal(ks(home, ['clock', 'advance', '10s']).code, 0);
  const s = ks(home, ['serve', '--background', '--port', '0', '--no-auth']);
  assert.equal(s.code, 0, s.stderr);
  const { url } = JSON.parse(fs.readFileSync(path.join(home, 'serve', 'default.json'), 'utf8'));
  try {
    assert.deepEqual(await exec(url, 'bb', ['echo', 'hello']), { out: 'hello\n', err: '', status: { metadata: {}, status: 'Success' }, protocol: 'v5.channel.k8s.io' });
    const failed = await exec(url, 'bb', ['sh', '-c', 'echo out; ls /nope; exit 3']);
    assert.equal(failed.out, 'out\n');
    assert.equal(failed.err, "ls: /nope: No such file or directory\n");
    assert.deepEqual(failed.status, {
      metadata: {}, status: 'Failure', message: 'command terminated with non-zero exit code: error executing command [sh -c echo out; ls /nope; exit 3], exit code 3',
      reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
    assert.equal((await exec(url, 'bb', ['cat'], 'piped in\n')).out, 'piped in\n');
    // v4 (no way to end stdin): the command runs at once
    assert.equal((await exec(url, 'bb', ['hostname'], undefined, ['v4.channel.k8s.io'])).out, 'bb\n');
    const sheep = await exec(url, 'bb', ['sheep']);
    assert.equal(sheep.status.reason, 'InternalError');
    assert.match(sheep.status.message, /^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "sheep": executable file not found in \$PATH: unknown$/);
    await assert.rejects(exec(url, 'nope', ['ls']), (e: any) => e.code === 404 && e.body.message === 'pods "nope" not found');
    // a protocol kubesim does not speak (kubectl falls back to SPDY, and prints the Status's message)
    await assert.rejects(exec(url, 'bb', ['ls'], undefined, ['channel.k8s.io']), (e: any) => e.code === 400);
  } finally {
    ks(home, ['serve', 'stop']);
  }
});

const HAVE_KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

test('real kubectl exec against kubesim serve prints what kubesim exec prints', { skip: HAVE_KUBECTL ? false : 'kubectl is not on PATH' }, () => {
  const home = pinnedCluster();
  assert.equal(ks(home, ['run', 'bb', '--image=busybox', '--', 'sleep', '3600']).code, 0);
  assert.equal(ks(home, ['clock', 'advance', '10s']).code, 0);
  const cases = [['exec', 'bb', '--', 'sh', '-c', 'echo out; ls /nope; exit 3'], ['exec', 'bb', '--', 'env'], ['exec', 'bb', '--', 'sheep']];
  const local = cases.map((args) => ks(home, args));
  const s = ks(home, ['serve', '--background', '--port', '0', '--no-auth']);
  assert.equal(s.code, 0, s.stderr);
  const { url } = JSON.parse(fs.readFileSync(path.join(home, 'serve', 'default.json'), 'utf8'));
  try {
    cases.forEach((args, i) => {
      const r = spawnSync('kubectl', ['-s', url, ...args], { env: { ...process.env, HOME: home, KUBECONFIG: '/dev/null' }, encoding: 'utf8', timeout: 30000 });
      // containerd's exec id differs per call
      const norm = (t: string) => t.replace(/exec "[0-9a-f]{64}"/, 'exec "ID"');
      assert.deepEqual([r.stdout, norm(r.stderr), r.status], [local[i].stdout, norm(local[i].stderr), local[i].code], args.join(' '));
    });
  } finally {
    ks(home, ['serve', 'stop']);
  }
});
