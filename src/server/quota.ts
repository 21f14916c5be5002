// The LimitRanger and ResourceQuota admission plugins (plugin/pkg/admission/limitranger,
// staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota): container defaults and min/max from the
// namespace's LimitRanges, and the namespace's quotas checked against what its objects already use.
//
// kubesim: there is no quota controller; usage is counted from the stored objects at admission time, which is
// what the controller's status.used converges to.
import type { KObject } from '../api/types.js';
import { formatQuantity, parseQuantity, type Quantity } from '../api/quantity.js';
import type { Attributes } from './admission.js';
import { admissionName, forbiddenError } from './admission.js';
import { objectUsage, podResources, podUsage, quotaSelects } from '../controllers/resourcequota/evaluator.js';

const isObj = (v: any): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
const q = (v: any): Quantity => parseQuantity(v);
const fmt = (v: any) => formatQuantity(q(v));

function listIn(a: Attributes, resource: string): KObject[] {
  const ns = a.obj.metadata?.namespace;
  try { return a.cluster.list(resource).filter((o) => o.metadata?.namespace === ns); } catch { return []; }
}

// --- LimitRanger ----------------------------------------------------------------------------------------------

function containerItems(a: Attributes): any[] {
  const items: any[] = [];
  for (const lr of listIn(a, 'limitranges')) for (const l of lr.spec?.limits ?? []) if (l?.type === 'Container') items.push(l);
  return items;
}

/** SetDefaults_LimitRangeItem's effective defaults: default from max, defaultRequest from default, then min. */
function effectiveDefaults(l: any): { limits: Record<string, any>; requests: Record<string, any> } {
  const limits: Record<string, any> = { ...(l.default ?? {}) };
  for (const [k, v] of Object.entries(l.max ?? {})) if (!(k in limits)) limits[k] = v;
  const requests: Record<string, any> = { ...(l.defaultRequest ?? {}) };
  for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
  for (const [k, v] of Object.entries(l.min ?? {})) if (!(k in requests)) requests[k] = v;
  return { limits, requests };
}

