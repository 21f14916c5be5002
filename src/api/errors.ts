// Typed errors (DESIGN: Conventions 6). They become text and an exit code in exactly one place:
// src/cli/errors.ts.

/** A client-side error: printed as-is (kubectl prefixes `error: ` unless present), exit 1. */
export class UserError extends Error {
  constructor(message: string, public exitCode = 1) {
    super(message);
  }
}

/** An API status error: printed as `Error from server (Reason): message`, exit 1. */
export class StatusError extends Error {
  constructor(public code: number, public reason: string, message: string, public details?: any) {
    super(message);
  }
}

/** Already-rendered text for stderr (e.g. an Invalid error, whose rendering kubectl special-cases). */
export class RawError extends Error {
  constructor(message: string, public exitCode = 1) {
    super(message);
  }
}
