// kubectl's drain helper (k8s.io/kubectl/pkg/drain: cordon.go, filters.go, drain.go) and the drain
// command's loop (pkg/cmd/drain). Drain runs its evictions as goroutines that retry every 5 s while a
// PodDisruptionBudget refuses (429) and poll every second for the pod to be gone; here those goroutines
// are workers stepped on the cluster's clock (DrainEnv), so manual mode fast-forwards virtual time and
// realtime mode waits on the live loop.
import type { KObject } from '../api/types.js';
import { StatusError } from '../api/errors.js';
import type { Cluster } from '../store/cluster.js';
import type { ControllerContext } from '../controllers/context.js';
import { controllerOf, copy } from '../controllers/podutil.js';
import { deletePod } from '../controllers/gc.js';
import { evictPod } from '../server/eviction.js';
import { goDuration } from '../controllers/kubelet.js';
import { matches, parseSelector, type Selector } from '../api/selectors.js';

export type DryRun = 'none' | 'client' | 'server';

export interface Printer {
  out(s: string): void;
  err(s: string): void;
}

/** Where drain runs: `run` gives one consistent look at the cluster (settled afterwards), `sleepUntil` waits. */
export interface DrainEnv {
  run<T>(f: (c: Cluster, ctx: ControllerContext) => T): Promise<T>;
  sleepUntil(t: number): Promise<void>;
}

export interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  /** -1: the pod's own terminationGracePeriodSeconds */
  gracePeriodSeconds: number;
  /** ms; 0 = infinite */
  timeout: number;
  podSelector?: string;
  disableEviction: boolean;
  skipWaitForDeleteTimeoutSeconds: number;
  dryRun: DryRun;
}

