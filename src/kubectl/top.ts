// kubectl top pod|node (staging/src/k8s.io/kubectl/pkg/cmd/top, metricsutil/metrics_printer.go) over
// the simulated metrics API (src/sim/metrics.ts): the sorters, the TopCmdPrinter's columns ("%vm",
// "%vMi", every cell tab-terminated, so lines keep the tabwriter's trailing padding), --sum, and the
// "metrics not available" errors.
import type { Cluster } from '../store/cluster.js';
import type { KObject } from '../api/types.js';
import { StatusError, UserError } from '../api/errors.js';
import { matches, parseSelector, SelectorError, type Selector } from '../api/selectors.js';
import { fieldSelectorMatcher } from '../api/fieldlabels.js';
import { parseTime } from '../sim/clock.js';
import { nodeMetrics, podMetrics, type PodMetrics } from '../sim/metrics.js';
import { newGetTabWriter } from '../printers/tabwriter.js';
import { bytesOf, milliCPU } from '../controllers/podutil.js';

/** metricsCreationDelay: pods younger than this may not have metrics yet */
const metricsCreationDelay = 120_000;

export interface TopPodOptions {
  namespace: string;
  allNamespaces: boolean;
  name?: string;
  selector?: string;
  fieldSelector?: string;
  containers: boolean;
  noHeaders: boolean;
  sortBy: string;
  sum: boolean;
}

function validateSortBy(sortBy: string): void {
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new UserError('error: --sort-by accepts only cpu or memory');
}

/** Go's time.Duration String() of a ms value ("2m30.5s"). */
function goDuration(ms: number): string {
  const neg = ms < 0;
  let rest = Math.abs(ms);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = `${parseFloat((rest / 1000).toFixed(3))}s`;
  return (neg ? '-' : '') + (h ? `${h}h${m}m${s}` : m ? `${m}m${s}` : s);
}

function checkPodAge(pod: KObject, now: number): void {
  const age = now - (parseTime(pod.metadata?.creationTimestamp) ?? now);
  if (age > metricsCreationDelay) throw new UserError(`error: Metrics not available for pod ${pod.metadata!.namespace}/${pod.metadata!.name}, age: ${goDuration(age)}`);
}

const podCPU = (m: PodMetrics) => m.containers.reduce((a, c) => a + c.cpuMilli, 0);
const podMem = (m: PodMetrics) => m.containers.reduce((a, c) => a + c.memoryBytes, 0);
const cpuCell = (milli: number) => `${milli}m`;
const memCell = (bytes: number) => `${Math.trunc(bytes / (1024 * 1024))}Mi`;

/** top parses -l itself (labels.Parse) before asking the metrics API: a syntax error is kubectl's own. */
function clientSelector(text: string): Selector {
  try {
    return parseSelector(text);
  } catch (e) {
    if (e instanceof SelectorError) throw new UserError(`error: ${e.message}`);
    throw e;
  }
}

/** RunTopPod: the table on stdout, "No resources found ..." on stderr. */
export function topPods(cluster: Cluster, o: TopPodOptions): { out: string; err: string } {
  validateSortBy(o.sortBy);
  const sel = o.selector ? clientSelector(o.selector) : undefined;
  const ns = o.allNamespaces ? undefined : o.namespace;
  let pods: KObject[];
  if (o.name) {
    const p = cluster.get('pods', o.namespace, o.name);
    const m = p && podMetrics(cluster, p);
    if (!m) throw new StatusError(404, 'NotFound', `podmetrics.metrics.k8s.io "${o.namespace}/${o.name}" not found`);
    pods = [p!];
  } else {
    // PodMetrics are selectable by metadata.name and metadata.namespace only
    const fsel = fieldSelectorMatcher('metrics.k8s.io', 'pods', o.fieldSelector);
    pods = cluster.list('pods', ns).filter((p) => (!sel || matches(sel, p.metadata?.labels || {})) && fsel(p));
  }
  const metrics = pods.map((p) => podMetrics(cluster, p)).filter((m): m is PodMetrics => !!m);
  let err = '';
  if (!metrics.length) {
    // verifyEmptyMetrics: young pods may just not have been scraped yet
    if (pods.length) {
      for (const p of pods) checkPodAge(p, cluster.now());
      throw new UserError('error: metrics not available yet');
    }
    err = o.allNamespaces ? 'No resources found\n' : `No resources found in ${o.namespace} namespace.\n`;
    return { out: '', err };
  }
  return { out: printPodMetrics(metrics, o), err };
}

