// rbac.authorization.k8s.io/v1 handlers of pkg/printers/internalversion/printers.go AddHandlers.
// Roles and ClusterRoles have none: their registry uses the API server's default table (NAME, CREATED AT).
import { age, ageCol, col, name, nameCol, wide, type Handler, type HandlerGroup } from './common.js';

/** rbac.SubjectsStrings: users, groups and "namespace/name" service accounts. */
export function subjectsStrings(subjects: any[] | undefined): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s?.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name ?? ''}`);
    else if (s?.kind === 'User') users.push(s.name ?? '');
    else if (s?.kind === 'Group') groups.push(s.name ?? '');
  }
  return [users, groups, sas];
}

/** printRoleBinding / printClusterRoleBinding */
const binding: Handler = {
  columns: [nameCol, col('Role'), ageCol, wide('Users'), wide('Groups'), wide('ServiceAccounts')],
  row: (b, now) => {
    const [users, groups, sas] = subjectsStrings(b.subjects);
    return [name(b), `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`, age(b, now), users.join(', '), groups.join(', '), sas.join(', ')];
  },
};

export const RBAC: HandlerGroup = {
  group: 'rbac.authorization.k8s.io',
  handlers: { rolebindings: binding, clusterrolebindings: binding },
};
