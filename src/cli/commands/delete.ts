// kubectl delete (TYPE NAME... | TYPE/NAME | -f FILE | -l SELECTOR | --all)
import { namespaceOf } from '../context.js';
import { StatusError, UserError } from '../../api/errors.js';
import { kindPrefix, qualifiedResource, type ResourceInfo } from '../../api/resources.js';
import { parseRequest } from '../../kubectl/builder.js';
import { fetch } from '../../kubectl/query.js';
import { mapManifests } from '../../kubectl/apply.js';
import { withCluster } from '../../store/session.js';
import { loadFiles } from '../manifests.js';
import { stdio } from '../io.js';
import { sleep } from '../sleep.js';
import { handBack } from '../resident/handback.js';
import { reportErrors } from '../errors.js';
import { dryRunOf } from '../dryrun.js';
import { opSuffix } from '../../kubectl/flags.js';
import { admitDelete } from '../../server/namespace.js';
import { parseGoDuration, wallNow } from '../../sim/clock.js';
import type { Cluster } from '../../store/cluster.js';

type Propagation = 'Background' | 'Foreground' | 'Orphan';

function cascade(v: string | boolean | undefined): Propagation {
  if (v === undefined || v === true || v === 'background' || v === 'true') return 'Background';
  if (v === 'orphan' || v === false || v === 'false') return 'Orphan';
  if (v === 'foreground') return 'Foreground';
  throw new UserError(`error: invalid cascade value (${v}). Must be "background", "foreground", or "orphan".`);
}

const FORCE_WARNING = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

