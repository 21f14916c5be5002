// kubectl rollout status: print the DeploymentStatusViewer line on every change of the deployment
// until it is rolled out. Manual mode fast-forwards virtual time (a CI script never sleeps and
// --timeout counts virtual time); realtime mode waits on the live loop, with a spinner on a TTY.
import { namespaceOf } from '../context.js';
import { UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/resources.js';
import type { RolloutKind } from '../../kubectl/rollout.js';
import { parseGoDuration } from '../../sim/clock.js';
import { withCluster, type Session } from '../../store/session.js';
import { stdio, streamStdout } from '../io.js';
import { sleep } from '../sleep.js';

type Targets = (s: Session, args: string[], opts: any, verb: string) => { info: ResourceInfo; obj: KObject; kind: RolloutKind }[];

const TIMEOUT_ERROR = 'error: timed out waiting for the condition';


export async function runStatus(args: string[], opts: any, targets: Targets): Promise<void> {
  streamStdout();

  let timeout = 0;
  if (opts.timeout !== undefined) {
    const t = parseGoDuration(String(opts.timeout));
    if (t === undefined) throw new UserError(`error: invalid argument "${opts.timeout}" for "--timeout" flag: time: invalid duration "${opts.timeout}"`);
    timeout = t;
  }
  let revision: number | undefined;
  if (opts.revision !== undefined) {
    revision = parseInt(String(opts.revision), 10);
    if (Number.isNaN(revision) || revision < 0) throw new UserError(`error: revision must be a positive integer: ${opts.revision}`);
  }
  const watch = opts.watch !== false;
  let ns = '';
  let name = '';
  let mode = 'manual';
  let lastRV = '';
  let resource = 'deployments';
  let noun = 'deployment';
  let viewer: RolloutKind | undefined;
  const emit = (d: KObject): boolean => {
    const st = viewer!.status(d, revision);
    if (st.error) throw new UserError(`error: ${st.error}`);
    stdio.out(st.message);
    return st.done;
  };
  // An error that ends the wait must not discard the virtual time it consumed: remember it, let the
  // session save, then raise it.
  let failure: Error | undefined;
  let startedAt = 0;
  let virtualNow = 0;
  const done = await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    const ts = targets(s, args, opts, 'status');
    if (ts.length === 0) {
      stdio.err(`No resources found in ${namespaceOf(opts)} namespace.\n`);
      return true;
    }
    const d0 = ts[0].obj;
    resource = ts[0].info.resource;
    noun = ts[0].info.kind.toLowerCase();
    viewer = ts[0].kind;
    ns = d0.metadata!.namespace!;
    name = d0.metadata!.name!;
    mode = s.cluster.state.clock.mode;
    lastRV = d0.metadata!.resourceVersion!;
    startedAt = s.cluster.now();
    if (emit(d0) || !watch) return true;
    if (mode !== 'manual') return false;
    // manual mode: fast-forward virtual time, observing the deployment after every moment
    const c = s.cluster;
    const deadline = timeout > 0 ? c.now() + timeout : Infinity;
    let finished = false;
    for (;;) {
      const next = c.nextTimer();
      if (!next || next.at > deadline) {
        if (deadline === Infinity) {
          throw new UserError(`error: kubesim: the rollout of ${noun} "${name}" cannot progress: nothing is scheduled in manual mode (advance the clock, or pass --timeout)`);
        }
        await s.advance(deadline);
        const d = c.get(resource, ns, name);
        try {
          if (d && d.metadata!.resourceVersion !== lastRV && emit(d)) return true;
        } catch (e) {
          failure = e as Error;
          return true;
        }
        failure = new UserError(TIMEOUT_ERROR);
        return true;
      }
      const stop = await s.advance(next.at, () => {
        const d = c.get(resource, ns, name);
        if (!d) throw new UserError('error: object has been deleted');
        if (d.metadata!.resourceVersion === lastRV) return false;
        lastRV = d.metadata!.resourceVersion!;
        try {
          finished = emit(d);
        } catch (e) {
          failure = e as Error;
          return true;
        }
        return finished;
      });
      if (failure) return true;
      if (stop && finished) return true;
    }
  });
  if (failure) throw failure;
  if (done) return;
  // realtime: poll the live loop
  let spinner: any;
  // ora divides by the terminal's width: a pty without a size (columns 0) would make it loop forever
  if (process.stderr.isTTY && (process.stderr.columns ?? 0) > 0) {
    const ora = (await import('ora')).default;
    const { colourEnabled } = await import('../colour.js');
    // the spinner is for a terminal; its colour obeys NO_COLOR like everything else. isEnabled is
    // ours to decide: ora's own test also turns it off when $CI is set, and then prints "- text" lines
    spinner = ora({ stream: process.stderr, isEnabled: true, text: `waiting for ${noun} "${name}"`, color: colourEnabled(process.stderr) ? 'cyan' : (false as any) }).start();
  }
  try {
    for (;;) {
      await sleep(100);
      const fin = await withCluster({ cluster: opts.cluster, write: true }, (s) => {
        virtualNow = s.cluster.now();
        const d = s.cluster.get(resource, ns, name);
        if (!d) throw new UserError('error: object has been deleted');
        if (d.metadata!.resourceVersion === lastRV) return false;
        lastRV = d.metadata!.resourceVersion!;
        spinner?.clear();
        const r = emit(d);
        spinner?.render();
        return r;
      });
      if (fin) return;
      // --timeout is cluster time in both modes (at --speed 1 that is wall time)
      if (timeout > 0 && virtualNow - startedAt > timeout) throw new UserError(TIMEOUT_ERROR);
    }
  } finally {
    spinner?.stop();
  }
}
