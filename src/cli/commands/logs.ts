// kubectl logs: print what the simulated processes wrote. -f follows on the virtual clock: in
// realtime mode it streams as virtual time passes until the container stops; in manual mode it
// fast-forwards to the end of a process that ends by itself (or by kubesim's --timeout of virtual
// time for one that does not), as waiting commands do (DESIGN: Time).
import { namespaceOf } from '../context.js';
import { UserError, StatusError } from '../../api/errors.js';
import { parseGoDuration, wallNow } from '../../sim/clock.js';
import { withCluster } from '../../store/session.js';
import type { Cluster } from '../../store/cluster.js';
import { stdio, streamStdout } from '../io.js';
import {
  planLogs, validateLogs, readLog, selectLines, formatLines, effectiveTail, type LogsOptions, type LogRequest,
} from '../../kubectl/logs.js';
import { logStreamOpen } from '../../controllers/kubelet/logs.js';
import { runContainer, findContainer } from '../../controllers/kubelet/runtime.js';
import { parseTime } from '../../sim/clock.js';
import { sleep } from '../sleep.js';


function durationFlag(v: unknown, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const d = parseGoDuration(String(v));
  if (d === undefined) throw new UserError(`error: invalid argument "${v}" for "${flag}" flag: time: invalid duration "${v}"`);
  return d;
}

function optionsFrom(opts: any): LogsOptions {
  const tail = opts.tail !== undefined ? Number(opts.tail) : -1;
  return {
    namespace: namespaceOf(opts),
    container: opts.container || undefined,
    containerSpecified: opts.container !== undefined,
    allContainers: !!opts.allContainers,
    allPods: !!opts.allPods,
    previous: !!opts.previous,
    tail,
    tailSpecified: opts.tail !== undefined,
    since: durationFlag(opts.since, '--since'),
    sinceTime: opts.sinceTime,
    timestamps: !!opts.timestamps,
    prefix: !!opts.prefix || !!opts.allPods,
    limitBytes: opts.limitBytes !== undefined ? Number(opts.limitBytes) : undefined,
    selector: opts.selector,
    follow: !!opts.follow,
    maxLogRequests: opts.maxLogRequests !== undefined ? Number(opts.maxLogRequests) : 5,
  };
}

/** When a running instance's process ends by itself (epoch ms), or undefined when it never does. */
function endOf(cluster: Cluster, req: LogRequest): number | undefined {
  const pod = cluster.get('pods', req.pod.metadata!.namespace, req.pod.metadata!.name!);
  if (!pod) return undefined;
  const cs = [...(pod.status?.containerStatuses || []), ...(pod.status?.initContainerStatuses || [])].find((c: any) => c.name === req.container);
  const started = parseTime(cs?.state?.running?.startedAt);
  if (started === undefined) return undefined;
  const run = runContainer(cluster, pod, findContainer(pod, req.container), started);
  return run.exitAt === undefined ? undefined : started + run.exitAt + 1000;
}

