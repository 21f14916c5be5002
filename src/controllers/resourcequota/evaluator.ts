// What an object counts against a ResourceQuota, as pkg/quota/v1/evaluator/core (pods, services, persistent
// volume claims) and the generic object-count evaluator say, and whether a quota's scopes select it. Shared by
// the ResourceQuota admission plugin (src/server/quota.ts) and the resourcequota controller (status.used).
import type { KObject } from '../../api/types.js';
import { parseQuantity, formatQuantity, type Quantity, type QuantityFormat } from '../../api/quantity.js';
import { podQOS } from '../podutil.js';

/** A resource list being summed: nanos and the format Quantity.Add keeps (a zero adopts the addend's). */
export type Usage = Map<string, Quantity>;

const ONE: Quantity = { nanos: 1_000_000_000n, format: 'DecimalSI' };

function q(v: unknown): Quantity | undefined {
  try { return parseQuantity(v as any); } catch { return undefined; }
}

/** quota.Add: sums per key; adding to a zero takes the addend's format (Quantity.Add). */
export function addUsage(into: Usage, key: string, v: Quantity): void {
  const cur = into.get(key);
  if (!cur) { into.set(key, { ...v }); return; }
  into.set(key, { nanos: cur.nanos + v.nanos, format: cur.nanos === 0n ? v.format : cur.format });
}

export function formatUsage(v: Quantity): string {
  return formatQuantity(v);
}

/** The objects the quota system counts in "pods" / compute resources (QuotaV1Pod): not terminal, not past their grace period. */
export function quotaV1Pod(pod: KObject, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const dt = pod.metadata?.deletionTimestamp;
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  if (dt && grace != null && now > Date.parse(dt) + grace * 1000) return false;
  return true;
}

/** resourcehelper.PodRequests / PodLimits: containers summed, then each init container as a floor. */
/** A pod's requests or limits: its containers' summed, each init container's when larger (PodRequests/PodLimits). */
export function podResources(pod: KObject, field: 'requests' | 'limits'): Map<string, Quantity> {
  const sum = new Map<string, Quantity>();
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries(c?.resources?.[field] ?? {})) { const x = q(v); if (x) addUsage(sum, k, x); }
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries(c?.resources?.[field] ?? {})) {
      const x = q(v);
      if (x && x.nanos > (sum.get(k)?.nanos ?? 0n)) sum.set(k, x);
    }
  }
  return sum;
}

/** PodUsageFunc: count/pods always; pods and compute resources while the pod is quota-eligible. */
export function podUsage(pod: KObject, now: number): Usage {
  const u: Usage = new Map([['count/pods', { ...ONE }]]);
  if (!quotaV1Pod(pod, now)) return u;
  addUsage(u, 'pods', ONE);
  for (const [k, v] of podResources(pod, 'requests')) {
    if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage') { addUsage(u, k, v); addUsage(u, `requests.${k}`, v); }
    else if (k.startsWith('hugepages-')) addUsage(u, `requests.${k}`, v);
  }
  for (const [k, v] of podResources(pod, 'limits')) {
    if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage') addUsage(u, `limits.${k}`, v);
  }
  return u;
}

