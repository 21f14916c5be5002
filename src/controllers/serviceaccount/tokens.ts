// Port of pkg/controller/serviceaccount/tokens_controller.go for the Secrets users still create by hand
// (type kubernetes.io/service-account-token with the kubernetes.io/service-account.name annotation; v1.24+
// no longer makes them for every account): the controller fills in token, ca.crt and namespace and the
// account's uid annotation, and deletes a token Secret whose account does not exist (or is another one of
// the same name), and an account's token Secrets when the account goes.
import type { KObject } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import { copy, splitKey } from '../podutil.js';

const name = 'serviceaccount-tokens';

export const SecretTypeServiceAccountToken = 'kubernetes.io/service-account-token';
const AnnName = 'kubernetes.io/service-account.name';
const AnnUID = 'kubernetes.io/service-account.uid';

const isToken = (s: KObject) => (s as any).type === SecretTypeServiceAccountToken;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');

/**
 * The legacy token's JWT (serviceaccount.LegacyClaims). kubesim signs nothing: the "signature" names the
 * account's uid, as src/server/auth/tokens.ts accepts it while that account exists.
 */
function legacyToken(ns: string, secret: string, sa: string, uid: string): string {
  const claims = {
    iss: 'kubernetes/serviceaccount',
    'kubernetes.io/serviceaccount/namespace': ns,
    'kubernetes.io/serviceaccount/secret.name': secret,
    'kubernetes.io/serviceaccount/service-account.name': sa,
    'kubernetes.io/serviceaccount/service-account.uid': uid,
    sub: `system:serviceaccount:${ns}:${sa}`,
  };
  return `${b64url(JSON.stringify({ alg: 'RS256', kid: 'kubesim' }))}.${b64url(JSON.stringify(claims))}.${b64url(`kubesim-sa:${uid}`)}`;
}

function syncSecret(ctx: ControllerContext, key: string): void {
  const [ns, n] = splitKey(key);
  const secret = ctx.cluster.get('secrets', ns, n!);
  if (!secret || !isToken(secret) || secret.metadata?.deletionTimestamp) return;
  const saName: string = secret.metadata?.annotations?.[AnnName] ?? '';
  const sa = ctx.cluster.get('serviceaccounts', ns, saName);
  const wantUid: string | undefined = secret.metadata?.annotations?.[AnnUID];
  // (the serviceaccounts controller is about to make `default`: its creation requeues this Secret)
  if (!sa && saName === 'default' && ctx.cluster.get('namespaces', undefined, ns!)?.status?.phase === 'Active') return;
  if (!sa || (wantUid && wantUid !== sa.metadata?.uid)) {
    // the account is gone (or was re-created): its token is deleted
    ctx.cluster.remove('secrets', ns, n!);
    return;
  }
  const data: Record<string, string> = (secret as any).data ?? {};
  if (wantUid && data.token && data['ca.crt'] && data.namespace) return;
  // generateTokenIfNeeded: the CA bundle, the namespace and a token for the account
  const upd: any = copy(secret);
  upd.metadata.annotations = { ...(upd.metadata.annotations ?? {}), [AnnUID]: sa.metadata!.uid };
  const ca: string | undefined = ctx.cluster.get('configmaps', ns, 'kube-root-ca.crt')?.data?.['ca.crt'];
  upd.data = { ...data };
  if (ca !== undefined && !upd.data['ca.crt']) upd.data['ca.crt'] = b64(ca);
  upd.data.namespace = b64(ns!);
  if (!upd.data.token) upd.data.token = b64(legacyToken(ns!, n!, saName, sa.metadata!.uid!));
  ctx.cluster.update('secrets', upd);
}

export const serviceAccountTokensController: ControllerModule = {
  name,
  watch: {
    secrets(type, s, _old, q) {
      if (type !== 'DELETED' && isToken(s)) q.add(name, objectKey(s));
    },
    // an account that goes (or comes) decides its token Secrets' fate
    serviceaccounts(_type, sa, _old, q, ctx) {
      for (const s of ctx.cluster.list('secrets', sa.metadata!.namespace)) {
        if (isToken(s) && s.metadata?.annotations?.[AnnName] === sa.metadata!.name) q.add(name, objectKey(s));
      }
    },
  },
  start(ctx, q) {
    for (const s of ctx.cluster.list('secrets')) if (isToken(s)) q.add(name, objectKey(s));
  },
  sync: syncSecret,
};
