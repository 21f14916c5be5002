// kubectl rollout status|history|undo|pause|resume|restart (TYPE NAME | TYPE/NAME | -l | -f | -k)
import { namespaceOf } from '../context.js';
import { RawError, UserError } from '../../api/errors.js';
import { kindPrefix, qualifiedResource, resourceByName, type ResourceInfo } from '../../api/resources.js';
import type { KObject } from '../../api/types.js';
import { parseRequest } from '../../kubectl/builder.js';
import { fetch, type Found } from '../../kubectl/query.js';
import { fetchFileTargets } from '../../kubectl/filetargets.js';
import { fileArgs } from '../manifests.js';
import { ROLLOUT_KINDS, type RolloutKind } from '../../kubectl/rollout.js';
import { updateObject } from '../../server/registry.js';
import { requireSchemeKind } from '../../kubectl/scheme.js';
import { withCluster, type Session } from '../../store/session.js';
import { rfc3339 } from '../../sim/clock.js';
import { stdio } from '../io.js';
import { dryRunOf } from '../dryrun.js';
import { opSuffix } from '../../kubectl/flags.js';
import { reportErrors } from '../errors.js';
import { parseObjectFormat, printStructured, type Format } from '../output.js';

export interface Target { info: ResourceInfo; obj: KObject; kind: RolloutKind }

/**
 * The objects named, each with its kind's rollout helpers. Kinds without them fail as kubectl's
 * helper lookups do; pause, resume and restart refuse per object instead (allowUnsupported).
 */
function targets(s: Session, args: string[], opts: any, verb: string, allowUnsupported = false): Target[] {
  const files = fileArgs(args, opts);
  const { found, errors }: { found: Found[]; errors: Error[] } = files
    ? fetchFileTargets(s.cluster, files, { namespace: namespaceOf(opts), explicitNs: !!opts.namespace })
    : fetch(s.cluster, parseRequest(args, `rollout ${verb}`), { namespace: namespaceOf(opts), selector: opts.selector });
  // the builder's Infos() fails on the files' missing objects before any is acted on: several as Go prints an aggregate
  if (errors.length) throw files && errors.length > 1 ? new RawError(`[${errors.map((e) => e.message).join(', ')}]`) : errors[0];
  const out: Target[] = [];
  for (const f of found) {
    for (const obj of f.objects) {
      requireSchemeKind(f.info, obj);
      const kind = ROLLOUT_KINDS[f.info.resource];
      if (!kind && !allowUnsupported) throw new UserError(`error: no ${verb === 'history' ? 'history viewer' : verb === 'undo' ? 'rollbacker' : verb + 'er'} has been implemented for {"${f.info.group}" "${f.info.kind}"}`);
      out.push({ info: f.info, obj, kind });
    }
  }
  return out;
}

function flagInt(v: string | undefined, flag: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!/^-?\d+$/.test(String(v))) throw new UserError(`error: invalid argument "${v}" for "--${flag}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`);
  return parseInt(String(v), 10);
}

export async function history(args: string[], opts: any): Promise<void> {
  const revision = flagInt(opts.revision, 'revision', 0);
  await withCluster({ cluster: opts.cluster, write: false }, async (s) => {
    const h = await import('../../printers/history.js');
    let out = '';
    let printed = 0;
    for (const t of targets(s, args, opts, 'history')) {
      const revs = t.kind.history(s.cluster, t.obj);
      if (opts.output) {
        // upstream prints each revision's object (a Deployment's ReplicaSet, a DaemonSet with the
        // revision's template) on its own, oldest first (no List); YAML separates them with `---`
        const { printStructured, parseFormat } = await import('../output.js');
        const fmt = parseFormat(opts);
        const picked = revision > 0 ? revs.filter((r) => r.revision === revision) : revs;
        if (revision > 0 && picked.length === 0) throw new UserError('error: unable to find the specified revision');
        for (const r of picked) {
          if (fmt.kind === 'yaml' && printed++ > 0) out += '---\n';
          const obj = r.object();
          out += await printStructured(fmt, [{ info: resourceByName(t.kind.historyResource), obj }], true);
        }
        continue;
      }
      if (revision > 0) {
        const r = revs.find((x) => x.revision === revision);
        if (!r) throw new UserError('error: unable to find the specified revision');
        out += h.printRevision(kindPrefix(t.info), t.obj.metadata!.name!, revision, r.template());
      } else {
        out += h.printHistoryTable(kindPrefix(t.info), t.obj.metadata!.name!, revs.map((r) => ({ revision: r.revision, changeCause: r.changeCause })));
      }
    }
    stdio.out(out);
  });
}

