// metav1.Status: what the API server answers when a request fails (and for some successful
// deletes), with the reasons, codes and details apimachinery's errors package gives them.
import { RawError, StatusError, UserError } from '../../api/errors.js';
import { invalidStatusError } from '../../api/validation.js';
import { InvalidError } from '../registry.js';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: { reason?: string; message?: string; field?: string }[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** StatusReason per HTTP code, for errors raised with a code only. */
const REASONS: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed',
  406: 'NotAcceptable', 409: 'Conflict', 410: 'Expired', 413: 'RequestEntityTooLarge', 415: 'UnsupportedMediaType',
  422: 'Invalid', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable',
};

export class HttpError extends StatusError {}

export function httpError(code: number, message: string, details?: StatusDetails, reason = REASONS[code] ?? ''): HttpError {
  return new HttpError(code, reason, message, details);
}

export function failure(code: number, reason: string, message: string, details?: StatusDetails): Status {
  // field order as the API server encodes it; an empty reason is omitted
  const s: any = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message };
  if (reason) s.reason = reason;
  if (details) s.details = details;
  s.code = code;
  return s as Status;
}

export function success(details: StatusDetails): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 } as Status;
}

/** Where a resource error came from: filled into details as the API server does (kind is the resource). */
export interface ErrorScope {
  group?: string;
  resource?: string;
  name?: string;
}

/** Any error thrown while serving a request, as the Status the API server would send. */
export function toStatus(e: unknown, scope: ErrorScope = {}): Status {
  if (e instanceof InvalidError && e.errs?.length) {
    const se = invalidStatusError(e.kind, scope.group ?? '', e.name, e.errs);
    return failure(se.code, se.reason, se.message, se.details);
  }
  if (e instanceof StatusError) {
    let details: StatusDetails | undefined = e.details;
    if (!details && (e.reason === 'NotFound' || e.reason === 'AlreadyExists' || e.reason === 'Conflict') && scope.resource) {
      details = { name: scope.name ?? nameFromMessage(e.message), group: scope.group || undefined, kind: scope.resource };
      if (!details.group) delete details.group;
    }
    return failure(e.code, e.reason, e.message, details);
  }
  if (e instanceof InvalidError) return failure(422, 'Invalid', stripInvalid(e.message), { name: e.name, group: scope.group, kind: e.kind });
  if (e instanceof RawError || e instanceof UserError) {
    const msg = e.message.replace(/^Error from server: /, '').replace(/^error: /, '');
    if (/^The request is invalid/.test(msg)) return failure(422, 'Invalid', msg);
    return failure(400, 'BadRequest', msg);
  }
  return failure(500, 'InternalError', `Internal error occurred: ${(e as Error)?.message ?? String(e)}`);
}

function nameFromMessage(m: string): string | undefined {
  return /"([^"]*)"/.exec(m)?.[1];
}

/** kubectl's rendering (`The Deployment "x" is invalid: ...`) back to the server's words. */
function stripInvalid(m: string): string {
  return m.replace(/^The /, '');
}
