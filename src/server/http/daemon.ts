// `kubesim serve --background` and `kubesim serve stop`: the server as a daemon, found through its
// info file ($KUBESIM_HOME/serve/<cluster>.json: pid, url) and logging to <cluster>.log beside it.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../api/errors.js';
import { readServeInfo, serveInfoFile, type ServeInfo } from './info.js';
import { pidAlive } from '../../store/lock.js';

/** The server running for a cluster, if any (a file left by a dead one is removed). */
export function runningServer(cluster: string): ServeInfo | undefined {
  const info = readServeInfo(cluster);
  if (!info) return undefined;
  if (pidAlive(info.pid)) return info;
  fs.rmSync(serveInfoFile(cluster), { force: true });
  return undefined;
}

export function logFile(cluster: string): string {
  return serveInfoFile(cluster).replace(/\.json$/, '.log');
}

export function packageRoot(): string {
  // bin/kubesim says where it lives when it starts us from the snapshot (no module URL there)
  if (process.env.KUBESIM_ROOT) return process.env.KUBESIM_ROOT;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'bin', 'kubesim')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start `kubesim serve ARGS` detached; resolves with its info once it serves. */
export async function startBackground(cluster: string, args: string[]): Promise<{ info: ServeInfo; log: string }> {
  const log = logFile(cluster);
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const fd = fs.openSync(log, 'a');
  const child = spawn(path.join(packageRoot(), 'bin', 'kubesim'), ['serve', ...args], { detached: true, stdio: ['ignore', fd, fd], env: process.env });
  fs.closeSync(fd);
  let exited: number | null = null;
  child.on('exit', (code) => { exited = code ?? 1; });
  child.unref();
  for (let waited = 0; waited < 30000; waited += 50) {
    const info = readServeInfo(cluster);
    if (info && info.pid === child.pid) return { info, log };
    if (exited !== null) break;
    await sleep(50);
  }
  const text = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').slice(-3).join('\n') : '';
  throw new UserError(`error: the server did not start (see ${log})${text ? `:\n${text}` : ''}`);
}

/** Stop the cluster's server (SIGTERM: it saves and removes its info file). */
export async function stopServer(cluster: string): Promise<ServeInfo> {
  const info = runningServer(cluster);
  if (!info) throw new UserError(`error: no server is running for cluster "${cluster}"`);
  process.kill(info.pid, 'SIGTERM');
  for (let waited = 0; waited < 15000; waited += 50) {
    if (!pidAlive(info.pid)) return info;
    await sleep(50);
  }
  throw new UserError(`error: the server (pid ${info.pid}) did not stop within 15s`);
}
