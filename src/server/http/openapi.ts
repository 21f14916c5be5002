// /openapi/v3 (the index and one document per group version) built from kubesim's schema data
// (dist/schemas, src/api/openapi/data.ts): the models of the group version's kinds with their
// descriptions and x-kubernetes-group-version-kind (`kubectl explain` finds kinds by it), and for
// every resource a PATCH operation that takes fieldValidation (kubectl v1.32 checks for it, then
// leaves validation to the server instead of downloading /openapi/v2).
// /openapi/v2 is the same models and paths merged into one Swagger 2.0 document, as JSON only: the
// protobuf form kubectl asks for is a 406 (kube-openapi's answer to an unservable Accept), so kubectl
// computes its patches from its compiled-in types, as it does when v3 lacks the patch extensions.
// kubesim: no x-kubernetes-patch-strategy / merge-key extensions yet.
import crypto from 'node:crypto';
import { schemaDocs, schemaTypes, shortName } from '../../api/openapi/data.js';
import { CATALOGUE } from '../../api/catalogue.js';
import { groupVersions } from '../../api/resources.js';
import { crdVersion, servedCRD } from '../../api/crd/served.js';
import { resourcesOf } from './discovery.js';

let v2: { text: string; etag: string } | undefined;

/** v3's `allOf: [{$ref: '#/components/schemas/X'}]` as Swagger 2.0 writes it: `$ref: '#/definitions/X'`. */
function toV2(v: any): any {
  if (Array.isArray(v)) return v.map(toV2);
  if (!v || typeof v !== 'object') return v;
  if (Array.isArray(v.allOf) && v.allOf.length === 1 && v.allOf[0].$ref) {
    const { allOf: _a, default: _d, ...rest } = v;
    return { ...toV2(rest), $ref: v.allOf[0].$ref.replace('#/components/schemas/', '#/definitions/') };
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toV2(x)]));
}

/** The Swagger 2.0 document (JSON text) and its ETag, built once on first use. */
export function openapiV2(): { text: string; etag: string } {
  if (!v2) {
    const paths: Record<string, unknown> = {};
    const definitions: Record<string, unknown> = {};
    for (const g of CATALOGUE) {
      for (const v of g.versions) {
        const doc = docFor(g.group, v).doc as any;
        Object.assign(paths, toV2(doc.paths));
        Object.assign(definitions, toV2(doc.components.schemas));
      }
    }
    const doc = {
      swagger: '2.0',
      info: { title: 'Kubernetes', version: 'v1.32.5' },
      paths,
      definitions,
      securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', type: 'apiKey', name: 'authorization', in: 'header' } },
      security: [{ BearerToken: [] }],
    };
    const text = JSON.stringify(doc);
    v2 = { text, etag: `"${crypto.createHash('sha512').update(text).digest('hex').toUpperCase()}"` };
  }
  return v2;
}

const docs = new Map<string, { doc: unknown; hash: string }>();

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function refName(model: string): string {
  return `io.k8s.kubesim.${model}.${shortName(model)}`;
}

/**
 * Leaf types the real documents define as components of their own (kubectl explain prints a referenced schema's
 * name when it has no type or is an object: `<map[string]Quantity>`, `<IntOrString>`, `<FieldsV1>`).
 */
const LEAF_COMPONENTS: Record<string, [string, any]> = {
  IntOrString: ['io.k8s.apimachinery.pkg.util.intstr.IntOrString', { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] }],
  Quantity: ['io.k8s.apimachinery.pkg.api.resource.Quantity', { oneOf: [{ type: 'string' }, { type: 'number' }] }],
  RawExtension: ['io.k8s.apimachinery.pkg.runtime.RawExtension', { type: 'object' }],
  FieldsV1: ['io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1', { type: 'object' }],
  JSON: ['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON', {}],
};

/** A list item or map value that is a struct is defaulted to {} (as the real documents write it, default first). */
function element(s: any): any {
  return s.allOf ? { default: {}, ...s } : s;
}

function typeSchema(t: string, need: (m: string) => void): any {
  if (t.startsWith('[]')) return { type: 'array', items: element(typeSchema(t.slice(2), need)) };
  if (t.startsWith('map[]')) return { type: 'object', additionalProperties: element(typeSchema(t.slice(5), need)) };
  if (t.startsWith('#')) {
    need(t.slice(1));
    return { allOf: [{ $ref: `#/components/schemas/${refName(t.slice(1))}` }] };
  }
  if (t in LEAF_COMPONENTS) {
    need(t);
    return { allOf: [{ $ref: `#/components/schemas/${LEAF_COMPONENTS[t][0]}` }] };
  }
  // (an empty schema would make kubectl explain's typeGuess fail: "expected schema argument")
  if (t === 'any') return { type: 'object' };
  const [type, format] = t.split(':');
  return format ? { type, format } : { type };
}

