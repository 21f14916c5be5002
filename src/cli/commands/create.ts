// kubectl create -f FILE (the generators, `create deployment|configmap|...`, are creategenrun.ts)
import { namespaceOf } from '../context.js';
import { UserError } from '../../api/errors.js';
import { parseValidate } from '../../kubectl/flags.js';
import { dryRunOf } from '../dryrun.js';
import { withCluster } from '../../store/session.js';
import { parseObjectFormat } from '../output.js';
import { stdio } from '../io.js';
import { RECORD_DEPRECATED, recordChangeCause } from '../record.js';
import type { Command } from 'commander';

export async function run(args: string[], opts: any, cmd: Command): Promise<void> {
  const dryRun = dryRunOf(opts.dryRun);
  const fmt = parseObjectFormat(opts);
  // a word that is no generator: create's own ValidateArgs
  if (args.length) throw new UserError(`error: Unexpected args: [${args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  if (opts.record !== undefined) stdio.err(RECORD_DEPRECATED);
  if (opts.edit) return (await import('./createedit.js')).run(args, opts, cmd);
  const validate = parseValidate(opts.validate);
  const { loadFiles } = await import('../manifests.js');
  const { createAll, filterBySelector, mapManifests } = await import('../../kubectl/apply.js');
  const files = loadFiles(opts.filename, !!opts.recursive, opts.kustomize);
  await withCluster({ cluster: opts.cluster, write: dryRun === 'none' }, async (s) => {
    const manifests = filterBySelector(mapManifests(files, opts.namespace), opts.selector);
    if (!manifests.length) throw new UserError('error: no objects passed to create');
    for (const m of manifests) recordChangeCause(m.obj, opts, cmd);
    const { printResults } = await import('./apply.js');
    await printResults(createAll(s.cluster, manifests, { namespace: namespaceOf(opts), explicitNs: !!opts.namespace, dryRun, validate, fieldManager: opts.fieldManager }), fmt, dryRun);
  });
}
