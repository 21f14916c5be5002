// Port of pkg/controller/resourcequota/resource_quota_controller.go (syncResourceQuota): status.hard is the
// spec's hard list, status.used what the namespace's objects count against each hard resource (see
// evaluator.ts). The replenishment informers (pods, services, claims ... changing) requeue every quota of
// their namespace, so usage follows deletions and pods reaching a terminal phase.
//
// kubesim: the admission plugin counts live objects itself (src/server/quota.ts) rather than incrementing
// status.used; the two agree once this controller has synced, which it does in the same settle.
import type { KObject } from '../../api/types.js';
import type { ControllerModule, WatchHandler } from '../module.js';
import { objectKey } from '../module.js';
import { RESOURCES } from '../../api/resources.js';
import { jsonEqual } from '../../store/json.js';
import { splitKey } from '../podutil.js';
import { calculateUsage } from './evaluator.js';
import { canonicalQuantity } from '../../api/quantity.js';

const name = 'resourcequota';

/** Buckets of the objects quotas count (the replenishment controllers' resources, and count/<resource>). */
const REPLENISHED = ['pods', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'replicationcontrollers',
  'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'ingresses', 'networkpolicies',
  'serviceaccounts', 'roles', 'rolebindings', 'horizontalpodautoscalers', 'poddisruptionbudgets', 'limitranges'];

function bucketOf(resourceDotGroup: string): string | undefined {
  const dot = resourceDotGroup.indexOf('.');
  const [resource, group] = dot < 0 ? [resourceDotGroup, ''] : [resourceDotGroup.slice(0, dot), resourceDotGroup.slice(dot + 1)];
  return RESOURCES.find((r) => r.resource === resource && r.group === group)?.storage;
}

const replenish: WatchHandler = (_type, obj, _old, q, ctx) => {
  const ns = obj.metadata?.namespace;
  if (!ns) return;
  for (const rq of ctx.cluster.list('resourcequotas', ns)) q.add(name, objectKey(rq));
};

function syncResourceQuota(ctx: Parameters<ControllerModule['sync']>[0], key: string): void {
  const [ns, n] = splitKey(key);
  const rq = ctx.cluster.get('resourcequotas', ns, n!);
  if (!rq || rq.metadata?.deletionTimestamp) return;
  const hard: Record<string, string> = {};
  for (const [k, v] of Object.entries(rq.spec?.hard ?? {})) {
    try { hard[k] = canonicalQuantity(v as any); } catch { hard[k] = String(v); }
  }
  const list = (res: string, namespace: string): KObject[] | undefined => {
    const b = bucketOf(res);
    try { return b ? ctx.cluster.list(b, namespace) : undefined; } catch { return undefined; }
  };
  const status = { hard, used: calculateUsage(rq, list, ctx.now) };
  if (!jsonEqual(status, rq.status ?? {})) ctx.cluster.updateStatus('resourcequotas', { ...rq, status });
}

const watch: Record<string, WatchHandler> = {
  resourcequotas(type, rq, old, q, ctx) {
    // a quota counts the namespace's quotas too ("resourcequotas")
    if (type !== 'MODIFIED') return replenish(type, rq, old, q, ctx);
    if (!jsonEqual(rq.spec, old?.spec) || !rq.status?.used) q.add(name, objectKey(rq));
  },
};
for (const r of REPLENISHED) if (r !== 'resourcequotas') watch[r] = replenish;

export const resourceQuotaController: ControllerModule = {
  name,
  watch,
  start(ctx, q) {
    for (const rq of ctx.cluster.list('resourcequotas')) q.add(name, objectKey(rq));
  },
  sync: syncResourceQuota,
};
