// kubectl create token SERVICE_ACCOUNT: a TokenRequest answered by the simulated API server with a
// plausible (unsigned) JWT (cmd/create/create_token.go).
import { UserError } from '../../api/errors.js';
import { withCluster } from '../../store/session.js';
import { stdio } from '../io.js';
import { flag as f, PRINT_FLAGS } from './createflags.js';
import { argvAfter, parseInvocation } from './creategen.js';

const BOUND_KINDS: Record<string, string> = { Node: 'v1', Pod: 'v1', Secret: 'v1' };

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

export async function run(opts: any): Promise<void> {
  const inv = parseInvocation({
    path: 'kubectl create token', usage: 'kubectl create token SERVICE_ACCOUNT_NAME',
    summary: 'Ask the API server for a bound service account token (a JWT; kubesim signs nothing).',
    flags: [...PRINT_FLAGS, f('audience', 'stringArray', []), f('duration', 'duration', 0), f('bound-object-kind', 'string', ''), f('bound-object-name', 'string', ''), f('bound-object-uid', 'string', '')],
  }, argvAfter([['create'], ['token']]), opts);
  const name = inv.name();
  const duration = inv.num('duration');
  if (duration < 0) throw new UserError('error: --duration must be greater than or equal to 0');
  if (!Number.isInteger(duration)) throw new UserError('error: --duration cannot be expressed in units less than seconds');
  for (const a of inv.arr('audience')) if (!a) throw new UserError('error: --audience must not be an empty string');
  const kind = inv.str('bound-object-kind');
  const boundName = inv.str('bound-object-name');
  if (!kind) {
    if (boundName) throw new UserError('error: --bound-object-name can only be set if --bound-object-kind is provided');
    if (inv.str('bound-object-uid')) throw new UserError('error: --bound-object-uid can only be set if --bound-object-kind is provided');
  } else {
    if (!BOUND_KINDS[kind]) throw new UserError(`error: supported --bound-object-kind values are ${Object.keys(BOUND_KINDS).join(', ')}`);
    if (!boundName) throw new UserError('error: --bound-object-name is required if --bound-object-kind is provided');
  }
  const ns = inv.namespace;
  await withCluster({ cluster: opts.cluster, write: false }, async (s) => {
    // kubesim: the serviceaccount controller's `default` account of every namespace may not be stored
    const sa = s.cluster.get('serviceaccounts', ns, name) ?? (name === 'default' && s.cluster.get('namespaces', undefined, ns) ? { metadata: { uid: s.cluster.rng.uuid() } } : undefined);
    if (!sa) throw new UserError(`error: failed to create token: serviceaccounts ${JSON.stringify(name)} not found`);
    const iat = Math.floor(s.cluster.now() / 1000);
    const exp = iat + (duration || 3600);
    const audiences = inv.arr('audience').length ? inv.arr('audience') : ['https://kubernetes.default.svc.cluster.local'];
    const claims: Record<string, unknown> = {
      aud: audiences, exp, iat, iss: 'https://kubernetes.default.svc.cluster.local', jti: s.cluster.rng.uuid(),
      'kubernetes.io': { namespace: ns, serviceaccount: { name, uid: sa.metadata?.uid } }, nbf: iat, sub: `system:serviceaccount:${ns}:${name}`,
    };
    const header = { alg: 'RS256', kid: b64url(Buffer.from(s.cluster.rng.string(32))).slice(0, 43) };
    const sig = Buffer.alloc(256);
    for (let i = 0; i < sig.length; i += 4) sig.writeUInt32LE(s.cluster.rng.next(), i);
    const token = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${b64url(sig)}`;
    stdio.out(process.stdout.isTTY ? `${token}\n` : token);
  });
}
