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

export function forwardable(cmd: Command, opts: any): boolean {
  if (redirected() || process.env.KUBESIM_NO_SERVER || process.stdout.isTTY) return false;
  const names = commandPath(cmd);
  const keep = FORWARD[names.slice(0, 2).join(' ')] ?? FORWARD[names[0]];
  // delete waits for the objects to go unless told not to
  const ok = keep ? !keep.some((f) => opts[f]) : names[0] === 'delete' && opts.wait === false;
  if (!ok || names.join(' ') === 'apply edit-last-applied') return false;
  return fs.existsSync(serveInfoFile(clusterName(opts.cluster)));
}
