// Service-account bearer tokens: the ones a pod reads at /var/run/secrets/kubernetes.io/serviceaccount/token
// (src/sim/shell/fs.ts mints them, bound to the pod) and the ones a TokenRequest
// (POST serviceaccounts/NAME/token, `kubectl create token`) returns, bound to the account. Both are
// JWT-shaped and unsigned; the "signature" names what the token is bound to, and a token is valid
// while that object exists (as the API server checks a bound token's pod or secret still exists).
import type { Cluster } from '../../store/cluster.js';
import type { UserInfo } from '../authorization/rbac.js';

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

export interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
}

/** A TokenRequest's token and its expiry (virtual time, ms). */
export function requestToken(c: Cluster, namespace: string, name: string, spec: TokenRequestSpec): { token: string; expires: number } | undefined {
  const uid = serviceAccountUid(c, namespace, name);
  if (uid === undefined) return undefined;
  const iat = Math.floor(c.now() / 1000);
  const exp = iat + (spec.expirationSeconds || 3600);
  const claims = {
    aud: spec.audiences?.length ? spec.audiences : [ISSUER], exp, iat, iss: ISSUER, jti: c.rng.uuid(),
    'kubernetes.io': { namespace, serviceaccount: { name, uid } }, nbf: iat, sub: `system:serviceaccount:${namespace}:${name}`,
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
