// The API server's decoding of a kind from the schema data (for the kinds goschema.ts does not lay out):
// unknown fields for strict decoding, and the first type error as sigs.k8s.io/json words it.
import { goPackage, schemaTypes, shortName, type SchemaTypes } from './data.js';

const isObj = (v: any): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

const fieldCache = new Map<string, Map<string, string>>();
function fields(types: SchemaTypes, model: string): Map<string, string> {
  let f = fieldCache.get(model);
  if (!f) fieldCache.set(model, (f = new Map(types.models[model]?.p ?? [])));
  return f;
}

/** Unknown field paths (`spec.foo`, `spec.containers[0].imagez`), in the decoder's order (sorted keys). */
export function unknownFieldsFromSchema(model: string, obj: any): string[] {
  const types = schemaTypes();
  if (!types) return [];
  const out: string[] = [];
  const walk = (v: any, t: string, path: string) => {
    if (v === null || v === undefined) return;
    if (t.startsWith('[]')) { if (Array.isArray(v)) v.forEach((e, i) => walk(e, t.slice(2), `${path}[${i}]`)); return; }
    if (t.startsWith('map[]')) { if (isObj(v)) for (const k of Object.keys(v).sort()) walk(v[k], t.slice(5), `${path}[${k}]`); return; }
    if (!t.startsWith('#') || !isObj(v)) return;
    const f = fields(types, t.slice(1));
    for (const k of Object.keys(v).sort()) {
      const p = path ? `${path}.${k}` : k;
      const ft = f.get(k);
      if (ft === undefined) { out.push(p); continue; }
      walk(v[k], ft, p);
    }
  };
  walk(obj, `#${model}`, '');
  return out;
}

/** The Go type reflect prints for a schema type (int32, []v1.Container, map[string]string, v1.ObjectMeta). */
function goTypeName(t: string): string {
  if (t.startsWith('[]')) return `[]${goTypeName(t.slice(2))}`;
  if (t.startsWith('map[]')) return `map[string]${goTypeName(t.slice(5))}`;
  if (t.startsWith('#')) return `${goPackage(t.slice(1))}.${shortName(t.slice(1))}`;
  const [type, format] = t.split(':');
  if (type === 'integer') return format === 'int32' ? 'int32' : 'int64';
  if (type === 'number') return 'float64';
  if (type === 'boolean') return 'bool';
  if (type === 'string' && format === 'byte') return '[]uint8';
  return 'string';
}

const jsonKind = (v: any) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : typeof v === 'string' ? 'string' : 'object');

/** encoding/json's UnmarshalTypeError for the first value of the wrong JSON type, or undefined. */
export function typeErrorFromSchema(model: string, obj: any, at = ''): string | undefined {
  const types = schemaTypes();
  if (!types) return undefined;
  let err: string | undefined;
  // struct: the Go struct being decoded; path: JSON field names from the root, without indexes or map keys
  const walk = (v: any, t: string, struct: string, path: string): void => {
    if (err || v === null || v === undefined) return;
    const fail = (what: string) => { err = `json: cannot unmarshal ${what} into Go struct field ${struct}.${path} of type ${goTypeName(t)}`; };
    if (t.startsWith('[]')) {
      if (!Array.isArray(v)) return fail(jsonKind(v));
      for (const e of v) walk(e, t.slice(2), struct, path);
      return;
    }
    if (t.startsWith('map[]')) {
      if (!isObj(v)) return fail(jsonKind(v));
      for (const k of Object.keys(v).sort()) walk(v[k], t.slice(5), struct, path);
      return;
    }
    if (t.startsWith('#')) {
      const m = t.slice(1);
      if (!isObj(v)) return path && path !== at ? fail(jsonKind(v)) : undefined;
      const f = fields(types, m);
      for (const k of Object.keys(v).sort()) {
        const ft = f.get(k);
        if (ft !== undefined) walk(v[k], ft, shortName(m), path ? `${path}.${k}` : k);
      }
      return;
    }
    const [type, format] = t.split(':');
    if (type === 'string') {
      // Time, MicroTime and []byte decode through their own unmarshalers, with other messages
      if (typeof v !== 'string' && !format) fail(jsonKind(v));
    } else if (type === 'boolean') {
      if (typeof v !== 'boolean') fail(jsonKind(v));
    } else if (type === 'integer') {
      if (typeof v !== 'number') return fail(jsonKind(v));
      const [lo, hi] = format === 'int32' ? [-(2 ** 31), 2 ** 31 - 1] : [-(2 ** 63), 2 ** 63 - 1];
      if (!Number.isInteger(v) || v < lo || v > hi) fail(`number ${v}`);
    } else if (type === 'number') {
      if (typeof v !== 'number') fail(jsonKind(v));
    }
  };
  walk(obj, `#${model}`, shortName(model), at);
  return err;
}

/** kubectl decodes an object's metadata into ObjectMeta itself: its type error (`...ObjectMeta.metadata.labels...`). */
export function metadataTypeError(metadata: any): string | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  if (!isObj(metadata)) {
    // the builder's metadataOnlyObject decode
    const t = Array.isArray(metadata) ? 'array' : typeof metadata === 'boolean' ? 'bool' : typeof metadata;
    return `json: cannot unmarshal ${t} into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta`;
  }
  return typeErrorFromSchema('V1ObjectMeta', metadata, 'metadata');
}
