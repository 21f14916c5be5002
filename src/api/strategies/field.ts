// field.Error constructors (k8s.io/apimachinery/pkg/util/validation/field) and the small value helpers every
// strategy uses. `value` is already rendered: goQuote for strings, bare numbers, Go %#v for the rest.
import type { FieldError } from '../types.js';
import { goQuote } from '../gofmt.js';

export type Errs = FieldError[];

export const invalid = (field: string, value: string, detail: string): FieldError => ({ type: 'Invalid', field, value, detail });
export const required = (field: string, detail = ''): FieldError => ({ type: 'Required', field, detail });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });
export const duplicate = (field: string, value: string): FieldError => ({ type: 'Duplicate', field, value });
export const notFound = (field: string, value: string): FieldError => ({ type: 'NotFound', field, value });
export const notSupported = (field: string, value: string, valid: string[]): FieldError => ({
  type: 'Unsupported', field, value, detail: valid.length ? 'supported values: ' + valid.map(goQuote).join(', ') : '',
});
export const tooLong = (field: string, max: number): FieldError => ({ type: 'TooLong', field, detail: `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` });
export const tooMany = (field: string, actual: number, max: number): FieldError => ({
  type: 'TooMany', field, detail: `${actual}: must have at most ${max} items`,
});

export const isObj = (v: any): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
export const arr = (v: any): any[] => (Array.isArray(v) ? v : []);
export const num = (v: any): number => (typeof v === 'number' ? v : 0);
export const str = (v: any): string => (typeof v === 'string' ? v : '');
/** Go iterates maps in random order; kubesim uses sorted keys so messages are stable. */
export const sortedKeys = (m: any): string[] => (isObj(m) ? Object.keys(m).sort() : []);
/** The object's `spec`, created empty when absent (defaulters work on it in place). */
export const specOf = (o: any): Record<string, any> => (o.spec = isObj(o.spec) ? o.spec : {});

export const IS_NEGATIVE = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE = 'field is immutable';

/** ValidateNonnegativeField. */
export function nonNegative(v: number, field: string): Errs {
  return v < 0 ? [invalid(field, String(v), IS_NEGATIVE)] : [];
}

/** apiequality.Semantic.DeepEqual on decoded objects: nil and empty maps/slices alike, key order ignored. */
export function semanticEqual(a: any, b: any): boolean {
  const norm = (v: any): any => {
    if (Array.isArray(v)) return v.length ? v.map(norm) : undefined;
    if (isObj(v)) {
      const out: Record<string, any> = {};
      for (const k of Object.keys(v).sort()) { const x = norm(v[k]); if (x !== undefined) out[k] = x; }
      return Object.keys(out).length ? out : undefined;
    }
    return v === null ? undefined : v;
  };
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** ValidateImmutableField with the value rendered by `render` (the API server's %#v of the new value). */
export function immutable(newV: any, oldV: any, field: string, render: (v: any) => string): Errs {
  return semanticEqual(newV, oldV) ? [] : [invalid(field, render(newV), FIELD_IMMUTABLE)];
}
