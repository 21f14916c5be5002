// pods/attach and pods/portforward in `kubesim serve`, driven by the installed real kubectl v1.32
// (attach over WebSocket v5.channel.k8s.io; port-forward as SPDY tunnelled in a WebSocket): kubectl
// prints what kubesim prints, and an HTTP GET through the forwarded port gets the workload's answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import http from 'node:http';
import zlib from 'node:zlib';
import type { Duplex } from 'node:stream';
import { spawn, spawnSync } from 'node:child_process';
import { ks, pinnedCluster } from '../cli/helpers.js';
import { HEADER_DICTIONARY } from '../../src/server/http/spdy.js';

const HAVE_KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const COUNTER = ['--image=busybox', '--', 'sh', '-c', 'i=0; while [ $i -lt 5 ]; do echo tick $i; i=$((i+1)); sleep 2; done'];

test('the SPDY/3 header dictionary, byte for byte', () => {
  assert.equal(HEADER_DICTIONARY.length, 1423);
  assert.equal(createHash('sha256').update(HEADER_DICTIONARY).digest('hex'), '51d27341373f923f3cd88e1eb7162aeaa3723d7585ff2399201dc06498407f02');
});

function served(home: string): { url: string; kubectl(args: string[]): { stdout: string; stderr: string; code: number } } {
  const s = ks(home, ['serve', '--background', '--port', '0', '--no-auth']);
  assert.equal(s.code, 0, s.stderr);
  const { url } = JSON.parse(fs.readFileSync(path.join(home, 'serve', 'default.json'), 'utf8'));
  const env = { ...process.env, HOME: home, KUBECONFIG: '/dev/null' };
  return {
    url,
    kubectl: (args) => {
      const r = spawnSync('kubectl', ['-s', url, ...args], { env, encoding: 'utf8', timeout: 30000 });
      return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
    },
  };
}

test('real kubectl attach against kubesim serve prints what kubesim attach prints', { skip: HAVE_KUBECTL ? false : 'kubectl is not on PATH' }, () => {
  const home = pinnedCluster();
  assert.equal(ks(home, ['run', 'counter', ...COUNTER]).code, 0);
  assert.equal(ks(home, ['run', 'late', ...COUNTER]).code, 0);
  assert.equal(ks(home, ['clock', 'advance', '3s']).code, 0);
  assert.equal(ks(home, ['run', 'later', ...COUNTER]).code, 0);
  // the one that streams last: attaching moves the clock to the end of its process
  const cases = [['attach', 'later'], ['attach', 'nope'], ['attach', 'counter', '-c', 'nope'], ['attach', 'counter']];
  // kubesim attaches in a copy of the cluster (attaching moves its clock), kubectl through the server
  const expected = cases.map((args) => {
    const copy = `${home}-copy`;
    fs.rmSync(copy, { recursive: true, force: true });
    // (not a resident's socket: src/cli/resident/)
    fs.cpSync(home, copy, { recursive: true, filter: (f) => !f.endsWith('.sock') });
    return ks(copy, args);
  });
  assert.deepEqual(expected[3], { stdout: 'tick 2\ntick 3\ntick 4\n', stderr: "If you don't see a command prompt, try pressing enter.\n", code: 0 });
  const s = served(home);
  try {
    cases.forEach((args, i) => assert.deepEqual(s.kubectl(args), expected[i], args.join(' ')));
    // the other one ended meanwhile
    assert.deepEqual(s.kubectl(['attach', 'late', '-q']), { stdout: '', stderr: 'error: unable to upgrade connection: container not found ("late")\n', code: 1 });
  } finally {
    ks(home, ['serve', 'stop']);
  }
});