function sortMetrics<T>(items: T[], sortBy: string, cpu: (t: T) => number, mem: (t: T) => number, byName: (a: T, b: T) => number): T[] {
  const out = [...items].sort(byName);
  if (sortBy === 'cpu') out.sort((a, b) => cpu(b) - cpu(a));
  else if (sortBy === 'memory') out.sort((a, b) => mem(b) - mem(a));
  return out;
}

/** TopCmdPrinter.PrintPodMetrics. */
export function printPodMetrics(metrics: PodMetrics[], o: TopPodOptions): string {
  const w = newGetTabWriter();
  let columnWidth = 3;
  if (!o.noHeaders) {
    if (o.allNamespaces) { w.write('NAMESPACE\t'); columnWidth++; }
    if (o.containers) { w.write('POD\t'); columnWidth++; }
    w.write('NAME\tCPU(cores)\tMEMORY(bytes)\t\n');
  }
  const byName = (a: PodMetrics, b: PodMetrics) => (o.allNamespaces && a.namespace !== b.namespace ? (a.namespace < b.namespace ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const m of sortMetrics(metrics, o.sortBy, podCPU, podMem, byName)) {
    if (o.containers) {
      const cs = sortMetrics(m.containers, o.sortBy, (c) => c.cpuMilli, (c) => c.memoryBytes, (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const c of cs) {
        if (o.allNamespaces) w.write(`${m.namespace}\t`);
        w.write(`${m.name}\t${c.name}\t${cpuCell(c.cpuMilli)}\t${memCell(c.memoryBytes)}\t\n`);
      }
    } else {
      if (o.allNamespaces) w.write(`${m.namespace}\t`);
      w.write(`${m.name}\t${cpuCell(podCPU(m))}\t${memCell(podMem(m))}\t\n`);
    }
  }
  if (o.sum) {
    let cpu = 0;
    let mem = 0;
    for (const m of metrics) { cpu += podCPU(m); mem += podMem(m); }
    for (let i = 0; i < columnWidth - 2; i++) w.write('\t');
    w.write('________\t________\t\n');
    // printMetricsLine with an empty name
    for (let i = 0; i < columnWidth - 3; i++) w.write('\t');
    w.write(`\t${cpuCell(cpu)}\t${memCell(mem)}\t\n`);
  }
  return w.flush();
}

export interface TopNodeOptions { name?: string; selector?: string; noHeaders: boolean; sortBy: string; showCapacity: boolean }

function nodeReady(n: KObject): boolean {
  return (n.status?.conditions || []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

/** RunTopNode. */
export function topNodes(cluster: Cluster, o: TopNodeOptions): string {
  validateSortBy(o.sortBy);
  const sel = o.selector ? clientSelector(o.selector) : undefined;
  let nodes: KObject[];
  if (o.name) {
    const n = cluster.get('nodes', undefined, o.name);
    if (!n || !nodeReady(n)) throw new StatusError(404, 'NotFound', `nodemetrics.metrics.k8s.io "${o.name}" not found`);
    nodes = [n];
  } else {
    nodes = cluster.list('nodes').filter((n) => !sel || matches(sel, n.metadata?.labels || {}));
  }
  const metrics = nodes.filter(nodeReady).map((n) => ({ name: n.metadata!.name!, ...nodeMetrics(cluster, n) }));
  if (!metrics.length) throw new UserError('error: metrics not available yet');
  const available = new Map<string, { cpu: number; memory: number }>();
  for (const n of nodes) {
    const res = (o.showCapacity ? n.status?.capacity : n.status?.allocatable) || {};
    available.set(n.metadata!.name!, { cpu: milliCPU(res.cpu), memory: bytesOf(res.memory) });
  }
  const w = newGetTabWriter();
  if (!o.noHeaders) w.write('NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n');
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const m of sortMetrics(metrics, o.sortBy, (x) => x.cpuMilli, (x) => x.memoryBytes, byName)) {
    const a = available.get(m.name);
    let line = `${m.name}\t${cpuCell(m.cpuMilli)}\t`;
    if (a) line += `${Math.trunc((m.cpuMilli / a.cpu) * 100)}%\t`;
    line += `${memCell(m.memoryBytes)}\t`;
    if (a) line += `${Math.trunc(((m.memoryBytes * 1000) / (a.memory * 1000)) * 100)}%\t`;
    w.write(line + '\n');
    available.delete(m.name);
  }
  // nodes without metrics
  for (const name of available.keys()) w.write(`${name}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`);
  return w.flush();
}
