// The shared body of `label` and `annotate`: resolve objects, change a metadata map, update.
import { namespaceOf } from '../context.js';
import { UserError } from '../../api/errors.js';
import { kindPrefix } from '../../api/resources.js';
import { parseRequest } from '../../kubectl/builder.js';
import { fetch, type Found } from '../../kubectl/query.js';
import { fetchFileTargets } from '../../kubectl/filetargets.js';
import { fileArgs } from '../manifests.js';
import { applyMapChange, parseMapArgs } from '../../kubectl/labels.js';
import { updateObject } from '../../server/registry.js';
import { withCluster } from '../../store/session.js';
import { parseObjectFormat, printStructured } from '../output.js';
import { stdio } from '../io.js';
import { dryRunOf } from '../dryrun.js';
import { opSuffix } from '../../kubectl/flags.js';
import { reportAggregate, reportErrors } from '../errors.js';
import { RECORD_DEPRECATED, recordChangeCause } from '../record.js';
import type { Command } from 'commander';

export async function runMetadataVerb(what: 'label' | 'annotation', args: string[], opts: any, cmd: Command): Promise<void> {
  const verb = what === 'label' ? 'label' : 'annotate';
  const field = what === 'label' ? 'labels' : 'annotations';
  // resource args come first; KEY=VALUE / KEY- after them
  const withFiles = !!opts.filename?.length || opts.kustomize !== undefined;
  // with -f/-k the first word may already be a change (`label -f pod.yaml app=web`)
  const firstKV = args.findIndex((a, i) => (i > 0 || withFiles) && (a.includes('=') || (a.endsWith('-') && !a.includes('/'))));
  const resArgs = firstKV < 0 ? args : args.slice(0, firstKV);
  const kvArgs = firstKV < 0 ? [] : args.slice(firstKV);
  if (resArgs.length === 0 && !withFiles) parseRequest(resArgs, verb); // the no-resource error comes first
  if (kvArgs.length === 0) throw new UserError(`error: at least one ${what} update is required`);
  const change = parseMapArgs(kvArgs, what);
  if (opts.record !== undefined) stdio.err(RECORD_DEPRECATED);
  const fmt = parseObjectFormat(opts);
  const dryRun = dryRunOf(opts.dryRun);
  const dry = dryRun !== 'none';
  const files = fileArgs(resArgs, opts);
  await withCluster({ cluster: opts.cluster, write: !dry }, async (s) => {
    let found: Found[];
    let errors: Error[];
    if (files) ({ found, errors } = fetchFileTargets(s.cluster, files, { namespace: namespaceOf(opts), explicitNs: !!opts.namespace }));
    else {
      const req = parseRequest(resArgs, verb);
      if ((opts.selector || opts.fieldSelector) && req.targets.some((t) => t.names.length)) throw new UserError('error: name cannot be provided when a selector is specified');
      if (!req.targets.some((t) => t.names.length) && !opts.selector && !opts.fieldSelector && !opts.all) {
        throw new UserError(`error: resource(s) were provided, but no name was specified`);
      }
      ({ found, errors } = fetch(s.cluster, req, { namespace: namespaceOf(opts), selector: opts.selector, fieldSelector: opts.fieldSelector }));
    }
    for (const f of found) {
      for (const live of f.objects) {
        const obj = JSON.parse(JSON.stringify(live));
        // upstream records before applying the user's change, which therefore wins
        const before = JSON.stringify(obj.metadata.annotations);
        recordChangeCause(obj, opts, cmd);
        const recorded = before !== JSON.stringify(obj.metadata.annotations);
        let mapChange;
        try {
          mapChange = applyMapChange(obj.metadata[field], change, opts.overwrite === true, what);
        } catch (e) {
          // the builder's visitor goes on past an object it cannot change when files name the objects
          if (!files || !(e instanceof UserError)) throw e;
          errors.push(e);
          continue;
        }
        const { map, changed } = mapChange;
        if (map) obj.metadata[field] = map;
        else delete obj.metadata[field];
        let result = obj;
        if ((changed || recorded) && !dry) result = updateObject(s.cluster, f.info, obj, { fieldManager: opts.fieldManager || `kubectl-${what}` });
        // object by object, as kubectl prints: a failing go-template's dump follows the earlier objects
        if (fmt.kind !== 'table') stdio.out(await printStructured(fmt, [{ info: f.info, obj: result }], true));
        else if (what === 'label' && !changed) stdio.out(`${kindPrefix(f.info)}/${live.metadata!.name} not labeled${opSuffix(dryRun)}\n`);
        else stdio.out(`${kindPrefix(f.info)}/${live.metadata!.name} ${what === 'label' ? 'labeled' : 'annotated'}${opSuffix(dryRun)}\n`);
      }
    }
    if (errors.length) {
      await (files ? reportAggregate(errors) : reportErrors(errors));
    }
  });
}
