// stdout is the contract (DESIGN: Conventions 8): command output is collected and written once.
export interface Out {
  out(s: string): void;
  err(s: string): void;
}

export const stdio: Out = {
  out: (s) => { if (s) process.stdout.write(s); },
  err: (s) => { if (s) process.stderr.write(s); },
};

/** kubectl's deprecation/warning lines go to stderr. */
export function warn(o: Out, msg: string): void {
  o.err(`Warning: ${msg}\n`);
}
