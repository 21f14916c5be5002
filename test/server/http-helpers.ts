// Start `kubesim serve` on a free loopback port (port 0) in a temp KUBESIM_HOME, for the HTTP API tests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, ROOT, env, tempHome } from '../cli/helpers.js';

export interface Served {
  home: string;
  url: string;
  token?: string;
  /** --tls: the server's certificate */
  ca?: string;
  proc: ChildProcess;
  /** fetch with the bearer token (when there is one) */
  api(p: string, init?: RequestInit & { headers?: Record<string, string> }): Promise<Response>;
  stop(): Promise<void>;
}

export async function serve(opts: { auth?: boolean; tls?: boolean; home?: string; args?: string[] } = {}): Promise<Served> {
  const home = opts.home ?? tempHome();
  const kubeconfig = path.join(home, 'serve-kubeconfig');
  const args = ['serve', '--port', '0', '--write-kubeconfig', kubeconfig, ...(opts.auth ? [] : ['--no-auth']), ...(opts.tls ? ['--tls'] : []), ...(opts.args ?? [])];
  const proc = spawn(BIN, args, { env: env(home), cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`kubesim serve did not start: ${stderr}`)), 20000);
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /Starting to serve on (\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(`http://${m[1]}`); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`kubesim serve exited ${code}: ${stderr}`)); });
  });
  const info = JSON.parse(fs.readFileSync(path.join(home, 'serve', 'default.json'), 'utf8'));
  const token: string | undefined = info.token;
  const url: string = info.url;
  const ca: string | undefined = info.ca;
  return {
    home,
    url,
    token,
    ca,
    proc,
    api(p, init = {}) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (token && !('Authorization' in headers)) headers.Authorization = `Bearer ${token}`;
      return fetch(url + p, { ...init, headers });
    },
    stop() {
      return new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      });
    },
  };
}

export const DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx-deployment', labels: { app: 'nginx' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'nginx' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] } },
  },
};

export async function waitFor(fn: () => Promise<boolean>, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

/** The events of a watch response as they arrive (one JSON object per line); `stop` aborts it and waits for the reader. */
export function watchEvents(r: Response, ctl: AbortController): { events: any[]; stop: () => Promise<void> } {
  const reader = r.body!.getReader();
  const events: any[] = [];
  let buf = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buf += Buffer.from(value!).toString('utf8');
      let i;
      while ((i = buf.indexOf('\n')) >= 0) { events.push(JSON.parse(buf.slice(0, i))); buf = buf.slice(i + 1); }
    }
  })();
  return { events, stop: async () => { ctl.abort(); await pump; } };
}