/** Admit: default the containers' requests and limits, and say so in the kubernetes.io/limit-ranger annotation. */
export function limitRangerAdmit(a: Attributes): void {
  const items = containerItems(a);
  if (items.length === 0) return;
  const req: Record<string, any> = {};
  const lim: Record<string, any> = {};
  for (const l of items) {
    const d = effectiveDefaults(l);
    Object.assign(req, d.requests);
    Object.assign(lim, d.limits);
  }
  const notes: string[] = [];
  const spec = a.obj.spec ?? {};
  const merge = (c: any, kind: string) => {
    if (!isObj(c)) return;
    const res = (c.resources = isObj(c.resources) ? c.resources : {});
    res.limits = isObj(res.limits) ? res.limits : {};
    res.requests = isObj(res.requests) ? res.requests : {};
    const setL: string[] = [];
    const setR: string[] = [];
    for (const [k, v] of Object.entries(lim)) if (!(k in res.limits)) { res.limits[k] = fmt(v); setL.push(k); }
    for (const [k, v] of Object.entries(req)) if (!(k in res.requests)) { res.requests[k] = fmt(v); setR.push(k); }
    if (setR.length) notes.push(`${setR.sort().join(', ')} request for ${kind} ${c.name}`);
    if (setL.length) notes.push(`${setL.sort().join(', ')} limit for ${kind} ${c.name}`);
    if (Object.keys(res.limits).length === 0) delete res.limits;
    if (Object.keys(res.requests).length === 0) delete res.requests;
  };
  for (const c of spec.initContainers ?? []) merge(c, 'init container');
  for (const c of spec.containers ?? []) merge(c, 'container');
  if (notes.length) {
    const md = a.obj.metadata ?? (a.obj.metadata = {});
    md.annotations = { ...(md.annotations ?? {}), 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

/** The namespace's LimitRange items, in their order. */
function limitItems(a: Attributes): any[] {
  const items: any[] = [];
  for (const lr of listIn(a, 'limitranges')) for (const l of lr.spec?.limits ?? []) if (isObj(l)) items.push(l);
  return items;
}

/** minConstraint: the request (and limit, if any) at least the minimum. */
function minConstraint(type: string, k: string, v: any, request: Record<string, any>, limit: Record<string, any>): string | undefined {
  if (!(k in request)) return `minimum ${k} usage per ${type} is ${fmt(v)}.  No request is specified`;
  if (q(request[k]).nanos < q(v).nanos) return `minimum ${k} usage per ${type} is ${fmt(v)}, but request is ${fmt(request[k])}`;
  if (k in limit && q(limit[k]).nanos < q(v).nanos) return `minimum ${k} usage per ${type} is ${fmt(v)}, but limit is ${fmt(limit[k])}`;
  return undefined;
}

/** maxConstraint: a limit is required and at most the maximum, as is a request. */
function maxConstraint(type: string, k: string, v: any, request: Record<string, any>, limit: Record<string, any>): string | undefined {
  if (!(k in limit)) return `maximum ${k} usage per ${type} is ${fmt(v)}.  No limit is specified`;
  if (q(limit[k]).nanos > q(v).nanos) return `maximum ${k} usage per ${type} is ${fmt(v)}, but limit is ${fmt(limit[k])}`;
  if (k in request && q(request[k]).nanos > q(v).nanos) return `maximum ${k} usage per ${type} is ${fmt(v)}, but request is ${fmt(request[k])}`;
  return undefined;
}

/** maxRequestConstraint (claims: their request is what counts). */
function maxRequestConstraint(type: string, k: string, v: any, request: Record<string, any>): string | undefined {
  if (!(k in request)) return `maximum ${k} usage per ${type} is ${fmt(v)}.  No request is specified`;
  if (q(request[k]).nanos > q(v).nanos) return `maximum ${k} usage per ${type} is ${fmt(v)}, but request is ${fmt(request[k])}`;
  return undefined;
}

/** limitRequestRatioConstraint: limit / request at most the ratio (printed as Go's %f). */
function ratioConstraint(type: string, k: string, v: any, request: Record<string, any>, limit: Record<string, any>): string | undefined {
  const req = k in request ? q(request[k]).nanos : 0n;
  const lim = k in limit ? q(limit[k]).nanos : 0n;
  if (req === 0n) return `${k} max limit to request ratio per ${type} is ${fmt(v)}, but no request is specified or request is 0`;
  if (lim === 0n) return `${k} max limit to request ratio per ${type} is ${fmt(v)}, but no limit is specified or limit is 0`;
  const ratio = Number(lim) / Number(req);
  if (ratio * 1e9 > Number(q(v).nanos)) return `${k} max limit to request ratio per ${type} is ${fmt(v)}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

/** podRequests / podLimits: containers summed, each init container a floor. */
function podTotals(pod: KObject, field: 'requests' | 'limits'): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of podResources(pod, field)) out[k] = formatQuantity({ nanos: v.nanos, format: k.includes('memory') || k.includes('storage') ? 'BinarySI' : 'DecimalSI' });
  return out;
}

/**
 * PodValidateLimitFunc and PersistentVolumeClaimValidateLimitFunc: each item of the namespace's LimitRanges in
 * order; a Container item against every container (then init container), a Pod item against the pod's totals,
 * a PersistentVolumeClaim item against the claim's request.
 */
export function limitRangerValidate(a: Attributes): string[] {
  const errs: string[] = [];
  const push = (e: string | undefined) => { if (e) errs.push(e); };
  const claim = a.info.resource === 'persistentvolumeclaims';
  for (const l of limitItems(a)) {
    if (claim) {
      if (l.type !== 'PersistentVolumeClaim') continue;
      const request = a.obj.spec?.resources?.requests ?? {};
      for (const [k, v] of Object.entries(l.min ?? {})) push(minConstraint('PersistentVolumeClaim', k, v, request, {}));
      for (const [k, v] of Object.entries(l.max ?? {})) push(maxRequestConstraint('PersistentVolumeClaim', k, v, request));
      continue;
    }
    if (l.type === 'Container') {
      for (const c of [...(a.obj.spec?.containers ?? []), ...(a.obj.spec?.initContainers ?? [])]) {
        const request = c?.resources?.requests ?? {};
        const limit = c?.resources?.limits ?? {};
        for (const [k, v] of Object.entries(l.min ?? {})) push(minConstraint('Container', k, v, request, limit));
        for (const [k, v] of Object.entries(l.max ?? {})) push(maxConstraint('Container', k, v, request, limit));
        for (const [k, v] of Object.entries(l.maxLimitRequestRatio ?? {})) push(ratioConstraint('Container', k, v, request, limit));
      }
    } else if (l.type === 'Pod') {
      const request = podTotals(a.obj, 'requests');
      const limit = podTotals(a.obj, 'limits');
      for (const [k, v] of Object.entries(l.min ?? {})) push(minConstraint('Pod', k, v, request, limit));
      for (const [k, v] of Object.entries(l.max ?? {})) push(maxConstraint('Pod', k, v, request, limit));
      for (const [k, v] of Object.entries(l.maxLimitRequestRatio ?? {})) push(ratioConstraint('Pod', k, v, request, limit));
    }
  }
  return errs;
}

// --- ResourceQuota --------------------------------------------------------------------------------------------

const COMPUTE = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);
const isPod = (a: Attributes) => a.info.resource === 'pods' && a.info.group === '';

const show = (k: string, nanos: bigint) => formatQuantity({ nanos, format: k.includes('memory') || k.includes('storage') ? 'BinarySI' : 'DecimalSI' });
const pretty = (m: Map<string, bigint>) => [...m.keys()].sort().map((k) => `${k}=${show(k, m.get(k)!)}`).join(',');

export function resourceQuotaValidate(a: Attributes): void {
  const quotas = listIn(a, 'resourcequotas').sort((x, y) => (x.metadata!.name! < y.metadata!.name! ? -1 : 1));
  if (quotas.length === 0) return;
  const now = a.cluster.now();
  const usage = (o: KObject) => new Map([...objectUsage(a.info.resource, a.info.group, o, now)].map(([k, v]) => [k, v.nanos]));
  const requested = usage(a.obj);
  for (const rq of quotas) {
    // a quota whose scopes do not select the object does not constrain it
    if (!quotaSelects(rq, a.info.resource, a.info.group, a.obj)) continue;
    const hard: Record<string, any> = rq.spec?.hard ?? {};
    const keys = Object.keys(hard).filter((k) => requested.has(k) || (COMPUTE.has(k) && isPod(a)));
    if (keys.length === 0) continue;
    // pods must say what they use of a quota'd compute resource
    if (isPod(a)) {
      const missing = new Map<string, string[]>();
      for (const c of [...(a.obj.spec?.containers ?? []), ...(a.obj.spec?.initContainers ?? [])]) {
        const cu = podUsage({ spec: { containers: [c] } }, now);
        for (const k of keys) if (COMPUTE.has(k) && !cu.has(k)) missing.set(k, [...(missing.get(k) ?? []), c.name]);
      }
      if (missing.size) {
        const parts = [...missing.keys()].sort().map((k) => `${k} for: ${[...new Set(missing.get(k))].sort().join(',')}`);
        throw forbiddenError(a.info, admissionName(a.obj), `failed quota: ${rq.metadata!.name}: must specify ${parts.join('; ')}`);
      }
    }
    // used: what the namespace's objects of each quota'd kind count
    const used = new Map<string, bigint>();
    for (const k of keys) used.set(k, 0n);
    const existing = a.cluster.list(a.info.storage, a.obj.metadata?.namespace).filter((o) => quotaSelects(rq, a.info.resource, a.info.group, o));
    for (const o of existing) for (const [k, v] of usage(o)) if (used.has(k)) used.set(k, used.get(k)! + v);
    const exceeded = keys.filter((k) => (used.get(k) ?? 0n) + (requested.get(k) ?? 0n) > q(hard[k]).nanos && (requested.get(k) ?? 0n) > 0n);
    if (exceeded.length) {
      const pick = (m: Map<string, bigint>) => new Map(exceeded.map((k) => [k, m.get(k) ?? 0n]));
      const hardMap = new Map(exceeded.map((k) => [k, q(hard[k]).nanos]));
      throw forbiddenError(a.info, admissionName(a.obj),
        `exceeded quota: ${rq.metadata!.name}, requested: ${pretty(pick(requested))}, used: ${pretty(pick(used))}, limited: ${pretty(hardMap)}`);
    }
  }
}