/** Go's utilerrors.Aggregate: one message as is, several as "[a, b]" (duplicates dropped). */
export class Aggregate extends Error {
  constructor(public errors: Error[]) {
    const msgs = [...new Set(errors.map((e) => e.message))];
    super(msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`);
  }
}

/** cmdutil.CheckErr's rendering of what RunDrain returns (aggregates of one unwrapped, then one line per error). */
export function renderDrainError(e: Error): string {
  let err: Error = e;
  if (err instanceof Aggregate && err.errors.length === 1) err = err.errors[0];
  if (err instanceof Aggregate) return err.errors.map((x) => `${x.message}\n`).join('');
  if (err instanceof StatusError) return `Error from server (${err.reason}): ${err.message}\n`;
  return err.message.startsWith('error: ') ? `${err.message}\n` : `error: ${err.message}\n`;
}

const opSuffix = (d: DryRun) => (d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '');

// ---- cordon.go

/**
 * RunCordonOrUncordon for one node: prints `node/x cordoned` or `node/x already cordoned`; returns the
 * error text to print (`error: unable to cordon node ...`) when the update fails.
 */
export function cordonNode(c: Cluster, name: string, desired: boolean, dryRun: DryRun, p: Printer): void {
  const node = c.get('nodes', undefined, name);
  if (!node) return;
  const verb = desired ? 'cordoned' : 'uncordoned';
  if (!!node.spec?.unschedulable === desired) {
    p.out(`node/${name} already ${verb}\n`);
    return;
  }
  if (dryRun === 'none') {
    const upd = copy(node);
    upd.spec = upd.spec || {};
    if (desired) upd.spec.unschedulable = true;
    else delete upd.spec.unschedulable;
    c.update('nodes', upd);
  }
  p.out(`node/${name} ${verb}${opSuffix(dryRun)}\n`);
}

// ---- filters.go

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
// (sic: v1.32's errors() prefixes every message with "cannot delete ", this one included)
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

type Status = { delete: boolean; reason: 'Okay' | 'Skip' | 'Warning' | 'Error'; message?: string };
const OKAY: Status = { delete: true, reason: 'Okay' };
const SKIP: Status = { delete: false, reason: 'Skip' };
const warning = (del: boolean, message: string): Status => ({ delete: del, reason: 'Warning', message });
const error = (message: string): Status => ({ delete: false, reason: 'Error', message });

const finished = (pod: KObject) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

function shouldSkipPod(pod: KObject, skipSeconds: number, now: number): boolean {
  const dt = pod.metadata?.deletionTimestamp;
  return skipSeconds > 0 && !!dt && Math.floor((now - Date.parse(dt)) / 1000) > skipSeconds;
}

function makeFilters(c: Cluster, o: DrainOptions): ((pod: KObject) => Status)[] {
  return [
    // skipDeletedFilter
    (pod) => (shouldSkipPod(pod, o.skipWaitForDeleteTimeoutSeconds, c.now()) ? SKIP : OKAY),
    // daemonSetFilter
    (pod) => {
      const ref = controllerOf(pod);
      if (!ref || ref.kind !== 'DaemonSet') return OKAY;
      if (finished(pod)) return OKAY;
      if (!c.get('daemonsets', pod.metadata!.namespace, ref.name)) {
        const msg = `daemonsets.apps "${ref.name}" not found`;
        return o.force ? warning(true, msg) : error(msg);
      }
      if (!o.ignoreDaemonSets) return error(DAEMONSET_FATAL);
      return warning(false, DAEMONSET_WARNING);
    },
    // mirrorPodFilter
    (pod) => (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined ? SKIP : OKAY),
    // localStorageFilter
    (pod) => {
      if (!(pod.spec?.volumes || []).some((v: any) => v.emptyDir)) return OKAY;
      if (finished(pod)) return OKAY;
      if (!o.deleteEmptyDirData) return error(LOCAL_STORAGE_FATAL);
      return warning(true, LOCAL_STORAGE_WARNING);
    },
    // unreplicatedFilter
    (pod) => {
      if (finished(pod)) return OKAY;
      if (controllerOf(pod)) return OKAY;
      if (o.force) return warning(true, UNMANAGED_WARNING);
      return error(UNMANAGED_FATAL);
    },
  ];
}

export interface PodDeleteList {
  pods: KObject[];
  warnings: string;
  errors: Error[];
}

function groupByMessage(items: [KObject, Status][], reason: Status['reason']): [string, string[]][] {
  // kubesim: Go ranges over a map here (random order); we keep the order messages first appear in
  const m = new Map<string, string[]>();
  for (const [pod, st] of items) {
    if (st.reason !== reason) continue;
    const msg = st.message || 'unexpected error';
    if (!m.has(msg)) m.set(msg, []);
    m.get(msg)!.push(`${pod.metadata!.namespace}/${pod.metadata!.name}`);
  }
  return [...m];
}

/** GetPodsForDeletion: the node's pods (all namespaces, --pod-selector) run through the filters. */
export function getPodsForDeletion(c: Cluster, nodeName: string, o: DrainOptions): PodDeleteList {
  const sel: Selector | undefined = o.podSelector ? parseSelector(o.podSelector) : undefined;
  const items: [KObject, Status][] = [];
  const filters = makeFilters(c, o);
  for (const pod of c.list('pods')) {
    if (pod.spec?.nodeName !== nodeName) continue;
    if (sel && !matches(sel, pod.metadata?.labels || {})) continue;
    let st: Status = OKAY;
    for (const f of filters) {
      st = f(pod);
      if (!st.delete) break;
    }
    if (st.delete || st.reason === 'Warning' || st.reason === 'Error') items.push([pod, st]);
  }
  return {
    pods: items.filter(([, st]) => st.delete).map(([p]) => p),
    warnings: groupByMessage(items, 'Warning').map(([m, ps]) => `${m}: ${ps.join(', ')}`).join('; '),
    errors: groupByMessage(items, 'Error').map(([m, ps]) => new Error(`cannot delete ${m}: ${ps.join(', ')}`)),
  };
}

// ---- drain.go: evictions and deletions on the clock

interface Worker {
  pod: KObject;
  state: 'evict' | 'wait' | 'done';
  at: number;
  error?: Error;
}

/** kubesim: in manual mode a drain that cannot progress gives up after this much virtual time (no --timeout). */
const MANUAL_GIVE_UP_MS = 60 * 60_000;

function podGone(c: Cluster, pod: KObject): boolean {
  const p = c.get('pods', pod.metadata!.namespace, pod.metadata!.name!);
  return !p || p.metadata?.uid !== pod.metadata?.uid;
}

/** DeleteOrEvictPods: evict (or delete) every pod, then wait for each to be gone. Returns the errors. */
export async function deleteOrEvictPods(env: DrainEnv, pods: KObject[], o: DrainOptions, p: Printer, manual: boolean): Promise<Error | undefined> {
  if (!pods.length) return undefined;
  const grace = o.gracePeriodSeconds >= 0 ? o.gracePeriodSeconds : undefined;
  const globalTimeout = o.timeout > 0 ? o.timeout : Infinity;
  const timeoutText = o.timeout > 0 ? goDuration(o.timeout) : '2562047h47m16.854775807s';
  const start = await env.run((c) => c.now());
  const deadline = start + globalTimeout;
  const useEviction = !o.disableEviction;
  const workers: Worker[] = pods.map((pod) => ({ pod, state: useEviction ? 'evict' : 'wait', at: start }));
  let fatal: Error | undefined;

  if (!useEviction) {
    // deletePods: every DELETE first, then one wait for them all
    fatal = await env.run((c, ctx) => {
      for (const pod of pods) {
        const cur = c.get('pods', pod.metadata!.namespace, pod.metadata!.name!);
        if (!cur) continue;
        if (o.dryRun === 'server') continue;
        try {
          deletePod(ctx, cur, grace);
        } catch (e) {
          if (!(e instanceof StatusError && e.code === 404)) return e as Error;
        }
      }
      return undefined;
    });
    if (fatal) return fatal;
  }

  for (;;) {
    const pending = workers.filter((w) => w.state !== 'done');
    if (!pending.length) break;
    const now = await env.run((c, ctx) => {
      const t = c.now();
      for (const w of workers) {
        // an evicting goroutine sleeps its 5 s out before it looks at the deadline; a waiting one's poll
        // ends as soon as the context's deadline passes
        if (w.state === 'done' || (w.at > t && (w.state === 'evict' || t < deadline))) continue;
        const ns = w.pod.metadata!.namespace!;
        const name = w.pod.metadata!.name!;
        if (w.state === 'evict') {
          p.out(`evicting pod ${ns}/${name}${o.dryRun === 'server' ? ' (server dry run)' : ''}\n`);
          if (t >= deadline) {
            w.state = 'done';
            w.error = new Error(`error when evicting pods/"${name}" -n "${ns}": global timeout reached: ${timeoutText}`);
            continue;
          }
          try {
            evictPod(ctx, ns, name, { gracePeriodSeconds: grace, dryRun: o.dryRun === 'server' });
          } catch (e) {
            if (e instanceof StatusError && e.code === 404) { w.state = 'done'; continue; }
            if (e instanceof StatusError && e.code === 429) {
              p.err(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${e.message}\n`);
              w.at = t + 5000;
              continue;
            }
            w.state = 'done';
            w.error = new Error(`error when evicting pods/"${name}" -n "${ns}": ${(e as Error).message}`);
            continue;
          }
          if (o.dryRun === 'server') { w.state = 'done'; continue; }
          // waitForDelete polls at once (PollImmediate), then every second; the eviction's effects
          // are seen on the next look
          w.state = 'wait';
          w.at = t + 1000;
          continue;
        }
        // wait
        if (podGone(c, w.pod)) {
          p.out(`pod/${name} ${useEviction ? 'evicted' : 'deleted'}\n`);
          w.state = 'done';
          continue;
        }
        const cur = c.get('pods', ns, name);
        if (cur && shouldSkipPod(cur, o.skipWaitForDeleteTimeoutSeconds, t)) {
          p.out(`pod "${name}" has DeletionTimestamp older than ${o.skipWaitForDeleteTimeoutSeconds} seconds, skipping\n`);
          w.state = 'done';
          continue;
        }
        if (t >= deadline) {
          w.state = 'done';
          w.error = useEviction
            ? new Error(`error when waiting for pod "${name}" in namespace "${ns}" to terminate: context deadline exceeded`)
            : new Error('context deadline exceeded');
          continue;
        }
        w.at = t + 1000;
      }
      return t;
    });
    const left = workers.filter((w) => w.state !== 'done');
    if (!left.length) break;
    if (manual && globalTimeout === Infinity && now - start > MANUAL_GIVE_UP_MS) {
      const why = left.some((w) => w.state === 'evict') ? 'a PodDisruptionBudget keeps refusing evictions' : 'its pods are not going away';
      return new Error(`kubesim: the drain cannot progress in manual mode (${why}); pass --timeout or advance the clock`);
    }
    const next = Math.max(now, Math.min(...left.map((w) => (w.state === 'wait' ? Math.min(w.at, deadline) : w.at))));
    await env.sleepUntil(next);
  }
  const errors = workers.filter((w) => w.error).map((w) => w.error!);
  if (!errors.length) return undefined;
  // deletePods returns its wait's error as is; evictPods an aggregate
  return useEviction ? new Aggregate(errors) : errors[0];
}

