// Defaulting as the API server does it on create/update: decode into the v1 Go structs (unknown fields dropped,
// zero values of omitempty fields dropped, quantities canonical), run the kind's scheme defaulters (each kind's
// strategy module under strategies/), convert v1 -> internal -> v1 (serviceAccount alias), the create-time strategy
// bits that need no allocator (pod status, namespace finalizers), and encode again.
import type { KObject } from './types.js';
import { goType, KIND_TYPES, type GoType } from './goschema.js';
import { strategyFor, type DefaultsOptions } from './strategies/index.js';
import { defaultTemplate } from './strategies/podspec-defaults.js';
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

export type { DefaultsOptions };
export { imageTag, podQOSClass } from './strategies/podspec-defaults.js';

/** A v1.PodTemplateSpec as a Deployment/ReplicaSet stores it (the vectors' `input` -> `defaulted`). */
export function defaultPodTemplate(template: any): any {
  const t = goType('v1.PodTemplateSpec');
  const tpl = goRoundTrip(structuredClone(template ?? {}), t);
  defaultTemplate(tpl);
  return goRoundTrip(tpl, t);
}

// Each defaulted object remembers (invisibly) what it was made from, so validateObject(applyDefaults(x)) can still
// tell `matchLabels: {}` from a missing one, as the API server's validation (which runs before storage) can.
const SOURCES = new WeakMap<object, KObject>();

/** The input applyDefaults made this object from, if it did. */
export function defaultingSource(obj: KObject): KObject | undefined {
  return SOURCES.get(obj);
}

/** The object as the API server would store it (key order is not significant). Kinds without a strategy are returned as-is. */
export function applyDefaults(obj: KObject, opts: DefaultsOptions = {}): KObject {
  const strategy = strategyFor(obj);
  const typeName = KIND_TYPES[`${obj.apiVersion}/${obj.kind}`] ?? strategy?.goType;
  const input = structuredClone(obj);
  if (!typeName || !goType(typeName).fields) {
    // a kind whose Go layout kubesim does not hold: defaulted as JSON, without the decoder's zero-value dropping
    if (strategy?.defaults) strategy.defaults(input, opts);
    return input;
  }
  const t = goType(typeName);
  const ke = opts.keepEmpty ?? false;
  const o = goRoundTrip(structuredClone(input), t, true, ke);
  strategy?.defaults?.(o, opts);
  const out = goRoundTrip(o, t, true, ke);
  if (!ke) SOURCES.set(out, input);
  return out;
}
