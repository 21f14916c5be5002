// The ReplacementTransformer (kustomize api/filters/replacement): a value read from one resource (a
// fieldPath, optionally one part of it split on a delimiter) copied into fields of others, selected
// by resource id, labels and annotations. It runs last among a kustomization's transformers.
import { yamlToJsonValue } from '../../api/decode.js';
import { matches } from '../../api/selectors.js';
import { toYaml } from '../../printers/yaml.js';
import { groupOf, versionOf } from './fieldspec.js';
import { KustomizeError, loadFile } from './files.js';
import { isClusterScopedKind } from './scope.js';
import type { Res } from './resource.js';

interface ResId { group?: string; version?: string; kind?: string; name?: string; namespace?: string }
interface Options { delimiter?: string; index?: number; create?: boolean }
interface Source extends ResId { fieldPath?: string; options?: Options }
interface Selector extends ResId { labelSelector?: string; annotationSelector?: string }
interface Target { select?: Selector; reject?: Selector[]; fieldPaths?: string[]; options?: Options }
interface Replacement { source?: Source; targets?: Target[] }

const DEFAULT_FIELD_PATH = 'metadata.name';

/** The plugin's Config: `path:` entries read from their file (one replacement or a list of them). */
function load(dir: string, list: any[]): Replacement[] {
  const trouble = (why: string) => new KustomizeError(`trouble configuring builtin ReplacementTransformer with config: \`\n${toYaml({ Replacements: list })}\`: ${why}`);
  const out: Replacement[] = [];
  for (const r of list) {
    if (!r?.path) { out.push(r ?? {}); continue; }
    if (r.source || (r.targets ?? []).length) throw trouble('cannot specify both path and inline replacement');
    let text: string;
    try {
      text = loadFile(dir, String(r.path)).toString('utf8');
    } catch (e) {
      if (e instanceof KustomizeError) throw trouble(e.message);
      throw e;
    }
    const v = yamlToJsonValue(text);
    if (Array.isArray(v)) out.push(...v);
    else if (v && typeof v === 'object') out.push(v);
    else throw trouble(`unsupported replacement type encountered within replacement path: ${v === null ? 'invalid' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'float64'}`);
  }
  return out;
}

/** ResId.IsSelectedBy over the resource's current and earlier ids (names and namespaces before prefixes and moves). */
function selectedBy(r: Res, s: ResId): boolean {
  if (s.group && s.group !== groupOf(r.obj)) return false;
  if (s.version && s.version !== versionOf(r.obj)) return false;
  if (s.kind && s.kind !== r.obj.kind) return false;
  const effective = (ns: string) => (isClusterScopedKind(r.obj) ? '_non_namespaceable_' : ns === '' ? 'default' : ns);
  const nsOk = !s.namespace || r.namespaces.some((ns) => effective(ns) === (s.namespace === '' ? 'default' : s.namespace));
  return (!s.name || r.names.includes(s.name)) && nsOk;
}

/** resid's String(): `Kind.version.group/name.namespace` with its placeholders. */
function idString(s: ResId): string {
  return `${s.kind || '[noKind]'}.${s.version || '[noVer]'}.${s.group || '[noGrp]'}/${s.name || '[noName]'}.${s.namespace || '[noNs]'}`;
}

function sourceString(s: Source): string {
  const parts = [idString(s)];
  if (s.fieldPath) parts.push(s.fieldPath);
  const o = s.options;
  if (o && (o.delimiter || o.create)) parts.push(`${o.delimiter ?? ''}(${o.index ?? 0}), create=${!!o.create}`);
  return parts.join(':');
}

