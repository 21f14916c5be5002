// stdout is the contract (DESIGN: Conventions 8): command output is collected and written once.
// A command's stdout is held until it has finished (and so until its changes are saved): a command
// whose save fails prints no "created" line for what was never stored. Commands that report progress
// as it happens (watches, rollout status, wait, tour) stream instead.
export interface Out {
  out(s: string): void;
  err(s: string): void;
}

let held: string[] | undefined;

export const stdio: Out = {
  out: (s) => {
    if (!s) return;
    if (held) held.push(s);
    else process.stdout.write(s);
  },
  err: (s) => { if (s) process.stderr.write(s); },
};

/** Hold stdout from now until releaseStdout. */
export function holdStdout(): void {
  held = held ?? [];
}

/** Write (or, when the command's changes were not saved, drop) what was held, and stop holding. */
export function releaseStdout(write = true): void {
  const h = held;
  held = undefined;
  if (write && h?.length) process.stdout.write(h.join(''));
}

/** A command that reports progress as it happens: what it prints goes out at once. */
export function streamStdout(): void {
  releaseStdout(true);
}

/** kubectl's deprecation/warning lines go to stderr. */
export function warn(o: Out, msg: string): void {
  o.err(`Warning: ${msg}\n`);
}