/** `kubectl port-forward ARGS` through the server until `fn` is done with the local port it prints. */
async function portForward(url: string, home: string, args: string[], fn: (port: number) => Promise<void>): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const p = spawn('kubectl', ['-s', url, 'port-forward', ...args], { env: { ...process.env, HOME: home, KUBECONFIG: '/dev/null' } });
  let stdout = '';
  let stderr = '';
  p.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => p.on('exit', (code) => r(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no port: ${stdout} ${stderr}`)), 20000);
    p.stdout.on('data', (d) => {
      stdout += d;
      const m = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(stdout);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
  });
  try {
    await fn(port);
  } finally {
    if (p.exitCode === null) p.kill('SIGINT');
  }
  const code = await exited;
  return { stdout, stderr, code };
}

test('real kubectl port-forward against kubesim serve: HTTP through the forwarded port, and the kubelet\'s refusal', { skip: HAVE_KUBECTL ? false : 'kubectl is not on PATH' }, async () => {
  const home = pinnedCluster();
  assert.equal(ks(home, ['create', 'deployment', 'web', '--image=nginx']).code, 0);
  assert.equal(ks(home, ['expose', 'deployment', 'web', '--port=8080', '--target-port=80']).code, 0);
  assert.equal(ks(home, ['clock', 'advance', '3s']).code, 0);
  const page = ks(home, ['run', 'probe', '--image=busybox', '--restart=Never', '--rm', '-i', '--', 'wget', '-qO-', 'web:8080']).stdout.replace(/pod "probe" deleted\n$/, '');
  assert.match(page, /<title>Welcome to nginx!<\/title>/);
  const s = served(home);
  try {
    const ok = await portForward(s.url, home, ['svc/web', ':8080'], async (port) => {
      const r = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('server'), 'nginx/1.27.4');
      assert.equal(await r.text(), page);
      const missing = await fetch(`http://127.0.0.1:${port}/nope`);
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /<title>404 Not Found<\/title>/);
    });
    assert.match(ok.stdout, /^Forwarding from 127\.0\.0\.1:(\d+) -> 80\nForwarding from \[::1\]:\1 -> 80\nHandling connection for \1\nHandling connection for \1\n$/);
    assert.equal(ok.stderr, '');
    // nothing listens on 81: the kubelet's error, and kubectl gives up as it does against a cluster
    const refused = await portForward(s.url, home, ['deploy/web', ':81'], async (port) => {
      await assert.rejects(fetch(`http://127.0.0.1:${port}/`));
      await new Promise((r) => setTimeout(r, 500));
    });
    const pod = ks(home, ['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.uid}']).stdout;
    const netns = createHash('sha256').update(`netns/${pod}`).digest('hex');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`^E\\d{4} [\\d:.]+ +\\d+ portforward\\.go:424\\] "Unhandled Error" err="an error occurred forwarding \\d+ -> 81: error forwarding port 81 to pod ${netns}, uid : failed to execute portforward in network namespace .*connect: connection refused "\\nerror: lost connection to pod\\n$`));
  } finally {
    ks(home, ['serve', 'stop']);
  }
});

/** A SPDY/3.1 client's frames (what client-go's spdystream writes), header blocks in one zlib context. */
function spdyClient() {
  const deflate = zlib.createDeflate({ dictionary: HEADER_DICTIONARY });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const block = (h: Record<string, string>) => new Promise<Buffer>((resolve) => {
    const parts: Buffer[] = [];
    const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
    parts.push(u32(Object.keys(h).length));
    for (const [k, v] of Object.entries(h)) parts.push(u32(k.length), Buffer.from(k), u32(v.length), Buffer.from(v));
    deflate.write(Buffer.concat(parts));
    deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => resolve(Buffer.concat(out.splice(0))));
  });
  const control = (type: number, flags: number, body: Buffer) => {
    const h = Buffer.alloc(8);
    h.writeUInt16BE(0x8003, 0);
    h.writeUInt16BE(type, 2);
    h.writeUInt32BE((flags << 24) | body.length, 4);
    return Buffer.concat([h, body]);
  };
  return {
    async synStream(id: number, headers: Record<string, string>) {
      const b = Buffer.alloc(10);
      b.writeUInt32BE(id, 0);
      return control(1, 0, Buffer.concat([b, await block(headers)]));
    },
    ping: (id: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(id); return control(6, 0, b); },
    data: (id: number, data: string, fin = false) => {
      const h = Buffer.alloc(8);
      h.writeUInt32BE(id, 0);
      h.writeUInt32BE(((fin ? 1 : 0) << 24) | Buffer.byteLength(data), 4);
      return Buffer.concat([h, Buffer.from(data)]);
    },
  };
}

/** Frames read from a byte stream: [control type or 'data', stream id (or ping id), flags, payload]. */
function frames(buf: Buffer): [number | 'data', number, number, Buffer][] {
  const out: [number | 'data', number, number, Buffer][] = [];
  while (buf.length >= 8) {
    const len = buf.readUInt32BE(4) & 0xffffff;
    const body = buf.subarray(8, 8 + len);
    out.push(buf[0] & 0x80 ? [buf.readUInt16BE(2), body.readUInt32BE(0) & 0x7fffffff, buf[4], body] : ['data', buf.readUInt32BE(0), buf[4], body]);
    buf = buf.subarray(8 + len);
  }
  return out;
}

