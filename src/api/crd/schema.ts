// A CRD version's structural schema (spec.versions[].schema.openAPIV3Schema) applied to a custom resource as the
// API server does: pruning of unknown fields (structural/pruning), defaulting (structural/defaulting) and the
// kube-openapi schema validator, its errors turned into field errors by kubeOpenAPIResultToFieldErrors
// (apiextensions-apiserver pkg/apiserver/validation/validation.go).
import type { FieldError } from '../types.js';
import { goFloat, goQuote } from '../gofmt.js';
import { invalid, notSupported, required, tooLong, tooMany, isObj } from '../strategies/field.js';

export type Schema = Record<string, any>;

const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

/**
 * Drop the fields the schema does not specify (unless x-kubernetes-preserve-unknown-fields), in place; returns their
 * paths, sorted (`spec.foo`, `spec.items[0].bar`), which strict field validation reports as unknown fields.
 */
export function prune(obj: any, schema: Schema | undefined): string[] {
  const out: string[] = [];
  if (!schema) return out;
  pruneNode(obj, schema, '', true, out);
  return out.sort();
}

function pruneNode(v: any, s: Schema, path: string, root: boolean, out: string[]): void {
  if (Array.isArray(v)) {
    if (isObj(s.items)) v.forEach((e, i) => pruneNode(e, s.items, `${path}[${i}]`, false, out));
    return;
  }
  if (!isObj(v)) return;
  const props: Schema = isObj(s.properties) ? s.properties : {};
  const embedded = root || s['x-kubernetes-embedded-resource'] === true;
  for (const k of Object.keys(v)) {
    if (embedded && ROOT_FIELDS.has(k)) continue;
    const p = join(path, k);
    if (k in props) { pruneNode(v[k], props[k], p, false, out); continue; }
    if (isObj(s.additionalProperties)) { pruneNode(v[k], s.additionalProperties, p, false, out); continue; }
    if (s.additionalProperties === true || s['x-kubernetes-preserve-unknown-fields'] === true) continue;
    delete v[k];
    out.push(p);
  }
}

/** Fields the schema defaults (`default:`), set where missing, in place (structural defaulting). */
export function applySchemaDefaults(v: any, s: Schema | undefined): void {
  if (!s) return;
  if (Array.isArray(v)) {
    if (isObj(s.items)) for (const e of v) applySchemaDefaults(e, s.items);
    return;
  }
  if (!isObj(v)) return;
  const props: Schema = isObj(s.properties) ? s.properties : {};
  for (const [k, ps] of Object.entries(props)) {
    if (!(k in v) && isObj(ps) && ps.default !== undefined) v[k] = structuredClone(ps.default);
    if (k in v) applySchemaDefaults(v[k], ps);
  }
  if (isObj(s.additionalProperties)) for (const k of Object.keys(v)) if (!(k in props)) applySchemaDefaults(v[k], s.additionalProperties);
}

/** Non-nullable nulls without a default are dropped (PruneNonNullableNullsWithoutDefaults). */
export function dropNulls(v: any, s: Schema | undefined): void {
  if (!s || !isObj(v)) return;
  const props: Schema = isObj(s.properties) ? s.properties : {};
  for (const k of Object.keys(v)) {
    const ps = props[k] ?? (isObj(s.additionalProperties) ? s.additionalProperties : undefined);
    if (!ps) continue;
    if (v[k] === null && !ps.nullable && ps.default === undefined) delete v[k];
    else if (isObj(v[k])) dropNulls(v[k], ps);
    else if (Array.isArray(v[k]) && isObj(ps.items)) for (const e of v[k]) dropNulls(e, ps.items);
  }
}

/** The JSON type name kube-openapi's type validator reports for a value. */
function typeOf(v: any): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  return 'object';
}

