// Reading manifests the way kubectl does (-f FILE|DIR|-): YAML (go-yaml v2 flavour, YAML 1.1 scalars) or JSON
// streams, `---` documents, List expansion, kubectl's exact error texts; and the API server's strict decoding
// (unknown fields) against the Go struct layouts.
import { JsonEOF, JsonSyntax, scanJsonStream, sortKeysDeep } from './gojson.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { aliasingError, flowDepthError } from './yamlbounds.js';
import { parseDocument, type ParseOptions, type DocumentOptions, type SchemaOptions } from 'yaml';
import type { KObject } from './types.js';
import { UserError } from './errors.js';
import { goType, jsonFields, KIND_TYPES, type GoType } from './goschema.js';
import { resourceForKind } from './resources.js';
import { modelForKind } from './openapi/data.js';
import { customStrategy } from './crd/served.js';
import { metadataTypeError, typeErrorFromSchema, unknownFieldsFromSchema } from './openapi/strict.js';

export { UserError };

const isObj = (v: any): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

// --- YAML, go-yaml v2 style ---------------------------------------------------------------------------------------

// go-yaml v2 reads 0o17 as octal too; it has no timestamps (into interface{}) and no sexagesimal numbers
const octal0o = { identify: (v: unknown) => typeof v === 'number', default: true, tag: 'tag:yaml.org,2002:int', format: 'OCT', test: /^0o[0-7]+$/, resolve: (s: string) => parseInt(s.slice(2), 8) };
// go-yaml v2 floats (resolve.go): a plain scalar starting with a digit or sign is a float when, underscores
// removed, it matches yamlStyleFloat; one starting with '.' when strconv.ParseFloat takes it. The npm yaml
// package's YAML 1.1 floats also take `e1` and `.` (as NaN), which go-yaml leaves strings.
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const goFloat = {
  identify: (v: unknown) => typeof v === 'number', default: true, tag: 'tag:yaml.org,2002:float',
  // the yaml package only calls test.test(value)
  test: { test: (s: string) => s.startsWith('.') ? /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(s)
    : /^[-+0-9]/.test(s) && YAML_STYLE_FLOAT.test(s.replace(/_/g, '')) } as unknown as RegExp,
  resolve: (s: string) => parseFloat(s.replace(/_/g, '')),
};
const isYamlFloat = (t: any) => t.tag === 'tag:yaml.org,2002:float' && !/nan/.test(String(t.test));
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  uniqueKeys: false,
  merge: true,
  prettyErrors: false,
  customTags: (tags) => [octal0o as any, ...tags.filter((t: any) => t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME' && !isYamlFloat(t)), goFloat as any],
};

/** yaml.NewYAMLReader: documents are split at lines that are `---` (plus blanks); line numbers restart per document. */
function splitYamlDocuments(text: string): string[] {
  const docs: string[] = [];
  let cur: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('---') && line.slice(3).trim() === '') { docs.push(cur.join('\n')); cur = []; continue; }
    cur.push(line);
  }
  docs.push(cur.join('\n'));
  return docs;
}

const indentOf = (l: string) => l.length - l.trimStart().length;
const significant = (l: string) => l.trim() !== '' && !l.trim().startsWith('#');

