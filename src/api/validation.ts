// Create/update validation with the API server's field paths, order, details and value renderings: the entry
// points look up each kind's strategy (strategies/index.ts); the rules live there and in the shared modules
// (strategies/meta.ts, strategies/podspec-validation.ts). Also kubectl's rendering of the resulting 422 Invalid
// StatusError (kubectl cmd/util/helpers.go checkErr).
import { isDeepStrictEqual } from 'node:util';
import type { FieldError, KObject } from './types.js';
import { applyDefaults, defaultingSource } from './defaults.js';
import { StatusError } from './errors.js';
import { goQuote } from './gofmt.js';
import { strategyFor } from './strategies/index.js';

export { validateLabels, validateAnnotations } from './strategies/meta.js';
export { validatePodSpec, validatePodTemplateSpec } from './strategies/podspec-validation.js';

// --- entry points -------------------------------------------------------------------------------------------------

// Validate what the decoder produced (empty maps kept); if obj came from applyDefaults and is unchanged since,
// start from its input, which still has them.
function forValidation(obj: KObject): KObject {
  const src = defaultingSource(obj);
  if (src && isDeepStrictEqual(applyDefaults(src), obj)) return applyDefaults(src, { keepEmpty: true });
  return applyDefaults(obj, { keepEmpty: true });
}

/**
 * Create validation. Pass the object as received: defaults are applied here first (idempotently, keeping empty
 * maps/lists as the decoder does), so an already defaulted object gives the same result.
 */
export function validateObject(obj: KObject): FieldError[] {
  const v = strategyFor(obj)?.validate;
  if (!v) return [];
  return v(forValidation(obj));
}

/** Update validation: the kind's ValidateUpdate (create rules plus what may not change), else its create rules. */
export function validateObjectUpdate(obj: KObject, old: KObject): FieldError[] {
  const s = strategyFor(obj);
  if (!s) return [];
  if (!s.validateUpdate) return validateObject(obj);
  return s.validateUpdate(forValidation(obj), forValidation(old));
}

const TYPE_STRINGS: Record<FieldError['type'], string> = {
  NotFound: 'Not found', Required: 'Required value', Duplicate: 'Duplicate value', Invalid: 'Invalid value',
  Unsupported: 'Unsupported value', Forbidden: 'Forbidden', TooLong: 'Too long', TooMany: 'Too many', InternalError: 'Internal error',
};

const CAUSE_TYPES: Record<FieldError['type'], string> = {
  NotFound: 'FieldValueNotFound', Required: 'FieldValueRequired', Duplicate: 'FieldValueDuplicate', Invalid: 'FieldValueInvalid',
  Unsupported: 'FieldValueNotSupported', Forbidden: 'FieldValueForbidden', TooLong: 'FieldValueTooLong', TooMany: 'FieldValueTooMany', InternalError: 'InternalError',
};

/** field.Error.ErrorBody(). */
export function errorBody(e: FieldError): string {
  let s = TYPE_STRINGS[e.type];
  const omitValue = e.type === 'Required' || e.type === 'Forbidden' || e.type === 'TooLong' || e.type === 'InternalError';
  if (!omitValue && e.value !== undefined) s += ': ' + e.value;
  if (e.detail) s += ': ' + e.detail;
  return s;
}

/** field.Error.Error(): `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/**
 * kubectl's rendering of a 422 Invalid StatusError (checkErr + MultilineError; duplicate causes dropped), without
 * the final newline: `The Deployment "x" is invalid: spec.replicas: ...` or, for several,
 * `The Deployment "x" is invalid: \n* a\n* b`.
 */
export function formatInvalid(kind: string, name: string, errs: FieldError[]): string {
  const head = kind || name ? `The ${kind} ${goQuote(name)} is invalid` : 'The request is invalid';
  const msgs = [...new Set(errs.map(fieldErrorString))];
  if (msgs.length === 0) return head;
  if (msgs.length === 1) return `${head}: ${msgs[0]}`;
  return `${head}: \n` + msgs.map((m) => `* ${m}`).join('\n');
}

/** The API server's StatusError for invalid objects (apierrors.NewInvalid): `Deployment.apps "x" is invalid: [...]`. */
export function invalidStatusError(kind: string, group: string, name: string, errs: FieldError[]): StatusError {
  const qualified = group ? `${kind}.${group}` : kind;
  const msgs = [...new Set(errs.map(fieldErrorString))];
  const agg = msgs.length === 0 ? '' : msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
  const message = agg ? `${qualified} ${goQuote(name)} is invalid: ${agg}` : `${qualified} ${goQuote(name)} is invalid`;
  return new StatusError(422, 'Invalid', message, {
    name, group, kind,
    causes: errs.map((e) => ({ reason: CAUSE_TYPES[e.type], message: errorBody(e), field: e.field })),
  });
}
