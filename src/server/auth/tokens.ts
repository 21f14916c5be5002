// Service-account bearer tokens: the ones a pod reads at /var/run/secrets/kubernetes.io/serviceaccount/token
// (src/sim/shell/fs.ts mints them, bound to the pod) and the ones a TokenRequest
// (POST serviceaccounts/NAME/token, `kubectl create token`) returns, bound to the account. Both are
// JWT-shaped and unsigned; the "signature" names what the token is bound to, and a token is valid
// while that object exists (as the API server checks a bound token's pod or secret still exists).
import type { Cluster } from '../../store/cluster.js';
import type { UserInfo } from '../authorization/rbac.js';
import { StatusError } from '../../api/errors.js';

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

/** serviceaccount.MakeUsername / MakeGroupNames */
export function serviceAccountUser(namespace: string, name: string): UserInfo {
  return {
    name: `system:serviceaccount:${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

/** The `default` account of a namespace, which the serviceaccount controller keeps (maybe not stored). */
function serviceAccountUid(c: Cluster, namespace: string, name: string): string | undefined {
  const sa = c.get('serviceaccounts', namespace, name);
  if (sa) return sa.metadata?.uid;
  if (name === 'default' && c.get('namespaces', undefined, namespace)) return `default:${namespace}`;
  return undefined;
}

export interface BoundObjectRef {
  kind?: string;
  apiVersion?: string;
  name?: string;
  uid?: string;
}

export interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: BoundObjectRef | null;
}

/** The kinds a token can be bound to: their resource, whether namespaced, and their claim's key. */
const BOUND: Record<string, { resource: string; namespaced: boolean; claim: string }> = {
  Pod: { resource: 'pods', namespaced: true, claim: 'pod' },
  Secret: { resource: 'secrets', namespaced: true, claim: 'secret' },
  Node: { resource: 'nodes', namespaced: false, claim: 'node' },
};

/** The claims a bound object adds (registry/core/serviceaccount/storage/token.go), or the API server's refusal. */
function boundClaims(c: Cluster, namespace: string, name: string, ref: BoundObjectRef): Record<string, { name: string; uid: string }> {
  const b = BOUND[ref.kind ?? ''];
  if (!b || (ref.apiVersion ?? 'v1') !== 'v1') throw new StatusError(400, 'BadRequest', `cannot bind token to object of type ${ref.apiVersion ?? ''}, Kind=${ref.kind ?? ''}`);
  const o = c.get(b.resource, b.namespaced ? namespace : undefined, ref.name ?? '');
  if (!o) throw new StatusError(404, 'NotFound', `${b.resource} ${JSON.stringify(ref.name ?? '')} not found`);
  if (ref.kind === 'Pod' && (o.spec?.serviceAccountName || 'default') !== name) {
    throw new StatusError(400, 'BadRequest', `cannot bind token for serviceaccount ${JSON.stringify(name)} to pod running with different serviceaccount name.`);
  }
  const uid = o.metadata?.uid ?? '';
  if (ref.uid && ref.uid !== uid) {
    throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${ref.kind} ${JSON.stringify(ref.name)}: the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
  }
  const out: Record<string, { name: string; uid: string }> = { [b.claim]: { name: o.metadata!.name!, uid } };
  // a pod-bound token names the pod's node too (ServiceAccountTokenPodNodeInfo)
  const node = ref.kind === 'Pod' && o.spec?.nodeName ? c.get('nodes', undefined, o.spec.nodeName) : undefined;
  if (node) out.node = { name: node.metadata!.name!, uid: node.metadata?.uid ?? '' };
  return out;
}

/** A TokenRequest's token and its expiry (virtual time, ms); a bound object that is not there is the API server's StatusError. */
export function requestToken(c: Cluster, namespace: string, name: string, spec: TokenRequestSpec): { token: string; expires: number } | undefined {
  const uid = serviceAccountUid(c, namespace, name);
  if (uid === undefined) return undefined;
  const bound = spec.boundObjectRef ? boundClaims(c, namespace, name, spec.boundObjectRef) : {};
  const iat = Math.floor(c.now() / 1000);
  const exp = iat + (spec.expirationSeconds || 3600);
  const claims = {
    aud: spec.audiences?.length ? spec.audiences : [ISSUER], exp, iat, iss: ISSUER, jti: c.rng.uuid(),
    'kubernetes.io': { namespace, ...bound, serviceaccount: { name, uid } }, nbf: iat, sub: `system:serviceaccount:${namespace}:${name}`,
  };
  const token = `${b64url(JSON.stringify({ alg: 'RS256', kid: 'kubesim' }))}.${b64url(JSON.stringify(claims))}.${b64url(`kubesim-sa:${uid}`)}`;
  return { token, expires: exp * 1000 };
}

/** The service account a bearer token authenticates as, or undefined (not one of ours, expired, unbound). */
export function authenticateToken(c: Cluster, token: string): UserInfo | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  let claims: any;
  let sig: string;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    sig = Buffer.from(parts[2], 'base64url').toString('utf8');
  } catch {
    return undefined;
  }
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(claims?.sub ?? '');
  if (!m) return undefined;
  const [, namespace, name] = m;
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= c.now()) return undefined;
  if (sig.startsWith('kubesim-sa:')) {
    if (serviceAccountUid(c, namespace, name) !== sig.slice('kubesim-sa:'.length)) return undefined;
    // a bound token is valid while its object is (the same object: same uid)
    for (const [kind, b] of Object.entries(BOUND)) {
      const ref = claims['kubernetes.io']?.[b.claim];
      if (!ref || (kind === 'Node' && claims['kubernetes.io']?.pod)) continue;
      if (c.get(b.resource, b.namespaced ? namespace : undefined, ref.name)?.metadata?.uid !== ref.uid) return undefined;
    }
  } else if (sig.startsWith('kubesim:')) {
    // a pod's projected token: valid while the pod (by uid) runs as that account
    const podName = claims['kubernetes.io']?.pod?.name;
    const pod = typeof podName === 'string' ? c.get('pods', namespace, podName) : undefined;
    if (!pod || pod.metadata?.uid !== sig.slice('kubesim:'.length)) return undefined;
    if ((pod.spec?.serviceAccountName || 'default') !== name) return undefined;
  } else {
    return undefined;
  }
  return serviceAccountUser(namespace, name);
}
