// The LegacyOrderTransformer kubectl kustomize applies: kinds in resid's orderFirst first,
// orderLast last, others between; then by group_version_kind, namespace and name.
import type { Res } from './resource.js';
import { nameOf, nsOf } from './resource.js';

const ORDER_FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy',
  'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service',
  'LimitRange', 'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet',
  'CronJob', 'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];
const TYPE_ORDER = new Map<string, number>([
  ...ORDER_FIRST.map((k, i): [string, number] => [k, i - ORDER_FIRST.length]),
  ...ORDER_LAST.map((k, i): [string, number] => [k, i + 1]),
]);

/** Gvk.stableSortString: `group_version_kind` with ~G/~V/~K for empty parts. */
function stableGvk(r: Res): string {
  const av = String(r.obj.apiVersion ?? '');
  const [g, v] = av.includes('/') ? [av.slice(0, av.indexOf('/')), av.slice(av.indexOf('/') + 1)] : ['', av];
  return [g || '~G', v || '~V', String(r.obj.kind ?? '') || '~K'].join('_');
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function legacySort(acc: Res[]): Res[] {
  return [...acc].sort((a, b) => {
    const ka = String(a.obj.kind ?? ''), kb = String(b.obj.kind ?? '');
    const ia = TYPE_ORDER.get(ka) ?? 0, ib = TYPE_ORDER.get(kb) ?? 0;
    if (ia !== ib) return ia - ib;
    const ga = stableGvk(a), gb = stableGvk(b);
    if (ga !== gb) return cmp(ga, gb);
    // LegacySortString: `gvk|namespace|name`, an empty namespace as ~X (after every real one)
    return cmp(nsOf(a) || '~X', nsOf(b) || '~X') || cmp(nameOf(a) || '~N', nameOf(b) || '~N');
  });
}
