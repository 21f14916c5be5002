// kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N- (pkg/cmd/taint); parsing and merging in src/kubectl/taint.ts.
import { StatusError, UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { matches, parseSelector } from '../../api/selectors.js';
import { resolveType } from '../../kubectl/builder.js';
import { conflictingTaints, existingTaints, parseTaints, reorganizeTaints, storedTaint, TaintSpecError } from '../../kubectl/taint.js';
import { withCluster } from '../../store/session.js';
import { copy } from '../../controllers/podutil.js';
import { dryRunOf } from '../dryrun.js';
import { stdio } from '../io.js';
import { reportErrors } from '../errors.js';
import { parseObjectFormat, printStructured } from '../output.js';
import { resourceByName } from '../../api/resources.js';

const SEE = "\nSee 'kubectl taint -h' for help and examples";

export async function run(args: string[], opts: any): Promise<void> {
  const dryRun = dryRunOf(opts.dryRun);
  const fmt = parseObjectFormat(opts);
  const resources: string[] = [];
  const taintArgs: string[] = [];
  let met = false;
  for (const s of args) {
    const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
    if (isTaint) { met = true; taintArgs.push(s); } else if (!met) resources.push(s);
    else throw new UserError(`error: all resources must be specified before taint changes: ${s}`);
  }
  if (resources.length < 1) throw new UserError('error: one or more resources must be specified as <resource> <name>');
  if (taintArgs.length < 1) throw new UserError('error: at least one taint update is required');
  let add, remove;
  try {
    ({ add, remove } = parseTaints(taintArgs));
  } catch (e) {
    if (e instanceof TaintSpecError) throw new UserError(`error: ${e.message}${SEE}`);
    throw e;
  }
  // Validate
  const info = resolveType(resources[0].toLowerCase());
  if (info.kind !== 'Node') throw new UserError(`error: invalid resource type ${resources[0].toLowerCase()}, only node types are supported`);
  const conflicts = conflictingTaints(add, remove);
  if (conflicts.length) throw new UserError(`error: can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  if (opts.all && opts.selector) throw new UserError("error: setting 'all' parameter with a non empty selector is prohibited");
  if (!opts.all && !opts.selector && resources.length < 2) throw new UserError("error: at least one resource name must be specified since 'all' parameter is not set");

  await withCluster({ cluster: opts.cluster, write: dryRun === 'none' }, async (s) => {
    const c = s.cluster;
    let nodes: KObject[];
    const errors: Error[] = [];
    if (opts.all || opts.selector) {
      const sel = parseSelector(opts.selector ?? '');
      nodes = c.list('nodes').filter((n) => matches(sel, n.metadata?.labels || {}));
    } else {
      nodes = [];
      for (const n of resources.slice(1)) {
        const o = c.get('nodes', undefined, n);
        if (o) nodes.push(o);
        else errors.push(new StatusError(404, 'NotFound', `nodes "${n}" not found`));
      }
    }
    let out = '';
    // the builder visits with ContinueOnError: the first failing node ends the visit
    for (const node of nodes) {
      const old = node.spec?.taints || [];
      if (!opts.overwrite) {
        const exists = existingTaints(old, add);
        if (exists) { errors.push(new UserError(`error: node ${node.metadata!.name} already has ${exists} taint(s) with same effect(s) and --overwrite is false`)); break; }
      }
      const r = reorganizeTaints(old, !!opts.overwrite, add, remove);
      if (r.errors.length) {
        errors.push(new UserError(`error: ${r.errors.length === 1 ? r.errors[0] : `[${r.errors.join(', ')}]`}`));
        break;
      }
      const upd = copy(node);
      upd.spec = upd.spec || {};
      if (r.taints.length) upd.spec.taints = r.taints.map(storedTaint);
      else delete upd.spec.taints;
      const result = dryRun === 'none' ? c.update('nodes', upd) : upd;
      if (fmt.kind !== 'table') { out += await printStructured(fmt, [{ info: resourceByName('nodes'), obj: result }], true); continue; }
      out += `node/${node.metadata!.name} ${r.operation}${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`;
    }
    stdio.out(out);
    if (errors.length) await reportErrors(errors);
  });
}