export async function undo(args: string[], opts: any): Promise<void> {
  const to = flagInt(opts.toRevision, 'to-revision', 0);
  const dryRun = dryRunOf(opts.dryRun);
  const dry = dryRun !== 'none';
  const { fmt, error: fmtError } = deferredFormat(opts);
  let failure: Error | undefined;
  await withCluster({ cluster: opts.cluster, write: !dry }, async (s) => {
    let out = '';
    for (const t of targets(s, args, opts, 'undo')) {
      const r = t.kind.rollback(s.cluster, t.obj, to, dryRun === 'client');
      const prefix = `${kindPrefix(t.info)}/${t.obj.metadata!.name}`;
      if (r.kind === 'rolled back' && !dry) updateObject(s.cluster, t.info, r.patched, { fieldManager: 'kubectl-rollout' });
      if (fmtError) { failure = fmtError; break; }
      // -o prints the object as the builder fetched it, before the rollback (kubectl's PrintObj(info.Object))
      if (fmt.kind !== 'table') { out += await printStructured(fmt, [{ info: t.info, obj: t.obj }], true); continue; }
      if (r.kind === 'dry-run') {
        const { describePodTemplate } = await import('../../printers/describe/index.js');
        // the StatefulSet and DaemonSet rollbackers' printPodTemplate says "will roll back to"; the Deployment's does not
        const will = t.info.resource === 'deployments' ? '' : 'will roll back to ';
        out += `${prefix} ${will}${describePodTemplate(r.template, true)} (dry run)\n`;
      } else if (r.kind === 'skipped') {
        out += `${prefix} skipped rollback (current template already matches revision ${r.revision})${opSuffix(dryRun)}\n`;
      } else {
        out += `${prefix} rolled back${opSuffix(dryRun)}\n`;
      }
    }
    stdio.out(out);
  });
  if (failure) throw failure;
}

/** pause, resume and restart print the patched object the server answered with (`-o`), or `kind/name <op>`. */
async function printPatched(fmt: Format, info: ResourceInfo, obj: KObject, op: string): Promise<string> {
  return fmt.kind === 'table' ? `${kindPrefix(info)}/${obj.metadata!.name} ${op}\n` : printStructured(fmt, [{ info, obj }], true);
}

/**
 * kubectl makes the printer after the patch: an -o it has no printer for fails once the first object is
 * patched. The format, or that error to raise after the session is saved.
 */
function deferredFormat(opts: any): { fmt: Format; error?: Error } {
  try {
    return { fmt: parseObjectFormat(opts) };
  } catch (e) {
    return { fmt: { kind: 'table' } as Format, error: e as Error };
  }
}

export async function pauseResume(verb: 'pause' | 'resume', args: string[], opts: any): Promise<void> {
  const { fmt, error: fmtError } = deferredFormat(opts);
  let failure: Error | undefined;
  await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    let out = '';
    const errs: Error[] = [];
    for (const t of targets(s, args, opts, verb, true)) {
      const refusal = !t.kind ? `${verb === 'pause' ? 'pausing' : 'resuming'} is not supported` : verb === 'pause' ? t.kind.pauseError : t.kind.resumeError;
      if (refusal) { errs.push(new UserError(`error: ${qualifiedResource(t.info)} "${t.obj.metadata!.name}" ${refusal}`)); continue; }
      const paused = !!t.obj.spec?.paused;
      if (verb === 'pause' && paused) { errs.push(new UserError(`error: deployments.apps "${t.obj.metadata!.name}" is already paused`)); continue; }
      if (verb === 'resume' && !paused) { errs.push(new UserError(`error: deployments.apps "${t.obj.metadata!.name}" is not paused`)); continue; }
      const o = JSON.parse(JSON.stringify(t.obj));
      if (verb === 'pause') o.spec.paused = true;
      else delete o.spec.paused;
      const stored = updateObject(s.cluster, t.info, o, { fieldManager: opts.fieldManager || 'kubectl-rollout' });
      if (fmtError) { failure = fmtError; break; }
      out += await printPatched(fmt, t.info, stored, `${verb}d`);
    }
    stdio.out(out);
    await reportErrors(errs);
  });
  if (failure) throw failure;
}

export async function restart(args: string[], opts: any): Promise<void> {
  const { fmt, error: fmtError } = deferredFormat(opts);
  let failure: Error | undefined;
  await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    let out = '';
    const errs: Error[] = [];
    for (const t of targets(s, args, opts, 'restart', true)) {
      if (!t.kind) { errs.push(new UserError(`error: ${qualifiedResource(t.info)} "${t.obj.metadata!.name}" restarting is not supported`)); continue; }
      if (t.info.resource === 'deployments' && t.obj.spec?.paused) { errs.push(new UserError(`error: ${qualifiedResource(t.info)} "${t.obj.metadata!.name}" can't restart paused deployment (run rollout resume first)`)); continue; }
      const o = JSON.parse(JSON.stringify(t.obj));
      o.spec.template.metadata = o.spec.template.metadata || {};
      o.spec.template.metadata.annotations = { ...(o.spec.template.metadata.annotations || {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(s.cluster.now()) };
      const stored = updateObject(s.cluster, t.info, o, { fieldManager: opts.fieldManager || 'kubectl-rollout' });
      if (fmtError) { failure = fmtError; break; }
      out += await printPatched(fmt, t.info, stored, 'restarted');
    }
    stdio.out(out);
    await reportErrors(errs);
  });
  if (failure) throw failure;
}

export async function status(args: string[], opts: any): Promise<void> {
  const w = await import('./rolloutstatus.js');
  await w.runStatus(args, opts, targets);
}
