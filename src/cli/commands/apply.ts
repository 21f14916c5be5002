// kubectl apply -f
import { namespaceOf } from '../context.js';
import { UserError } from '../../api/errors.js';
import { kindPrefix } from '../../api/resources.js';
import { apply, filterBySelector, mapManifests, type ApplyResult } from '../../kubectl/apply.js';
import type { KObject } from '../../api/types.js';
import { klogLine } from '../klog.js';
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
  const prune = !!opts.prune;
  // ApplyFlags.ToOptions parses the allowlist (with --prune only) before Validate runs
  const pruneResources = prune && opts.pruneAllowlist?.length ? (await import('../../kubectl/prune.js')).parsePruneAllowlist(opts.pruneAllowlist) : [];
  const { validateServerSide, validateForce, serverSideApplyAll } = await import('../../kubectl/serverside.js');
  validateServerSide({ serverSide: !!opts.serverSide, forceConflicts: !!opts.forceConflicts, dryRun, force: !!opts.force, prune });
  validateForce({ dryRun, force: !!opts.force });
  if (opts.all && opts.selector) throw new UserError('error: cannot set --all and --selector at the same time');
  if (opts.subresource !== undefined && !opts.serverSide) throw new UserError('error: --subresource can only be specified for --server-side');
  if (prune) {
    if (opts.force) throw new UserError('error: --force cannot be used with --prune');
    if (!opts.all && !opts.selector) throw new UserError('error: all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector');
    if (opts.serverSide) throw new UserError("error: --prune is in alpha and doesn't currently work on objects created by server-side apply");
  }
  const files = loadFiles(opts.filename, !!opts.recursive, opts.kustomize);
  await withCluster({ cluster: opts.cluster, write: dryRun === 'none' }, async (s) => {
    const manifests = filterBySelector(mapManifests(files, opts.namespace), opts.selector);
    if (!manifests.length) throw new UserError('error: no objects passed to apply');
    // upstream records into the manifest first, so the change-cause is also in last-applied
    for (const m of manifests) recordChangeCause(m.obj, opts, cmd);
    const o = { namespace: namespaceOf(opts), explicitNs: !!opts.namespace, dryRun, validate, fieldManager: opts.fieldManager };
    // --force: kubesim removes the refused object at once (kubectl deletes it and polls until it is gone)
    const mgr0 = opts.force && dryRun === 'none' ? await s.manager() : undefined;
    const { deleteWithPropagation: del } = opts.force ? await import('../../controllers/gc.js') : { deleteWithPropagation: undefined };
    const recreate = mgr0 && del ? (info: { resource: string }, ns: string | undefined, name: string) => del(mgr0.ctx, info.resource, ns, name, 'Background', { gracePeriodSeconds: 0 }) : undefined;
    const res = opts.serverSide ? serverSideApplyAll(s.cluster, manifests, { ...o, force: !!opts.forceConflicts }) : apply(s.cluster, manifests, { ...o, recreate });
    await printApplied(res, fmt, dryRun);
    // PrintAndPrunePostProcessor runs only when every object applied
    if (!prune || res.errors.length) return;
    const { pruneAll, PRUNE_NAMESPACE_DEPRECATION } = await import('../../kubectl/prune.js');
    if (!pruneResources.length) stdio.err(klogLine('W', PRUNE_NAMESPACE_DEPRECATION, 'prune.go:71'));
    // MarkNamespaceVisited: -n first, then every namespaced object's namespace
    const namespaces = new Set<string>();
    if (opts.namespace) namespaces.add(o.namespace);
    for (const m of manifests) if (m.info.namespaced) namespaces.add(m.obj.metadata?.namespace || o.namespace);
    const visitedUids = new Set(res.results.map((r) => r.obj.metadata?.uid).filter((u): u is string => !!u));
    const mgr = dryRun === 'none' ? await s.manager() : undefined;
    const { deleteWithPropagation } = await import('../../controllers/gc.js');
    const { admitDelete } = await import('../../server/namespace.js');
    const pruned: { info: any; obj: KObject }[] = [];
    let failure: Error | undefined;
    try {
      pruneAll(s.cluster, { resources: pruneResources, namespaces, visitedUids, selector: opts.selector }, (p) => {
        // the API server's admission runs for a server dry run too
        if (dryRun !== 'client') admitDelete(p.info, p.obj.metadata!.name!);
        if (mgr) deleteWithPropagation(mgr.ctx, p.info.storage, p.obj.metadata?.namespace, p.obj.metadata!.name!, 'Background');
        pruned.push(p);
      });
    } catch (e) {
      failure = e as Error; // what was pruned before stays pruned (and is saved and printed)
    }
    for (const p of pruned) {
      if (fmt.kind === 'table') stdio.out(`${kindPrefix(p.info)}/${p.obj.metadata?.name} pruned${opSuffix(dryRun)}\n`);
      else stdio.out(await printStructured(fmt, [p], true));
    }
    if (failure) await reportErrors([failure]);
  });
}

/**
 * What apply prints: warnings, then `KIND/NAME created|configured|unchanged` per object (or its name
 * with -o name); any other -o prints every object once all applied, as one List when there are
 * several (ApplyOptions.printObjects), and nothing when one failed.
 */
async function printApplied(res: ApplyResult, fmt: Format, dryRun: DryRun): Promise<void> {
  if (fmt.kind === 'table' || fmt.kind === 'name') return printResults(res, fmt, dryRun);
  for (const w of res.warnings) warn(stdio, w);
  if (!res.errors.length && res.results.length) {
    const r0 = res.results[0];
    const subject = res.results.length === 1 ? r0 : { info: r0.info, obj: { apiVersion: 'v1', items: res.results.map((r) => r.obj), kind: 'List', metadata: {} } as KObject };
    stdio.out(await printStructured(fmt, [subject], true));
  }
  await reportErrors(res.errors);
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