/** SmarterPathSplitter: split on dots, except inside `[...]` (a bracket without `=` is unwrapped). */
export function splitPath(path: string): string[] {
  let ps = path.split('.');
  if (ps.length > 1 && ps[0] === '') ps = ps.slice(1);
  const split: string[] = [ps[0]];
  for (const p of ps.slice(1)) {
    if (split[split.length - 1].endsWith('\\')) split[split.length - 1] = split[split.length - 1].slice(0, -1) + '.' + p;
    else split.push(p);
  }
  const out: string[] = [];
  for (let i = 0; i < split.length; i++) {
    const e = split[i];
    if (e.startsWith('[') && !e.endsWith(']')) {
      const b = [e];
      while (i < split.length - 1) { i++; b.push(split[i]); if (split[i].endsWith(']')) break; }
      const s = b.join('.');
      out.push(s.includes('=') ? s : s.replace(/^\[+|\]+$/g, ''));
    } else out.push(e);
  }
  return out;
}

const isIndex = (p: string) => /^\d+$/.test(p);
const isListMatch = (p: string) => p.startsWith('[') && p.endsWith(']');
const isObj = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);
const scalarText = (v: unknown) => (typeof v === 'string' ? v : v === null ? 'null' : String(v));

/** A place holding a matched value: its parent and key, so it can be replaced. */
interface Slot { parent: any; key: string | number }

/**
 * kyaml's PathMatcher: every place the path reaches (`*` every element, `[f=re]` the elements whose f matches the
 * regexp anywhere, `N` the Nth). With `create`, missing fields and list elements are made along the way.
 */
function match(parent: any, key: string | number, path: string[], create: 'scalar' | 'map' | 'list' | undefined, out: Slot[]): void {
  if (!path.length) { out.push({ parent, key }); return; }
  const node = parent[key];
  const [p, ...rest] = path;
  const make = (next: string | undefined) => (next === undefined ? (create === 'list' ? [] : create === 'map' ? {} : null) : isListMatch(next) || isIndex(next) ? [] : {});
  if (isIndex(p)) {
    if (!Array.isArray(node)) return;
    const i = Number(p);
    if (i === node.length && create) node.push(make(rest[0]));
    if (i >= node.length) throw new KustomizeError(`index ${i} specified but only ${node.length} elements found`);
    match(node, i, rest, create, out);
  } else if (isListMatch(p)) {
    if (!Array.isArray(node)) return;
    const body = p.slice(1, -1);
    const eq = body.indexOf('=');
    if (eq < 0) throw new KustomizeError('list path element must contain fieldName=fieldValue for element to match');
    const field = body.slice(0, eq);
    const re = new RegExp(body.slice(eq + 1));
    const before = out.length;
    node.forEach((el: any, i: number) => {
      const v = field ? (isObj(el) ? el[field] : undefined) : el;
      if (v === undefined || v === null || !re.test(scalarText(v).trim())) return;
      if (field) match(node, i, rest, create, out); else if (!rest.length) out.push({ parent: node, key: i });
    });
    if (out.length === before && create) {
      node.push(field ? { [field]: body.slice(eq + 1) } : body.slice(eq + 1));
      match(parent, key, path, create, out);
    }
  } else if (p === '*') {
    if (Array.isArray(node)) node.forEach((_: unknown, i: number) => match(node, i, rest, create, out));
    else if (isObj(node)) for (const k of Object.keys(node)) match(node, k, rest, create, out);
  } else {
    if (!isObj(node)) return;
    if (!(p in node) || node[p] === undefined) {
      if (!create) return;
      node[p] = make(rest[0]);
    }
    match(node, p, rest, create, out);
  }
}

/** yaml.Lookup: the value at a path (list elements matched exactly), or undefined. */
function lookup(obj: any, path: string[]): unknown {
  let v: any = obj;
  for (const p of path) {
    if (v === undefined || v === null) return undefined;
    if (isIndex(p) && Array.isArray(v)) v = v[Number(p)];
    else if (isListMatch(p) && Array.isArray(v)) {
      const [f, want] = p.slice(1, -1).split(/=(.*)/s);
      v = v.find((el: any) => scalarText(f ? el?.[f] : el) === want);
    } else if (isObj(v)) v = v[p];
    else return undefined;
  }
  return v;
}

const nilOrEmpty = (v: unknown) => v === undefined || v === null || (isObj(v) && !Object.keys(v).length) || (Array.isArray(v) && !v.length);

