// The resident process (resident/server.ts) runs a client's command only when it can finish it exactly as the client
// would have: a command that would wait on the wall clock, read a standard input it was not sent, or is not one it
// runs goes back to its client (HandBack), which runs it itself. Output is held until the end, so nothing was printed yet.

export class HandBack extends Error {
  constructor(readonly why: string) {
    super(`the resident process hands the command back: ${why}`);
  }
}

let active = false;
/** why the running command was handed back (kept even when some caller caught the HandBack and carried on) */
let pending: string | undefined;

/** Is a client's command running in the resident process right now? */
export function inResident(): boolean {
  return active;
}

export function setResident(on: boolean): void {
  active = on;
}

/** In the resident process, give the command back to its client (no-op elsewhere). */
export function handBack(why: string): void {
  if (!active) return;
  pending ??= why;
  throw new HandBack(why);
}

/** Why the command just run was handed back, if it was (and forget it). */
export function takeHandBack(): string | undefined {
  const why = pending;
  pending = undefined;
  return why;
}
