// kubectl logs (kubectl/pkg/cmd/logs, polymorphichelpers/logsforobject.go): which pods and
// containers a request reads (the default container, --all-containers, a TYPE/NAME's first pod by
// podutils.ByLogging, a selector's pods), and the PodLogOptions filters (since, tail, limit-bytes,
// timestamps) applied to what the kubelet returns, with kubectl's messages.
import type { KObject } from '../api/types.js';
import type { Cluster } from '../store/cluster.js';
import { StatusError, UserError } from '../api/errors.js';
import { resolveResource } from '../api/resources.js';
import { labelSelectorAsSelector, matches, parseSelector, type Selector } from '../api/selectors.js';
import { notFound } from './query.js';
import { containerLogs, type LogLine } from '../controllers/kubelet/logs.js';
import { parseTime } from '../sim/clock.js';

export const LOGS_USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

export interface LogsOptions {
  namespace: string;
  container?: string;
  containerSpecified?: boolean;
  allContainers?: boolean;
  allPods?: boolean;
  previous?: boolean;
  /** -1: all */
  tail: number;
  tailSpecified?: boolean;
  /** ms */
  since?: number;
  sinceTime?: string;
  timestamps?: boolean;
  prefix?: boolean;
  limitBytes?: number;
  selector?: string;
  follow?: boolean;
  maxLogRequests: number;
}

export interface LogRequest {
  pod: KObject;
  container: string;
  /** the pod was picked by a selector or TYPE/NAME: the prefix names it */
}

/** podcmd.AllContainerNames: "a, b, init (init), dbg (ephem)". */
function allContainerNames(pod: KObject): string {
  return [
    ...(pod.spec?.containers || []).map((c: any) => c.name),
    ...(pod.spec?.initContainers || []).map((c: any) => `${c.name} (init)`),
    ...(pod.spec?.ephemeralContainers || []).map((c: any) => `${c.name} (ephem)`),
  ].join(', ');
}

function hasContainer(pod: KObject, name: string): boolean {
  return ['containers', 'initContainers', 'ephemeralContainers'].some((k) => ((pod.spec as any)?.[k] || []).some((c: any) => c.name === name));
}

