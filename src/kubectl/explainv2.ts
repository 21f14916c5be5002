// `kubectl explain --output=plaintext-openapiv2`: the OpenAPI v2 explain of staging/src/k8s.io/kubectl/pkg/explain
// (field_lookup.go, model_printer.go, fields_printer.go, recursive_fields_printer.go, typename.go, formatter.go) over
// the schema data seen as kube-openapi's proto models (Kind, Array, Map, Primitive, Reference, Arbitrary). OpenAPI v2
// descriptions carry no "Possible enum values" lists.
import { UserError } from '../api/errors.js';
import { schemaDocs, schemaTypes } from '../api/openapi/data.js';

type Node =
  | { k: 'kind'; desc: string; keys: string[]; fields: Map<string, Node>; required: string[] }
  | { k: 'array'; desc: string; sub: Node }
  | { k: 'map'; desc: string; sub: Node }
  | { k: 'prim'; desc: string; type: string }
  | { k: 'ref'; desc: string; ref: string; sub: () => Node }
  | { k: 'arb'; desc: string };

const ENUM_MARK = '\n\nPossible enum values:';
const v2Text = (d: string | undefined) => (d && d.includes(ENUM_MARK) ? d.slice(0, d.indexOf(ENUM_MARK)) : d ?? '');

const defs = new Map<string, Node>();
function definition(name: string): Node {
  let n = defs.get(name);
  if (n) return n;
  const docs = schemaDocs();
  const leafDesc = v2Text(docs[`@${name}`]?.d);
  switch (name) {
    case 'IntOrString': case 'Quantity': case 'Time': case 'MicroTime':
      n = { k: 'prim', desc: leafDesc, type: 'string' }; break;
    case 'RawExtension': case 'FieldsV1':
      n = { k: 'map', desc: leafDesc, sub: { k: 'arb', desc: leafDesc } }; break;
    case 'JSON':
      n = { k: 'arb', desc: leafDesc }; break;
    default: {
      const m = schemaTypes()?.models[name];
      const doc = docs[name] ?? {};
      const desc = v2Text(doc.d);
      if (!m || m.p.length === 0) { n = { k: 'map', desc, sub: { k: 'arb', desc } }; break; }
      const fields = new Map<string, Node>();
      for (const [f, t] of m.p) fields.set(f, field(t, v2Text(doc.p?.[f])));
      n = { k: 'kind', desc, keys: [...fields.keys()].sort(), fields, required: m.r ?? [] };
    }
  }
  defs.set(name, n);
  return n;
}

function refName(t: string): string | undefined {
  if (t.startsWith('#')) return t.slice(1);
  if (['IntOrString', 'Quantity', 'RawExtension', 'FieldsV1', 'JSON'].includes(t)) return t;
  if (t === 'string:date-time') return 'Time';
  if (t === 'string:date-time-micro') return 'MicroTime';
  return undefined;
}

function field(t: string, desc: string): Node {
  if (t.startsWith('[]')) return { k: 'array', desc, sub: field(t.slice(2), '') };
  if (t.startsWith('map[]')) return { k: 'map', desc, sub: field(t.slice(5), '') };
  const ref = refName(t);
  if (ref) return { k: 'ref', desc, ref, sub: () => definition(ref) };
  if (t === 'any') return { k: 'arb', desc };
  return { k: 'prim', desc, type: t.split(':')[0] };
}

// --- formatter.go ---------------------------------------------------------------------------------------------------

class Formatter {
  constructor(public indentLevel: number, public wrapAt: number, public out: string[]) {}
  indent(n: number) { return new Formatter(this.indentLevel + n, this.wrapAt, this.out); }
  write(s: string) { this.out.push(s === '' ? '\n' : ' '.repeat(this.indentLevel) + s + '\n'); }
  writeWrapped(s: string) { for (const l of wrapString(s, this.wrapAt - this.indentLevel)) this.write(l); }
}

const BULLET = /^(\d+\.?|-|\*)\s/;

function shouldStartNewLine(lastWord: string, str: string): boolean {
  if (lastWord.endsWith(':')) return true;
  if (str.startsWith('    ')) return true;
  const t = str.trim();
  return t.length === 0 || BULLET.test(t);
}

/** formatter.go wrapString: whole words joined by single spaces; code blocks, lists and breaks after `:` kept. */
export function wrapString(str: string, wrap: number): string[] {
  const wrapped: string[] = [];
  let words: string[] = [];
  let lastWord = '';
  const flush = () => {
    if (words.length) { lastWord = ''; wrapped.push(words.join(' ')); words = []; }
  };
  const add = (w: string) => {
    const next = [...words, w];
    if (next.join(' ').length <= wrap || words.length === 0) { words = next; return true; }
    return false;
  };
  for (const line of str.split('\n')) {
    if (line.startsWith('    ')) { flush(); wrapped.push(line); continue; }
    if (wrapped.length > 0 && line.trim().length === 0) { flush(); wrapped.push(''); continue; }
    if (shouldStartNewLine(lastWord, line)) flush();
    for (const w of line.split(/[ \t\n\v\f\r\u0085\u00a0]+/).filter(Boolean)) {
      lastWord = w;
      if (!add(w)) { flush(); add(w); }
    }
  }
  flush();
  return wrapped;
}

