// The shared body of `label` and `annotate`: resolve objects, change a metadata map, update.
import type { KObject } from '../../api/types.js';
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
  const change = parseMapArgs(kvArgs, what);
  // --list shows the object's map (with the changes asked for applied, and not saved, as a client dry run)
  const list = opts.list === true;
  if (list && opts.output !== undefined) throw new UserError('error: --list and --output may not be specified together');
  if (opts.all && opts.selector) throw new UserError('error: cannot set --all and --selector at the same time');
  if (kvArgs.length === 0 && !list) throw new UserError(`error: at least one ${what} update is required`);
  if (opts.record !== undefined) stdio.err(RECORD_DEPRECATED);
  const fmt = parseObjectFormat(opts);
  const dryRun = dryRunOf(opts.dryRun);
  const dry = dryRun !== 'none' || list;
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
        // labelFunc says so of a label to remove that is not there (annotate does not)
        if (what === 'label' && !dry) {
          for (const k of change.remove) if (!(k in (obj.metadata[field] ?? {})) && !(k in change.set)) stdio.out(`label ${JSON.stringify(k)} not found.\n`);
        }
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
        if (list) {
          // one object named (IntoSingleItemImplied): its map alone; else each under a heading, indented
          const one = !files && !opts.selector && !opts.all && found.length === 1 && found[0].objects.length === 1 && parseRequest(resArgs, verb).targets.reduce((n, t) => n + t.names.length, 0) === 1;
          if (!one) stdio.out(`Listing ${field} for ${obj.kind}.${String(obj.apiVersion ?? '').includes('/') ? String(obj.apiVersion).split('/')[0] : ''}/${obj.metadata.name}:\n`);
          const entries = Object.entries((obj.metadata[field] ?? {}) as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
          for (const [k, v] of entries) stdio.out(`${one ? '' : ' '}${k}=${v}\n`);
          continue;
        }
        // object by object, as kubectl prints: a failing go-template's dump follows the earlier objects
        if (fmt.kind !== 'table') stdio.out(await printStructured(fmt, [{ info: f.info, obj: result }], true));
        else if (what === 'label') stdio.out(`${kindPrefix(f.info)}/${live.metadata!.name} ${labelChangeMsg(live, obj, changed || recorded, opts.overwrite === true)}${opSuffix(dryRun)}\n`);
        else stdio.out(`${kindPrefix(f.info)}/${live.metadata!.name} annotated${opSuffix(dryRun)}\n`);
      }
    }
    if (errors.length) {
      await (files ? reportAggregate(errors) : reportErrors(errors));
    }
  });
}

/**
 * label's updateDataChangeMsg: "not labeled" when nothing changed; "unlabeled" when the object's JSON got
 * shorter without --overwrite (a label removed), else "labeled".
 */
function labelChangeMsg(before: KObject, after: KObject, changed: boolean, overwrite: boolean): string {
  if (!changed) return 'not labeled';
  return !overwrite && JSON.stringify(after).length < JSON.stringify(before).length ? 'unlabeled' : 'labeled';
}
