// encoding/json of a value decoded into a Go type (goschema): unknown fields dropped, zero values of omitempty
// fields dropped, structs always present, quantities canonical. What `kubectl get -o json` shows of a stored object.
import { goType, type GoType } from './goschema.js';
import { canonicalQuantity, parseQuantity, formatQuantity, QuantityError } from './quantity.js';

const isObj = (v: any): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** ResourceList values are rounded up to milli scale (SetDefaults_ResourceList) and stored canonical. */
function resourceListValue(v: any): any {
  try {
    const q = parseQuantity(v);
    const rem = q.nanos % 1_000_000n;
    if (rem !== 0n) q.nanos += (q.nanos > 0n ? 1_000_000n : 0n) - rem;
    return formatQuantity(q);
  } catch (e) {
    if (e instanceof QuantityError) return v; // validation reports it
    throw e;
  }
}

function quantityValue(v: any): any {
  try { return canonicalQuantity(v); } catch (e) { if (e instanceof QuantityError) return v; throw e; }
}

const isZeroScalar = (v: any) => v === undefined || v === null || v === '' || v === 0 || v === false;

/**
 * encoding/json of the value decoded into Go type `t`: the shape `kubectl get -o json` shows.
 * Returns undefined for "absent".
 */
export function goRoundTrip(v: any, t: GoType, omitempty = true, keepEmpty = false): any {
  const rt = (x: any, tt: GoType, oe = true) => goRoundTrip(x, tt, oe, keepEmpty);
  switch (t.kind) {
    case 'struct': {
      const o = isObj(v) ? v : {};
      const out: Record<string, any> = {};
      for (const f of t.fields!) {
        const ft = goType(f.type);
        if (f.inline) { Object.assign(out, rt(o, ft, f.omitempty)); continue; }
        const r = rt(o[f.json], ft, f.omitempty);
        if (r !== undefined) out[f.json] = r;
      }
      return out;
    }
    case 'ptr':
      if (v === undefined || v === null) return undefined;
      return rt(v, t.elem!, false) ?? zeroOf(t.elem!);
    case 'slice':
      // stored as protobuf: an empty list comes back nil
      if (!Array.isArray(v)) return undefined;
      if (v.length === 0) return keepEmpty ? [] : undefined;
      return v.map((e) => rt(e, t.elem!, false) ?? zeroOf(t.elem!));
    case 'map': {
      if (!isObj(v)) return undefined;
      if (Object.keys(v).length === 0) return keepEmpty ? {} : undefined;
      const out: Record<string, any> = {};
      const rl = t.name === 'v1.ResourceList';
      for (const [k, x] of Object.entries(v)) out[k] = rl ? resourceListValue(x) : rt(x, t.elem!, false) ?? zeroOf(t.elem!);
      return out;
    }
    case 'quantity':
      // a zero Quantity still marshals ("0"): structs are never omitted
      return v === undefined || v === null ? '0' : quantityValue(v);
    case 'intstr':
      return v === undefined || v === null ? 0 : v;
    case 'time':
      return v === undefined ? null : v;
    case 'string': case 'int': case 'bool':
      if (omitempty && isZeroScalar(v)) return undefined;
      if (v === undefined || v === null) return zeroOf(t);
      return v;
    default:
      return v === null ? undefined : v;
  }
}

function zeroOf(t: GoType): any {
  switch (t.kind) {
    case 'string': return '';
    case 'int': return 0;
    case 'bool': return false;
    case 'struct': return goRoundTrip({}, t);
    case 'quantity': return '0';
    case 'intstr': return 0;
    default: return null;
  }
}

/** A nested v1.PodTemplateSpec as the API server decodes it (`creationTimestamp: null`, `resources: {}` ...). */
export function roundTripTemplate(tpl: any, keepEmpty = false): any {
  if (tpl === undefined || tpl === null) return tpl;
  return goRoundTrip(tpl, goType('v1.PodTemplateSpec'), true, keepEmpty);
}