/** Map the npm yaml package's first error to go-yaml v2's wording and line numbering. */
function goYamlError(doc: string, err: any): string {
  const code: string = err.code;
  const msg: string = err.message ?? '';
  const lines = doc.split('\n');
  const lineAt = (offset: number) => {
    let line = 1;
    for (let k = 0; k < offset && k < doc.length; k++) if (doc[k] === '\n') line++;
    return { line };
  };
  const pos = lineAt(err.pos?.[0] ?? 0);
  const end = lineAt(Math.max((err.pos?.[1] ?? 1) - 1, err.pos?.[0] ?? 0));
  // go-yaml: scanner errors print the 1-based line, parser errors the 0-based line of the offending token
  // (decode.go fail(): a problem on the first line, 0-based mark 0, prints no line at all)
  const scanner = (line: number, text: string) => (line > 1 ? `yaml: line ${line}: ${text}` : `yaml: ${text}`);
  const parser = (line: number, text: string) => (line - 1 > 0 ? `yaml: line ${line - 1}: ${text}` : `yaml: ${text}`);
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY': {
      // go-yaml reads the value on as a multi-line plain scalar and fails at the next `: `
      const rest = doc.slice(err.pos?.[0] ?? 0);
      const m = /:(?=[ \t\n]|$)/.exec(rest);
      return scanner(lineAt((err.pos?.[0] ?? 0) + (m ? m.index : 0)).line, 'mapping values are not allowed in this context');
    }
    case 'MULTILINE_IMPLICIT_KEY':
      return scanner(end.line, 'mapping values are not allowed in this context');
    case 'TAB_AS_INDENT': {
      // after a plain scalar go-yaml is still scanning it when it meets the tab
      let k = pos.line - 2;
      while (k >= 0 && !significant(lines[k])) k--;
      const prev = k >= 0 ? lines[k].trim() : '';
      const plain = prev !== '' && !/:$/.test(prev) && !/["'\]}]$/.test(prev) && !/^-$/.test(prev);
      if (plain) return scanner(pos.line, 'found a tab character that violates indentation');
      return scanner(pos.line, 'found character that cannot start any token');
    }
    case 'BAD_SCALAR_START':
      return scanner(pos.line, 'found character that cannot start any token');
    case 'BAD_ALIAS':
    case 'UNRESOLVED_ALIAS': {
      const m = /alias[^*]*\*?([^\s:]+)/i.exec(msg);
      return `yaml: unknown anchor '${m ? m[1] : ''}' referenced`;
    }
  }
  if (/Missing closing ["']?quote/i.test(msg) || /Missing closing "?quote/.test(msg)) {
    return scanner(Math.max(lines.length, pos.line), 'found unexpected end of stream');
  }
  if (/^Flow map/.test(msg)) return parser(pos.line, "did not find expected ',' or '}'");
  if (/^Flow sequence/.test(msg)) return parser(pos.line, "did not find expected ',' or ']'");
  // a misindented line: inside a block sequence go-yaml wants another '-', anywhere else a key
  const at = pos.line - 1;
  const col = lines[at] !== undefined ? indentOf(lines[at]) : 0;
  for (let k = at - 1; k >= 0; k--) {
    const l = lines[k];
    if (!significant(l) || indentOf(l) > col) continue;
    if (indentOf(l) === col && l.trimStart().startsWith('-')) {
      let parent = k - 1;
      while (parent >= 0 && (!significant(lines[parent]) || indentOf(lines[parent]) >= col)) parent--;
      if (parent >= 0) return parser(pos.line, "did not find expected '-' indicator");
    }
    break;
  }
  return parser(pos.line, 'did not find expected key');
}

/** One YAML document as sigs.k8s.io/yaml converts it, or go-yaml's message (go-yaml names no line for line 1). */
function convertYaml(doc: string): { value: any } | { error: string } {
  const deep = flowDepthError(doc);
  if (deep) return { error: deep };
  const d = parseDocument(doc, YAML_OPTIONS);
  // the parser's own recursion limit (nesting beyond what it can hold): go-yaml's depth message
  if (d.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) return { error: 'yaml: exceeded max depth of 10000' };
  if (d.errors.length) return { error: goYamlError(doc, d.errors[0]) };
  const aliasing = aliasingError(d);
  if (aliasing) return { error: aliasing };
  return { value: d.toJS({ maxAliasCount: -1 }) };
}

function parseYamlDocument(doc: string, source: string): any {
  const r = convertYaml(doc);
  if ('error' in r) throw new UserError(`error parsing ${source}: error converting YAML to JSON: ${r.error}`);
  return toJsonValue(r.value, source);
}

/**
 * sigs.k8s.io/yaml.YAMLToJSON of one document (what `kubectl patch -p` does to a non-JSON patch): the JSON value, or
 * an Error whose message is go-yaml's (`yaml: line 2: did not find expected key`; go-yaml names no line for line 1).
 */
export function yamlToJsonValue(doc: string, opts: { lineOne?: boolean } = {}): any {
  const r = convertYaml(doc);
  // (sigs.k8s.io/yaml.Unmarshal's own message keeps "line 1": `lineOne`)
  if ('error' in r) throw new Error(opts.lineOne ? r.error : r.error.replace(/^yaml: line 1: /, 'yaml: '));
  return toJsonValue(r.value, '');
}

// sigs.k8s.io/yaml converts to JSON: keys become strings; JSON has no Inf/NaN
function toJsonValue(v: any, source: string): any {
  if (typeof v === 'number' && !Number.isFinite(v)) {
    throw new UserError(`error parsing ${source}: error converting YAML to JSON: json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`);
  }
  if (Array.isArray(v)) return v.map((x) => toJsonValue(x, source));
  if (v instanceof Map) {
    const o: Record<string, any> = {};
    for (const [k, x] of v) o[String(k)] = toJsonValue(x, source);
    return o;
  }
  if (isObj(v)) {
    const o: Record<string, any> = {};
    for (const k of Object.keys(v)) o[k] = toJsonValue(v[k], source);
    return o;
  }
  return v === undefined ? null : v;
}

