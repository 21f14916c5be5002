// While `kubesim serve` runs for a cluster, the CLI is its client: a command on that cluster is sent
// to the server (POST /kubesim/v1/commands with the argv, working directory and environment) and run
// there, in the server's process, on its in-memory cluster (src/server/http/commands.ts), instead of
// queueing on the file lock. Commands that stream, wait or talk to the terminal (watches, logs -f,
// rollout status, wait, exec/attach/port-forward, edit, `-f -`) still run here on the file.
// Loaded by every command: the check for a server is one stat of $KUBESIM_HOME/serve.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// node:http(s) are loaded only to forward: the startup snapshot can neither hold them (they fail to
// load in the snapshot builder) nor import() them, so they come from process.getBuiltinModule (Node >= 20.16)
type Http = typeof import('node:http');
const builtin = <T>(id: string): T => (process as unknown as { getBuiltinModule(id: string): T }).getBuiltinModule(id);

/** Commands whose work is one request and an answer. */
const FORWARDED = new Set([
  'get', 'describe', 'create', 'apply', 'delete', 'label', 'annotate', 'scale', 'set', 'patch', 'replace',
  'expose', 'autoscale', 'rollout', 'cordon', 'uncordon', 'taint', 'run', 'clock',
]);
/** rollout subcommands that wait for the cluster */
const WAITING_ROLLOUT = new Set(['status']);
/** flags that make a command stream, wait or read the terminal */
const STREAMING = new Set(['-w', '--watch', '--watch-only', '-i', '-t', '-it', '-ti', '--stdin', '--tty', '--rm', '--attach', '--wait', '--edit', '-h', '--help']);

/** Set in the server's process: commands it runs must not be sent on to itself. */
export const forwarding = { disabled: false };

function flagValue(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

function forwardable(argv: string[]): boolean {
  const cmd = argv.find((a) => !a.startsWith('-'));
  if (!cmd || !FORWARDED.has(cmd)) return false;
  if (cmd === 'rollout' && argv.some((a) => WAITING_ROLLOUT.has(a))) return false;
  // delete waits (by default) until the objects are gone: in realtime for their grace periods, which
  // would hold up every other command the server runs meanwhile
  if (cmd === 'delete' && !argv.includes('--wait=false')) return false;
  if (cmd === 'replace' && argv.some((a) => a === '--force' || a === '--force=true')) return false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (STREAMING.has(a) || /^--(watch|watch-only|stdin|tty|attach|rm)=(true|1)$/.test(a)) return false;
    // a manifest from stdin
    if ((a === '-f' || a === '--filename') && argv[i + 1] === '-') return false;
    if (a === '-f-' || a === '--filename=-') return false;
  }
  return true;
}

interface Answer { stdout: string; stderr: string; exitCode: number }

/**
 * Send the command to the cluster's running server; false when there is none (or it cannot take
 * this command), and the caller runs it itself.
 */
export async function forwardToServer(argv: string[]): Promise<boolean> {
  if (forwarding.disabled || process.env.KUBESIM_NO_FORWARD || typeof (process as { getBuiltinModule?: unknown }).getBuiltinModule !== 'function') return false;
  const home = process.env.KUBESIM_HOME || path.join(os.homedir(), '.kubesim');
  const cluster = flagValue(argv, '--cluster') || process.env.KUBESIM_CLUSTER || 'default';
  let info: { pid: number; url: string; token?: string; ca?: string };
  try {
    info = JSON.parse(fs.readFileSync(path.join(home, 'serve', `${cluster}.json`), 'utf8'));
  } catch {
    return false;
  }
  if (!forwardable(argv)) return false;
  try {
    process.kill(info.pid, 0);
  } catch (e: any) {
    if (e.code !== 'EPERM') return false;
  }
  const body = JSON.stringify({ argv, cwd: process.cwd(), env: process.env, tty: { stdout: !!process.stdout.isTTY, stderr: !!process.stderr.isTTY } });
  let answer: Answer;
  try {
    answer = await post(info, body);
  } catch {
    return false; // the server went away: the file is ours again
  }
  if (answer.stdout) process.stdout.write(answer.stdout);
  if (answer.stderr) process.stderr.write(answer.stderr);
  process.exitCode = answer.exitCode;
  return true;
}

function post(info: { url: string; token?: string; ca?: string }, body: string): Promise<Answer> {
  const url = new URL('/kubesim/v1/commands', info.url);
  return new Promise((resolve, reject) => {
    const req = builtin<Http>(url.protocol === 'https:' ? 'node:https' : 'node:http').request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...(info.token ? { Authorization: `Bearer ${info.token}` } : {}) },
      ...(info.ca ? { ca: info.ca } : {}),
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`server answered ${res.statusCode}`));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
