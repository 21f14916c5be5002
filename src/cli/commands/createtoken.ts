// kubectl create token SERVICE_ACCOUNT: a TokenRequest answered by the API server's token maker
// (src/server/auth/tokens.ts), so `kubesim serve` and a pod's API accept it (cmd/create/create_token.go).
import { StatusError, UserError } from '../../api/errors.js';
import { withCluster } from '../../store/session.js';
import { stdio } from '../io.js';
import { flag as f, PRINT_FLAGS } from './createflags.js';
import { argvAfter, parseInvocation } from './creategen.js';

const BOUND_KINDS: Record<string, string> = { Node: 'v1', Pod: 'v1', Secret: 'v1' };

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
  const { requestToken } = await import('../../server/auth/tokens.js');
  await withCluster({ cluster: opts.cluster, write: false }, (s) => {
    const boundObjectRef = kind ? { kind, apiVersion: BOUND_KINDS[kind], name: boundName, uid: inv.str('bound-object-uid') || undefined } : undefined;
    let t: ReturnType<typeof requestToken>;
    try {
      t = requestToken(s.cluster, ns, name, { audiences: inv.arr('audience'), expirationSeconds: duration || undefined, boundObjectRef });
    } catch (e) {
      if (e instanceof StatusError) throw new UserError(`error: failed to create token: ${e.message}`);
      throw e;
    }
    if (!t) throw new UserError(`error: failed to create token: serviceaccounts ${JSON.stringify(name)} not found`);
    stdio.out(process.stdout.isTTY ? `${t.token}\n` : t.token);
  });
}
