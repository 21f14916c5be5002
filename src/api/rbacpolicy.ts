// The RBAC policy comparator (k8s.io/component-helpers/auth/rbac/validation/policy_comparator.go):
// whether one set of rules covers another, rule by broken-down rule. `auth can-i --list` and
// `auth reconcile` read it.
import type { PolicyRule } from '../server/authorization/rbac.js';

const has = (set: string[] | undefined, e: string) => (set ?? []).includes(e);
const hasAll = (set: string[] | undefined, xs: string[] | undefined) => (xs ?? []).every((x) => has(set, x));

/** BreakdownRule: rules of one verb, one resource (or non-resource URL) and at most one resource name. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const g of rule.apiGroups ?? []) {
    for (const r of rule.resources ?? []) {
      for (const v of rule.verbs ?? []) {
        if ((rule.resourceNames ?? []).length) {
          for (const n of rule.resourceNames!) out.push({ verbs: [v], apiGroups: [g], resources: [r], resourceNames: [n] });
        } else out.push({ verbs: [v], apiGroups: [g], resources: [r] });
      }
    }
  }
  // non-resource URLs combine only with verbs
  for (const u of rule.nonResourceURLs ?? []) for (const v of rule.verbs ?? []) out.push({ verbs: [v], nonResourceURLs: [u] });
  return out;
}

function resourceCoversAll(set: string[] | undefined, covers: string[] | undefined): boolean {
  if (has(set, '*') || hasAll(set, covers)) return true;
  for (const path of covers ?? []) {
    if (has(set, path)) continue;
    const slash = path.indexOf('/');
    // a subresource is covered by `*/sub`
    if (slash < 0 || !has(set, '*/' + path.slice(slash + 1))) return false;
  }
  return true;
}

function nonResourceURLCovers(owner: string, sub: string): boolean {
  return owner === sub || (owner.endsWith('*') && sub.startsWith(owner.replace(/\*+$/, '')));
}

/** ruleCovers: the owner rule allows everything the broken-down subrule does. */
function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourceCoversAll(owner.resources, sub.resources);
  const urls = (sub.nonResourceURLs ?? []).every((p) => (owner.nonResourceURLs ?? []).some((o) => nonResourceURLCovers(o, p)));
  const ownerNames = owner.resourceNames ?? [];
  const names = (sub.resourceNames ?? []).length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, sub.resourceNames);
  return verbs && groups && resources && names && urls;
}

/** Covers: the broken-down servant rules that no owner rule covers (empty: covered). */
export function uncoveredRules(owner: PolicyRule[] | undefined, servant: PolicyRule[] | undefined): PolicyRule[] {
  return (servant ?? []).flatMap(breakdownRule).filter((sub) => !(owner ?? []).some((o) => ruleCovers(o, sub)));
}
