// POST /kubesim/v1/commands: a kubesim command sent by the CLI while this server runs
// (src/server/http/forward.ts), run here one at a time on the server's cluster: the command's
// withCluster opens a session on the ClusterHost (its write queue, the file saved as for any API
// write) instead of locking and reading the file, and what it prints goes back to the caller.
// One set of operations for both doors: the command's own code, the same registry underneath.
import type { Ctx } from './request.js';
import { readBody, sendJson } from './request.js';
import { httpError } from './status.js';
import { SYSTEM_PRIVILEGED_GROUP } from '../authorization/rbac.js';
import { setSessionProvider, type OpenOptions, type Session } from '../../store/session.js';
import { clusterName } from '../../store/file.js';
import { UserError } from '../../api/errors.js';
import { advanceTo } from '../../sim/loop.js';
import type { ClusterHost } from './host.js';
import { forwarding } from './forward.js';

interface CommandRequest {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  tty?: { stdout?: boolean; stderr?: boolean };
}

let queue: Promise<unknown> = Promise.resolve();

/** Sessions on the host's cluster for the commands this server runs. */
function installProvider(host: ClusterHost): void {
  forwarding.disabled = true;
  setSessionProvider(<T>(opts: OpenOptions, fn: (s: Session) => T | Promise<T>): Promise<T> => {
    const name = clusterName(opts.cluster);
    if (name !== host.name) throw new UserError(`error: this server serves cluster "${host.name}", not "${name}"`);
    return host.writeAsync(async (c, mgr) => {
      const s: Session = {
        name: host.name,
        file: host.file,
        cluster: c,
        manager: async () => mgr,
        advance: async (target, observe) => advanceTo(c, target, mgr, observe),
      };
      return fn(s);
    });
  });
}

type Write = (chunk: any, encoding?: any, cb?: any) => boolean;

/** Run `argv` as `kubesim` would, with the caller's directory and environment, capturing its output. */
async function runCommand(host: ClusterHost, r: CommandRequest): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  installProvider(host);
  const { main } = await import('../../cli/main.js');
  const out: string[] = [];
  const err: string[] = [];
  const saved = {
    env: process.env,
    cwd: process.cwd(),
    exitCode: process.exitCode,
    outWrite: process.stdout.write as Write,
    errWrite: process.stderr.write as Write,
    outTTY: process.stdout.isTTY,
    errTTY: process.stderr.isTTY,
    outListeners: process.stdout.listeners('error'),
    errListeners: process.stderr.listeners('error'),
  };
  const capture = (into: string[]): Write => (chunk, encoding, cb) => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encoding === 'function' ? encoding : cb;
    if (typeof done === 'function') done();
    return true;
  };
  try {
    process.env = { ...saved.env, ...r.env };
    process.chdir(r.cwd);
    process.exitCode = undefined;
    process.stdout.write = capture(out) as typeof process.stdout.write;
    process.stderr.write = capture(err) as typeof process.stderr.write;
    (process.stdout as { isTTY?: boolean }).isTTY = !!r.tty?.stdout;
    (process.stderr as { isTTY?: boolean }).isTTY = !!r.tty?.stderr;
    await main(r.argv);
    return { stdout: out.join(''), stderr: err.join(''), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.stdout.write = saved.outWrite as typeof process.stdout.write;
    process.stderr.write = saved.errWrite as typeof process.stderr.write;
    (process.stdout as { isTTY?: boolean }).isTTY = saved.outTTY;
    (process.stderr as { isTTY?: boolean }).isTTY = saved.errTTY;
    // main() listens for EPIPE on each call
    for (const l of process.stdout.listeners('error')) if (!saved.outListeners.includes(l)) process.stdout.off('error', l as any);
    for (const l of process.stderr.listeners('error')) if (!saved.errListeners.includes(l)) process.stderr.off('error', l as any);
    try { process.chdir(saved.cwd); } catch { /* the caller's directory went away */ }
    process.env = saved.env;
    process.exitCode = saved.exitCode;
  }
}

export async function serveCommand(ctx: Ctx): Promise<void> {
  if (ctx.req.method !== 'POST') throw httpError(405, 'the server does not allow this method on the requested resource');
  // the admin's door (its token, or --no-auth): a command may do anything
  if (!ctx.user.groups.includes(SYSTEM_PRIVILEGED_GROUP)) throw httpError(403, 'forbidden: kubesim commands are for the cluster admin');
  let r: CommandRequest;
  try {
    r = JSON.parse((await readBody(ctx.req)).toString('utf8'));
  } catch {
    throw httpError(400, 'malformed command');
  }
  if (!Array.isArray(r?.argv) || typeof r.cwd !== 'string' || !r.env || typeof r.env !== 'object') throw httpError(400, 'malformed command');
  const run = queue.then(() => runCommand(ctx.host, r));
  queue = run.catch(() => undefined);
  sendJson(ctx, 200, await run);
}
