// Small pod and object helpers the controllers share (k8s.io/kubernetes/pkg/api/v1/pod,
// pkg/controller/controller_utils.go, apimachinery's label selectors and resource quantities).
import type { KObject, OwnerReference } from '../api/types.js';
import { parseTime, rfc3339 } from '../sim/clock.js';
import { jsonClone } from '../store/json.js';

export function podKeyOf(o: KObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

/** metav1.GetControllerOf */
export function controllerOf(o: KObject | undefined): OwnerReference | undefined {
  return o?.metadata?.ownerReferences?.find((r) => r.controller);
}

export function getCondition(status: any, type: string): any | undefined {
  const conds = status?.conditions;
  if (!Array.isArray(conds)) return undefined;
  for (const c of conds) if (c.type === type) return c;
  return undefined;
}

/** podutil.IsPodReady */
export function isPodReady(pod: KObject | undefined): boolean {
  return getCondition(pod?.status, 'Ready')?.status === 'True';
}

/** controller.IsPodActive: not Succeeded/Failed and not being deleted */
export function isPodActive(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

export function isPodTerminal(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/**
 * podutil.IsPodAvailable: Ready, and Ready's lastTransitionTime + minReadySeconds is before now.
 * lastTransitionTime has second precision, as stored.
 */
export function isPodAvailable(pod: KObject, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const c = getCondition(pod.status, 'Ready');
  const t = parseTime(c?.lastTransitionTime);
  return t !== undefined && t + minReadySeconds * 1000 < now;
}

// ---- label selectors (metav1.LabelSelectorAsSelector + Matches)

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** True when `labels` satisfy `sel`. An empty selector matches everything; a missing one matches nothing. */
export function selectorMatches(sel: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels || {};
  if (sel.matchLabels) {
    for (const k of Object.keys(sel.matchLabels)) if (l[k] !== sel.matchLabels[k]) return false;
  }
  for (const e of sel.matchExpressions || []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    switch (e.operator) {
      case 'In': if (!has || !(e.values || []).includes(l[e.key])) return false; break;
      case 'NotIn': if (has && (e.values || []).includes(l[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

export function selectorIsEmpty(sel: LabelSelector | undefined | null): boolean {
  return !!sel && Object.keys(sel.matchLabels || {}).length === 0 && (sel.matchExpressions || []).length === 0;
}

// ---- resource quantities (apimachinery resource.Quantity, enough for requests and allocatable)

const SUFFIX: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
};

/** Parse a quantity ("200m", "512Mi", "1.5", "1e3") into a plain number; undefined when malformed. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/.exec(q.trim());
  if (!m) return undefined;
  let v = parseFloat(m[1]);
  if (m[2]) v *= Math.pow(10, parseInt(m[2].slice(1), 10));
  else v *= SUFFIX[m[3] || ''];
  return v;
}

/** CPU in millicores, rounded up as the scheduler's MilliValue does. */
export function milliCPU(q: unknown): number {
  const v = parseQuantity(q);
  return v === undefined ? 0 : Math.ceil(Math.round(v * 1e6) / 1e3);
}

export function bytesOf(q: unknown): number {
  const v = parseQuantity(q);
  return v === undefined ? 0 : Math.ceil(v);
}

/** The pod's effective requests (computePodResourceRequest: sum of containers, max with each init container). */
export function podRequests(pod: KObject): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers || []) {
    cpu += milliCPU(c.resources?.requests?.cpu);
    memory += bytesOf(c.resources?.requests?.memory);
  }
  for (const c of pod.spec?.initContainers || []) {
    cpu = Math.max(cpu, milliCPU(c.resources?.requests?.cpu));
    memory = Math.max(memory, bytesOf(c.resources?.requests?.memory));
  }
  return { cpu, memory };
}

/** qos.GetPodQOS: Guaranteed, Burstable or BestEffort. */
export function podQOS(pod: KObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...(pod.spec?.initContainers || []), ...(pod.spec?.containers || [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests || {};
    const lim = c.resources?.limits || {};
    for (const r of ['cpu', 'memory']) {
      const rq = parseQuantity(req[r]);
      const lm = parseQuantity(lim[r]);
      if ((rq !== undefined && rq !== 0) || (lm !== undefined && lm !== 0)) any = true;
      if (lm === undefined || lm === 0) guaranteed = false;
      else if (rq !== undefined && rq !== lm) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** JSON deep copy for the one object we are about to change (never whole lists). */
export function copy<T>(o: T): T {
  return jsonClone(o);
}

let lastMs = NaN;
let lastStr = '';
/** rfc3339, remembering the last answer (controllers ask for the same moment many times in a row). */
export function timeStr(ms: number): string {
  if (ms !== lastMs) { lastMs = ms; lastStr = rfc3339(ms); }
  return lastStr;
}