/** field.Error's rendering of a JSON value: %q, %v, or %#v of the unstructured list or map. */
function render(v: any, top = true): string {
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (v === null) return top ? 'null' : 'interface {}(nil)';
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => render(x, false)).join(', ')}}`;
  return `map[string]interface {}{${Object.keys(v).sort().map((k) => `${goQuote(k)}:${render(v[k], false)}`).join(', ')}}`;
}

function typeMatches(types: string[], v: any): boolean {
  const t = typeOf(v);
  if (types.includes(t)) return true;
  if (t === 'integer' && types.includes('number')) return true;
  return false;
}

/**
 * The schema validator's errors for `v` (at `path`), as field errors with the API server's wording:
 * `spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"`.
 */
export function validateSchema(v: any, s: Schema | undefined, path = ''): FieldError[] {
  const errs: FieldError[] = [];
  if (s) validateNode(v, s, path, errs);
  return errs;
}

function validateNode(v: any, s: Schema, path: string, errs: FieldError[]): void {
  if (v === null && s.nullable) return;
  const types: string[] = s['x-kubernetes-int-or-string'] ? ['integer', 'string'] : s.type ? [s.type] : [];
  if (types.length && !typeMatches(types, v)) {
    const t = typeOf(v);
    errs.push({ type: 'Invalid', field: path, value: goQuote(t), detail: `${path} in body must be of type ${types.join(',')}: ${goQuote(t)}` });
    return;
  }
  if (typeof v === 'string') {
    if (typeof s.maxLength === 'number' && [...v].length > s.maxLength) errs.push(tooLong(path, s.maxLength));
    if (typeof s.minLength === 'number' && [...v].length < s.minLength) errs.push(invalid(path, render(v), `${path} in body should be at least ${s.minLength} chars long`));
    if (typeof s.pattern === 'string') {
      let re: RegExp | undefined;
      try { re = new RegExp(s.pattern, 'u'); } catch { re = undefined; }
      if (re && !re.test(v)) errs.push(invalid(path, render(v), `${path} in body should match '${s.pattern}'`));
    }
  }
  if (typeof v === 'number') {
    if (typeof s.maximum === 'number') {
      if (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum) {
        errs.push(invalid(path, render(v), `${path} in body should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${goFloat(s.maximum)}`));
      }
    }
    if (typeof s.minimum === 'number') {
      if (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum) {
        errs.push(invalid(path, render(v), `${path} in body should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${goFloat(s.minimum)}`));
      }
    }
    if (typeof s.multipleOf === 'number' && s.multipleOf > 0 && !Number.isInteger(v / s.multipleOf)) {
      errs.push(invalid(path, render(v), `${path} in body should be a multiple of ${goFloat(s.multipleOf)}`));
    }
  }
  if (Array.isArray(v)) {
    if (typeof s.maxItems === 'number' && v.length > s.maxItems) errs.push(tooMany(path, v.length, s.maxItems));
    if (typeof s.minItems === 'number' && v.length < s.minItems) errs.push(invalid(path, render(v), `${path} in body should have at least ${s.minItems} items`));
    if (s.uniqueItems) {
      const seen = new Set(v.map((e) => JSON.stringify(e)));
      if (seen.size !== v.length) errs.push(invalid(path, render(v), `${path} in body shouldn't contain duplicates`));
    }
  }
  if (Array.isArray(s.enum) && !s.enum.some((e: any) => JSON.stringify(e) === JSON.stringify(v))) {
    errs.push(notSupported(path, render(v), s.enum.map((e: any) => (typeof e === 'string' ? e : JSON.stringify(e)))));
  }
  if (isObj(v)) {
    for (const k of Array.isArray(s.required) ? s.required : []) if (!(k in v)) errs.push(required(join(path, k)));
    const props: Schema = isObj(s.properties) ? s.properties : {};
    for (const k of Object.keys(v).sort()) {
      if (k in props) validateNode(v[k], props[k], join(path, k), errs);
      else if (isObj(s.additionalProperties)) validateNode(v[k], s.additionalProperties, join(path, k), errs);
    }
    if (typeof s.maxProperties === 'number' && Object.keys(v).length > s.maxProperties) errs.push(tooMany(path, Object.keys(v).length, s.maxProperties));
  }
  if (Array.isArray(v) && isObj(s.items)) v.forEach((e, i) => validateNode(e, s.items, `${path}[${i}]`, errs));
}
