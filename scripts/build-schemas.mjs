// Builds kubesim's schema data (dist/schemas/) from two npm packages, at build time only:
//  - @kubernetes/client-node 1.0.0, generated from the Kubernetes v1.32.0 OpenAPI spec: the field sets, JSON
//    types and formats and the required fields of every model, exactly as v1.32 has them; but its descriptions
//    lost their newlines and quotes are escaped, fields that are references have no description, and enums are gone.
//  - kubernetes-models 4.5.1 (+ @kubernetes-models/apimachinery), generated from Kubernetes v1.33: descriptions
//    with their newlines and "Possible enum values" lists, the enum values, and the names of referenced types
//    that client-node flattens (Quantity, RawExtension, FieldsV1, JSON ...).
// Its v1.33 text is used only where it says what client-node's v1.32 text says (compared without whitespace);
// where the two differ, client-node's v1.32 text wins (see docs/schemas.md in the report for what differs).
//
// Output (read lazily by src/api/openapi/):
//   dist/schemas/types.json  { models: { Model: { r?: required[], p: [[json, type], ...] } }, kinds: { 'group/version/Kind': Model } }
//   dist/schemas/docs.json   { Model: { d?: description, p?: { field: description }, e?: { field: enum[] } } }
// Types: string boolean integer:int32 integer:int64 number:double string:byte string:date-time ...
//        []T, map[]T, #Model (a reference), and the named leaves IntOrString, Quantity, RawExtension, FieldsV1, JSON.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CN = 'node_modules/@kubernetes/client-node/dist/gen/models';
const KM = 'node_modules/kubernetes-models';
const AM = 'node_modules/@kubernetes-models/apimachinery';
const OUT = 'dist/schemas';

if (!existsSync(CN) || !existsSync(KM)) {
  console.error('build-schemas: @kubernetes/client-node or kubernetes-models is not installed (npm ci); explain and strict decoding of most kinds will be unavailable');
  process.exit(0);
}

// --- d.ts JSDoc ----------------------------------------------------------------------------------------------------

function jsdocText(raw) {
  const lines = raw.split('\n').map((l) => {
    const t = l.replace(/^\s*\*( |$)?/, '');
    return t;
  });
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines.join('\n');
}

