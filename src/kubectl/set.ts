// kubectl set image | resources | env: change containers of a pod template, with kubectl's errors.
import { UserError } from '../api/errors.js';
import type { KObject } from '../api/types.js';
import { canonicalQuantity } from '../api/quantity.js';

export function podTemplateOf(obj: KObject): any {
  if (obj.kind === 'Pod') return { spec: obj.spec };
  if (obj.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template;
  return obj.spec?.template;
}

/** `name=image` pairs (name may be `*`). */
export function parseImageArgs(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0 || i === p.length - 1) throw new UserError(`error: invalid image ${p}`);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

/** Returns whether anything changed. */
export function setImages(obj: KObject, images: Record<string, string>): boolean {
  const spec = podTemplateOf(obj)?.spec;
  const all = [...(spec?.initContainers || []), ...(spec?.containers || [])];
  let changed = false;
  for (const [name, image] of Object.entries(images)) {
    let hit = false;
    for (const c of all) {
      if (name === '*' || c.name === name) {
        hit = true;
        if (c.image !== image) { c.image = image; changed = true; }
      }
    }
    if (!hit) throw new UserError(`error: unable to find container named "${name}"`);
  }
  return changed;
}

function parseResourceList(s: string | undefined): Record<string, string> | undefined {
  if (!s) return undefined;
  const out: Record<string, string> = {};
  for (const kv of s.split(',')) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new UserError(`error: invalid argument syntax ${kv}`);
    try {
      out[kv.slice(0, i)] = canonicalQuantity(kv.slice(i + 1));
    } catch {
      throw new UserError(`error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    }
  }
  return out;
}

export function setResources(obj: KObject, container: string | undefined, limits?: string, requests?: string): boolean {
  const l = parseResourceList(limits);
  const r = parseResourceList(requests);
  if (!l && !r) throw new UserError('error: you must specify an update to requests or limits (in the form of --requests/--limits)');
  const spec = podTemplateOf(obj)?.spec;
  const cs = [...(spec?.initContainers || []), ...(spec?.containers || [])].filter((c: any) => !container || container === '*' || c.name === container);
  if (cs.length === 0) throw new UserError(`error: unable to find container named ${container}`);
  const before = JSON.stringify(spec);
  for (const c of cs) {
    c.resources = c.resources || {};
    if (l) c.resources.limits = { ...(c.resources.limits || {}), ...l };
    if (r) c.resources.requests = { ...(c.resources.requests || {}), ...r };
  }
  return JSON.stringify(spec) !== before;
}

export function setEnv(obj: KObject, container: string | undefined, pairs: string[]): boolean {
  const spec = podTemplateOf(obj)?.spec;
  const cs = [...(spec?.initContainers || []), ...(spec?.containers || [])].filter((c: any) => !container || container === '*' || c.name === container);
  if (cs.length === 0) throw new UserError(`error: unable to find container named ${container}`);
  const before = JSON.stringify(spec);
  for (const c of cs) {
    let env: any[] = c.env || [];
    for (const p of pairs) {
      if (p.endsWith('-') && !p.includes('=')) { env = env.filter((e) => e.name !== p.slice(0, -1)); continue; }
      const i = p.indexOf('=');
      if (i <= 0) throw new UserError(`error: invalid env: ${p}`);
      const name = p.slice(0, i);
      const value = p.slice(i + 1);
      const cur = env.find((e) => e.name === name);
      if (cur) { cur.value = value; delete cur.valueFrom; } else env.push({ name, value });
    }
    if (env.length) c.env = env;
    else delete c.env;
  }
  return JSON.stringify(spec) !== before;
}

/** kubectl set serviceaccount: the pod spec's serviceAccountName. */
export function setServiceAccount(obj: KObject, name: string): boolean {
  const spec = podTemplateOf(obj)?.spec;
  if (!spec) throw new UserError(`error: ${obj.kind} does not have a pod template`);
  if (spec.serviceAccountName === name) return false;
  spec.serviceAccountName = name;
  return true;
}

/** kubectl set selector: a Service's spec.selector becomes the given equality requirements. */
export function setSelector(obj: KObject, expr: string, parse: (s: string) => { requirements: { key: string; operator: string; values: string[] }[] }): boolean {
  if (obj.kind !== 'Service') throw new UserError('error: setting a selector is only supported for Services');
  let sel;
  try {
    sel = parse(expr);
  } catch (e) {
    throw new UserError(`error: couldn't parse the selector string "${expr}": ${(e as Error).message}`);
  }
  const map: Record<string, string> = {};
  const unsupported = sel.requirements.filter((r) => r.operator !== '=' && r.operator !== '==');
  if (unsupported.length) {
    const op: Record<string, string> = { exists: 'Exists', '!': 'DoesNotExist', '!=': 'NotIn', in: 'In', notin: 'NotIn' };
    throw new UserError(`error: match expression [${unsupported.map((r) => `{${r.key} ${op[r.operator] ?? r.operator} [${r.values.join(' ')}]}`).join(' ')}] not supported on this object`);
  }
  for (const r of sel.requirements) map[r.key] = r.values[0];
  obj.spec = obj.spec || {};
  const before = JSON.stringify(obj.spec.selector ?? null);
  obj.spec.selector = map;
  return JSON.stringify(map) !== before;
}