/** DeleteOptions.Complete: --now is --grace-period=1, a bare 0 becomes 1 unless --force, --force alone is 0. */
export function gracePeriodOf(opts: { gracePeriod?: string; now?: boolean; force?: boolean }): number {
  let grace = opts.gracePeriod === undefined ? -1 : Number(opts.gracePeriod);
  if (!Number.isInteger(grace)) throw new UserError(`error: invalid argument "${opts.gracePeriod}" for "--grace-period" flag: strconv.ParseInt: parsing ${JSON.stringify(opts.gracePeriod)}: invalid syntax\nSee 'kubectl delete --help' for usage.`);
  if (opts.now) {
    if (grace !== -1) throw new UserError('error: --now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !opts.force) grace = 1;
  if (opts.force && grace < 0) grace = 0;
  return grace;
}

export async function run(args: string[], opts: any): Promise<void> {
  // pflag parses --timeout before the command runs; 0 (the default) waits a week (kubectl's effectiveTimeout)
  let waitLimit = WAIT_LIMIT_MS;
  if (opts.timeout !== undefined) {
    const t = parseGoDuration(String(opts.timeout));
    if (t === undefined) {
      throw new UserError(`Error: invalid argument "${opts.timeout}" for "--timeout" flag: time: invalid duration "${opts.timeout}"\nSee 'kubectl delete --help' for usage.`);
    }
    if (t > 0) waitLimit = t;
  }
  const prop = cascade(opts.cascade);
  const grace = gracePeriodOf(opts);
  const wait = opts.wait !== false;
  const ns = namespaceOf(opts);
  const dryRun = dryRunOf(opts.dryRun);
  const dry = dryRun !== 'none';
  const suffix = opSuffix(dryRun);
  if (grace === 0 && opts.force) stdio.err(FORCE_WARNING);
  const operation = grace === 0 ? 'force deleted' : 'deleted';
  const gone: Gone[] = [];
  let timedOut: Gone | undefined;
  // --interactive: the objects are listed and confirmed first (outside the lock: the user may take their time), and
  // only those are deleted
  let confirmed: Set<string> | undefined;
  if (opts.interactive) {
    const preview = await withCluster({ cluster: opts.cluster, write: false }, (s) => deleteTargets(s.cluster, args, opts, ns));
    if (preview.errors.length && !opts.ignoreNotFound) return reportErrors(preview.errors);
    if (!preview.targets.length) return stdio.out('No resources found\n');
    if (!(await confirmation(preview.targets))) return stdio.out('deletion is cancelled\n');
    confirmed = new Set(preview.targets.map(targetKey));
  }
  const realtimeWait = await withCluster({ cluster: opts.cluster, write: !dry }, async (s) => {
    // (before anything changes: the resident process does not wait on the wall clock, its client will)
    if (wait && !dry && s.cluster.state.clock.mode !== 'manual') handBack('it waits on the wall clock for the objects to go');
    const { deleteWithPropagation } = await import('../../controllers/gc.js');
    const mgr = await s.manager();
    const { targets: all, errors } = deleteTargets(s.cluster, args, opts, ns);
    const targets = confirmed ? all.filter((t) => confirmed!.has(targetKey(t))) : all;
    let out = '';
    let found = 0;
    for (const t of targets) {
      const o = s.cluster.get(t.info.storage, t.ns, t.name);
      found++;
      if (!o) {
        if (opts.ignoreNotFound) continue;
        const msg = `${qualifiedResource(t.info)} "${t.name}" not found`;
        errors.push(new StatusError(404, 'NotFound', t.source ? `error when deleting "${t.source}": ${msg}` : msg));
        continue;
      }
      try {
        // admission runs on the server: a client dry run never gets there
        if (dryRun !== 'client') admitDelete(t.info, t.name);
      } catch (e) {
        const se = e as StatusError;
        errors.push(t.source ? new StatusError(se.code, se.reason, `error when deleting "${t.source}": ${se.message}`) : se);
        continue;
      }
      if (!dry) {
        deleteWithPropagation(mgr.ctx, t.info.storage, t.ns, t.name, prop, grace >= 0 ? { gracePeriodSeconds: grace } : {});
        gone.push({ resource: t.info.resource, ns: t.ns, name: t.name, uid: o.metadata!.uid! });
      }
      out += opts.output === 'name' ? `${kindPrefix(t.info)}/${t.name}\n` : `${kindPrefix(t.info)} "${t.name}" ${operation}${suffix}\n`;
    }
    // DeleteResult: nothing visited (a selector or --all that matched nothing)
    if (!found) out = 'No resources found\n';
    stdio.out(out);
    if (errors.length && !opts.ignoreNotFound) {
      await reportErrors(errors);
    }
    if (!wait || !gone.length) return false;
    // --wait (the default): the command returns once the objects are gone; manual mode fast-forwards through
    // the grace periods (kubesim), realtime mode polls the live cluster below
    if (s.cluster.state.clock.mode !== 'manual') return true;
    const c = s.cluster;
    await s.advance(c.now() + waitLimit, () => allGone(c, gone));
    // the deletions stand (the session saves them); the timeout is reported after
    timedOut = stillThere(c, gone);
    return false;
  });
  if (timedOut) throw timedOutError(timedOut);
  if (realtimeWait) {
    const deadline = wallNow() + waitLimit;
    while (wallNow() < deadline) {
      if (await withCluster({ cluster: opts.cluster, write: true }, (s) => allGone(s.cluster, gone))) return;
      await sleep(100);
    }
    const left = await withCluster({ cluster: opts.cluster, write: false }, (s) => stillThere(s.cluster, gone));
    if (left) throw timedOutError(left);
  }
}

interface DeleteTarget { info: ResourceInfo; ns: string | undefined; name: string; source?: string }
const targetKey = (t: DeleteTarget) => `${t.info.group}/${t.info.resource}/${t.ns ?? ''}/${t.name}`;

/** What the builder visits: the objects the files name, or those the arguments and selectors find. */
function deleteTargets(cluster: Cluster, args: string[], opts: any, ns: string): { targets: DeleteTarget[]; errors: Error[] } {
  const targets: DeleteTarget[] = [];
  const errors: Error[] = [];
  if (opts.filename || opts.kustomize !== undefined) {
    if (args.length) throw new UserError(`error: Unexpected args: [${args.join(' ')}]\nSee 'kubectl delete -h' for help and examples`);
    for (const m of mapManifests(loadFiles(opts.filename, !!opts.recursive, opts.kustomize), opts.namespace)) {
      targets.push({ info: m.info, ns: m.info.namespaced ? m.obj.metadata?.namespace || ns : undefined, name: m.obj.metadata?.name || '', source: m.source });
    }
    return { targets, errors };
  }
  const req = parseRequest(args, 'delete');
  const byName = req.targets.some((t) => t.names.length);
  if (!byName && !opts.selector && !opts.fieldSelector && !opts.all) {
    throw new UserError(`error: resource(s) were provided, but no name was specified`);
  }
  const scope = { namespace: ns, selector: opts.selector, fieldSelector: opts.fieldSelector, allNamespaces: !!opts.allNamespaces };
  for (const t of req.targets) {
    // a name is visited as given (the builder does not fetch it first: a missing one fails at its DELETE)
    if (t.names.length && opts.selector === undefined && opts.fieldSelector === undefined) {
      for (const name of t.names) targets.push({ info: t.info, ns: t.info.namespaced ? ns : undefined, name });
      continue;
    }
    const { found, errors: nf } = fetch(cluster, { ...req, targets: [t] }, scope);
    errors.push(...nf);
    for (const f of found) for (const o of f.objects) targets.push({ info: f.info, ns: o.metadata?.namespace, name: o.metadata!.name! });
  }
  return { targets, errors };
}

/** DeleteOptions.confirmation: the list, the question, and one word read from stdin (y or Y goes on). */
async function confirmation(targets: DeleteTarget[]): Promise<boolean> {
  let text = `You are about to delete the following ${targets.length} resource(s):\n`;
  for (const t of targets) text += `${t.info.group ? `${t.info.kind.toLowerCase()}.${t.info.group}` : t.info.kind.toLowerCase()}/${t.name}\n`;
  stdio.out(text + 'Do you want to continue? (y/n): ');
  const word = await readWord(process.stdin);
  return word !== undefined && word.toLowerCase() === 'y';
}

/** fmt.Fscan of one string: the first whitespace-separated word, undefined at end of input. */
function readWord(input: NodeJS.ReadableStream): Promise<string | undefined> {
  return new Promise((resolve) => {
    let word = '';
    const done = (w: string | undefined) => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      (input as any).pause?.();
      resolve(w);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (/\s/.test(ch)) { if (word) return done(word); } else word += ch;
      }
    };
    const onEnd = () => done(word || undefined);
    input.on('data', onData);
    input.on('end', onEnd);
  });
}

/** How long --wait waits when --timeout is 0 (kubectl: "if we requested to wait forever, set it to a week"). */
const WAIT_LIMIT_MS = 168 * 3600 * 1000;

type Gone = { resource: string; ns: string | undefined; name: string; uid: string };

/** The first deleted object still there (a finalizer holds it). */
function stillThere(c: Cluster, gone: Gone[]): Gone | undefined {
  return gone.find((g) => c.get(g.resource, g.ns, g.name)?.metadata?.uid === g.uid);
}

/** wait's IsDeleted giving up (extendErrWaitTimeout). */
function timedOutError(g: Gone): UserError {
  return new UserError(`error: timed out waiting for the condition on ${g.resource}/${g.name}`);
}

function allGone(c: Cluster, gone: Gone[]): boolean {
  return gone.every((g) => c.get(g.resource, g.ns, g.name)?.metadata?.uid !== g.uid);
}
