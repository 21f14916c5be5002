// The resident process of a kubesim home (`kubesim __resident`, started by resident/start.ts): a warm kubesim that
// runs command lines for its clients (client.cts, started by bin/kubesim) over a Unix socket, so that a script's commands skip Node's start of
// kubesim (the snapshot's deserialisation, compiling every function anew). It keeps no cluster: each command reads
// and writes the cluster file under its lock exactly as a kubesim process would, so the two can be mixed freely.
// Commands run one at a time (they share this process's environment, directory and streams). It leaves when idle,
// when its socket or home is removed, or when kubesim is rebuilt. Its pid is in run/resident.pid beside the socket.
//
// Protocol: the client sends one JSON line {argv, cwd, env, stdin?, root}; the server answers with lines: {p: pid}
// when the command starts, then either {out: [[fd, text]...], code} or {local: why} (the client runs it itself).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { kubesimHome } from '../../store/file.js';
import { packageRoot } from '../../server/http/daemon.js';
import { redirectStdio } from '../io.js';
import { setResident, takeHandBack } from './handback.js';
import { buildStamp, residentDir, residentSocket } from './paths.js';

/** idle this long (ms; KUBESIM_RESIDENT_IDLE_MS), the process leaves */
const IDLE_MS = 30_000;
const CHECK_MS = 1000;

interface Request { argv: string[]; cwd: string; env: Record<string, string>; stdin?: string; root: string }
type Answer = { out: [number, string][]; code: number } | { local: string };

const line = (o: unknown) => JSON.stringify(o) + '\n';

export async function serveResident(): Promise<void> {
  delete process.env.KUBESIM_RESIDENT_BYPASS;
  const home = path.resolve(kubesimHome());
  const sock = residentSocket(home);
  const root = path.resolve(packageRoot());
  const build = buildStamp();
  try { fs.mkdirSync(residentDir(home), { recursive: true, mode: 0o700 }); } catch { return; }
  process.chdir('/');
  const server = net.createServer();
  if (!(await listen(server, sock))) return;
  await prebuild();
  const ino = inode(sock);
  const pidFile = path.join(residentDir(home), 'resident.pid');
  fs.writeFileSync(pidFile, `${process.pid}\n`);
  const idleMs = Number(process.env.KUBESIM_RESIDENT_IDLE_MS) || IDLE_MS;
  let last = Date.now();
  let busy = false;
  let queue: Promise<void> = Promise.resolve();
  const leave = () => {
    server.close();
    if (inode(sock) === ino) {
      fs.rmSync(sock, { force: true });
      fs.rmSync(pidFile, { force: true });
    }
    process.exit(0);
  };
  // (never in the middle of a command: it ends first)
  setInterval(() => {
    if (!busy && (inode(sock) !== ino || buildStamp() !== build || Date.now() - last > idleMs)) leave();
  }, Math.min(CHECK_MS, idleMs)).unref();
  server.on('connection', (c) => {
    c.on('error', () => { /* the client went away: its command (if started) still finishes */ });
    c.setEncoding('utf8');
    let text = '';
    const onData = (d: string) => {
      text += d;
      const nl = text.indexOf('\n');
      if (nl < 0) return;
      c.off('data', onData);
      const req = parse(text.slice(0, nl));
      queue = queue.then(async () => {
        if (c.destroyed) return;
        if (!req || path.resolve(req.root) !== root || buildStamp() !== build) {
          c.end(line({ local: 'another build' }));
          return;
        }
        busy = true;
        c.write(line({ p: process.pid }));
        try {
          c.end(line(await run(req)));
        } finally {
          busy = false;
          last = Date.now();
          // the next command's grammar is built while nothing waits (main takes it: building is most of a short command)
          setImmediate(prebuild);
        }
      }).catch(() => {
        // main reports every error of a command as kubectl would: this is kubesim's own failure, which its client reports
        c.destroy();
      });
    };
    c.on('data', onData);
  });
  // (this process's own stdout and stderr are run/resident.log: start.ts)
}

async function prebuild(): Promise<void> {
  (await import('../main.js')).prebuildProgram();
}

function parse(text: string): Request | undefined {
  try {
    const r = JSON.parse(text);
    if (!Array.isArray(r?.argv) || !r.argv.every((a: unknown) => typeof a === 'string')) return undefined;
    if (typeof r.cwd !== 'string' || typeof r.root !== 'string' || !r.env || typeof r.env !== 'object') return undefined;
    if (r.stdin !== undefined && typeof r.stdin !== 'string') return undefined;
    return r as Request;
  } catch {
    return undefined;
  }
}

/** process.env becomes `env`, exactly (Node's environment object cannot be swapped for another). */
function replaceEnv(env: NodeJS.ProcessEnv): void {
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, env);
}

function inode(file: string): number {
  try { return fs.statSync(file).ino; } catch { return -1; }
}

/** Listen on `sock`, taking it over from a resident that died; false when another one answers there. */
function listen(server: net.Server, sock: string): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EADDRINUSE') return resolve(false);
      const probe = net.connect(sock);
      probe.on('connect', () => { probe.destroy(); resolve(false); });
      probe.on('error', () => {
        fs.rmSync(sock, { force: true });
        server.once('error', () => resolve(false));
        server.listen(sock, () => resolve(true));
      });
    });
    server.listen(sock, () => resolve(true));
  });
}

/** One command line in the client's environment and directory, its output held for the client. */
async function run(req: Request): Promise<Answer> {
  const saved = { ...process.env };
  const out: [number, string][] = [];
  try {
    process.chdir(req.cwd);
  } catch {
    return { local: 'its directory' };
  }
  replaceEnv(req.env);
  // where this kubesim lives (bin/kubesim tells the snapshot; a client's environment does not)
  if (saved.KUBESIM_ROOT !== undefined) process.env.KUBESIM_ROOT = saved.KUBESIM_ROOT;
  process.exitCode = undefined;
  redirectStdio({ out: (s) => out.push([1, s]), err: (s) => out.push([2, s]), stdin: req.stdin });
  setResident(true);
  try {
    // the custom resources of the cluster the last command used are not this one's (its discovery finds its own)
    (await import('../../api/resources.js')).setCustomResources([], []);
    const { main } = await import('../main.js');
    await main(req.argv);
    const why = takeHandBack();
    return why ? { local: why } : { out, code: typeof process.exitCode === 'number' ? process.exitCode : 0 };
  } catch (e) {
    const why = takeHandBack();
    if (why) return { local: why };
    throw e;
  } finally {
    setResident(false);
    redirectStdio(undefined);
    replaceEnv(saved);
    process.exitCode = undefined;
    try { process.chdir('/'); } catch { /* stays where it is */ }
  }
}
