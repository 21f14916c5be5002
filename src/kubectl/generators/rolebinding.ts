// kubectl create rolebinding|clusterrolebinding NAME --role|--clusterrole=... --user|--group|--serviceaccount
// (create_rolebinding.go, create_clusterrolebinding.go).
import type { KObject } from '../../api/types.js';
import { UserError } from '../../api/errors.js';
import { typedObject } from './typed.js';

const RBAC = 'rbac.authorization.k8s.io';

export interface BindingOptions {
  name: string;
  namespace?: string;
  role: string;
  clusterRole: string;
  users: string[];
  groups: string[];
  serviceAccounts: string[];
}

export function validateRoleBinding(o: BindingOptions): void {
  if (!o.name) throw new UserError('name must be specified');
  if (!o.clusterRole === !o.role) throw new UserError('exactly one of clusterrole or role must be specified');
}

function subjects(o: BindingOptions) {
  const out: any[] = [];
  for (const u of o.users) out.push({ kind: 'User', apiGroup: RBAC, name: u });
  for (const g of o.groups) out.push({ kind: 'Group', apiGroup: RBAC, name: g });
  for (const sa of o.serviceAccounts) {
    const t = sa.split(':');
    if (t.length !== 2 || !t[0] || !t[1]) throw new UserError('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', apiGroup: '', namespace: t[0], name: t[1] });
  }
  return out.length ? out : undefined;
}

export function buildRoleBinding(o: BindingOptions): KObject {
  const roleRef = o.role ? { apiGroup: RBAC, kind: 'Role', name: o.role } : { apiGroup: RBAC, kind: 'ClusterRole', name: o.clusterRole };
  return typedObject({ kind: 'RoleBinding', apiVersion: `${RBAC}/v1`, metadata: { name: o.name, namespace: o.namespace }, roleRef, subjects: subjects(o) });
}

export function buildClusterRoleBinding(o: BindingOptions): KObject {
  return typedObject({ kind: 'ClusterRoleBinding', apiVersion: `${RBAC}/v1`, metadata: { name: o.name }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: o.clusterRole }, subjects: subjects(o) });
}