// --- manifests ----------------------------------------------------------------------------------------------------

export interface ParseOptions2 {
  /** kubectl --validate (default true): missing apiVersion/kind are reported as validation errors */
  validate?: boolean;
}


function checkObject(doc: any, raw: string | undefined, source: string, validate: boolean): KObject {
  if (validate) {
    if (!isObj(doc)) throw new UserError(`error validating ${JSON.stringify(source)}: error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
    const missing: string[] = [];
    if (!doc.apiVersion) missing.push('apiVersion not set');
    if (!doc.kind) missing.push('kind not set');
    if (missing.length) {
      const list = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
      throw new UserError(`error validating ${JSON.stringify(source)}: error validating data: ${list}; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
  } else {
    if (!isObj(doc)) throw new UserError(`unable to decode ${JSON.stringify(source)}: json: cannot unmarshal ${Array.isArray(doc) ? 'array' : typeof doc === 'string' ? 'string' : typeof doc === 'number' ? 'number' : 'bool'} into Go value of type unstructured.detector`);
    if (!doc.kind) throw new UserError(`unable to decode ${JSON.stringify(source)}: Object 'Kind' is missing in '${raw ?? JSON.stringify(sortKeysDeep(doc))}'`);
    if (!doc.apiVersion) throw new UserError(`unable to recognize ${JSON.stringify(source)}: no matches for kind ${JSON.stringify(doc.kind)} in version ""`);
  }
  // the builder decodes metadata into ObjectMeta on the client: its type errors never reach the server
  const te = metadataTypeError(doc.metadata);
  if (te) throw new UserError(`error: unable to decode ${JSON.stringify(source)}: ${te}`);
  return doc as KObject;
}

// the resource builder flattens lists: any `kind: ...List` with an items array
function expand(obj: KObject, source: string, validate: boolean): KObject[] {
  if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
    return obj.items.flatMap((it: any) => expand(checkObject(it, undefined, source, validate), source, validate));
  }
  return [obj];
}