test('pods/portforward over a SPDY upgrade: streams replied, pings echoed, HTTP through to the workload, FIN both ways', async () => {
  const home = pinnedCluster();
  assert.equal(ks(home, ['run', 'web', '--image=nginx']).code, 0);
  assert.equal(ks(home, ['clock', 'advance', '3s']).code, 0);
  const s = served(home);
  let stopped: { code: number; stderr: string } = { code: -1, stderr: '' };
  try {
    const socket = await new Promise<Duplex>((resolve, reject) => {
      const req = http.request(`${s.url}/api/v1/namespaces/default/pods/web/portforward`, { method: 'POST', headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'portforward.k8s.io' } });
      req.on('upgrade', (res, sock) => { assert.equal(res.headers['x-stream-protocol-version'], 'portforward.k8s.io'); resolve(sock); });
      req.on('response', (res) => reject(new Error(`HTTP ${res.statusCode}`)));
      req.end();
    });
    let got = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => { got = Buffer.concat([got, d]); });
    const until = async (done: () => boolean) => { for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 20)); };
    const c = spdyClient();
    socket.write(await c.synStream(1, { streamtype: 'error', port: '80', requestid: '0' }));
    socket.write(c.data(1, '', true));
    socket.write(await c.synStream(3, { streamtype: 'data', port: '80', requestid: '0' }));
    socket.write(c.ping(1));
    await until(() => frames(got).length >= 3);
    assert.deepEqual(frames(got).map(([t, id, flags]) => [t, id, flags]), [[2, 1, 0], [2, 3, 0], [6, 1, 0]]);
    const before = frames(got).length;
    socket.write(c.data(3, 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n'));
    socket.write(c.data(3, '', true));
    await until(() => frames(got).filter(([t, , flags]) => t === 'data' && flags === 1).length === 2);
    const rest = frames(got).slice(before);
    const answer = Buffer.concat(rest.filter(([t, id]) => t === 'data' && id === 3).map(([, , , b]) => b)).toString();
    assert.match(answer, /^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.4\r\nDate: [^\r]+ GMT\r\nContent-Type: text\/html\r\nContent-Length: 615\r\n[^]*\r\n\r\n<!DOCTYPE html>[^]*<\/html>\n$/);
    // both our streams end (the error stream empty: no error)
    assert.deepEqual(rest.filter(([, , flags]) => flags === 1).map(([t, id, , b]) => [t, id, b.length]), [['data', 3, 0], ['data', 1, 0]]);
    socket.destroy();
  } finally {
    stopped = ks(home, ['serve', 'stop']);
  }
  // the server stops though an upgraded connection was open (it used to outlive `serve stop`)
  assert.equal(stopped.code, 0, stopped.stderr);
});

test('real kubectl exec and attach over SPDY (KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false) print what kubesim prints', { skip: HAVE_KUBECTL ? false : 'kubectl is not on PATH' }, () => {
  const home = pinnedCluster();
  assert.equal(ks(home, ['run', 'bb', '--image=busybox', '--', 'sleep', '3600']).code, 0);
  assert.equal(ks(home, ['run', 'counter', ...COUNTER]).code, 0);
  assert.equal(ks(home, ['clock', 'advance', '3s']).code, 0);
  const cases: [string[], string?][] = [[['exec', 'bb', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']], [['exec', '-i', 'bb', '--', 'cat'], 'piped in\n'], [['exec', 'bb', '--', 'sheep']], [['attach', 'counter']]];
  const norm = (t: string) => t.replace(/exec "[0-9a-f]{64}"/, 'exec "ID"');
  // kubesim in a copy of the cluster (attaching moves its clock), kubectl through the server
  const local = cases.map(([args, input]) => {
    const copy = `${home}-copy`;
    fs.rmSync(copy, { recursive: true, force: true });
    // (not a resident's socket: src/cli/resident/)
    fs.cpSync(home, copy, { recursive: true, filter: (f) => !f.endsWith('.sock') });
    return ks(copy, args, input);
  });
  assert.deepEqual(local[0], { stdout: 'out\n', stderr: 'err\ncommand terminated with exit code 3\n', code: 3 });
  const s = served(home);
  try {
    cases.forEach(([args, input], i) => {
      const r = spawnSync('kubectl', ['-s', s.url, ...args], { env: { ...process.env, HOME: home, KUBECONFIG: '/dev/null', KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' }, encoding: 'utf8', input, timeout: 30000 });
      assert.deepEqual([r.stdout, norm(r.stderr), r.status], [local[i].stdout, norm(local[i].stderr), local[i].code], args.join(' '));
    });
  } finally {
    ks(home, ['serve', 'stop']);
  }
});