/** Resources whose objects' plain name is also a quota key ("services", "secrets" ...). */
const LEGACY_COUNTS = new Set(['services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'replicationcontrollers', 'resourcequotas']);

/** What one object of `resource` (plural) in `group` counts. */
export function objectUsage(resource: string, group: string, obj: KObject, now: number): Usage {
  if (resource === 'pods' && group === '') return podUsage(obj, now);
  const u: Usage = new Map([[`count/${group ? `${resource}.${group}` : resource}`, { ...ONE }]]);
  if (group !== '') return u;
  if (LEGACY_COUNTS.has(resource)) addUsage(u, resource, ONE);
  if (resource === 'services') {
    const type = obj.spec?.type;
    const ports = BigInt((obj.spec?.ports ?? []).length) * ONE.nanos;
    if (type === 'NodePort' || (type === 'LoadBalancer' && obj.spec?.allocateLoadBalancerNodePorts !== false)) {
      addUsage(u, 'services.nodeports', { nanos: ports, format: 'DecimalSI' });
    }
    if (type === 'LoadBalancer') addUsage(u, 'services.loadbalancers', ONE);
  }
  if (resource === 'persistentvolumeclaims') {
    const s = q(obj.spec?.resources?.requests?.storage);
    const cls: string | undefined = obj.spec?.storageClassName ?? obj.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
    if (cls) addUsage(u, `${cls}.storageclass.storage.k8s.io/persistentvolumeclaims`, ONE);
    if (s) {
      addUsage(u, 'requests.storage', s);
      if (cls) addUsage(u, `${cls}.storageclass.storage.k8s.io/requests.storage`, s);
    }
  }
  return u;
}

/** The quota's scopes as selector requirements (getScopeSelectorsFromQuota). */
function scopeSelectors(rq: KObject): any[] {
  const out: any[] = (rq.spec?.scopes ?? []).map((s: string) => ({ scopeName: s, operator: 'Exists' }));
  for (const e of rq.spec?.scopeSelector?.matchExpressions ?? []) out.push(e);
  return out;
}

function isTerminating(pod: KObject): boolean {
  const ads = pod.spec?.activeDeadlineSeconds;
  return ads != null && ads >= 0;
}

/** podMatchesScopeFunc; every other kind matches no scope (MatchesNoScopeFunc). */
function matchesScope(resource: string, group: string, sel: any, obj: KObject): boolean {
  if (!(resource === 'pods' && group === '')) return false;
  switch (sel.scopeName) {
    case 'Terminating': return isTerminating(obj);
    case 'NotTerminating': return !isTerminating(obj);
    case 'BestEffort': return podQOS(obj) === 'BestEffort';
    case 'NotBestEffort': return podQOS(obj) !== 'BestEffort';
    case 'PriorityClass': {
      const pc: string = obj.spec?.priorityClassName ?? '';
      const values: string[] = sel.values ?? [];
      switch (sel.operator) {
        case 'In': return values.includes(pc);
        case 'NotIn': return !values.includes(pc);
        case 'Exists': return pc !== '';
        case 'DoesNotExist': return pc === '';
        default: return false;
      }
    }
    case 'CrossNamespacePodAffinity': {
      const terms = [
        ...(obj.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
        ...(obj.spec?.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t: any) => t?.podAffinityTerm),
        ...(obj.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
        ...(obj.spec?.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t: any) => t?.podAffinityTerm),
      ];
      return terms.some((t: any) => (t?.namespaces ?? []).length > 0 || t?.namespaceSelector != null);
    }
    default: return false;
  }
}

/** Whether the quota's scopes all select the object (no scopes: everything). */
export function quotaSelects(rq: KObject, resource: string, group: string, obj: KObject): boolean {
  return scopeSelectors(rq).every((s) => matchesScope(resource, group, s, obj));
}

/** "count/deployments.apps" -> ["deployments", "apps"]; the legacy names are core resources. */
function countedResource(key: string): [string, string] | undefined {
  if (key.startsWith('count/')) {
    const rest = key.slice(6);
    const dot = rest.indexOf('.');
    return dot < 0 ? [rest, ''] : [rest.slice(0, dot), rest.slice(dot + 1)];
  }
  if (LEGACY_COUNTS.has(key)) return [key, ''];
  if (key === 'services.nodeports' || key === 'services.loadbalancers') return ['services', ''];
  if (key === 'requests.storage' || key.includes('.storageclass.storage.k8s.io/')) return ['persistentvolumeclaims', ''];
  return ['pods', ''];
}

export type Lister = (resource: string, namespace: string) => KObject[] | undefined;

/**
 * quota.CalculateUsage for one quota: every hard resource starts at zero (DecimalSI) and adds what each
 * selected object in the namespace counts. Returns the used list (masked to the hard keys) as strings.
 */
export function calculateUsage(rq: KObject, list: Lister, now: number): Record<string, string> {
  const hard: string[] = Object.keys(rq.spec?.hard ?? {});
  const ns = rq.metadata!.namespace!;
  const used: Usage = new Map(hard.map((k) => [k, { nanos: 0n, format: 'DecimalSI' as QuantityFormat }]));
  const byResource = new Map<string, [string, string]>();
  for (const k of hard) {
    const r = countedResource(k);
    if (r) byResource.set(`${r[0]}.${r[1]}`, r);
  }
  for (const [resource, group] of byResource.values()) {
    for (const o of list(group ? `${resource}.${group}` : resource, ns) ?? []) {
      if (!quotaSelects(rq, resource, group, o)) continue;
      for (const [k, v] of objectUsage(resource, group, o, now)) if (used.has(k)) addUsage(used, k, v);
    }
  }
  const out: Record<string, string> = {};
  for (const k of hard) out[k] = formatUsage(used.get(k)!);
  return out;
}
