// Conversion between the versions one stored resource is served at: objects live in their bucket in
// the storage form (core v1 for events, whichever group they were written through) and are converted
// when read or written through another group/version, as the API server converts through its
// internal version. A table of converters keyed "from>to/Kind"; without one, objects pass unchanged.
import type { KObject } from './types.js';
import { apiVersionOf, resourceByName, type ResourceInfo } from './resources.js';

type Converter = (obj: KObject, apiVersion: string) => KObject;

/** events.k8s.io/v1 field <-> core/v1 field (pkg/apis/events/v1/conversion.go); the rest keep their names. */
const EVENT_FIELDS: [events: string, core: string][] = [
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
  ['reportingController', 'reportingComponent'],
];

function renameFields(obj: KObject, apiVersion: string, pairs: [string, string][], dropEmpty: boolean): KObject {
  const out: any = { ...obj, apiVersion };
  for (const [from, to] of pairs) {
    if (!(from in out)) continue;
    const v = out[from];
    delete out[from];
    out[to] = v;
  }
  // the events.k8s.io/v1 strings are omitempty; core's are not
  if (dropEmpty) for (const k of Object.keys(out)) if (out[k] === '' || out[k] === 0) delete out[k];
  return out;
}

const CONVERTERS: Record<string, Converter> = {
  'v1>events.k8s.io/v1/Event': (o, v) => renameFields(o, v, EVENT_FIELDS.map(([e, c]) => [c, e]), true),
  'events.k8s.io/v1>v1/Event': (o, v) => renameFields(o, v, EVENT_FIELDS, false),
};

/** Register a conversion (e.g. autoscaling/v1 <-> autoscaling/v2 HorizontalPodAutoscaler). */
export function registerConverter(from: string, to: string, kind: string, fn: Converter): void {
  CONVERTERS[`${from}>${to}/${kind}`] = fn;
}

function convert(obj: KObject, to: string): KObject {
  if (!obj.apiVersion || obj.apiVersion === to) return obj;
  const fn = CONVERTERS[`${obj.apiVersion}>${to}/${obj.kind}`];
  return fn ? fn(obj, to) : obj;
}

/** The object as served through `info` (its group and version). */
export function fromStorage(info: ResourceInfo, obj: KObject): KObject {
  if (info.crd) return retag(obj, apiVersionOf(info));
  return convert(obj, apiVersionOf(info));
}

/** A custom resource's conversion (strategy None): only apiVersion changes. */
function retag(obj: KObject, apiVersion: string): KObject {
  return !obj.apiVersion || obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
}

/** The object as its bucket stores it (the storage resource at its preferred version). */
export function toStorage(info: ResourceInfo, obj: KObject): KObject {
  if (info.crd) return retag(obj, `${info.group}/${info.storageVersion}`);
  return convert(obj, apiVersionOf(resourceByName(info.storage)));
}
