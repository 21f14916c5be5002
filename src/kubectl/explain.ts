// `kubectl explain` with OpenAPI v3 (staging/src/k8s.io/kubectl/pkg/explain/v2): the plaintext template
// (templates/plaintext.tmpl) ported function by function over an OpenAPI-v3-shaped view of kubesim's schema
// data (src/api/openapi). Template names are kept: output, fieldList, fieldDetail, description, typeGuess,
// extractEnum; `wrap` is go-wordwrap's WrapString, as kubectl's term.NewWordWrapWriter.
import { UserError } from '../api/errors.js';
import { schemaDocs, schemaTypes, shortName } from '../api/openapi/data.js';

export interface Schema {
  description?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema;
  allOf?: Schema[];
  $ref?: string;
  enum?: string[];
}

// Types the models name but client-node flattens: what the v1.32 OpenAPI v3 says of them (`type` decides
// typeGuess: Time is a string, Quantity and IntOrString have no type and show their own name).
const LEAVES: Record<string, Schema> = {
  Quantity: {},
  IntOrString: { format: 'int-or-string' },
  Time: { type: 'string', format: 'date-time' },
  MicroTime: { type: 'string', format: 'date-time' },
  RawExtension: { type: 'object' },
  FieldsV1: { type: 'object' },
  JSON: {},
};

const modelCache = new Map<string, Schema | undefined>();

/** resolveRef: the schema a `$ref` names (a model, or one of the named leaves). */
export function resolveRef(ref: string | undefined): Schema | undefined {
  if (!ref) return undefined;
  if (modelCache.has(ref)) return modelCache.get(ref);
  const docs = schemaDocs();
  let s: Schema | undefined;
  if (LEAVES[ref]) {
    s = { ...LEAVES[ref] };
    const d = docs[`@${ref}`]?.d;
    if (d) s.description = d;
  } else {
    const m = schemaTypes()?.models[ref];
    if (m) {
      const doc = docs[ref] ?? {};
      s = { type: 'object' };
      if (doc.d) s.description = doc.d;
      s.properties = {};
      for (const [name, t] of m.p) s.properties[name] = propertySchema(t, doc.p?.[name], doc.e?.[name]);
      if (m.r) s.required = m.r;
    }
  }
  modelCache.set(ref, s);
  return s;
}

function refSchema(t: string): Schema | undefined {
  if (t.startsWith('#')) return { $ref: t.slice(1) };
  if (LEAVES[t]) return { $ref: t };
  if (t === 'string:date-time') return { $ref: 'Time' };
  if (t === 'string:date-time-micro') return { $ref: 'MicroTime' };
  return undefined;
}

/** A type of the schema data as the OpenAPI v3 document writes it. */
function typeSchema(t: string): Schema {
  if (t.startsWith('[]')) return { type: 'array', items: typeSchema(t.slice(2)) };
  if (t.startsWith('map[]')) return { type: 'object', additionalProperties: typeSchema(t.slice(5)) };
  const ref = refSchema(t);
  if (ref) return ref;
  const [type, format] = t.split(':');
  if (type === 'any') return {};
  return format ? { type, format } : { type };
}

function propertySchema(t: string, description: string | undefined, values: string[] | undefined): Schema {
  const base = typeSchema(t);
  // a reference with siblings (its description) is wrapped in allOf, as the v3 builder does
  const s: Schema = base.$ref && description !== undefined ? { allOf: [base] } : base;
  if (description !== undefined) s.description = description;
  if (values) s.enum = values;
  return s;
}

// --- template functions ------------------------------------------------------------------------------------------

const isGoSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r' || c === '\u0085' ||
  (c !== '\u00a0' && /^[\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c));

