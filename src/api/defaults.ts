// Defaulting as the API server does it on create/update: decode into the v1 Go structs (unknown fields dropped,
// zero values of omitempty fields dropped, quantities canonical), run the kind's scheme defaulters (each kind's
// strategy module under strategies/), convert v1 -> internal -> v1 (serviceAccount alias), the create-time strategy
// bits that need no allocator (pod status, namespace finalizers), and encode again.
import type { KObject } from './types.js';
import { goType, KIND_TYPES } from './goschema.js';
import { goRoundTrip } from './goroundtrip.js';
import { strategyFor, type DefaultsOptions } from './strategies/index.js';
import { defaultTemplate } from './strategies/podspec-defaults.js';

export { goRoundTrip };

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