export async function run(args: string[], opts: any): Promise<void> {
  const o = optionsFrom(opts);
  if (o.sinceTime !== undefined && parseTime(o.sinceTime) === undefined) {
    throw new UserError(`error: parsing time "${o.sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${o.sinceTime}" as "2006"`);
  }
  validateLogs(args, o);
  const timeout = durationFlag(opts.timeout, '--timeout') ?? 0;
  const podTimeout = durationFlag(opts.podRunningTimeout, '--pod-running-timeout') ?? 20_000;
  const warn = (s: string) => stdio.err(s);
  const tail = effectiveTail(o);
  const ignoreErrors = !!opts.ignoreErrors;
  if (o.follow) streamStdout();

  /** print one request's lines; returns how many it printed */
  const printAll = (c: Cluster, reqs: LogRequest[]) => {
    const prefixed = !!o.prefix;
    for (const r of reqs) {
      try {
        const lines = selectLines(readLog(c, r, o, c.now()), o, c.now(), tail);
        stdio.out(formatLines(lines, o, r, prefixed));
      } catch (e) {
        if (!ignoreErrors || !(e instanceof StatusError)) throw e;
        stdio.out(`error: ${e.message}\n`);
      }
    }
  };

  const plan = async (): Promise<LogRequest[]> => withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    let reqs = planLogs(s.cluster, args, o, warn);
    if (reqs === 'no-pods') {
      // GetFirstPod: wait up to --pod-running-timeout for a pod to appear (virtual time in manual mode)
      if (s.cluster.state.clock.mode === 'manual') {
        const deadline = s.cluster.now() + podTimeout;
        let found: LogRequest[] | 'no-pods' = 'no-pods';
        await s.advance(deadline, () => {
          found = planLogs(s.cluster, args, o, () => undefined);
          return found !== 'no-pods';
        });
        reqs = planLogs(s.cluster, args, o, warn);
        if (reqs === 'no-pods') throw new UserError('error: timed out waiting for the condition');
      } else {
        return [] as LogRequest[];
      }
    }
    return reqs as LogRequest[];
  });

  let reqs = await plan();
  if (!reqs.length && args.length && args[0].includes('/') && !o.selector) {
    // realtime: poll for the first pod
    const start = wallNow();
    while (!reqs.length) {
      if (wallNow() - start > podTimeout) throw new UserError('error: timed out waiting for the condition');
      await sleep(250);
      reqs = await plan();
    }
  }
  if (o.follow && reqs.length > 1 && reqs.length > o.maxLogRequests) {
    throw new UserError(`error: you are attempting to follow ${reqs.length} log streams, but maximum allowed concurrency is ${o.maxLogRequests}, use --max-log-requests to increase the limit`);
  }

  if (!o.follow || o.previous) {
    await withCluster({ cluster: opts.cluster, write: false }, (s) => printAll(s.cluster, reqs));
    return;
  }

  // -f: print what exists, then what comes, per request, in time order
  const printed = new Map<LogRequest, number>();
  const emitNew = (c: Cluster, first: boolean) => {
    const batch: { at: number; text: string }[] = [];
    for (const r of reqs) {
      let lines;
      try {
        lines = readLog(c, r, o, c.now());
      } catch (e) {
        if (!ignoreErrors || !(e instanceof StatusError)) throw e;
        if (first) stdio.out(`error: ${e.message}\n`);
        printed.set(r, 0);
        continue;
      }
      const done = printed.get(r);
      const fresh = done === undefined ? selectLines(lines, o, c.now(), tail) : lines.slice(done);
      printed.set(r, lines.length);
      for (const l of fresh) batch.push({ at: l.at, text: formatLines([l], o, r, !!o.prefix) });
    }
    batch.sort((a, b) => a.at - b.at);
    stdio.out(batch.map((b) => b.text).join(''));
  };
  const open = (c: Cluster) => reqs.some((r) => {
    const p = c.get('pods', r.pod.metadata!.namespace, r.pod.metadata!.name!);
    return !!p && logStreamOpen(p, r.container);
  });

  const manual = await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    const c = s.cluster;
    emitNew(c, true);
    if (c.state.clock.mode !== 'manual') return false;
    if (!open(c)) return true;
    const ends = reqs.map((r) => endOf(c, r));
    const finite = ends.every((e) => e !== undefined);
    const target = finite ? Math.max(...(ends as number[])) : c.now() + timeout;
    await s.advance(target, () => { emitNew(c, false); return !open(c); });
    emitNew(c, false);
    return true;
  });
  if (manual) return;
  const started = wallNow();
  for (;;) {
    await sleep(250);
    const stillOpen = await withCluster({ cluster: opts.cluster, write: true }, (s) => {
      emitNew(s.cluster, false);
      return open(s.cluster);
    });
    if (!stillOpen) return;
    if (timeout && wallNow() - started > timeout) return;
  }
}