/** The first interface/class of a d.ts: its JSDoc and, per property, [JSDoc, optional, type text]. */
function parseDts(path) {
  const txt = readFileSync(path, 'utf8');
  const head = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?export (?:declare class|interface) (\w+)[^{]*\{\n/.exec(txt);
  if (!head) return undefined;
  const start = head.index + head[0].length;
  const end = txt.indexOf('\n}', start);
  const body = txt.slice(start, end + 1);
  const props = new Map();
  // top-level members are indented by 4 spaces
  const re = /^ {4}(?:\/\*\*((?:(?!\*\/)[\s\S])*?)\*\/\n {4})?["']([^"']+)["'](\?)?: ([\s\S]*?);\n(?= {4}["'/]| {4}static|$)/gm;
  let m;
  while ((m = re.exec(body))) props.set(m[2], { doc: m[1] === undefined ? undefined : jsdocText(m[1]), optional: !!m[3], type: m[4].trim() });
  return { doc: head[1] === undefined ? undefined : jsdocText(head[1]), props };
}

// --- client-node models --------------------------------------------------------------------------------------------

const VERSION_PREFIX = /^([A-Z][a-z]+)?(V\d+(?:alpha\d+|beta\d+)?)(?=[A-Z])/;
const cap = (s) => s[0].toUpperCase() + s.slice(1);

async function clientNodeModels() {
  const models = {};
  for (const f of readdirSync(CN).filter((f) => f.endsWith('.js')).sort()) {
    const name = f.slice(0, -3);
    if (!VERSION_PREFIX.test(name)) continue;
    const mod = await import(join(process.cwd(), CN, f));
    const cls = mod[name];
    if (!cls?.attributeTypeMap) continue;
    const dts = parseDts(join(CN, `${name}.d.ts`));
    models[name] = { attrs: cls.attributeTypeMap, dts };
  }
  return models;
}

// --- kubernetes-models index: (group prefix, version, type) -> d.ts -------------------------------------------------

function kmIndex() {
  const idx = new Map(); // `${Version}${Type}` -> [{ prefix, path }]
  const add = (prefix, version, dir) => {
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.d.ts') && f !== 'index.d.ts')) {
      const key = `${cap(version)}${f.slice(0, -5)}`;
      if (!idx.has(key)) idx.set(key, []);
      idx.get(key).push({ prefix, path: join(dir, f) });
    }
  };
  for (const g of readdirSync(KM)) {
    if (g === 'v1') { add('Core', 'v1', join(KM, g)); continue; }
    if (g.startsWith('_') || !existsSync(join(KM, g)) || !readdirSync(KM).includes(g)) continue;
    let dir;
    try { dir = readdirSync(join(KM, g)); } catch { continue; }
    for (const v of dir) {
      if (!/^v\d/.test(v)) continue;
      add(cap(g.split('.')[0]), v, join(KM, g, v));
    }
  }
  add('Meta', 'v1', join(AM, 'apis/meta/v1'));
  return idx;
}

function kmFor(idx, cnName) {
  const m = VERSION_PREFIX.exec(cnName);
  const key = cnName.slice((m[1] ?? '').length);
  const cands = idx.get(key) ?? [];
  if (m[1]) return cands.find((c) => c.prefix === m[1]) ?? (cands.length === 1 ? cands[0] : undefined);
  return cands.length === 1 ? cands[0] : cands.find((c) => c.prefix === 'Core') ?? cands.find((c) => c.prefix === 'Meta') ?? cands[0];
}

// --- descriptions --------------------------------------------------------------------------------------------------

const ENUM_MARK = '\n\nPossible enum values:';
const stripEnum = (d) => (d && d.includes(ENUM_MARK) ? d.slice(0, d.indexOf(ENUM_MARK)) : d);
const squash = (s) => s.replace(/\s+/g, ' ').trim();
// client-node escapes quotes and backslashes, and breaks `/*` and `*/` (which would end its comments) as `/_*`, `*_/`
const unescapeCn = (s) => s.replace(/\\(["'\\])/g, '$1').replace(/\/_\*/g, '/*').replace(/\*_\//g, '*/');
const unescapeKm = (s) => s.replace(/\\\*/g, '*').replace(/\*\\\//g, '*/').replace(/\\\//g, '/');

// client-node gives some fields their type's description instead of their own (or none)
const TYPE_DOCS = /^(IntOrString is a type|MicroTime is version of Time|JSONSchemaPropsOr\w+ represents|JSON represents any valid JSON value)/;

/** v1.32's description: kubernetes-models' when it says what client-node's says, else client-node's. */
function description(cnDoc, kmDoc) {
  const km = kmDoc === undefined ? undefined : unescapeKm(kmDoc);
  const cn = cnDoc === undefined || TYPE_DOCS.test(cnDoc) ? undefined : unescapeCn(cnDoc);
  if (km !== undefined && (cn === undefined || squash(stripEnum(km)) === squash(cn))) return km;
  if (cn === undefined) return undefined;
  // without a v1.33 text, two spaces between words are where client-node's generator joined paragraphs
  const text = km !== undefined ? respace(cn, stripEnum(km)) : cn.replace(/(\S) {2}(?=\S)/g, '$1\n\n');
  // kubesim: the v1.33 enum list is kept when only the text before it changed
  return km !== undefined && km.includes(ENUM_MARK) ? text + km.slice(km.indexOf(ENUM_MARK)) : text;
}

/**
 * client-node's text with kubernetes-models' line breaks put back: between two words that follow each other in
 * both texts (aligned as a longest common subsequence of words), the v1.33 whitespace is the v1.32 one too.
 */
function respace(cn, km) {
  const split = (s) => {
    const words = []; const seps = [];
    const re = /(\S+)(\s*)/g;
    let m;
    const lead = /^\s*/.exec(s)[0];
    while ((m = re.exec(s))) { words.push(m[1]); seps.push(m[2]); }
    return { lead, words, seps };
  };
  const a = split(cn);
  const b = split(km);
  const n = a.words.length; const m = b.words.length;
  if (n * m > 4e6) return cn;
  // LCS table over words
  const dp = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) {
    dp[i][j] = a.words[i] === b.words[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  }
  const match = new Int32Array(n).fill(-1);
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a.words[i] === b.words[j]) { match[i] = j; i++; j++; } else if (dp[i + 1][j] >= dp[i][j + 1]) i++; else j++;
  }
  let out = a.lead;
  for (let i = 0; i < n; i++) {
    out += a.words[i];
    const j = match[i];
    const sameNext = j >= 0 && i + 1 < n && match[i + 1] === j + 1;
    // unaligned: two spaces are where client-node joined paragraphs
    out += sameNext ? b.seps[j] : a.seps[i] === '  ' && i + 1 < n ? '\n\n' : a.seps[i];
  }
  return out;
}

function enumValues(kmType) {
  if (!kmType || !/^"[^"]*"( \| "[^"]*")*$/.test(kmType)) return undefined;
  return kmType.split(' | ').map((s) => JSON.parse(s));
}

// --- types ---------------------------------------------------------------------------------------------------------

const KM_LEAVES = [
  ['IIoK8sApimachineryPkgApiResourceQuantity', 'Quantity'],
  ['IIoK8sApimachineryPkgUtilIntstrIntOrString', 'IntOrString'],
  ['IIoK8sApimachineryPkgRuntimeRawExtension', 'RawExtension'],
  ['IIoK8sApimachineryPkgApisMetaV1FieldsV1', 'FieldsV1'],
  ['IIoK8sApiextensionsApiserverPkgApisApiextensionsV1JSON', 'JSON'],
];

function typeOf(t, format, kmType) {
  const arr = /^Array<(.*)>$/.exec(t);
  if (arr) return `[]${typeOf(arr[1], format, kmType && /^Array<([\s\S]*)>$/.exec(kmType)?.[1])}`;
  const map = /^\{ \[key: string\]: (.*); \}$/.exec(t);
  if (map) return `map[]${typeOf(map[1], format, kmType && /\[key: string\]: ([\s\S]*?);\s*\}$/.exec(kmType)?.[1]?.trim())}`;
  if (t === 'any' || t === 'string' || t === 'object') {
    for (const [km, leaf] of KM_LEAVES) if (kmType && kmType.trim() === km) return leaf;
  }
  if (t === 'IntOrString') return 'IntOrString';
  // client-node names MicroTime as a model it does not generate
  if (t === 'V1MicroTime') return 'string:date-time-micro';
  if (t === 'Date') return format === 'date-time-micro' ? 'string:date-time-micro' : 'string:date-time';
  if (t === 'string') return format ? `string:${format}` : 'string';
  if (t === 'boolean') return 'boolean';
  if (t === 'number') return format === 'int32' || format === 'int64' ? `integer:${format}` : format ? `number:${format}` : 'number';
  if (t === 'any') return 'any';
  if (VERSION_PREFIX.test(t)) return `#${t}`;
  return t;
}

// Fields that are references have their description only in kubernetes-models (v1.33); where v1.33 changed it,
// the v1.32 text (checked against the v1.32.0 OpenAPI spec and k8s.io/api v0.32.0's types.go) is put back.
const V132_PATCHES = [
  ['V1ReplicaSetSpec', 'template', (d) => d.replace('/controllers/replicaset/#pod-template', '/controllers/replicationcontroller#pod-template')],
  ['V1JobSpec', 'successPolicy', (d) => d.endsWith('(enabled by default).') ? d : `${d}\n\nThis field is beta-level. To use this field, you must enable the \`JobSuccessPolicy\` feature gate (enabled by default).`],
  ['V1Volume', 'image', (d) => d.replace(' before 1.33', '')],
];

// --- main ----------------------------------------------------------------------------------------------------------

const cn = await clientNodeModels();
const idx = kmIndex();
const types = { models: {}, kinds: {} };
const docs = {};
const stats = { models: 0, fromKm: 0, fromCn: 0, none: 0 };
for (const [name, { attrs, dts }] of Object.entries(cn)) {
  const km = kmFor(idx, name);
  const kmd = km ? parseDts(km.path) : undefined;
  const required = [];
  const p = [];
  const doc = {};
  const d = description(dts?.doc, kmd?.doc);
  if (d !== undefined) doc.d = d;
  for (const a of attrs) {
    const json = a.baseName;
    const cnProp = dts?.props.get(json) ?? dts?.props.get(a.name);
    const kmProp = kmd?.props.get(json);
    p.push([json, typeOf(a.type, a.format, kmProp?.type)]);
    if (cnProp && !cnProp.optional) required.push(json);
    const pd = description(cnProp?.doc, kmProp?.doc);
    if (pd !== undefined) {
      (doc.p ??= {})[json] = pd;
      if (kmProp?.doc !== undefined && pd.startsWith(unescapeKm(stripEnum(kmProp.doc)))) stats.fromKm++; else stats.fromCn++;
    } else stats.none++;
    const ev = enumValues(kmProp?.type);
    if (ev && pd?.includes(ENUM_MARK)) (doc.e ??= {})[json] = ev;
  }
  const model = { p };
  if (required.length) model.r = required;
  types.models[name] = model;
  if (Object.keys(doc).length) docs[name] = doc;
  stats.models++;
  // a kind: apiVersion + kind + metadata; kubernetes-models' file path names its group
  const names = new Set(p.map(([j]) => j));
  if (names.has('apiVersion') && names.has('kind') && names.has('metadata') && km && !name.endsWith('List')) {
    const rel = km.path.startsWith(KM) ? km.path.slice(KM.length + 1) : '';
    const parts = rel.split('/');
    const kind = parts[parts.length - 1].replace(/\.d\.ts$/, '');
    const gv = parts.length === 2 ? parts[0] : `${parts[0]}/${parts[1]}`;
    if (rel) types.kinds[`${gv}/${kind}`] = name;
  }
}
// the named leaves' own descriptions (`@Time` ...), shown by explain under a field of that type
const LEAF_FILES = { Time: 'apis/meta/v1/Time', MicroTime: 'apis/meta/v1/MicroTime', IntOrString: 'util/intstr/IntOrString', RawExtension: 'runtime/RawExtension', FieldsV1: 'apis/meta/v1/FieldsV1', Quantity: 'api/resource/Quantity' };
for (const [leaf, file] of Object.entries(LEAF_FILES)) {
  const f = join(AM, `${file}.d.ts`);
  if (!existsSync(f)) continue;
  const m = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export (?:declare type|interface|declare class)/.exec(readFileSync(f, 'utf8'));
  if (m) docs[`@${leaf}`] = { d: unescapeKm(jsdocText(m[1])) };
}
// kubernetes-models has no text for Quantity; kubernetes-types (already a devDependency) has it
if (!docs['@Quantity'] && existsSync('node_modules/kubernetes-types/api/resource.d.ts')) {
  const m = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export type Quantity/.exec(readFileSync('node_modules/kubernetes-types/api/resource.d.ts', 'utf8'));
  if (m) docs['@Quantity'] = { d: jsdocText(m[1]) };
}
{
  const f = join(KM, 'apiextensions.k8s.io/v1/JSON.d.ts');
  const m = existsSync(f) && /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export (?:declare type|interface|declare class)/.exec(readFileSync(f, 'utf8'));
  if (m) docs['@JSON'] = { d: unescapeKm(jsdocText(m[1])) };
}
for (const [model, field, fix] of V132_PATCHES) if (docs[model]?.p?.[field]) docs[model].p[field] = fix(docs[model].p[field]);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'types.json'), JSON.stringify(types));
writeFileSync(join(OUT, 'docs.json'), JSON.stringify(docs));
if (process.env.KUBESIM_SCHEMA_STATS) console.error('build-schemas:', stats);
