// Which command lines a running `kubesim serve` may run for this process (src/cli/remote.ts sends
// them). Only commands that finish on their own and print to a pipe: watches, follows, editors,
// attached sessions and waits stay here, as do commands on a terminal (colour, spinners).
import fs from 'node:fs';
import type { Command } from 'commander';
import { clusterName } from '../store/file.js';
import { redirected } from './io.js';
import { serveInfoFile } from '../server/http/info.js';

/** verb (or "verb sub") -> the flags that keep it here (it would stream, wait or prompt) */
const FORWARD: Record<string, string[]> = {
  get: ['watch', 'watchOnly', 'raw'], describe: [], events: ['watch'], logs: ['follow'], top: [],
  create: ['edit'], apply: ['edit'], replace: [], patch: [], label: [], annotate: [], scale: [], set: [],
  expose: [], autoscale: [], taint: [], cordon: [], uncordon: [], run: ['stdin', 'tty', 'attach', 'rm'],
  'rollout undo': [], 'rollout pause': [], 'rollout resume': [], 'rollout restart': [], 'rollout history': [],
  'auth can-i': [], 'auth whoami': [],
};

/**
 * What the resident process (resident/server.ts) may run besides: kubesim's clock and clusters, the waits (in manual
 * mode they fast-forward virtual time; in realtime mode their first sleep hands them back: resident/handback.ts, as
 * does delete's wait before it deletes), and commands that only read files or the cluster.
 */
const RESIDENT: Record<string, string[]> = {
  ...FORWARD, clock: [], cluster: [], 'rollout status': [], wait: [], delete: ['interactive'], version: [], explain: [],
  'api-resources': [], 'api-versions': [], config: [], 'cluster-info': [], certificate: [], kustomize: [], 'auth reconcile': [],
};

function commandPath(cmd: Command): string[] {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names;
}

/** The command line as main() received it, before normalisation (what the server parses again). */
let commandLine: string[] = [];
export function rememberCommandLine(argv: string[]): void {
  commandLine = argv;
}
export function rememberedCommandLine(): string[] {
  return commandLine;
}

/** Does the command finish on its own, printing to a pipe, by `table`? */
function runsDetached(table: Record<string, string[]>, cmd: Command, opts: any): boolean {
  const names = commandPath(cmd);
  const keep = table[names.slice(0, 2).join(' ')] ?? table[names[0]];
  // delete waits for the objects to go unless told not to
  const ok = keep ? !keep.some((f) => opts[f]) : names[0] === 'delete' && opts.wait === false;
  return ok && names.join(' ') !== 'apply edit-last-applied';
}

/** Is a `kubesim serve` of the command's cluster running (its info file is there)? */
export function serving(opts: any): boolean {
  return fs.existsSync(serveInfoFile(clusterName(opts.cluster)));
}

export function forwardable(cmd: Command, opts: any): boolean {
  if (redirected() || process.env.KUBESIM_NO_SERVER || process.stdout.isTTY) return false;
  return runsDetached(FORWARD, cmd, opts) && serving(opts);
}

/** Would a resident process serve this process's commands (a script's: neither stdout nor stderr a terminal)? */
export function residentWanted(): boolean {
  const mode = process.env.KUBESIM_RESIDENT;
  return mode !== 'off' && mode !== '0' && !process.stdout.isTTY && !process.stderr.isTTY;
}

/** May the resident process run this command for a client (a cluster a server runs is the server's to serve)? */
export function residentable(cmd: Command, opts: any): boolean {
  return runsDetached(RESIDENT, cmd, opts) && !(serving(opts) && !process.env.KUBESIM_NO_SERVER);
}
