// The LimitRanger and ResourceQuota admission plugins (plugin/pkg/admission/limitranger,
// staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota): container defaults and min/max from the
// namespace's LimitRanges, and the namespace's quotas checked against what its objects already use.
//
// kubesim: there is no quota controller; usage is counted from the stored objects at admission time, which is
// what the controller's status.used converges to.
import type { KObject } from '../api/types.js';
import { formatQuantity, parseQuantity, type Quantity } from '../api/quantity.js';
import { qualifiedResource, resourceByName } from '../api/resources.js';
import type { Attributes } from './admission.js';
import { forbiddenError } from './admission.js';

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

/** Validate: every container within min and max of the namespace's Container limits. */
export function limitRangerValidate(a: Attributes): string[] {
  const errs: string[] = [];
  for (const l of containerItems(a)) {
    for (const c of [...(a.obj.spec?.initContainers ?? []), ...(a.obj.spec?.containers ?? [])]) {
      const request = c?.resources?.requests ?? {};
      const limit = c?.resources?.limits ?? {};
      for (const [k, v] of Object.entries(l.min ?? {})) {
        if (!(k in request)) errs.push(`minimum ${k} usage per Container is ${fmt(v)}.  No request is specified`);
        else if (q(request[k]).nanos < q(v).nanos) errs.push(`minimum ${k} usage per Container is ${fmt(v)}, but request is ${fmt(request[k])}`);
        else if (k in limit && q(limit[k]).nanos < q(v).nanos) errs.push(`minimum ${k} usage per Container is ${fmt(v)}, but limit is ${fmt(limit[k])}`);
      }
      for (const [k, v] of Object.entries(l.max ?? {})) {
        if (!(k in limit)) errs.push(`maximum ${k} usage per Container is ${fmt(v)}.  No limit is specified`);
        else if (q(limit[k]).nanos > q(v).nanos) errs.push(`maximum ${k} usage per Container is ${fmt(v)}, but limit is ${fmt(limit[k])}`);
        else if (k in request && q(request[k]).nanos > q(v).nanos) errs.push(`maximum ${k} usage per Container is ${fmt(v)}, but request is ${fmt(request[k])}`);
      }
    }
  }
  return errs;
}

// --- ResourceQuota --------------------------------------------------------------------------------------------

const COMPUTE = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);
const OBJECT_COUNTS: Record<string, string> = {
  pods: 'pods', services: 'services', configmaps: 'configmaps', secrets: 'secrets', persistentvolumeclaims: 'persistentvolumeclaims',
  replicationcontrollers: 'replicationcontrollers', resourcequotas: 'resourcequotas',
};

const terminal = (p: KObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed' || !!p.metadata?.deletionTimestamp;

/** podComputeUsageHelper: what one pod counts against compute quotas (nanos). */
function podUsage(pod: KObject): Map<string, bigint> {
  const u = new Map<string, bigint>([['pods', 1_000_000_000n]]);
  const add = (k: string, v: bigint) => u.set(k, (u.get(k) ?? 0n) + v);
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries(c?.resources?.requests ?? {})) {
      if (k === 'cpu' || k === 'memory') { add(k, q(v).nanos); add(`requests.${k}`, q(v).nanos); }
      else if (k === 'ephemeral-storage') add('requests.ephemeral-storage', q(v).nanos);
    }
    for (const [k, v] of Object.entries(c?.resources?.limits ?? {})) {
      if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage') add(`limits.${k}`, q(v).nanos);
    }
  }
  return u;
}

function usageOf(a: Attributes, obj: KObject): Map<string, bigint> {
  const info = a.info;
  const u = info.resource === 'pods' && info.group === '' ? podUsage(obj) : new Map<string, bigint>();
  if (!(info.resource === 'pods' && info.group === '') && OBJECT_COUNTS[info.resource] && info.group === '') u.set(info.resource, 1_000_000_000n);
  u.set(`count/${qualifiedResource(info)}`, 1_000_000_000n);
  if (info.resource === 'services' && info.group === '') {
    if (obj.spec?.type === 'NodePort' || obj.spec?.type === 'LoadBalancer') u.set('services.nodeports', BigInt((obj.spec?.ports ?? []).length) * 1_000_000_000n);
    if (obj.spec?.type === 'LoadBalancer') u.set('services.loadbalancers', 1_000_000_000n);
  }
  if (info.resource === 'persistentvolumeclaims' && info.group === '') {
    const s = obj.spec?.resources?.requests?.storage;
    if (s != null) u.set('requests.storage', q(s).nanos);
  }
  return u;
}

const show = (k: string, nanos: bigint) => formatQuantity({ nanos, format: k.includes('memory') || k.includes('storage') ? 'BinarySI' : 'DecimalSI' });
const pretty = (m: Map<string, bigint>) => [...m.keys()].sort().map((k) => `${k}=${show(k, m.get(k)!)}`).join(',');

export function resourceQuotaValidate(a: Attributes): void {
  const quotas = listIn(a, 'resourcequotas').sort((x, y) => (x.metadata!.name! < y.metadata!.name! ? -1 : 1));
  if (quotas.length === 0) return;
  const requested = usageOf(a, a.obj);
  for (const rq of quotas) {
    const hard: Record<string, any> = rq.spec?.hard ?? {};
    const keys = Object.keys(hard).filter((k) => requested.has(k) || (COMPUTE.has(k) && a.info.resource === 'pods' && a.info.group === ''));
    if (keys.length === 0) continue;
    // pods must say what they use of a quota'd compute resource
    if (a.info.resource === 'pods' && a.info.group === '') {
      const missing = new Map<string, string[]>();
      for (const c of [...(a.obj.spec?.containers ?? []), ...(a.obj.spec?.initContainers ?? [])]) {
        const cu = podUsage({ spec: { containers: [c] } });
        for (const k of keys) if (COMPUTE.has(k) && !cu.has(k)) missing.set(k, [...(missing.get(k) ?? []), c.name]);
      }
      if (missing.size) {
        const parts = [...missing.keys()].sort().map((k) => `${k} for: ${[...new Set(missing.get(k))].sort().join(',')}`);
        throw forbiddenError(a.info, a.obj.metadata?.name ?? '', `failed quota: ${rq.metadata!.name}: must specify ${parts.join('; ')}`);
      }
    }
    // used: what the namespace's objects of each quota'd kind count
    const used = new Map<string, bigint>();
    for (const k of keys) used.set(k, 0n);
    const existing = a.cluster.list(a.info.resource).filter((o) => o.metadata?.namespace === a.obj.metadata?.namespace && !(a.info.resource === 'pods' && terminal(o)));
    for (const o of existing) for (const [k, v] of usageOf(a, o)) if (used.has(k)) used.set(k, used.get(k)! + v);
    const exceeded = keys.filter((k) => (used.get(k) ?? 0n) + (requested.get(k) ?? 0n) > q(hard[k]).nanos && (requested.get(k) ?? 0n) > 0n);
    if (exceeded.length) {
      const pick = (m: Map<string, bigint>) => new Map(exceeded.map((k) => [k, m.get(k) ?? 0n]));
      const hardMap = new Map(exceeded.map((k) => [k, q(hard[k]).nanos]));
      throw forbiddenError(a.info, a.obj.metadata?.name ?? '',
        `exceeded quota: ${rq.metadata!.name}, requested: ${pretty(pick(requested))}, used: ${pretty(pick(used))}, limited: ${pretty(hardMap)}`);
    }
  }
  void resourceByName;
}
