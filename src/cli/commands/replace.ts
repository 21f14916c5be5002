// kubectl replace -f FILE: a PUT of each manifest (status kept by the update strategy), or with
// --force a delete then a create, as upstream's pkg/cmd/replace.
import { namespaceOf } from '../context.js';
import { namespaceFor } from '../../kubectl/apply.js';
import { StatusError, UserError } from '../../api/errors.js';
import { kindPrefix, qualifiedResource } from '../../api/resources.js';
import type { KObject } from '../../api/types.js';
import { checkFields, mapManifests, type ApplyResult, type ManifestObject } from '../../kubectl/apply.js';
import { parseValidate } from '../../kubectl/flags.js';
import { withLastApplied } from '../../kubectl/lastapplied.js';
import { createObject, updateObject } from '../../server/registry.js';
import { fromStorage } from '../../api/conversion.js';
import { withCluster } from '../../store/session.js';
import { dryRunOf } from '../dryrun.js';
import { loadFiles } from '../manifests.js';
import { parseObjectFormat } from '../output.js';
import { stdio } from '../io.js';
import { printResults } from './apply.js';

/** AddSourceToErr("replacing", source, err) */
function withSource(e: unknown, source: string): Error {
  if (e instanceof StatusError && !e.message.startsWith('error when')) return new StatusError(e.code, e.reason, `error when replacing "${source}": ${e.message}`);
  return e as Error;
}

/** The object as kubectl sends it: the manifest in its namespace, with --save-config's annotation. */
function outgoing(m: ManifestObject, clean: KObject, ns: string | undefined, saveConfig: boolean): KObject {
  if (saveConfig) return withLastApplied(clean, ns);
  const o = JSON.parse(JSON.stringify(clean));
  o.metadata = o.metadata || {};
  if (ns !== undefined) o.metadata.namespace = ns;
  return o;
}

export async function run(args: string[], opts: any): Promise<void> {
  const dryRun = dryRunOf(opts.dryRun);
  const fmt = parseObjectFormat(opts);
  const validate = parseValidate(opts.validate);
  const grace = opts.gracePeriod === undefined ? -1 : Number(opts.gracePeriod);
  if (grace >= 0 && !opts.force) throw new UserError('error: --grace-period must have --force specified');
  if (opts.timeout !== undefined && !opts.force) throw new UserError('error: --timeout must have --force specified');
  if (!opts.filename?.length && opts.kustomize === undefined) throw new UserError(`error: Must specify --filename to replace\nSee 'kubectl replace -h' for help and examples`);
  if (args.length && !opts.force) throw new UserError(`error: Unexpected args: [${args.join(' ')}]\nSee 'kubectl replace -h' for help and examples`);
  const files = loadFiles(opts.filename, !!opts.recursive, opts.kustomize);
  await withCluster({ cluster: opts.cluster, write: dryRun === 'none' || !!opts.force }, async (s) => {
    const manifests = mapManifests(files, opts.namespace);
    const res: ApplyResult = { results: [], warnings: [], errors: [] };
    if (opts.force) {
      // upstream's forceReplace ignores --dry-run: the delete and the create are real
      const { deleteWithPropagation } = await import('../../controllers/gc.js');
      const mgr = await s.manager();
      let out = '';
      for (const m of manifests) {
        const ns = namespaceFor(m, namespaceOf(opts), !!opts.namespace);
        const name = m.obj.metadata?.name || '';
        if (!s.cluster.get(m.info.storage, ns, name)) continue; // replace creates what is missing
        // kubesim: kubectl polls until the object is gone; the simulation removes it at once
        deleteWithPropagation(mgr.ctx, m.info.storage, ns, name, 'Background', { gracePeriodSeconds: 0 });
        out += fmt.kind === 'name' ? `${kindPrefix(m.info)}/${name}\n` : `${kindPrefix(m.info)} "${name}" deleted\n`;
      }
      stdio.out(out);
      for (const m of manifests) {
        const ns = namespaceFor(m, namespaceOf(opts), !!opts.namespace);
        try {
          const clean = checkFields(m, validate, 'creating', res.warnings);
          res.results.push({ info: m.info, obj: createObject(s.cluster, m.info, outgoing(m, clean, ns, !!opts.saveConfig), { ns, fieldManager: opts.fieldManager || 'kubectl-replace' }), op: 'replaced' });
        } catch (e) {
          res.errors.push(e as Error);
        }
      }
      if (!manifests.length) res.errors.push(new UserError('error: no objects passed to replace'));
      await printResults(res, fmt, dryRun);
      return;
    }
    for (const m of manifests) {
      try {
        const ns = namespaceFor(m, namespaceOf(opts), !!opts.namespace);
        const clean = checkFields(m, validate, 'replacing', res.warnings);
        const obj = outgoing(m, clean, ns, !!opts.saveConfig);
        if (dryRun === 'client') { res.results.push({ info: m.info, obj, op: 'replaced' }); continue; }
        const name = obj.metadata?.name || '';
        const stored = s.cluster.get(m.info.storage, ns, name);
        // Helper.Replace(overwrite=true): a manifest without a resourceVersion takes the live one
        if (!stored) throw new StatusError(404, 'NotFound', `${qualifiedResource(m.info)} "${name}" not found`);
        if (!obj.metadata!.resourceVersion) obj.metadata!.resourceVersion = fromStorage(m.info, stored).metadata?.resourceVersion;
        res.results.push({ info: m.info, obj: updateObject(s.cluster, m.info, obj, { dryRun: dryRun === 'server', fieldManager: opts.fieldManager || 'kubectl-replace' }), op: 'replaced' });
      } catch (e) {
        res.errors.push(withSource(e, m.source));
      }
    }
    await printResults(res, fmt, dryRun);
  });
}
