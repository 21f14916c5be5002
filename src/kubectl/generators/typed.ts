// encoding/json over a typed k8s.io/api object, as kubectl prints the objects it builds client-side:
// fields in struct order, omitempty honoured, zero values of the other fields written out
// (`creationTimestamp: null`, `resources: {}`, `status: {}`), map keys sorted, unknown keys dropped
// (they never survive a decode into the Go struct).
import { goType, STRUCTS, type GoType } from '../../api/goschema.js';
import type { KObject } from '../../api/types.js';
import { goStringLess } from '../../printers/labels.js';
import { toCompactJson } from '../../printers/json.js';
import { GENERATOR_KIND_TYPES, GENERATOR_LAYOUTS } from './layouts.js';

// Register the extra layouts once, before any of their names is resolved.
for (const [name, rows] of Object.entries(GENERATOR_LAYOUTS)) {
  if (STRUCTS[name]) continue;
  STRUCTS[name] = rows.map(([go, tag, type]) => {
    const [json, ...opts] = tag.split(',');
    return { go, json, type, inline: opts.includes('inline'), omitempty: opts.includes('omitempty') };
  });
}

function isEmpty(t: GoType, v: any): boolean {
  switch (t.kind) {
    case 'string': return v === '';
    case 'int': return v === 0;
    case 'bool': return v === false;
    case 'slice': case 'bytes': return Array.isArray(v) ? v.length === 0 : v === '';
    case 'map': return typeof v === 'object' && Object.keys(v).length === 0;
    default: return false; // structs (and Time, Quantity, IntOrString) are never empty to encoding/json
  }
}

function zero(t: GoType): any {
  switch (t.kind) {
    case 'string': return '';
    case 'int': return 0;
    case 'bool': return false;
    case 'struct': return encodeAs(t, {});
    case 'quantity': return '0';
    case 'intstr': return 0;
    default: return null; // pointers, slices, maps, Time
  }
}

export function encodeAs(t: GoType, v: any): any {
  if (v === undefined || v === null) return t.kind === 'struct' ? zero(t) : null;
  switch (t.kind) {
    case 'ptr':
      return encodeAs(t.elem!, v);
    case 'struct': {
      const out: Record<string, any> = {};
      for (const f of t.fields!) {
        const ft = goType(f.type);
        if (f.inline) { Object.assign(out, encodeAs(ft, v)); continue; }
        const val = v[f.json];
        if (val === undefined || val === null) {
          if (f.omitempty && ft.kind !== 'struct' && ft.kind !== 'time' && ft.kind !== 'quantity' && ft.kind !== 'intstr') continue;
          out[f.json] = zero(ft);
          continue;
        }
        if (f.omitempty && isEmpty(ft, val)) continue;
        out[f.json] = encodeAs(ft, val);
      }
      return out;
    }
    case 'slice':
      return Array.isArray(v) ? v.map((x) => encodeAs(t.elem!, x)) : v;
    case 'map': {
      const out: Record<string, any> = {};
      for (const k of Object.keys(v).sort(goStringLess)) out[k] = encodeAs(t.elem!, v[k]);
      return out;
    }
    default:
      return v;
  }
}

/** The object as kubectl's typed encoder writes it (`apiVersion/kind` picks the Go type). */
export function typedObject(obj: Record<string, any>): KObject {
  const name = GENERATOR_KIND_TYPES[`${obj.apiVersion}/${obj.kind}`];
  if (!name) return obj as KObject;
  return encodeAs(goType(name), obj);
}

/** Encode a value as the named Go type (e.g. `v1.Pod` after an override patch). */
export function typedAs(typeName: string, v: any): any {
  return encodeAs(goType(typeName), v);
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** --save-config (util.CreateApplyAnnotation): the object's own encoding, newline-terminated, as its annotation. */
export function withApplyAnnotation(obj: KObject): KObject {
  const copy: KObject = JSON.parse(JSON.stringify(obj));
  const annotations: Record<string, string> = { ...(copy.metadata?.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata = { ...copy.metadata, annotations };
  const modified = toCompactJson(typedObject(copy), false) + '\n';
  copy.metadata.annotations = { ...annotations, [LAST_APPLIED]: modified };
  return typedObject(copy);
}
