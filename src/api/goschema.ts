// A compact description of the Go structs of k8s.io/api v1.32 that kubesim needs: the field order matters for the
// pod-template-hash dump (go-spew prints every field in declaration order), the JSON names for strict decoding.
import { PATCH_TAGS, STRUCT_LAYOUTS } from './goschema-data.js';

export interface GoField {
  /** Go field name (for an embedded struct: its type name) */
  go: string;
  /** JSON name; '' for an inline (embedded) field */
  json: string;
  /** Go type as reflect.Type.String() prints it: `*v1.Probe`, `[]v1.Container`, `map[string]string`, `v1.Protocol` */
  type: string;
  inline: boolean;
  omitempty: boolean;
}

export type GoKind = 'struct' | 'ptr' | 'slice' | 'map' | 'string' | 'int' | 'bool' | 'bytes' | 'quantity' | 'intstr' | 'time' | 'raw';

export interface GoType {
  name: string;
  kind: GoKind;
  /** pointee / element / map value */
  elem?: GoType;
  /** map key type name */
  key?: string;
  fields?: GoField[];
}

const INT_TYPES = new Set(['int', 'int32', 'int64', 'uint64', 'uint32', 'intstr.Type', 'resource.Scale']);

/** Struct layouts by Go type name (`v1.Container`), fields in declaration order. */
export const STRUCTS: Record<string, GoField[]> = {};
for (const [name, rows] of Object.entries(STRUCT_LAYOUTS)) {
  STRUCTS[name] = rows.map(([go, tag, type]) => {
    const [json, ...opts] = tag.split(',');
    return { go, json, type, inline: opts.includes('inline'), omitempty: opts.includes('omitempty') };
  });
}

// Named string/struct types kubesim knows but does not describe field by field (status payloads, FieldsV1 ...).
const RAW_TYPES = new Set(['v1.FieldsV1', 'v1.ContainerUser', 'v1.ResourceStatus', 'v1.ResourceHealth']);

const cache = new Map<string, GoType>();

/** Resolve a Go type string into a (shared, memoised) type descriptor. */
export function goType(name: string): GoType {
  let t = cache.get(name);
  if (t) return t;
  t = { name, kind: 'raw' };
  cache.set(name, t); // set before recursing: struct graphs are not trees (LabelSelector, ObjectMeta ...)
  if (name.startsWith('*')) { t.kind = 'ptr'; t.elem = goType(name.slice(1)); }
  else if (name === '[]byte') t.kind = 'bytes';
  else if (name.startsWith('[]')) { t.kind = 'slice'; t.elem = goType(name.slice(2)); }
  else if (name.startsWith('map[')) {
    const close = name.indexOf(']');
    t.kind = 'map'; t.key = name.slice(4, close); t.elem = goType(name.slice(close + 1));
  } else if (name === 'v1.ResourceList') { t.kind = 'map'; t.key = 'v1.ResourceName'; t.elem = goType('resource.Quantity'); }
  else if (name === 'resource.Quantity') t.kind = 'quantity';
  else if (name === 'intstr.IntOrString') t.kind = 'intstr';
  else if (name === 'v1.Time' || name === 'v1.MicroTime') t.kind = 'time';
  else if (name === 'bool') t.kind = 'bool';
  else if (INT_TYPES.has(name)) t.kind = 'int';
  else if (STRUCTS[name]) { t.kind = 'struct'; t.fields = STRUCTS[name]; }
  else if (RAW_TYPES.has(name)) t.kind = 'raw';
  else t.kind = 'string'; // every other named type in k8s.io/api (v1.Protocol, types.UID, ...) is a string
  return t;
}

/** The Go type of each top-level kind kubesim serves, by `apiVersion/kind`. */
export const KIND_TYPES: Record<string, string> = {
  'apps/v1/Deployment': 'v1.Deployment',
  'apps/v1/ReplicaSet': 'v1.ReplicaSet',
  'v1/Pod': 'v1.Pod',
  'v1/Service': 'v1.Service',
  'v1/ConfigMap': 'v1.ConfigMap',
  'v1/Namespace': 'v1.Namespace',
};

const fieldsCache = new WeakMap<GoType, Map<string, GoField>>();

/** All JSON field names of a struct, inline fields flattened (as encoding/json sees them). Cached: the field manager asks per field of every write. */
export function jsonFields(t: GoType): Map<string, GoField> {
  let out = fieldsCache.get(t);
  if (out) return out;
  out = new Map<string, GoField>();
  for (const f of t.fields ?? []) {
    if (f.inline) for (const [k, v] of jsonFields(goType(f.type))) out.set(k, v);
    else out.set(f.json, f);
  }
  fieldsCache.set(t, out);
  return out;
}

/** A struct field as strategic merge patch sees it (forkedjson.LookupPatchMetadata): its type, strategies, merge key. */
export interface PatchField {
  type: GoType;
  strategies: string[];
  mergeKey: string;
}

/** The field `json` of struct `t` (inline structs searched), or undefined when the struct has no such field. */
export function patchField(t: GoType, json: string): PatchField | undefined {
  for (const f of t.fields ?? []) {
    if (f.inline) {
      const r = patchField(goType(f.type), json);
      if (r) return r;
      continue;
    }
    if (f.json !== json) continue;
    const tag = PATCH_TAGS[t.name]?.[json];
    return { type: goType(f.type), strategies: tag ? tag[0].split(',') : [], mergeKey: tag?.[1] ?? '' };
  }
  return undefined;
}
