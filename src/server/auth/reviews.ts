// The review resources the API server answers without storing anything: access reviews
// (SelfSubjectAccessReview for `kubectl auth can-i`, SubjectAccessReview, LocalSubjectAccessReview),
// SelfSubjectRulesReview (`auth can-i --list`), SelfSubjectReview (`auth whoami`), and the
// serviceaccounts/token subresource (TokenRequest, `kubectl create token`).
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { authorize, rulesFor, SYSTEM_PRIVILEGED_GROUP, type Attributes, type UserInfo } from '../authorization/rbac.js';
import { requestToken } from './tokens.js';

const rfc3339 = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

function attributesOf(spec: any, namespace?: string): Attributes {
  const ra = spec?.resourceAttributes;
  if (ra) {
    return { verb: ra.verb ?? '', namespace: namespace ?? ra.namespace ?? '', apiGroup: ra.group ?? '', resource: ra.resource ?? '', subresource: ra.subresource ?? '', name: ra.name ?? '' };
  }
  return { verb: spec?.nonResourceAttributes?.verb ?? '', path: spec?.nonResourceAttributes?.path ?? '' };
}

function accessStatus(c: Cluster, user: UserInfo, a: Attributes): Record<string, unknown> {
  if (user.groups.includes(SYSTEM_PRIVILEGED_GROUP)) return { allowed: true };
  const d = authorize(c, user, a);
  return d.reason ? { allowed: d.allowed, reason: d.reason } : { allowed: d.allowed };
}

function reviewed(obj: KObject, status: Record<string, unknown>): KObject {
  return { kind: obj.kind, apiVersion: obj.apiVersion, metadata: { ...(obj.metadata ?? {}), creationTimestamp: null }, spec: (obj as any).spec ?? {}, status } as unknown as KObject;
}

type Review = (c: Cluster, user: UserInfo, obj: KObject, namespace?: string) => KObject;

/** Review resources by `group/resource`. */
export const REVIEWS: Record<string, Review> = {
  'authorization.k8s.io/selfsubjectaccessreviews': (c, user, obj) => reviewed(obj, accessStatus(c, user, attributesOf((obj as any).spec))),
  'authorization.k8s.io/subjectaccessreviews': (c, _user, obj) => {
    const spec = (obj as any).spec ?? {};
    return reviewed(obj, accessStatus(c, { name: spec.user ?? '', groups: spec.groups ?? [] }, attributesOf(spec)));
  },
  'authorization.k8s.io/localsubjectaccessreviews': (c, _user, obj, namespace) => {
    const spec = (obj as any).spec ?? {};
    return reviewed(obj, accessStatus(c, { name: spec.user ?? '', groups: spec.groups ?? [] }, attributesOf(spec, namespace)));
  },
  'authorization.k8s.io/selfsubjectrulesreviews': (c, user, obj) => {
    const { rules, errors } = rulesFor(c, user, (obj as any).spec?.namespace ?? '');
    const resourceRules = rules.filter((r) => !r.nonResourceURLs?.length).map((r) => {
      const out: Record<string, unknown> = { verbs: r.verbs };
      if (r.apiGroups) out.apiGroups = r.apiGroups;
      if (r.resources) out.resources = r.resources;
      if (r.resourceNames) out.resourceNames = r.resourceNames;
      return out;
    });
    const nonResourceRules = rules.filter((r) => r.nonResourceURLs?.length).map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs }));
    const status: Record<string, unknown> = { resourceRules, nonResourceRules, incomplete: errors.length > 0 };
    if (errors.length) status.evaluationError = errors.join(', ');
    return reviewed(obj, status);
  },
  'authentication.k8s.io/selfsubjectreviews': (_c, user, obj) => ({
    kind: obj.kind, apiVersion: obj.apiVersion, metadata: { creationTimestamp: null },
    status: { userInfo: { username: user.name, groups: user.groups } },
  } as unknown as KObject),
};

/** POST serviceaccounts/NAME/token: undefined when the account does not exist. */
export function tokenRequest(c: Cluster, namespace: string, name: string, obj: KObject): KObject | undefined {
  const spec = (obj as any).spec ?? {};
  const t = requestToken(c, namespace, name, spec);
  if (!t) return undefined;
  return {
    kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: rfc3339(c.now()) },
    spec: { audiences: spec.audiences?.length ? spec.audiences : ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: spec.expirationSeconds || 3600, boundObjectRef: spec.boundObjectRef ?? null },
    status: { token: t.token, expirationTimestamp: rfc3339(t.expires) },
  } as unknown as KObject;
}
