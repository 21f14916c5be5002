// kubectl port-forward end to end: a real local listener answering with the simulated workload's
// HTTP responses, kubectl's lines (Forwarding from ..., Handling connection for ...), Ctrl-C ends it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { BIN, ROOT, env, ks, pinnedCluster } from './helpers.js';

function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
  });
}

/** Whether this machine can listen on [::1] (kubectl then forwards from both loopbacks). */
function ipv6(): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(0, '::1', () => s.close(() => resolve(true)));
  });
}

function get(port: number, path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    }).on('error', reject);
  });
}

interface Forward { stdout: () => string; stderr: () => string; stop: () => Promise<number>; ended: () => Promise<number> }

/** every forwarder started, killed when the test ends however it ends (a live child would hold the runner) */
const children: import('node:child_process').ChildProcess[] = [];
test.after(() => { for (const c of children) if (c.exitCode === null) c.kill('SIGKILL'); });

async function forward(home: string, args: string[], listeners = 1): Promise<Forward> {
  const p = spawn(BIN, ['port-forward', ...args], { env: env(home), cwd: ROOT });
  children.push(p);
  let stdout = '';
  let stderr = '';
  p.stdout.on('data', (d) => (stdout += d));
  p.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise<number>((r) => p.on('close', (code) => r(code ?? -1)));
  // ready once the last listener is announced (or the command failed)
  const ready = () => (stdout.match(/^Forwarding from /gm) || []).length >= listeners;
  for (let i = 0; i < 200 && !ready() && p.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
  // the Ctrl-C handler is set once every listener is up
  await new Promise((r) => setTimeout(r, 200));
  return { stdout: () => stdout, stderr: () => stderr, stop: async () => { p.kill('SIGINT'); return closed; }, ended: () => closed };
}

test('port-forward svc/NAME LOCAL:PORT forwards to the target port of a pod; each connection is announced; Ctrl-C ends it', async () => {
  const home = pinnedCluster();
  for (const a of [
    ['create', 'deployment', 'kubia', '--image=luksa/kubia:v1', '--port=8080'],
    ['expose', 'deployment', 'kubia', '--port=80', '--target-port=8080'],
    ['rollout', 'status', 'deployment/kubia'],
    ['create', 'deployment', 'web', '--image=nginx:1.27.4'],
    ['rollout', 'status', 'deployment/web'],
  ]) assert.equal(ks(home, a).code, 0, a.join(' '));
  const v6 = await ipv6();
  const port = await freePort();
  const fw = await forward(home, ['svc/kubia', `${port}:80`], v6 ? 2 : 1);
  const a = await get(port, '/');
  const b = await get(port, '/');
  assert.equal(a.status, 200);
  assert.equal(a.body, "You've hit kubia-58bdcc7c64-5fnmp\n");
  assert.equal(b.body, "You've hit kubia-58bdcc7c64-5fnmp\n");
  assert.equal(a.headers.date, 'Tue, 01 Jan 2030 00:00:03 GMT');
  assert.equal(await fw.stop(), 0);
  assert.equal(fw.stdout(), `Forwarding from 127.0.0.1:${port} -> 8080\n` + (v6 ? `Forwarding from [::1]:${port} -> 8080\n` : '') +
    `Handling connection for ${port}\nHandling connection for ${port}\n`);
  assert.equal(fw.stderr(), '');

  // a Deployment's pod, nginx's own 404 with its headers
  const port2 = await freePort();
  const fw2 = await forward(home, ['deploy/web', `${port2}:80`, '--address', '127.0.0.1']);
  const nf = await get(port2, '/missing');
  assert.equal(nf.status, 404);
  assert.equal(nf.headers.server, 'nginx/1.27.4');
  assert.match(nf.body, /<title>404 Not Found<\/title>/);
  assert.equal(await fw2.stop(), 0);
  assert.equal(fw2.stdout(), `Forwarding from 127.0.0.1:${port2} -> 80\nHandling connection for ${port2}\n`);

  // nothing listens on the remote port: kubectl's error, then the command ends
  const port3 = await freePort();
  const fw3 = await forward(home, ['deploy/web', `${port3}:8080`, '--address', '127.0.0.1']);
  await get(port3, '/').catch(() => undefined);
  // it ends by itself (a Ctrl-C sent now could overtake the error on a busy machine)
  assert.equal(await fw3.ended(), 1);
  assert.match(fw3.stderr(), /^E\d{4} [\d:.]+ +\d+ portforward\.go:424\] "Unhandled Error" err="an error occurred forwarding \d+ -> 8080: error forwarding port 8080 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace .*connect: connection refused "\nerror: lost connection to pod\n$/);

  // errors before listening
  const errs: [string[], string][] = [
    [['port-forward', 'svc/kubia', '8080:81'], 'error: Service kubia does not have a service port 81\n'],
    [['port-forward', 'svc/kubia'], 'error: TYPE/NAME and list of ports are required for port-forward\n'],
    [['port-forward', 'pod/nope', '80'], 'Error from server (NotFound): pods "nope" not found\n'],
    [['port-forward', 'deploy/kubia', 'http'], "error: Pod 'kubia-58bdcc7c64-5fnmp' does not have a named port 'http'\n"],
  ];
  for (const [args, stderr] of errs) {
    const r = ks(home, args);
    assert.equal(r.stderr, stderr, args.join(' '));
    assert.equal(r.code, 1);
  }
});
