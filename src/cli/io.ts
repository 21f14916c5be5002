// stdout is the contract (DESIGN: Conventions 8): command output is collected and written once.
// A command's stdout is held until it has finished (and so until its changes are saved): a command
// whose save fails prints no "created" line for what was never stored. Commands that report progress
// as it happens (watches, rollout status, wait, tour) stream instead.
export interface Out {
  out(s: string): void;
  err(s: string): void;
}

import fs from 'node:fs';
import type { ResourceInfo } from '../api/resources.js';
import { deprecationWarning } from '../api/deprecation.js';
import { handBack } from './resident/handback.js';

let held: string[] | undefined;
/** Where a command's output goes instead of this process's streams (a command a running server runs for a client). */
let sink: (Out & { stdin?: string }) | undefined;

const write = (s: string) => { if (sink) sink.out(s); else process.stdout.write(s); };

export const stdio: Out = {
  out: (s) => {
    if (!s) return;
    if (held) held.push(s);
    else write(s);
  },
  err: (s) => {
    if (!s) return;
    if (sink) sink.err(s);
    else process.stderr.write(s);
  },
};

/** Send commands' output to `to` (and give them `to.stdin` as standard input) until called with undefined. */
export function redirectStdio(to: (Out & { stdin?: string }) | undefined): void {
  sink = to;
}

/** Is this command's output redirected (run by a server for a client)? */
export function redirected(): boolean {
  return sink !== undefined;
}

let stdinRead: string | undefined;

/** Standard input, whole (a redirected command's is what its client sent); read once. */
export function readStdin(): string {
  if (sink) {
    // a client's standard input is sent only when its command line names it (`-f -`)
    if (sink.stdin === undefined) handBack('it reads standard input');
    return sink.stdin ?? '';
  }
  return (stdinRead ??= fs.readFileSync(0, 'utf8'));
}

/** Where errors go, as colour decisions see it: a redirected command's stderr is no terminal. */
export function stderrStream(): { isTTY?: boolean } {
  return sink ? {} : process.stderr;
}

/** Hold stdout from now until releaseStdout. */
export function holdStdout(): void {
  held = held ?? [];
}

/** Write (or, when the command's changes were not saved, drop) what was held, and stop holding. */
export function releaseStdout(doWrite = true): void {
  const h = held;
  held = undefined;
  if (doWrite && h?.length) write(h.join(''));
}

/** A command that reports progress as it happens: what it prints goes out at once. */
export function streamStdout(): void {
  releaseStdout(true);
}

/** kubectl's deprecation/warning lines go to stderr. */
export function warn(o: Out, msg: string): void {
  o.err(`Warning: ${msg}\n`);
}

/** The API server's deprecation warnings for the types a command read, as kubectl prints each answer's. */
export function warnDeprecated(infos: ResourceInfo[]): void {
  for (const info of infos) {
    const w = deprecationWarning(info);
    if (w) stdio.err(`Warning: ${w}\n`);
  }
}
