// Who a request comes from and whether RBAC lets it through: the API server's authentication
// (bearer token: the admin token of --write-kubeconfig, or a service-account token) and its
// authorization filter (WithAuthorization over the RequestInfo), with the 403 the handlers write
// (apiserver/pkg/endpoints/handlers/responsewriters/errors.go: forbiddenMessage, Forbidden).
import type { IncomingMessage } from 'node:http';
import { StatusError } from '../../api/errors.js';
import type { Cluster } from '../../store/cluster.js';
import { authorize, SYSTEM_PRIVILEGED_GROUP, type Attributes, type UserInfo } from '../authorization/rbac.js';
import { authenticateToken } from './tokens.js';

/** The user the admin token (and --no-auth) acts as: kubeadm's admin, in the privileged group. */
export const ADMIN: UserInfo = { name: 'kubernetes-admin', groups: [SYSTEM_PRIVILEGED_GROUP, 'system:authenticated'] };

/** Who reaches the public endpoints (/version, /healthz ...) without a token. */
export const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

export type Authn = { user: UserInfo } | { unauthorized: true };

/**
 * Authenticate a request. With a required token (`token` set): the admin token or a valid
 * service-account token, else 401. With --no-auth: a valid service-account token still names its
 * account (so a pod's requests are authorised as the pod's), anything else acts as the admin,
 * as `kubectl proxy` does. `anonymous` (the API as pods reach it): a kube-apiserver's own rule
 * (--anonymous-auth, on by default): no credentials is system:anonymous, a token it cannot verify 401.
 */
export function authenticate(req: IncomingMessage, cluster: () => Cluster, token: string | undefined, anonymous = false): Authn {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  const bearer = m?.[1];
  if (bearer !== undefined && token !== undefined && bearer === token) return { user: ADMIN };
  if (bearer !== undefined) {
    const sa = authenticateToken(cluster(), bearer);
    if (sa) return { user: sa };
  }
  if (anonymous) return bearer === undefined ? { user: ANONYMOUS } : { unauthorized: true };
  return token === undefined ? { user: ADMIN } : { unauthorized: true };
}

function forbiddenMessage(user: UserInfo, a: Attributes): string {
  if (a.resource === undefined) return `User ${JSON.stringify(user.name)} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `User ${JSON.stringify(user.name)} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup ?? '')} ${where}`;
}

/** apierrors.NewForbidden(groupResource, name, err) */
export function forbidden(user: UserInfo, a: Attributes, reason: string): StatusError {
  const msg = reason ? `${forbiddenMessage(user, a)}: ${reason}` : forbiddenMessage(user, a);
  const group = a.resource === undefined ? '' : a.apiGroup ?? '';
  const resource = a.resource ?? '';
  const qualified = group ? `${resource}.${group}` : resource;
  const subject = a.name ? `${qualified} ${JSON.stringify(a.name)}` : qualified;
  const details: Record<string, string> = {};
  if (a.name) details.name = a.name;
  if (group) details.group = group;
  if (resource) details.kind = resource;
  return new StatusError(403, 'Forbidden', `${subject ? `${subject} ` : ''}is forbidden: ${msg}`.replace(/^is forbidden/, 'forbidden'), details);
}

/** Throw the API server's 403 unless RBAC (or the privileged group) allows the request. */
export function checkAccess(cluster: () => Cluster, user: UserInfo, a: Attributes): void {
  if (user.groups.includes(SYSTEM_PRIVILEGED_GROUP)) return;
  const d = authorize(cluster(), user, a);
  if (!d.allowed) throw forbidden(user, a, d.reason);
}

/**
 * Impersonate-User / Impersonate-Group headers (`kubectl --as`, `--as-group`): the requester must be
 * allowed to impersonate each (filters/impersonation.go), and the request then runs as that user.
 */
export function impersonate(req: IncomingMessage, user: UserInfo, cluster: () => Cluster): UserInfo {
  const name = req.headers['impersonate-user'];
  const rawGroups = req.headers['impersonate-group'];
  const groups = (Array.isArray(rawGroups) ? rawGroups : rawGroups ? [rawGroups] : []).flatMap((g) => g.split(',').map((x) => x.trim())).filter(Boolean);
  if (typeof name !== 'string' || !name) {
    if (groups.length) throw new StatusError(500, 'InternalError', 'Internal error occurred: requested [' + groups.map((g) => `{Group  ${g}  authentication.k8s.io/v1  }`).join(' ') + '] without impersonating a user');
    return user;
  }
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(name);
  const target = sa
    ? { verb: 'impersonate', namespace: sa[1], apiGroup: '', resource: 'serviceaccounts', name: sa[2] }
    : { verb: 'impersonate', apiGroup: '', resource: 'users', name };
  checkAccess(cluster, user, target);
  for (const g of groups) checkAccess(cluster, user, { verb: 'impersonate', apiGroup: '', resource: 'groups', name: g });
  const out: string[] = sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`, ...groups] : [...groups];
  if (name !== 'system:anonymous' && !out.includes('system:authenticated')) out.push('system:authenticated');
  return { name, groups: out };
}
