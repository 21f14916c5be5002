// RoleDescriber, ClusterRoleDescriber, RoleBindingDescriber and ClusterRoleBindingDescriber
// (describe.go), with kubectl's pkg/util/rbac BreakdownRule/CompactRules. No events.
import type { KObject } from '../../api/types.js';
import { goStringLess } from '../labels.js';
import { PrefixWriter, LEVEL_0, LEVEL_1 } from './writer.js';
import { printLabelsMultiline, printAnnotationsMultiline } from './common.js';
import { goList } from './volumes.js';

interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** rbac.BreakdownRule: one verb, one resource and one resource name per rule. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if ((rule.resourceNames ?? []).length > 0) {
          for (const rn of rule.resourceNames!) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [rn] });
        } else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

/** rbac.CompactRules: rules on one group/resource(/name) merged, their verbs in first-seen order. */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = (r.resourceNames ?? []).length <= 1 && (r.nonResourceURLs ?? []).length === 0 && (r.apiGroups ?? []).length === 1 && (r.resources ?? []).length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups![0], r.resources![0], (r.resourceNames ?? []).length > 0, r.resourceNames?.[0] ?? '']);
    const existing = simple.get(key);
    if (existing) {
      for (const v of r.verbs ?? []) if (!existing.verbs!.includes(v)) existing.verbs!.push(v);
    } else simple.set(key, { ...r, verbs: [...(r.verbs ?? [])] });
  }
  return [...compacted, ...simple.values()];
}

/** PolicyRule.String() (generated), the key of rbac.SortableRuleSlice. */
const ruleString = (r: PolicyRule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** CombineResourceGroup: "resource.group/subresource" */
export function combineResourceGroup(resource: string[] | undefined, group: string[] | undefined): string {
  if (!resource || resource.length === 0) return '';
  const parts = resource[0].split('/');
  let combine = parts[0];
  if (group && group.length > 0 && group[0] !== '') combine += '.' + group[0];
  if (parts.length >= 2) combine += '/' + parts.slice(1).join('/');
  return combine;
}

/** RoleDescriber / ClusterRoleDescriber */
export function describeRole(role: KObject): string {
  const rules = compactRules((role.rules ?? []).flatMap((r: PolicyRule) => breakdownRule(r)));
  const sorted = rules.map((r, i) => ({ r, i, k: ruleString(r) })).sort((a, b) => goStringLess(a.k, b.k) || a.i - b.i);
  const md = role.metadata ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, 'PolicyRule:\n');
  w.write(LEVEL_1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(LEVEL_1, '---------\t-----------------\t--------------\t-----\n');
  for (const { r } of sorted) w.write(LEVEL_1, `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`);
  return w.toString();
}

/** RoleBindingDescriber / ClusterRoleBindingDescriber */
export function describeRoleBinding(binding: KObject): string {
  const md = binding.metadata ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, 'Role:\n');
  w.write(LEVEL_1, `Kind:\t${binding.roleRef?.kind ?? ''}\n`);
  w.write(LEVEL_1, `Name:\t${binding.roleRef?.name ?? ''}\n`);
  w.write(LEVEL_0, 'Subjects:\n');
  w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
  w.write(LEVEL_1, '----\t----\t---------\n');
  for (const s of binding.subjects ?? []) w.write(LEVEL_1, `${s.kind ?? ''}\t${s.name ?? ''}\t${s.namespace ?? ''}\n`);
  return w.toString();
}