/** Parse one file's text (multi-document YAML or a JSON stream). Empty documents are skipped. */
export function parseManifestText(text: string, source: string, opts: ParseOptions2 = {}): KObject[] {
  const validate = opts.validate ?? true;
  const out: KObject[] = [];
  if (/^\s*\{/.test(text)) {
    let values: string[];
    try { values = scanJsonStream(text); } catch (e) {
      if (e instanceof JsonEOF) throw new UserError(`error parsing ${source}: unexpected EOF`);
      if (e instanceof JsonSyntax) throw new UserError(`error parsing ${source}: json: offset ${e.offset}: ${e.message}`);
      throw e;
    }
    for (const raw of values) {
      const doc = JSON.parse(raw);
      if (doc === null) continue;
      out.push(...expand(checkObject(doc, raw, source, validate), source, validate));
    }
    return out;
  }
  for (const chunk of splitYamlDocuments(text)) {
    if (!chunk.split('\n').some(significant)) continue;
    const doc = parseYamlDocument(chunk, source);
    if (doc === null || doc === undefined) continue;
    out.push(...expand(checkObject(doc, undefined, source, validate), source, validate));
  }
  return out;
}

export interface ReadOptions extends ParseOptions2 {
  recursive?: boolean;
  /** reads standard input, for `-f -` */
  stdin?: () => string;
}

const MANIFEST_EXT = /\.(json|yaml|yml)$/;

function expandPath(p: string, recursive: boolean, top: boolean): string[] {
  const st = statSync(p);
  if (!st.isDirectory()) return [p];
  if (!top && !recursive) return [];
  const out: string[] = [];
  for (const name of readdirSync(p).sort()) {
    const full = join(p, name);
    const s = statSync(full);
    if (s.isDirectory()) { if (recursive) out.push(...expandPath(full, recursive, false)); }
    else if (MANIFEST_EXT.test(name)) out.push(full);
  }
  return out;
}

/** `-f PATH...`: files, directories (their .json/.yaml/.yml, sorted; subdirectories only with -R) and `-` (stdin). */
export function readManifests(paths: string[], opts: ReadOptions = {}): { source: string; objects: KObject[] }[] {
  const out: { source: string; objects: KObject[] }[] = [];
  for (const p of paths) {
    if (p === '-') {
      if (!opts.stdin) throw new UserError('error reading from standard input');
      out.push({ source: 'STDIN', objects: parseManifestText(opts.stdin(), 'STDIN', opts) });
      continue;
    }
    if (/^https?:\/\//.test(p)) throw new UserError(`unable to read URL ${JSON.stringify(p)}: kubesim works offline`);
    if (!existsSync(p)) throw new UserError(`the path ${JSON.stringify(p)} does not exist`);
    for (const f of expandPath(p, opts.recursive ?? false, true)) {
      out.push({ source: f, objects: parseManifestText(readFileSync(f, 'utf8'), f, opts) });
    }
  }
  return out;
}

/** kubectl's message when no resource serves apiVersion/kind (RESTMapping failure). */
export function resourceMappingError(obj: KObject, source: string): UserError {
  const [group, version] = (obj.apiVersion ?? '').includes('/') ? (obj.apiVersion as string).split('/') : ['', obj.apiVersion ?? ''];
  void group; void version;
  return new UserError(
    `resource mapping not found for name: ${JSON.stringify(obj.metadata?.name ?? '')} namespace: ${JSON.stringify(obj.metadata?.namespace ?? '')} from ${JSON.stringify(source)}: ` +
      `no matches for kind ${JSON.stringify(obj.kind)} in version ${JSON.stringify(obj.apiVersion)}\nensure CRDs are installed first`,
  );
}

export function isKnownKind(obj: KObject): boolean {
  return !!resourceForKind(obj.apiVersion ?? '', obj.kind ?? '');
}

// --- strict decoding ----------------------------------------------------------------------------------------------

/**
 * The unknown fields the API server's strict decoder reports, as paths (`spec.replicaz`,
 * `spec.template.spec.containers[0].imagez`), in its order: kubectl sends JSON with sorted keys, and the decoder
 * reports fields as it meets them.
 */
export function unknownFields(obj: KObject): string[] {
  const custom = customStrategy(`${obj.apiVersion}/${obj.kind}`)?.unknownFields;
  if (custom) return custom(obj);
  const typeName = KIND_TYPES[`${obj.apiVersion}/${obj.kind}`];
  if (!typeName) {
    // every other kind: the schema data (loaded only now)
    const model = modelForKind(obj.apiVersion ?? '', obj.kind ?? '');
    return model ? unknownFieldsFromSchema(model, obj) : [];
  }
  const out: string[] = [];
  walkUnknown(obj, goType(typeName), '', out);
  return out;
}

function walkUnknown(v: any, t: GoType, path: string, out: string[]) {
  if (v === null || v === undefined) return;
  switch (t.kind) {
    case 'ptr': return walkUnknown(v, t.elem!, path, out);
    case 'slice':
      if (Array.isArray(v)) v.forEach((e, i) => walkUnknown(e, t.elem!, `${path}[${i}]`, out));
      return;
    case 'map':
      if (isObj(v)) for (const k of Object.keys(v).sort()) walkUnknown(v[k], t.elem!, `${path}[${k}]`, out);
      return;
    case 'struct': {
      if (!isObj(v)) return;
      const fields = jsonFields(t);
      for (const k of Object.keys(v).sort()) {
        const f = fields.get(k);
        const p = path ? `${path}.${k}` : k;
        if (!f) { out.push(p); continue; }
        walkUnknown(v[k], goType(f.type), p, out);
      }
    }
  }
}

/**
 * The first value of the wrong JSON type, as the API server's decoder words it (`json: cannot unmarshal number into
 * Go struct field ObjectMeta.metadata.name of type string`); undefined when the object decodes.
 */
export function typeError(obj: KObject): string | undefined {
  const model = modelForKind(obj.apiVersion ?? '', obj.kind ?? '');
  return model ? typeErrorFromSchema(model, obj) : undefined;
}

/**
 * The API server's 400 message when the body does not decode (`Deployment in version "v1" cannot be handled as a
 * Deployment: ...`): a type error first (decoding stops there), else the unknown fields of strict decoding.
 */
export function strictDecodingMessage(obj: KObject): string | undefined {
  const version = (obj.apiVersion ?? '').split('/').pop();
  const prefix = `${obj.kind} in version ${JSON.stringify(version)} cannot be handled as a ${obj.kind}: `;
  const te = typeError(obj);
  if (te) return prefix + te;
  const unknown = unknownFields(obj);
  if (unknown.length === 0) return undefined;
  return prefix + 'strict decoding error: ' + unknown.map((u) => `unknown field ${JSON.stringify(u)}`).join(', ');
}
