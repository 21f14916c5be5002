// kubectl proxy: the API on a local port without credentials, behind kubectl's request filter (exec and
// attach paths, other Hosts and --reject-methods refused with `Forbidden`), under --api-prefix.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, ROOT, env, pinnedCluster } from './helpers.js';

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', send?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.request({ host: '127.0.0.1', port, path, headers, method }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).end(send);
  });
}

async function proxy(home: string, args: string[], fn: (port: number) => Promise<void>): Promise<string> {
  const p = spawn(BIN, ['proxy', '--port=0', ...args], { env: env(home), cwd: ROOT });
  let out = '';
  let err = '';
  p.stderr.on('data', (d) => (err += d));
  const port = await new Promise<number>((resolve, reject) => {
    p.stdout.on('data', (d) => {
      out += d;
      const m = /^Starting to serve on 127\.0\.0\.1:(\d+)\n/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    p.on('exit', () => reject(new Error(`proxy exited: ${err}`)));
  });
  try {
    await fn(port);
  } finally {
    p.kill('SIGINT');
    await new Promise((r) => p.on('close', r));
  }
  return err;
}

test('proxy: the API without credentials; exec, attach, other hosts and rejected methods are Forbidden', async () => {
  const home = pinnedCluster();
  const stderr = await proxy(home, ['--reject-methods=^DELETE$'], async (port) => {
    const ns = await get(port, '/api/v1/namespaces/default');
    assert.equal(ns.status, 200);
    assert.equal(JSON.parse(ns.body).metadata.name, 'default');
    for (const [path, headers, method] of [
      ['/api/v1/namespaces/default/pods/web/exec', {}, 'GET'],
      ['/api/v1/namespaces/default/pods/web/attach', {}, 'GET'],
      ['/api/v1/namespaces', { Host: 'evil.example:8001' }, 'GET'],
      ['/api/v1/namespaces', { Host: 'localhost' }, 'GET'], // no port: net.SplitHostPort finds no host
      ['/api/v1/namespaces/default', {}, 'DELETE'],
    ] as const) {
      assert.deepEqual(await get(port, path, headers as Record<string, string>, method), { status: 403, body: 'Forbidden\n' }, `${method} ${path}`);
    }
    assert.equal((await get(port, '/api/v1/namespaces', { Host: `localhost:${port}` })).status, 200);
    // a write through the proxy (the server it started takes the cluster's lock)
    const created = await get(port, '/api/v1/namespaces/default/configmaps', { 'Content-Type': 'application/json' }, 'POST', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'via-proxy' } }));
    assert.equal(created.status, 201);
  });
  assert.equal(stderr, '');
  // Ctrl-C stops it cleanly: the server it started is no longer registered for the cluster
  assert.equal(fs.existsSync(path.join(home, 'serve', 'default.json')), false);
});

test('proxy --api-prefix: the API under the prefix only; --disable-filter warns as klog does', async () => {
  const home = pinnedCluster();
  const stderr = await proxy(home, ['--api-prefix=/k8s/', '--disable-filter'], async (port) => {
    assert.equal(JSON.parse((await get(port, '/k8s/api/v1/namespaces/default')).body).metadata.name, 'default');
    assert.deepEqual(await get(port, '/api/v1/namespaces/default'), { status: 404, body: '404 page not found\n' });
    // no filter: the exec path reaches the API server
    assert.notEqual((await get(port, '/k8s/api/v1/namespaces/default/pods/web/exec')).body, 'Forbidden\n');
  });
  assert.match(stderr, /^W\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ proxy\.go:177\] Request filter disabled, your proxy is vulnerable to XSRF attacks, please be cautious\n$/);
});