/** github.com/mitchellh/go-wordwrap WrapString (v1.0.1): lengths in runes; words longer than the limit stay whole. */
export function wrap(lim: number, s: string): string {
  let buf = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  for (const ch of s) {
    if (ch === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen > lim) current = 0;
        else { current += spaceLen; buf += space; }
        space = ''; spaceLen = 0;
      } else {
        current += spaceLen + wordLen;
        buf += space + word;
        space = ''; spaceLen = 0; word = ''; wordLen = 0;
      }
      buf += ch;
      current = 0;
    } else if (isGoSpace(ch)) {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        buf += space + word;
        space = ''; spaceLen = 0; word = ''; wordLen = 0;
      }
      space += ch; spaceLen++;
    } else {
      word += ch; wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        buf += '\n';
        current = 0;
        space = ''; spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) buf += space;
  } else buf += space + word;
  return buf;
}

const indent = (amount: number, str: string) => {
  const pad = ' '.repeat(amount);
  return pad + str.split('\n').join('\n' + pad);
};

const isMapSchema = (ap: Schema | undefined): ap is Schema => !!ap && typeof ap === 'object';

function typeGuess(s: Schema): string {
  if (s.items) return `[]${typeGuess(s.items)}`;
  if (isMapSchema(s.additionalProperties)) return `map[string]${typeGuess(s.additionalProperties)}`;
  if (s.allOf && !s.properties && s.allOf.length === 1) return typeGuess(s.allOf[0]);
  if (s.$ref) {
    const ref = resolveRef(s.$ref);
    if (!ref || !ref.type || ref.type === 'object') return shortName(s.$ref.split('/').pop()!.split('.').pop()!) || 'Object';
    return ref.type;
  }
  return s.type === 'object' ? 'Object' : s.type || 'Object';
}

function extractEnum(s: Schema, isLongView: boolean, limitArg: number, indentAmount = 0): string {
  if (!s.enum || s.enum.length === 0) return '';
  const limit = limitArg || -1;
  let out = isLongView ? 'ENUM:' : '\n' + indent(indentAmount, '') + 'enum: ';
  for (let i = 0; i < s.enum.length; i++) {
    if (limit > -1 && i >= limit) { out += ', ....'; break; }
    if (i > 0 && !isLongView) out += ', ';
    else if (isLongView) out += '\n' + indent(4, '');
    out += s.enum[i] === '' ? '""' : s.enum[i];
  }
  return out;
}

function description(s: Schema): string {
  const r = resolveRef(s.$ref) ?? s;
  let out = '';
  if (r.description) out += r.description + '\n';
  for (const a of r.allOf ?? []) out += description(a);
  if (r.items) out += description(r.items);
  if (isMapSchema(r.additionalProperties)) out += description(r.additionalProperties);
  return out;
}

const sortedKeys = (o: Record<string, unknown> | undefined) => Object.keys(o ?? {}).sort();

function fieldDetail(name: string, schema: Schema, short: boolean, level: number): string {
  const indentAmount = level * 2;
  const field = schema.properties![name];
  let out = indent(indentAmount, name) + '\t' + `<${typeGuess(field)}>`;
  if (schema.required?.includes(name)) out += ' -required-';
  out += extractEnum(field, false, 4, indentAmount);
  out += '\n';
  if (!short) out += indent(indentAmount + 2, wrap(78 - indentAmount, field.description || '<no description>')) + '\n' + '\n';
  return out;
}

function fieldList(schema: Schema, level: number, history: Record<string, 1> | undefined, recursive: boolean): string {
  const ref = schema.$ref ?? '';
  if (ref && history?.[ref]) return '';
  const next = { ...history, [ref]: 1 as const };
  const resolved = resolveRef(ref) ?? schema;
  let out = '';
  for (const k of sortedKeys(resolved.properties)) {
    out += fieldDetail(k, resolved, recursive, level);
    if (recursive) out += fieldList(resolved.properties![k], level + 1, next, recursive);
  }
  for (const a of resolved.allOf ?? []) out += fieldList(a, level, next, recursive);
  if (resolved.items) out += fieldList(resolved.items, level, next, recursive);
  if (isMapSchema(resolved.additionalProperties)) out += fieldList(resolved.additionalProperties, level, next, recursive);
  return out;
}

