// Typed errors, turned into text and exit codes in one place by the CLI (DESIGN: Conventions 6).

/** A client-side failure: the message is printed as-is (kubectl's own wording), exit code 1. */
export class UserError extends Error {}

/** An API server failure (metav1.Status): printed as `Error from server (Reason): message`. */
export class StatusError extends Error {
  constructor(public code: number, public reason: string, message: string, public details?: any) {
    super(message);
  }
}