/** A scalar target keeps its type where the new text can be read as it (kyaml copies the value, not the tag). */
function setScalar(old: unknown, text: string): unknown {
  if (typeof old === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (typeof old === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function setField(slot: Slot, value: unknown, o: Options | undefined): void {
  const cur = slot.parent[slot.key];
  const curScalar = cur === null || typeof cur !== 'object';
  let v = value;
  if (o?.delimiter) {
    if (!curScalar) throw new KustomizeError('delimiter option can only be used with scalar nodes');
    const parts = scalarText(cur ?? '').split(o.delimiter);
    const t = scalarText(value);
    const i = o.index ?? 0;
    if (i < 0) parts.unshift(t); else if (i >= parts.length) parts.push(t); else parts[i] = t;
    v = parts.join(o.delimiter);
  }
  if (curScalar && cur !== null && cur !== undefined && (v === null || typeof v !== 'object')) slot.parent[slot.key] = setScalar(cur, scalarText(v));
  else slot.parent[slot.key] = structuredClone(v);
}

function selectorMatches(r: Res, s: Selector): boolean {
  const md = r.obj.metadata ?? {};
  return (!s.labelSelector || matches(s.labelSelector, md.labels ?? {})) && (!s.annotationSelector || matches(s.annotationSelector, md.annotations ?? {}));
}

function apply(acc: Res[], r: Replacement): void {
  if (!r.source || !r.targets) throw new KustomizeError('replacements must specify a source and at least one target');
  const src = r.source;
  const found = acc.filter((x) => selectedBy(x, src));
  if (found.length > 1) throw new KustomizeError(`multiple matches for selector ${sourceString(src)}`);
  if (!found.length) throw new KustomizeError(`nothing selected by ${sourceString(src)}`);
  const fieldPath = src.fieldPath || DEFAULT_FIELD_PATH;
  let value = lookup(found[0].obj, splitPath(fieldPath));
  if (nilOrEmpty(value)) throw new KustomizeError(`fieldPath \`${fieldPath}\` is missing for replacement source ${idString(src)}`);
  if (src.options?.delimiter) {
    if (value !== null && typeof value === 'object') throw new KustomizeError('delimiter option can only be used with scalar nodes');
    const parts = scalarText(value).split(src.options.delimiter);
    const i = src.options.index ?? 0;
    if (i >= parts.length || i < 0) throw new KustomizeError(`options.index ${i} is out of bounds for value ${scalarText(value)}`);
    value = parts[i];
  }
  for (const t of r.targets) {
    if (!t.select) throw new KustomizeError('target must specify resources to select');
    const paths = t.fieldPaths?.length ? t.fieldPaths : [DEFAULT_FIELD_PATH];
    for (const x of acc) {
      if (!selectorMatches(x, t.select)) continue;
      if ((t.reject ?? []).some((rj) => (rj.labelSelector || rj.annotationSelector) && selectorMatches(x, rj))) continue;
      if (!selectedBy(x, t.select)) continue;
      if ((t.reject ?? []).some((rj) => (rj.group || rj.version || rj.kind || rj.name || rj.namespace) && selectedBy(x, rj))) continue;
      for (const fp of paths) {
        const create = t.options?.create ? (Array.isArray(value) ? 'list' : isObj(value) ? 'map' : 'scalar') : undefined;
        const what = `unable to find${create ? ' or create' : ''} field ${JSON.stringify(fp)} in replacement target`;
        const slots: Slot[] = [];
        try {
          match({ root: x.obj }, 'root', splitPath(fp), create, slots);
        } catch (e) {
          if (e instanceof KustomizeError) throw new KustomizeError(`${what}: ${e.message}`);
          throw e;
        }
        if (!slots.length) throw new KustomizeError(what);
        for (const s of slots) setField(s, value, t.options);
      }
    }
  }
}

/** The kustomization's `replacements:`, applied in order to everything accumulated. */
export function runReplacements(dir: string, list: unknown, acc: Res[]): void {
  if (!Array.isArray(list) || !list.length) return;
  for (const r of load(dir, list)) apply(acc, r);
}