function output(schema: Schema, history: Record<string, 1> | undefined, fieldPath: string[], recursive: boolean): string {
  const ref = schema.$ref ?? '';
  const next = { ...history, [ref]: 1 as const };
  const resolved = resolveRef(ref) ?? schema;
  if (fieldPath.length === 0) {
    let out = 'DESCRIPTION:\n' + indent(4, wrap(76, description(resolved) || '<empty>')) + '\n';
    const fields = fieldList(resolved, 1, undefined, recursive);
    if (fields) out += 'FIELDS:\n' + fields;
    return out;
  }
  if (ref && history?.[ref]) return '';
  const sub = resolved.properties?.[fieldPath[0]];
  if (sub) {
    let out = '';
    if (fieldPath.length === 1) out += `FIELD: ${fieldPath[0]} <${typeGuess(sub)}>\n` + extractEnum(sub, true, -1) + '\n' + '\n';
    return out + output(sub, {}, fieldPath.slice(1), recursive);
  }
  if (resolved.items) return output(resolved.items, next, fieldPath, recursive);
  if (isMapSchema(resolved.additionalProperties)) return output(resolved.additionalProperties, next, fieldPath, recursive);
  for (const a of resolved.allOf ?? []) {
    const o = output(a, next, fieldPath, recursive);
    if (o) return o;
  }
  return '';
}

export interface ExplainTarget {
  group: string;
  version: string;
  kind: string;
  /** the GVR as Go's %v prints it, for the not-found errors */
  gvr: string;
  /** a custom resource's schema, as the CRD's OpenAPI v3 document publishes it (customResourceSchema) */
  root?: Schema;
}

/**
 * The OpenAPI v3 schema the API server publishes for a CRD version (apiextensions-apiserver controller/openapi/builder):
 * the version's openAPIV3Schema with apiVersion, kind and metadata added as every kind has them.
 */
export function customResourceSchema(openAPIV3Schema: Schema | undefined): Schema {
  const s: Schema = { ...(openAPIV3Schema ?? {}), type: 'object' };
  const pod = schemaTypes()?.kinds['v1/Pod'];
  const podSchema = pod ? resolveRef(pod) : undefined;
  const common = podSchema?.properties ?? {};
  s.properties = { apiVersion: common.apiVersion, kind: common.kind, metadata: common.metadata, ...(openAPIV3Schema?.properties ?? {}) };
  for (const k of ['apiVersion', 'kind', 'metadata']) if (!s.properties[k]) delete s.properties[k];
  return s;
}

/**
 * PrintModelDescription with the plaintext template: the text kubectl prints for `explain TYPE.FIELD...`, through
 * `write`. As the template, it has written the GROUP/KIND/VERSION header when a missing field stops it.
 */
export function explainPlaintext(target: ExplainTarget, fieldPath: string[], recursive: boolean, write: (s: string) => void): void {
  const types = schemaTypes();
  if (!types) throw new UserError('error: kubesim was built without its schema data (run npm ci && npm run build)');
  const apiVersion = target.group ? `${target.group}/${target.version}` : target.version;
  const model = target.root ? '' : types.kinds[`${apiVersion}/${target.kind}`];
  if (!model && !target.root) throw new UserError(`error: GVR (${target.gvr}) not found in OpenAPI schema`);
  let out = '';
  if (target.group) out += `GROUP:      ${target.group}\n`;
  out += `KIND:       ${target.kind}\n`;
  out += `VERSION:    ${target.version}\n`;
  out += '\n';
  const body = output(target.root ?? resolveRef(model)!, undefined, fieldPath, recursive);
  if (!body) {
    write(out);
    throw new UserError(`error: field "${fieldPath[fieldPath.length - 1]}" does not exist`);
  }
  write(out + body + '\n');
}
