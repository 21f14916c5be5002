// The API server's authorizer chain as kubeadm configures it (--authorization-mode=Node,RBAC):
// the privileged group system:masters first (authorizerfactory.NewPrivilegedGroups), then RBAC
// (plugin/pkg/auth/authorizer/rbac/rbac.go) over the Roles, ClusterRoles and their bindings stored
// in the cluster. The Node authorizer has no opinion on the users kubectl acts as.
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';

import type { UserInfo } from '../../api/users.js';

export type { UserInfo };

/** authorizer.Attributes: a resource request (resource set) or a non-resource one (path set). */
export interface Attributes {
  verb: string;
  namespace?: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  path?: string;
}

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Decision {
  allowed: boolean;
  /** "RBAC: ..." when rules could not be resolved (a binding to a missing role) */
  reason: string;
}

export const SYSTEM_PRIVILEGED_GROUP = 'system:masters';

// --- pkg/apis/rbac/v1/evaluation_helpers.go ---

export function verbMatches(rule: PolicyRule, requested: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === requested);
}

export function apiGroupMatches(rule: PolicyRule, requested: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === '*' || g === requested);
}

export function resourceMatches(rule: PolicyRule, combinedRequested: string, requestedSubresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === '*') return true;
    if (r === combinedRequested) return true;
    // `*/status` matches the status subresource of every resource
    if (!requestedSubresource) continue;
    if (r.length === requestedSubresource.length + 2 && r.startsWith('*/') && r.endsWith(requestedSubresource)) return true;
  }
  return false;
}

export function resourceNameMatches(rule: PolicyRule, requested: string): boolean {
  const names = rule.resourceNames ?? [];
  if (names.length === 0) return true;
  return names.includes(requested);
}

export function nonResourceURLMatches(rule: PolicyRule, requested: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === requested) return true;
    if (u.endsWith('*') && requested.startsWith(u.replace(/\*+$/, ''))) return true;
  }
  return false;
}

/** RuleAllows (rbac.go). */
export function ruleAllows(a: Attributes, rule: PolicyRule): boolean {
  if (a.resource !== undefined) {
    const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    return verbMatches(rule, a.verb) &&
      apiGroupMatches(rule, a.apiGroup ?? '') &&
      resourceMatches(rule, combined, a.subresource ?? '') &&
      resourceNameMatches(rule, a.name ?? '');
  }
  return verbMatches(rule, a.verb) && nonResourceURLMatches(rule, a.path ?? '');
}

// --- pkg/registry/rbac/validation/rule.go ---

/** appliesToUser: User, Group, ServiceAccount subjects. */
export function appliesTo(user: UserInfo, subjects: any[], bindingNamespace: string): boolean {
  for (const s of subjects ?? []) {
    switch (s.kind) {
      case 'User':
        if (user.name === s.name) return true;
        break;
      case 'Group':
        if (user.groups.includes(s.name)) return true;
        break;
      case 'ServiceAccount': {
        // an empty subject namespace means the binding's own
        const ns = s.namespace || bindingNamespace;
        if (!ns) break;
        if (user.name === `system:serviceaccount:${ns}:${s.name}`) return true;
        break;
      }
    }
  }
  return false;
}

function rulesOfRef(cluster: Cluster, ref: any, bindingNamespace: string): { rules: PolicyRule[]; error?: string } {
  if (ref?.kind === 'ClusterRole') {
    const role = cluster.get('clusterroles', undefined, ref.name);
    if (!role) return { rules: [], error: `clusterrole.rbac.authorization.k8s.io "${ref.name}" not found` };
    return { rules: (role as any).rules ?? [] };
  }
  if (ref?.kind === 'Role') {
    const role = cluster.get('roles', bindingNamespace, ref.name);
    if (!role) return { rules: [], error: `role.rbac.authorization.k8s.io "${ref.name}" not found` };
    return { rules: (role as any).rules ?? [] };
  }
  return { rules: [], error: `unsupported role reference kind: "${ref?.kind}"` };
}

/**
 * VisitRulesFor: the rules of every ClusterRoleBinding, then (in a namespace) every RoleBinding there,
 * that applies to the user. The visitor returns false to stop.
 */
export function visitRulesFor(cluster: Cluster, user: UserInfo, namespace: string, visit: (rule: PolicyRule | undefined, err?: string) => boolean): void {
  const bindings: KObject[] = [...cluster.list('clusterrolebindings')];
  if (namespace) bindings.push(...cluster.list('rolebindings', namespace));
  for (const b of bindings) {
    const bns = b.metadata?.namespace ?? '';
    if (!appliesTo(user, (b as any).subjects, bns)) continue;
    const { rules, error } = rulesOfRef(cluster, (b as any).roleRef, bns);
    if (error && !visit(undefined, error)) return;
    for (const r of rules) if (!visit(r)) return;
  }
}

/** The authorizer chain's decision for a request. */
export function authorize(cluster: Cluster, user: UserInfo, a: Attributes): Decision {
  if (user.groups.includes(SYSTEM_PRIVILEGED_GROUP)) return { allowed: true, reason: '' };
  let allowed = false;
  const errors: string[] = [];
  visitRulesFor(cluster, user, a.namespace ?? '', (rule, err) => {
    if (err) { errors.push(err); return true; }
    if (rule && ruleAllows(a, rule)) { allowed = true; return false; }
    return true;
  });
  if (allowed) return { allowed, reason: '' };
  // utilerrors.NewAggregate: one error alone, several as [a, b]
  const reason = errors.length === 0 ? '' : `RBAC: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}`;
  return { allowed, reason };
}

/** RulesFor (a SelfSubjectRulesReview): the user's rules in the namespace, and the resolution errors. */
export function rulesFor(cluster: Cluster, user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
  // the privileged group's authorizer lists no rules: its members see what their bindings grant
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(cluster, user, namespace, (rule, err) => {
    if (err) errors.push(err);
    else if (rule) rules.push(rule);
    return true;
  });
  return { rules, errors };
}