// --- typename.go, field_lookup.go, fields printers, model_printer.go -------------------------------------------------

function typeName(n: Node): string {
  switch (n.k) {
    case 'array': return `[]${typeName(n.sub)}`;
    case 'kind': return 'Object';
    case 'map': return `map[string]${typeName(n.sub)}`;
    case 'prim': return n.type;
    case 'ref': return typeName(n.sub());
    default: return '';
  }
}

function lookupSchemaForField(schema: Node, path: string[]): Node {
  let n = schema;
  for (;;) {
    if (n.k === 'prim' || n.k === 'arb') return n;
    if (path.length === 0) return n;
    if (n.k === 'array' || n.k === 'map') { n = n.sub; continue; }
    if (n.k === 'ref') { n = n.sub(); continue; }
    const sub = n.fields.get(path[0]);
    if (!sub) throw new UserError(`error: field "${path[0]}" does not exist`);
    path = path.slice(1);
    n = sub;
  }
}

function regularFields(w: Formatter, n: Node): void {
  if (n.k === 'array' || n.k === 'map') return regularFields(w, n.sub);
  if (n.k === 'ref') return regularFields(w, n.sub());
  if (n.k !== 'kind') return;
  for (const key of n.keys) {
    const v = n.fields.get(key)!;
    w.write(`${key}\t<${typeName(v)}>${n.required.includes(key) ? ' -required-' : ''}`);
    w.indent(2).writeWrapped(v.desc);
    w.write('');
  }
}

function recursiveFields(w: Formatter, n: Node, visited: Set<string>): void {
  if (n.k === 'array' || n.k === 'map') return recursiveFields(w, n.sub, visited);
  if (n.k === 'ref') {
    if (visited.has(n.ref)) return;
    visited.add(n.ref);
    recursiveFields(w, n.sub(), visited);
    visited.delete(n.ref);
    return;
  }
  if (n.k !== 'kind') return;
  for (const key of n.keys) {
    const v = n.fields.get(key)!;
    w.write(`${key}\t<${typeName(v)}>`);
    recursiveFields(w.indent(3), v, visited);
  }
}

export interface ExplainV2Target { kind: string; groupVersion: string }

/** PrintModelDescription (OpenAPI v2): the text kubectl prints. */
export function explainOpenAPIV2(target: ExplainV2Target, fieldsPath: string[], recursive: boolean): string {
  const model = schemaTypes()?.kinds[`${target.groupVersion}/${target.kind}`];
  if (!model) throw new UserError(`error: couldn't find resource for "${target.groupVersion}, Kind=${target.kind}"`);
  const name = fieldsPath.length ? fieldsPath[fieldsPath.length - 1] : '';
  const schema = lookupSchemaForField(definition(model), fieldsPath);
  const out: string[] = [];
  const w = new Formatter(0, 80, out);
  const descriptions: string[] = [];
  let type = '';
  const kindAndVersion = () => { w.write(`KIND:     ${target.kind}`); w.write(`VERSION:  ${target.groupVersion}\n`); };
  const printDescription = (n: Node) => {
    w.write('DESCRIPTION:');
    let empty = true;
    [...descriptions, n.desc].forEach((d, i) => {
      if (d === '') return;
      empty = false;
      if (i !== 0) w.write('');
      w.indent(5).writeWrapped(d);
    });
    if (empty) w.indent(5).writeWrapped('<empty>');
  };
  const visit = (n: Node): void => {
    switch (n.k) {
      case 'array': case 'map':
        descriptions.push(n.desc);
        if (type === '') type = typeName(n);
        return visit(n.sub);
      case 'ref':
        descriptions.push(n.desc);
        return visit(n.sub());
      case 'kind':
        kindAndVersion();
        if (type === '') type = typeName(n);
        if (name !== '') w.write(`RESOURCE: ${name} <${type}>\n`);
        printDescription(n);
        w.write('\nFIELDS:');
        if (recursive) recursiveFields(w.indent(3), n, new Set());
        else regularFields(w.indent(3), n);
        return;
      case 'prim':
        kindAndVersion();
        if (type === '') type = typeName(n);
        w.write(`FIELD:    ${name} <${type}>\n`);
        printDescription(n);
        return;
      case 'arb':
        kindAndVersion();
        printDescription(n);
    }
  };
  visit(schema);
  return out.join('');
}
