// The CLI as a client of a running `kubesim serve` (issue: "while a server runs, the CLI is its
// client"): the command line goes to the server (POST /kubesim/v1/commands, src/server/http/commands.ts),
// which runs it against the cluster it keeps, and what it printed comes back. No file lock is taken
// here. A server that is not there (any more) leaves the command to run here on the file.
import http from 'node:http';
import https from 'node:https';
import { clusterName } from '../store/file.js';
import { UserError } from '../api/errors.js';
import { runningServer } from '../server/http/daemon.js';
import { rememberedCommandLine } from './forward.js';
import { readStdin, stdio } from './io.js';
import { readsStdin } from './resident/stdinargs.cjs';

const CLIENT_ENV = ['KUBECONFIG', 'KUBESIM_CLUSTER', 'NO_COLOR'];

interface Answer { status: number; body: string }

function post(url: URL, token: string | undefined, ca: string | undefined, body: string): Promise<Answer> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(ca ? { ca } : {}),
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Run the command on the cluster's server; false when no server answers (run it here). */
export async function forward(opts: { cluster?: string }): Promise<boolean> {
  const cluster = clusterName(opts.cluster);
  const info = runningServer(cluster);
  if (!info) return false;
  const argv = rememberedCommandLine();
  const env: Record<string, string> = {};
  for (const k of CLIENT_ENV) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  const body = JSON.stringify({ argv, cwd: process.cwd(), env, ...(readsStdin(argv) ? { stdin: readStdin() } : {}) });
  let answer: Answer;
  try {
    answer = await post(new URL('/kubesim/v1/commands', info.url), info.token, info.ca, body);
  } catch (e: any) {
    // the server went away between its info file and now: the file is ours again
    if (e?.code === 'ECONNREFUSED' || e?.code === 'ECONNRESET') return false;
    throw new UserError(`error: the kubesim server for cluster "${cluster}" at ${info.url} did not answer: ${e?.message ?? e}`);
  }
  if (answer.status !== 200) {
    throw new UserError(`error: the kubesim server for cluster "${cluster}" at ${info.url} refused the command (HTTP ${answer.status})`);
  }
  const r = JSON.parse(answer.body) as { stdout: string; stderr: string; code: number };
  stdio.out(r.stdout);
  stdio.err(r.stderr);
  process.exitCode = r.code;
  return true;
}
