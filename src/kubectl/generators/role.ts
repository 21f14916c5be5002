// kubectl create role|clusterrole NAME --verb=... --resource=... (create_role.go, create_clusterrole.go).
import type { KObject } from '../../api/types.js';
import { RawError, UserError } from '../../api/errors.js';
import { typedObject } from './typed.js';

export interface ResourceOptions { group: string; resource: string; subResource: string }

/** What the RESTMapper's ResourceFor answers for a (possibly short or singular) resource name. */
export type ResourceFor = (resource: string, group: string) => { resource: string; group: string } | undefined;

const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
const RBAC = 'rbac.authorization.k8s.io';
const SPECIAL_VERBS: Record<string, { group: string; resource: string }[]> = {
  use: [{ group: 'policy', resource: 'podsecuritypolicies' }, { group: 'extensions', resource: 'podsecuritypolicies' }],
  bind: [{ group: RBAC, resource: 'roles' }, { group: RBAC, resource: 'clusterroles' }],
  escalate: [{ group: RBAC, resource: 'roles' }, { group: RBAC, resource: 'clusterroles' }],
  impersonate: [{ group: '', resource: 'users' }, { group: '', resource: 'serviceaccounts' }, { group: '', resource: 'groups' }, { group: 'authentication.k8s.io', resource: 'userextras' }],
};

export interface RoleOptions {
  name: string;
  namespace?: string;
  verbs: string[];
  resources: ResourceOptions[];
  resourceNames: string[];
}

const unique = (xs: string[]) => [...new Set(xs)];

/** CreateRoleOptions.Complete: verbs (`*` wins), `resource.group/subresource`, resource names. */
export function completeRole(name: string, verbs: string[], resources: string[], resourceNames: string[]): RoleOptions {
  const v = verbs.includes('*') ? ['*'] : unique(verbs);
  const rs: ResourceOptions[] = [];
  for (const r of resources) {
    const slash = r.indexOf('/');
    const section = slash >= 0 ? r.slice(0, slash) : r;
    const dot = section.indexOf('.');
    const res: ResourceOptions = {
      resource: dot >= 0 ? section.slice(0, dot) : section,
      group: dot >= 0 ? section.slice(dot + 1) : '',
      subResource: slash >= 0 ? r.slice(slash + 1) : '',
    };
    if (res.resource === '*' && dot < 0 && slash < 0) { rs.splice(0, rs.length, res); break; }
    rs.push(res);
  }
  return { name, verbs: v, resources: rs, resourceNames: unique(resourceNames) };
}

function validateResource(o: RoleOptions, resourceFor: ResourceFor): void {
  for (const r of o.resources) {
    if (!r.resource) throw new UserError('resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const mapped = resourceFor(r.resource, r.group);
    const found = mapped ?? { resource: r.resource, group: r.group };
    let unknown = !mapped;
    for (const v of o.verbs) {
      const extras = SPECIAL_VERBS[v];
      if (!extras) continue;
      if (!extras.some((e) => e.resource === found.resource && e.group === found.group)) {
        throw new UserError(`can not perform '${v}' on '${found.resource}' in group '${found.group}'`);
      }
      unknown = false;
    }
    // the RESTMapper's NoResourceMatchError, as cmdutil.CheckErr words it (no `error:` prefix)
    if (unknown) throw new RawError(`the server doesn't have a resource type ${JSON.stringify(r.resource)}`);
  }
}

export function validateRole(o: RoleOptions, resourceFor: ResourceFor, warn: (s: string) => void): void {
  if (!o.name) throw new UserError('name must be specified');
  if (!o.verbs.length) throw new UserError('at least one verb must be specified');
  for (const v of o.verbs) if (!VALID_RESOURCE_VERBS.includes(v)) warn(`Warning: '${v}' is not a standard resource verb\n`);
  if (!o.resources.length) throw new UserError('at least one resource must be specified');
  validateResource(o, resourceFor);
}

export interface ClusterRoleOptions extends RoleOptions { nonResourceURLs: string[]; aggregationRule: Record<string, string> }

export function validateClusterRole(o: ClusterRoleOptions, resourceFor: ResourceFor, warn: (s: string) => void): void {
  if (!o.name) throw new UserError('name must be specified');
  if (Object.keys(o.aggregationRule).length) {
    if (o.nonResourceURLs.length || o.verbs.length || o.resources.length || o.resourceNames.length) {
      throw new UserError('aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
    }
    return;
  }
  if (!o.verbs.length) throw new UserError('at least one verb must be specified');
  if (!o.resources.length && !o.nonResourceURLs.length) throw new UserError('one of resource or nonResourceURL must be specified');
  if (o.resources.length) {
    for (const v of o.verbs) if (!VALID_RESOURCE_VERBS.includes(v)) warn(`Warning: '${v}' is not a standard resource verb\n`);
    validateResource(o, resourceFor);
  }
  if (o.nonResourceURLs.length) {
    for (const v of o.verbs) if (!VALID_NON_RESOURCE_VERBS.includes(v)) throw new UserError(`invalid verb: '${v}' for nonResourceURL`);
    for (const u of o.nonResourceURLs) {
      if (u === '*') continue;
      if (u === '' || !u.startsWith('/')) throw new UserError('nonResourceURL should start with /');
      if (u.slice(0, -1).includes('*')) throw new UserError("nonResourceURL only supports wildcard matches when '*' is at the end");
    }
  }
}

/** generateResourcePolicyRules: one rule per API group (groups sorted), then the non-resource URLs. */
function policyRules(o: RoleOptions, resourceFor: ResourceFor, nonResourceURLs: string[]) {
  const byGroup = new Map<string, string[]>();
  for (const r of o.resources) {
    const found = resourceFor(r.resource, r.group) ?? { resource: r.resource, group: r.group };
    const res = r.subResource ? `${found.resource}/${r.subResource}` : found.resource;
    const list = byGroup.get(found.group) ?? [];
    if (!list.includes(res)) list.push(res);
    byGroup.set(found.group, list);
  }
  const rules: any[] = [...byGroup.keys()].sort().map((g) => ({ verbs: o.verbs, apiGroups: [g], resources: byGroup.get(g), resourceNames: o.resourceNames }));
  if (nonResourceURLs.length) rules.push({ verbs: o.verbs, nonResourceURLs });
  return rules;
}

export function buildRole(o: RoleOptions, resourceFor: ResourceFor): KObject {
  return typedObject({ kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: { name: o.name, namespace: o.namespace }, rules: policyRules(o, resourceFor, []) });
}

export function buildClusterRole(o: ClusterRoleOptions, resourceFor: ResourceFor): KObject {
  const cr: Record<string, unknown> = { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: { name: o.name } };
  if (!Object.keys(o.aggregationRule).length) cr.rules = policyRules(o, resourceFor, o.nonResourceURLs);
  else cr.aggregationRule = { clusterRoleSelectors: [{ matchLabels: o.aggregationRule }] };
  return typedObject(cr);
}
