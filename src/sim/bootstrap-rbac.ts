// The API server's bootstrap RBAC policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy), reduced
// to the user-facing roles: cluster-admin, the aggregated admin/edit/view with the system roles that
// feed them, and the discovery/basic-user roles every authenticated user is bound to.
// kubesim: a real v1.32 control plane also holds ~60 system:controller:* and component roles.
import type { KObject } from '../api/types.js';

type Rule = [groups: string[], resources: string[], verbs: string[]] | { urls: string[]; verbs: string[] };

const RW = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const RO = ['get', 'list', 'watch'];
const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface RoleDef {
  name: string;
  /** rbac.authorization.k8s.io/aggregate-to-X labels it carries */
  aggregateTo?: string[];
  /** aggregated from roles labelled aggregate-to-<this> */
  aggregates?: string;
  rules?: Rule[];
}

/** In name order, as `kubectl get clusterroles` lists them. */
const ROLES: RoleDef[] = [
  { name: 'admin', aggregates: 'admin' },
  { name: 'cluster-admin', rules: [[['*'], ['*'], ['*']], { urls: ['*'], verbs: ['*'] }] },
  { name: 'edit', aggregateTo: ['admin'], aggregates: 'edit' },
  {
    name: 'system:aggregate-to-admin',
    aggregateTo: ['admin'],
    rules: [
      [['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']],
      [['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], ALL],
    ],
  },
  {
    name: 'system:aggregate-to-edit',
    aggregateTo: ['edit'],
    rules: [
      [[''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], RO],
      [[''], ['serviceaccounts'], ['impersonate']],
      [[''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], RW],
      [[''], ['pods/eviction'], ['create']],
      [[''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], RW],
      [[''], ['serviceaccounts/token'], ['create']],
      [['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], RW],
      [['autoscaling'], ['horizontalpodautoscalers'], RW],
      [['batch'], ['cronjobs', 'jobs'], RW],
      [['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale'], RW],
      [['policy'], ['poddisruptionbudgets'], RW],
      [['networking.k8s.io'], ['ingresses', 'networkpolicies'], RW],
      [['coordination.k8s.io'], ['leases'], ALL],
    ],
  },
  {
    name: 'system:aggregate-to-view',
    aggregateTo: ['view'],
    rules: [
      [[''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], RO],
      [[''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'], RO],
      [[''], ['namespaces'], RO],
      [['discovery.k8s.io'], ['endpointslices'], RO],
      [['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], RO],
      [['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], RO],
      [['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], RO],
      [['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale'], RO],
      [['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], RO],
      [['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], RO],
    ],
  },
  {
    name: 'system:basic-user',
    rules: [
      [['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']],
      [['authentication.k8s.io'], ['selfsubjectreviews'], ['create']],
    ],
  },
  { name: 'system:discovery', rules: [{ urls: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] }] },
  { name: 'system:public-info-viewer', rules: [{ urls: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }] },
  { name: 'view', aggregateTo: ['edit'], aggregates: 'view' },
];

/** ClusterRoleBindings: name (= role), subject groups. */
const BINDINGS: [string, string[]][] = [
  ['cluster-admin', ['system:masters']],
  ['system:basic-user', ['system:authenticated']],
  ['system:discovery', ['system:authenticated']],
  ['system:public-info-viewer', ['system:authenticated', 'system:unauthenticated']],
];

function policyRule(r: Rule): Record<string, string[]> {
  if (Array.isArray(r)) return { apiGroups: r[0], resources: r[1], verbs: r[2] };
  return { nonResourceURLs: r.urls, verbs: r.verbs };
}

const bootstrapMeta = (name: string, labels: Record<string, string> = {}) => ({
  name,
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...labels },
});

/**
 * The bootstrap ClusterRoles, the aggregated ones already filled in as the clusterrole-aggregation
 * controller leaves them: the rules of the roles its selector matches, by role name, without repeats.
 */
export function bootstrapClusterRoles(): KObject[] {
  const rulesOf = (name: string, seen = new Set<string>()): Record<string, string[]>[] => {
    const def = ROLES.find((r) => r.name === name)!;
    if (!def.aggregates) return (def.rules ?? []).map(policyRule);
    if (seen.has(name)) return [];
    seen.add(name);
    const out: Record<string, string[]>[] = [];
    for (const src of ROLES.filter((r) => r.aggregateTo?.includes(def.aggregates!))) {
      for (const rule of rulesOf(src.name, seen)) if (!out.some((x) => JSON.stringify(x) === JSON.stringify(rule))) out.push(rule);
    }
    return out;
  };
  return ROLES.map((def) => {
    const labels: Record<string, string> = {};
    for (const to of def.aggregateTo ?? []) labels[`rbac.authorization.k8s.io/aggregate-to-${to}`] = 'true';
    const role: KObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: bootstrapMeta(def.name, labels) };
    if (def.aggregates) {
      (role as any).aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${def.aggregates}`]: 'true' } }] };
    }
    (role as any).rules = rulesOf(def.name);
    return role;
  });
}

export function bootstrapClusterRoleBindings(): KObject[] {
  return BINDINGS.map(([name, groups]) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: bootstrapMeta(name),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: groups.map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
  } as KObject));
}
