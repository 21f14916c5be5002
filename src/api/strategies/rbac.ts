// rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding, ClusterRoleBinding: SetDefaults_*RoleBinding and
// SetDefaults_Subject (pkg/apis/rbac/v1/defaults.go), ValidateRole/ClusterRole/RoleBinding/ClusterRoleBinding and
// their updates (pkg/apis/rbac/validation: roleRef cannot change).
import { goQuote, goStringSlice } from '../gofmt.js';
import { nameIsDNSSubdomain } from '../names.js';
import { type Errs, arr, invalid, isObj, notSupported, required, str } from './field.js';
import { nameIsPathSegment, validateLabelSelector, validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

const GROUP = 'rbac.authorization.k8s.io';

function validatePolicyRule(rule: any, namespaced: boolean, field: string): Errs {
  const errs: Errs = [];
  if (arr(rule?.verbs).length === 0) errs.push(required(`${field}.verbs`, 'verbs must contain at least one value'));
  const urls = arr(rule?.nonResourceURLs);
  if (urls.length) {
    if (namespaced) errs.push(invalid(`${field}.nonResourceURLs`, goStringSlice(urls), 'namespaced rules cannot apply to non-resource URLs'));
    if (arr(rule?.apiGroups).length || arr(rule?.resources).length || arr(rule?.resourceNames).length) {
      errs.push(invalid(`${field}.nonResourceURLs`, goStringSlice(urls), 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (arr(rule?.apiGroups).length === 0) errs.push(required(`${field}.apiGroups`, 'resource rules must supply at least one api group'));
  if (arr(rule?.resources).length === 0) errs.push(required(`${field}.resources`, 'resource rules must supply at least one resource'));
  return errs;
}

function validateRole(namespaced: boolean) {
  return (role: any): Errs => {
    const errs = validateObjectMeta(role.metadata, namespaced, nameIsPathSegment);
    arr(role.rules).forEach((r: any, i: number) => errs.push(...validatePolicyRule(r, namespaced, `rules[${i}]`)));
    if (!namespaced && isObj(role.aggregationRule)) {
      const sels = arr(role.aggregationRule.clusterRoleSelectors);
      if (sels.length === 0) errs.push(required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
      sels.forEach((s: any, i: number) => errs.push(...validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`)));
    }
    return errs;
  };
}

function defaultSubjects(b: any) {
  if (isObj(b.roleRef) && !b.roleRef.apiGroup) b.roleRef.apiGroup = GROUP;
  for (const s of arr(b.subjects)) {
    if (!isObj(s) || s.apiGroup) continue;
    // SetDefaults_Subject leaves a ServiceAccount's group empty, which the JSON form omits (omitempty)
    if (s.kind === 'ServiceAccount') delete s.apiGroup;
    else if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = GROUP;
  }
}

function validateSubject(s: any, namespaced: boolean, field: string): Errs {
  const errs: Errs = [];
  const name = str(s?.name);
  if (!name) errs.push(required(`${field}.name`));
  switch (s?.kind) {
    case 'ServiceAccount':
      if (name) for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(`${field}.name`, goQuote(name), m));
      if (str(s.apiGroup)) errs.push(notSupported(`${field}.apiGroup`, goQuote(s.apiGroup), ['']));
      if (!namespaced && !str(s.namespace)) errs.push(required(`${field}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (str(s.apiGroup) !== GROUP) errs.push(notSupported(`${field}.apiGroup`, goQuote(str(s.apiGroup)), [GROUP]));
      break;
    default:
      errs.push(notSupported(`${field}.kind`, goQuote(str(s?.kind)), ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateBinding(namespaced: boolean) {
  return (b: any): Errs => {
    const errs = validateObjectMeta(b.metadata, namespaced, nameIsPathSegment);
    const ref = isObj(b.roleRef) ? b.roleRef : {};
    if (str(ref.apiGroup) !== GROUP) errs.push(notSupported('roleRef.apiGroup', goQuote(str(ref.apiGroup)), [GROUP]));
    const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
    if (!kinds.includes(str(ref.kind))) errs.push(notSupported('roleRef.kind', goQuote(str(ref.kind)), kinds));
    if (!str(ref.name)) errs.push(required('roleRef.name'));
    else for (const m of nameIsPathSegment(ref.name, false)) errs.push(invalid('roleRef.name', goQuote(ref.name), m));
    arr(b.subjects).forEach((s: any, i: number) => errs.push(...validateSubject(s, namespaced, `subjects[${i}]`)));
    return errs;
  };
}

const goRoleRef = (r: any) => `rbac.RoleRef{APIGroup:${goQuote(str(r?.apiGroup))}, Kind:${goQuote(str(r?.kind))}, Name:${goQuote(str(r?.name))}}`;

function bindingStrategy(namespaced: boolean): Strategy {
  const validate = validateBinding(namespaced);
  return {
    noStatus: true,
    defaults: defaultSubjects,
    validate,
    validateUpdate: (b, old) => {
      const errs = validate(b);
      const a = b.roleRef ?? {};
      const o = old.roleRef ?? {};
      if (str(a.apiGroup) !== str(o.apiGroup) || str(a.kind) !== str(o.kind) || str(a.name) !== str(o.name)) {
        errs.push(invalid('roleRef', goRoleRef(a), 'cannot change roleRef'));
      }
      return errs;
    },
  };
}

export const roleStrategy: Strategy = { noStatus: true, validate: validateRole(true) };
export const clusterRoleStrategy: Strategy = { noStatus: true, validate: validateRole(false) };
export const roleBindingStrategy = bindingStrategy(true);
export const clusterRoleBindingStrategy = bindingStrategy(false);