/** The published schemas of custom resources, by component name (com.example.stable.v1.CronTab). */
const customSchemas = new Map<string, any>();

function customModel(crdName: string, group: string, version: string, kind: string): string | undefined {
  const crd = servedCRD(crdName);
  if (!crd) return undefined;
  const name = `${group.split('.').reverse().join('.')}.${version}.${kind}`;
  customSchemas.set(name, crdVersion(crd, version)?.schema?.openAPIV3Schema ?? {});
  return name;
}

function buildDoc(group: string, version: string): unknown {
  const types = schemaTypes();
  const text = schemaDocs();
  const gvks = new Map<string, { group: string; version: string; kind: string }[]>();
  const paths: Record<string, any> = {};
  const root = `/${gvPath(group, version)}`;
  for (const r of resourcesOf(group, version)) {
    const gvk = { group, version, kind: r.kind };
    const model = r.crd ? customModel(r.crd, group, version, r.kind) : types?.kinds[`${group ? `${group}/` : ''}${version}/${r.kind}`];
    if (model) gvks.set(model, [...(gvks.get(model) ?? []), gvk]);
    const item = r.namespaced ? `${root}/namespaces/{namespace}/${r.resource}/{name}` : `${root}/${r.resource}/{name}`;
    const op = (action: string) => ({
      operationId: `${action}${r.kind}`,
      parameters: action === 'patch' || action === 'replace' || action === 'create'
        ? [{ name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } }, { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } }, { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }]
        : [],
      responses: { '200': { description: 'OK' } },
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
    });
    if (r.verbs.includes('get') || r.verbs.includes('patch')) {
      const p: Record<string, any> = {};
      if (r.verbs.includes('get')) p.get = op('get');
      if (r.verbs.includes('update')) p.put = op('replace');
      if (r.verbs.includes('patch')) p.patch = op('patch');
      if (r.verbs.includes('delete')) p.delete = op('delete');
      paths[item] = p;
    }
  }
  const schemas: Record<string, any> = {};
  const queue = [...gvks.keys()];
  const seen = new Set(queue);
  const need = (m: string) => { if (!seen.has(m)) { seen.add(m); queue.push(m); } };
  while (queue.length) {
    const m = queue.shift()!;
    if (m in LEAF_COMPONENTS) {
      const [name, schema] = LEAF_COMPONENTS[m];
      schemas[name] = { ...schema };
      continue;
    }
    const cs = customSchemas.get(m);
    if (cs) {
      // a CRD version's schema with the fields every kind has (the apiextensions OpenAPI builder)
      const meta = types?.models['V1Pod']?.p.find(([n]) => n === 'metadata')?.[1];
      const podDocs = text['V1Pod']?.p ?? {};
      const props: Record<string, any> = {
        apiVersion: { description: podDocs.apiVersion, type: 'string' },
        kind: { description: podDocs.kind, type: 'string' },
      };
      if (meta) props.metadata = { ...typeSchema(meta, need), description: podDocs.metadata };
      const out: Record<string, any> = { ...cs, type: 'object', properties: { ...props, ...(cs.properties ?? {}) } };
      out['x-kubernetes-group-version-kind'] = gvks.get(m);
      schemas[m] = out;
      continue;
    }
    const mt = types?.models[m];
    if (!mt) continue;
    const d = text[m] ?? {};
    const properties: Record<string, any> = {};
    for (const [name, t] of mt.p) {
      const s = typeSchema(t, need);
      if (d.p?.[name]) s.description = d.p[name];
      if (d.e?.[name]) s.enum = d.e[name];
      if (s.allOf) s.default = {};
      properties[name] = s;
    }
    const s: Record<string, any> = { type: 'object' };
    if (d.d) s.description = d.d;
    s.properties = properties;
    if (mt.r?.length) s.required = mt.r;
    const g = gvks.get(m);
    if (g) s['x-kubernetes-group-version-kind'] = g;
    schemas[refName(m)] = s;
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.5' }, paths, components: { schemas } };
}

function docFor(group: string, version: string): { doc: unknown; hash: string } {
  const key = gvPath(group, version);
  // a CRD group's document follows its CRDs: built on every request
  let d = CATALOGUE.some((g) => g.group === group) ? docs.get(key) : undefined;
  if (!d) {
    const doc = buildDoc(group, version);
    d = { doc, hash: crypto.createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase() };
    docs.set(key, d);
  }
  return d;
}

/** The v3 index (`path` ""), or one group version's document (`apis/apps/v1`), or undefined (404). */
export function openapiV3(path: string): unknown {
  if (path === '') {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const g of groupVersions()) {
      for (const v of g.versions) {
        const p = gvPath(g.group, v);
        paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${docFor(g.group, v).hash}` };
      }
    }
    return { paths };
  }
  for (const g of groupVersions()) for (const v of g.versions) if (gvPath(g.group, v) === path) return docFor(g.group, v).doc;
  return undefined;
}