/** Validate: the checks kubectl makes before asking anything. */
export function validateLogs(args: string[], o: LogsOptions): void {
  if (args.length === 0 && !o.selector) throw new UserError(`error: ${LOGS_USAGE}`);
  if (args.length === 1 && o.selector) throw new UserError("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples");
  if (args.length > 2) throw new UserError(`error: ${LOGS_USAGE}`);
  if (o.since !== undefined && o.sinceTime) throw new UserError('error: at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (o.allContainers && o.container) throw new UserError(`error: --all-containers=true should not be specified with container name ${o.container}`);
  if (o.containerSpecified && args.length === 2) throw new UserError('error: only one of -c or an inline [CONTAINER] arg is allowed');
  if ((o.limitBytes ?? 0) < 0) throw new UserError('error: --limit-bytes must be greater than 0');
  if (o.since !== undefined && o.since < 0) throw new UserError('error: --since must be greater than 0');
  if (o.tail < -1) throw new UserError('error: --tail must be greater than or equal to -1');
}

/** podutils.ByLogging: assigned, Running, ready, more restarts, older first. */
function byLogging(a: KObject, b: KObject): number {
  const assigned = (p: KObject) => !!p.spec?.nodeName;
  if (assigned(a) !== assigned(b)) return assigned(a) ? -1 : 1;
  const ord: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
  const pa = ord[a.status?.phase ?? ''] ?? 0; const pb = ord[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pb - pa;
  const ready = (p: KObject) => (p.status?.conditions || []).some((c: any) => c.type === 'Ready' && c.status === 'True');
  if (ready(a) !== ready(b)) return ready(a) ? -1 : 1;
  const restarts = (p: KObject) => Math.max(0, ...(p.status?.containerStatuses || []).map((c: any) => c.restartCount || 0));
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const ta = parseTime(a.metadata?.creationTimestamp) ?? Infinity; const tb = parseTime(b.metadata?.creationTimestamp) ?? Infinity;
  return ta - tb;
}

function podsMatching(cluster: Cluster, ns: string, sel: Selector): KObject[] {
  return cluster.list('pods', ns).filter((p) => matches(sel, p.metadata?.labels));
}

/** The requests one pod gives: its default (or named) container, or all of them. */
function podRequests(pod: KObject, o: LogsOptions, warn: (s: string) => void, quietDefault: boolean): LogRequest[] {
  if (o.allContainers) {
    return [...(pod.spec?.initContainers || []), ...(pod.spec?.containers || []), ...(pod.spec?.ephemeralContainers || [])]
      .map((c: any) => ({ pod, container: c.name }));
  }
  let name: string = o.container ?? '';
  const ann = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (!name && ann) {
    if (!hasContainer(pod, ann)) warn(`Default container name "${ann}" not found in pod ${pod.metadata!.name}\n`);
    else name = ann;
  }
  if (!name) {
    name = (pod.spec?.containers || [])[0]?.name ?? '';
    const many = (pod.spec?.containers || []).length > 1 || (pod.spec?.initContainers || []).length > 0 || (pod.spec?.ephemeralContainers || []).length > 0;
    if (many && !quietDefault) warn(`Defaulted container "${name}" out of: ${allContainerNames(pod)}\n`);
  }
  if (!hasContainer(pod, name)) throw new UserError(`error: container ${name} is not valid for pod ${pod.metadata!.name}`);
  return [{ pod, container: name }];
}

/**
 * The log requests for `logs ARGS`: a pod, TYPE/NAME (its first pod, or all with --all-pods), or a
 * selector's pods. `undefined` pod list means "wait for a pod" (TYPE/NAME with none yet).
 */
export function planLogs(cluster: Cluster, args: string[], o: LogsOptions, warn: (s: string) => void): LogRequest[] | 'no-pods' {
  if (args.length === 2) o = { ...o, container: args[1] };
  const ns = o.namespace;
  if (o.selector) {
    let sel: Selector;
    try { sel = parseSelector(o.selector); } catch (e) { throw new UserError(`error: ${(e as Error).message}`); }
    const pods = podsMatching(cluster, ns, sel).sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    if (!pods.length) { warn(`No resources found in ${ns} namespace.\n`); return []; }
    return pods.flatMap((p) => podRequests(p, o, warn, false));
  }
  const arg = args[0];
  const slash = arg.indexOf('/');
  if (slash < 0) {
    const pod = cluster.get('pods', ns, arg);
    if (!pod) throw new UserError(`error: error from server (NotFound): pods "${arg}" not found in namespace "${ns}"`);
    return podRequests(pod, o, warn, false);
  }
  const info = resolveResource(arg.slice(0, slash).toLowerCase());
  if (!info) throw new UserError(`error: the server doesn't have a resource type "${arg.slice(0, slash)}"`);
  const name = arg.slice(slash + 1);
  const obj = cluster.get(info.storage, info.namespaced ? ns : undefined, name);
  if (!obj) {
    const e: StatusError = notFound(info, name);
    throw new UserError(`error: error from server (NotFound): ${e.message} in namespace "${ns}"`);
  }
  if (info.kind === 'Pod') return podRequests(obj, o, warn, false);
  // SelectorsForObject
  let sel: Selector;
  if (info.kind === 'Service' || info.kind === 'ReplicationController') {
    const s = obj.spec?.selector;
    if (!s || !Object.keys(s).length) throw new UserError(`error: cannot get the logs from *v1.${info.kind}: invalid ${info.kind.toLowerCase()} '${name}': Service is defined without a selector`);
    sel = labelSelectorAsSelector({ matchLabels: s });
  } else if (obj.spec?.selector) {
    sel = labelSelectorAsSelector(obj.spec.selector);
  } else {
    throw new UserError(`error: cannot get the logs from *v1.${info.kind}: selector for *v1.${info.kind} not implemented`);
  }
  const pods = podsMatching(cluster, ns, sel).sort(byLogging);
  if (!pods.length) return 'no-pods';
  if (pods.length > 1) {
    if (o.allPods) return pods.flatMap((p) => podRequests(p, o, warn, true));
    warn(`Found ${pods.length} pods, using pod/${pods[0].metadata!.name}\n`);
  }
  return podRequests(pods[0], o, warn, false);
}

/** Go's RFC3339Nano (trailing zeros of the fraction trimmed). */
export function rfc3339Nano(ms: number, nanos: number): string {
  const base = new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
  const frac = String(nanos).padStart(9, '0').replace(/0+$/, '');
  return `${base}${frac ? '.' + frac : ''}Z`;
}

/** The lines a request returns after PodLogOptions (sinceSeconds/sinceTime, tailLines, limitBytes). */
export function selectLines(lines: LogLine[], o: LogsOptions, now: number, tail: number | undefined): LogLine[] {
  let out = lines;
  if (o.since !== undefined) {
    const from = now - Math.round(o.since / 1000) * 1000;
    out = out.filter((l) => l.at >= from);
  } else if (o.sinceTime) {
    const from = parseTime(o.sinceTime);
    if (from !== undefined) out = out.filter((l) => l.at >= from);
  }
  if (tail !== undefined && tail >= 0) out = tail === 0 ? [] : out.slice(-tail);
  return out;
}

export function formatLines(lines: LogLine[], o: LogsOptions, req: LogRequest, prefixed: boolean): string {
  const prefix = prefixed ? `[pod/${req.pod.metadata!.name}/${req.container}] ` : '';
  let text = lines.map((l) => `${prefix}${o.timestamps ? rfc3339Nano(l.at, l.nanos) + ' ' : ''}${l.text}\n`).join('');
  if (o.limitBytes && o.limitBytes > 0) text = Buffer.from(text).subarray(0, o.limitBytes).toString();
  return text;
}

/** TailLines as kubectl computes it: 10 with a selector unless --tail was given. */
export function effectiveTail(o: LogsOptions): number | undefined {
  if (o.selector && o.tail === -1 && !o.tailSpecified) return 10;
  return o.tail !== -1 ? o.tail : undefined;
}

/** Read one request's log now (throws the kubelet's BadRequest errors). */
export function readLog(cluster: Cluster, req: LogRequest, o: LogsOptions, now: number): LogLine[] {
  const pod = cluster.get('pods', req.pod.metadata!.namespace, req.pod.metadata!.name!) ?? req.pod;
  if (!pod.spec?.nodeName) return [];
  return containerLogs(cluster, pod, req.container, !!o.previous, now);
}
