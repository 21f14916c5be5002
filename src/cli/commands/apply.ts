// kubectl apply -f
import { namespaceOf } from '../context.js';
import { UserError } from '../../api/errors.js';
import { kindPrefix } from '../../api/resources.js';
import { apply, mapManifests, type ApplyResult } from '../../kubectl/apply.js';
import { opSuffix, parseValidate, type DryRun } from '../../kubectl/flags.js';
import { dryRunOf } from '../dryrun.js';
import { withCluster } from '../../store/session.js';
import { loadFiles } from '../manifests.js';
import { parseObjectFormat, printStructured, type Format } from '../output.js';
import { stdio, warn } from '../io.js';
import { reportErrors } from '../errors.js';
import { RECORD_DEPRECATED, recordChangeCause } from '../record.js';
import type { Command } from 'commander';

export async function run(args: string[], opts: any, cmd: Command): Promise<void> {
  if (args.length) throw new UserError(`error: Unexpected args: [${args.join(' ')}]\nSee 'kubectl apply -h' for help and examples`);
  if (opts.record !== undefined) stdio.err(RECORD_DEPRECATED);
  const dryRun = dryRunOf(opts.dryRun);
  const validate = parseValidate(opts.validate);
  const fmt = parseObjectFormat(opts);
  const { validateServerSide, serverSideApplyAll } = await import('../../kubectl/serverside.js');
  validateServerSide({ serverSide: !!opts.serverSide, forceConflicts: !!opts.forceConflicts, dryRun, force: !!opts.force, prune: !!opts.prune });
  const files = loadFiles(opts.filename, !!opts.recursive);
  await withCluster({ cluster: opts.cluster, write: dryRun === 'none' }, async (s) => {
    const manifests = mapManifests(files, opts.namespace);
    if (!manifests.length) throw new UserError('error: no objects passed to apply');
    // upstream records into the manifest first, so the change-cause is also in last-applied
    for (const m of manifests) recordChangeCause(m.obj, opts, cmd);
    const o = { namespace: namespaceOf(opts), explicitNs: !!opts.namespace, dryRun, validate, fieldManager: opts.fieldManager };
    await printResults(opts.serverSide ? serverSideApplyAll(s.cluster, manifests, { ...o, force: !!opts.forceConflicts }) : apply(s.cluster, manifests, o), fmt, dryRun);
  });
}

/** What apply and create -f print: warnings, `KIND/NAME created|configured|unchanged` or -o, then errors. */
export async function printResults(res: ApplyResult, fmt: Format, dryRun: DryRun): Promise<void> {
  for (const w of res.warnings) warn(stdio, w);
  // object by object, as kubectl prints: a failing go-template then follows what came before
  for (const r of res.results) {
    if (fmt.kind === 'table') stdio.out(`${kindPrefix(r.info)}/${r.obj.metadata?.name} ${r.op}${opSuffix(dryRun)}\n`);
    else stdio.out(await printStructured(fmt, [{ info: r.info, obj: r.obj }], true));
  }
  await reportErrors(res.errors);
}