/** deleteOrEvictPodsSimple for one node. */
export async function drainNode(env: DrainEnv, nodeName: string, o: DrainOptions, p: Printer, manual: boolean): Promise<Error | undefined> {
  const list = await env.run((c) => getPodsForDeletion(c, nodeName, o));
  if (list.errors.length) return new Aggregate(list.errors);
  if (list.warnings) p.err(`Warning: ${list.warnings}\n`);
  if (o.dryRun === 'client') {
    for (const pod of list.pods) p.out(`evicting pod ${pod.metadata!.namespace}/${pod.metadata!.name} (dry run)\n`);
    return undefined;
  }
  const err = await deleteOrEvictPods(env, list.pods, o, p, manual);
  if (err) {
    const pending = await env.run((c) => getPodsForDeletion(c, nodeName, o));
    if (pending.pods.length) {
      p.err(`There are pending pods in node "${nodeName}" when an error occurred: ${err.message}\n`);
      for (const pod of pending.pods) p.err(`pod/${pod.metadata!.name}\n`);
    }
    if (pending.errors.length) p.err(`Following errors occurred while getting the list of pods to delete:\n${new Aggregate(pending.errors).message}`);
    return err;
  }
  return undefined;
}

/** RunDrain after the cordon: each node in turn; returns the aggregate of the failures (or undefined). */
export async function runDrain(env: DrainEnv, nodes: string[], o: DrainOptions, p: Printer, manual: boolean): Promise<Error | undefined> {
  const fatal: Error[] = [];
  const remaining: string[] = [];
  for (const n of nodes) {
    const err = await drainNode(env, n, o, p, manual);
    if (!err) {
      p.out(`node/${n} drained${opSuffix(o.dryRun)}\n`);
      continue;
    }
    p.err(`error: unable to drain node "${n}" due to error: ${err.message}, continuing command...\n`);
    fatal.push(err);
    remaining.push(n);
  }
  if (remaining.length) p.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  return fatal.length ? new Aggregate(fatal) : undefined;
}
