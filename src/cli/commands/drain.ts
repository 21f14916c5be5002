// kubectl cordon | uncordon | drain NODE (pkg/cmd/drain); the helper's logic is in src/kubectl/drain.ts.
import type { Command } from 'commander';
import { RawError, StatusError, UserError } from '../../api/errors.js';
import { parseSelector } from '../../api/selectors.js';
import { resourceByName } from '../../api/resources.js';
import { listLabelMatcher } from '../../kubectl/query.js';
import { parseGoDuration, wallNow } from '../../sim/clock.js';
import { withCluster, type Session } from '../../store/session.js';
import { cordonNode, renderDrainError, runDrain, type DrainEnv, type DrainOptions } from '../../kubectl/drain.js';
import { dryRunOf } from '../dryrun.js';
import { stdio, streamStdout } from '../io.js';
import { sleep } from '../sleep.js';

function usage(verb: string, msg: string): UserError {
  // checkErr adds "error: " only to a message that does not start with it
  return new UserError(`${msg.startsWith('error: ') ? '' : 'error: '}${msg}\nSee 'kubectl ${verb} -h' for help and examples`);
}

/** Complete(): node names or -l, never both; every named node must exist. */
function selectNodes(s: Session, verb: string, args: string[], opts: any): string[] {
  if (!args.length && opts.selector === undefined) throw usage(verb, `USAGE: ${verb} NODE [flags]`);
  if (args.length && opts.selector) throw usage(verb, 'error: cannot specify both a node name and a --selector option');
  if (args.length) {
    for (const a of args) {
      if (!s.cluster.get('nodes', undefined, a)) throw new StatusError(404, 'NotFound', `nodes "${a}" not found`);
    }
    return args;
  }
  // the builder LISTs nodes with the selector: the API server judges its syntax
  const matching = listLabelMatcher(resourceByName('nodes'), opts.selector ?? '');
  return s.cluster.list('nodes').filter(matching).map((n) => n.metadata!.name!);
}

async function cordonOrUncordon(desired: boolean, args: string[], opts: any): Promise<void> {
  const verb = desired ? 'cordon' : 'uncordon';
  const dryRun = dryRunOf(opts.dryRun);
  await withCluster({ cluster: opts.cluster, write: dryRun === 'none' }, (s) => {
    for (const n of selectNodes(s, verb, args, opts)) cordonNode(s.cluster, n, desired, dryRun, stdio);
  });
}

export async function cordon(args: string[], opts: any): Promise<void> {
  await cordonOrUncordon(true, args, opts);
}

export async function uncordon(args: string[], opts: any): Promise<void> {
  await cordonOrUncordon(false, args, opts);
}

function intFlag(name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  const s = String(v);
  if (!/^-?\d+$/.test(s)) throw new UserError(`error: invalid argument "${s}" for "--${name}" flag: strconv.ParseInt: parsing "${s}": invalid syntax\nSee 'kubectl drain --help' for usage.`);
  return parseInt(s, 10);
}


export async function run(args: string[], opts: any, _cmd?: Command): Promise<void> {
  streamStdout();
  const dryRun = dryRunOf(opts.dryRun);
  let timeout = 0;
  if (opts.timeout !== undefined) {
    const t = parseGoDuration(String(opts.timeout));
    if (t === undefined) throw new UserError(`error: invalid argument "${opts.timeout}" for "--timeout" flag: time: invalid duration "${opts.timeout}"`);
    timeout = t;
  }
  if (opts.podSelector) {
    try { parseSelector(opts.podSelector); } catch { throw new UserError('error: --pod-selector=<pod_selector> must be a valid label selector'); }
  }
  if (opts.deleteLocalData) stdio.err('Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.\n');
  const o: DrainOptions = {
    force: !!opts.force,
    ignoreDaemonSets: !!opts.ignoreDaemonsets,
    deleteEmptyDirData: !!(opts.deleteEmptydirData || opts.deleteLocalData),
    gracePeriodSeconds: intFlag('grace-period', opts.gracePeriod, -1),
    timeout,
    podSelector: opts.podSelector,
    disableEviction: !!opts.disableEviction,
    skipWaitForDeleteTimeoutSeconds: intFlag('skip-wait-for-delete-timeout', opts.skipWaitForDeleteTimeout, 0),
    dryRun,
  };
  let failure: Error | undefined;
  let nodes: string[] = [];
  let manual = false;
  // the cordon, and in manual mode the whole drain, in one session that fast-forwards virtual time
  await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    nodes = selectNodes(s, 'drain', args, opts);
    for (const n of nodes) cordonNode(s.cluster, n, true, dryRun, stdio);
    manual = s.cluster.state.clock.mode === 'manual';
    if (!manual) return;
    const mgr = await s.manager();
    await s.advance(s.cluster.now());
    const env: DrainEnv = {
      async run(f) {
        const r = f(s.cluster, mgr.ctx);
        await s.advance(s.cluster.now());
        return r;
      },
      async sleepUntil(t) { await s.advance(t); },
    };
    failure = await runDrain(env, nodes, o, stdio, true);
  });
  if (!manual) {
    // realtime: one short session per step of the drain, sleeping on the wall clock between them
    let speed = 1;
    let lastNow = 0;
    let lastWall = 0;
    const env: DrainEnv = {
      run: (f) => withCluster({ cluster: opts.cluster, write: true }, async (s) => {
        speed = s.cluster.state.clock.speed || 1;
        const mgr = await s.manager();
        const r = f(s.cluster, mgr.ctx);
        lastNow = s.cluster.now();
        lastWall = wallNow();
        return r;
      }),
      async sleepUntil(t) {
        const ms = (t - lastNow) / speed - (wallNow() - lastWall);
        if (ms > 0) await sleep(ms);
      },
    };
    failure = await runDrain(env, nodes, o, stdio, false);
  }
  if (failure) throw new RawError(renderDrainError(failure));
}
