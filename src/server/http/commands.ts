// POST /kubesim/v1/commands: a `kubesim` command line run here, for a CLI process on this machine,
// against the cluster this server keeps in memory (src/cli/remote.ts is the other end). The server is
// then the single writer: commands no longer queue on the file lock, and watchers see their changes
// at once. Each withCluster call of the command becomes one of the host's serial writes; the command's
// output, standard input, working directory and kubeconfig environment are the client's.
import path from 'node:path';
import type { ClusterHost } from './host.js';
import { hostedSession, setSessionProvider } from '../../store/session.js';
import { redirectStdio } from '../../cli/io.js';
import { httpError } from './status.js';
import { readBody, sendJson, type Ctx } from './request.js';

export interface CommandRequest {
  argv: string[];
  cwd: string;
  /** standard input, when the command line reads it (`-f -`) */
  stdin?: string;
  /** the client's KUBECONFIG, KUBESIM_CLUSTER, NO_COLOR (unset ones are absent) */
  env: Record<string, string>;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number;
}

const CLIENT_ENV = ['KUBECONFIG', 'KUBESIM_CLUSTER', 'NO_COLOR'];

/** Commands share this process's streams, directory and environment: one runs at a time. */
let running: Promise<unknown> = Promise.resolve();

export function parseCommandRequest(body: Buffer): CommandRequest {
  let r: any;
  try {
    r = JSON.parse(body.toString('utf8'));
  } catch {
    throw httpError(400, 'invalid command request');
  }
  if (!Array.isArray(r?.argv) || !r.argv.every((a: unknown) => typeof a === 'string') || typeof r.cwd !== 'string' || !path.isAbsolute(r.cwd)) {
    throw httpError(400, 'invalid command request');
  }
  const env: Record<string, string> = {};
  for (const k of CLIENT_ENV) if (typeof r.env?.[k] === 'string') env[k] = r.env[k];
  return { argv: r.argv, cwd: r.cwd, stdin: typeof r.stdin === 'string' ? r.stdin : undefined, env };
}

export function runCommand(host: ClusterHost, req: CommandRequest): Promise<CommandResult> {
  // the command works in the client's directory: kubesim's own home must not move with it
  if (process.env.KUBESIM_HOME && !path.isAbsolute(process.env.KUBESIM_HOME)) process.env.KUBESIM_HOME = path.resolve(process.env.KUBESIM_HOME);
  const run = running.then(() => runNow(host, req));
  running = run.catch(() => undefined);
  return run;
}

async function runNow(host: ClusterHost, req: CommandRequest): Promise<CommandResult> {
  const out: string[] = [];
  const err: string[] = [];
  const savedEnv = Object.fromEntries(CLIENT_ENV.map((k) => [k, process.env[k]]));
  const savedCwd = process.cwd();
  const savedExit = process.exitCode;
  process.exitCode = undefined;
  for (const k of CLIENT_ENV) {
    if (req.env[k] === undefined) delete process.env[k];
    else process.env[k] = req.env[k];
  }
  redirectStdio({ out: (s) => out.push(s), err: (s) => err.push(s), stdin: req.stdin });
  // only this server's cluster is held here; a command naming another one works on that one's file
  setSessionProvider((name, _opts, fn) => (name === host.name
    ? host.write((cluster, mgr) => fn(hostedSession(host.name, host.file, cluster, mgr)))
    : undefined));
  try {
    process.chdir(req.cwd);
    const { main } = await import('../../cli/main.js');
    await main(req.argv);
    return { stdout: out.join(''), stderr: err.join(''), code: typeof process.exitCode === 'number' ? process.exitCode : 0 };
  } finally {
    setSessionProvider(undefined);
    redirectStdio(undefined);
    try { process.chdir(savedCwd); } catch { /* the server's directory went away: stay */ }
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.exitCode = savedExit;
  }
}

/** The route: POST a CommandRequest, get its CommandResult. */
export async function serveCommand(ctx: Ctx): Promise<void> {
  if (ctx.req.method !== 'POST') throw httpError(405, 'the server does not allow this method on the requested resource');
  const req = parseCommandRequest(await readBody(ctx.req));
  sendJson(ctx, 200, await runCommand(ctx.host, req));
}
