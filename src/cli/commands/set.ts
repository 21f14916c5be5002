// kubectl set image | resources | env
import { namespaceOf } from '../context.js';
import { UserError } from '../../api/errors.js';
import { kindPrefix } from '../../api/resources.js';
import { parseRequest } from '../../kubectl/builder.js';
import { fetch } from '../../kubectl/query.js';
import { parseImageArgs, setEnv, setImages, setResources, setSelector, setServiceAccount } from '../../kubectl/set.js';
import { parseSelector } from '../../api/selectors.js';
import { updateObject } from '../../server/registry.js';
import { withCluster } from '../../store/session.js';
import { stdio } from '../io.js';
import { dryRunOf } from '../dryrun.js';
import { opSuffix } from '../../kubectl/flags.js';
import { RECORD_DEPRECATED, recordChangeCause } from '../record.js';
import type { Command } from 'commander';

function split(args: string[]): { res: string[]; rest: string[] } {
  // resource args first (TYPE NAME or TYPE/NAME ...), then KEY=VALUE arguments
  const i = args.findIndex((a) => a.includes('=') || (a.endsWith('-') && !a.includes('/')));
  return i < 0 ? { res: args, rest: [] } : { res: args.slice(0, i), rest: args.slice(i) };
}

type Sub = 'image' | 'resources' | 'env' | 'selector' | 'serviceaccount';

const UPDATED: Record<Sub, string> = {
  image: 'image updated', resources: 'resource requirements updated', env: 'env updated', selector: 'selector updated', serviceaccount: 'serviceaccount updated',
};

export async function run(sub: Sub, args: string[], opts: any, cmd: Command): Promise<void> {
  // set selector|serviceaccount: the last argument is the value, the ones before name the objects
  const last = sub === 'selector' || sub === 'serviceaccount';
  if (last && args.length === 0) throw new UserError(sub === 'selector' ? 'error: one selector is required' : 'error: serviceaccount is required');
  const { res, rest } = last ? { res: args.slice(0, -1), rest: args.slice(-1) } : split(args);
  if (res.length === 0) parseRequest(res, `set ${sub}`); // kubectl's no-resource error comes first
  if (sub === 'image' && rest.length === 0) throw new UserError(`error: at least one image update is required\nSee 'kubectl set image -h' for help and examples`);
  if (opts.record !== undefined) stdio.err(RECORD_DEPRECATED);
  const dryRun = dryRunOf(opts.dryRun);
  const dry = dryRun !== 'none';
  await withCluster({ cluster: opts.cluster, write: !dry }, (s) => {
    const req = parseRequest(res, `set ${sub}`);
    if (!req.targets.some((t) => t.names.length) && !opts.selector && !opts.all) throw new UserError('error: resource(s) were provided, but no name was specified');
    const { found, errors } = fetch(s.cluster, req, { namespace: namespaceOf(opts), selector: opts.selector });
    if (errors.length) throw errors[0];
    let out = '';
    for (const f of found) {
      for (const live of f.objects) {
        const o = JSON.parse(JSON.stringify(live));
        let changed: boolean;
        if (sub === 'image') changed = setImages(o, parseImageArgs(rest));
        else if (sub === 'resources') changed = setResources(o, opts.container, opts.limits, opts.requests);
        else if (sub === 'serviceaccount') changed = setServiceAccount(o, rest[0]);
        else if (sub === 'selector') changed = setSelector(o, rest[0], parseSelector);
        else changed = setEnv(o, opts.container, rest);
        if (!changed) continue; // kubectl sends no patch and prints nothing
        recordChangeCause(o, opts, cmd);
        if (!dry) updateObject(s.cluster, f.info, o, { fieldManager: opts.fieldManager || 'kubectl-set' });
        out += `${kindPrefix(f.info)}/${live.metadata!.name} ${UPDATED[sub]}${opSuffix(dryRun)}\n`;
      }
    }
    stdio.out(out);
  });
}
