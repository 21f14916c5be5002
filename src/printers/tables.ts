// `kubectl get` tables: the column data of server-side printing
// (pkg/printers/internalversion/printers.go) plus kubectl's decoration
// (cli-runtime printers/tableprinter.go) and its tabwriter.
import type { KObject } from '../api/types.js';
import { RESOURCES, kindPrefix, type ResourceInfo } from '../api/resources.js';
import { translateTimestampSince, parseTime } from './duration.js';
import { formatLabels, selectorString, formatLabelSelector, goStringLess } from './labels.js';
import { newGetTabWriter } from './tabwriter.js';
import { evalJsonPath, relaxedJsonPathExpression } from './jsonpath.js';

export interface TableOpts {
  wide?: boolean;
  showLabels?: boolean;
  /** -L keys */
  labelColumns?: string[];
  noHeaders?: boolean;
  /** -A: NAMESPACE column first (ignored for cluster-scoped resources, as kubectl does) */
  withNamespace?: boolean;
  /** multi-type get: NAME cells prefixed `kind.group/` */
  withKind?: boolean;
  now: number;
}

export interface ColumnDefinition {
  name: string;
  type: string;
  format?: string;
  /** 0: always shown; 1: only with -o wide */
  priority: number;
}

export type Cell = string | number | boolean | null;

export interface TableRow {
  cells: Cell[];
  object: KObject;
}

export interface Table {
  columns: ColumnDefinition[];
  rows: TableRow[];
}

const col = (name: string, type = 'string', priority = 0, format?: string): ColumnDefinition =>
  format ? { name, type, format, priority } : { name, type, priority };
const nameCol = col('Name', 'string', 0, 'name');
const ageCol = col('Age');

type RowFn = (o: any, now: number) => Cell[];
interface Handler {
  columns: ColumnDefinition[];
  row: RowFn;
}

const age = (o: KObject, now: number) => translateTimestampSince(o.metadata?.creationTimestamp, now);

/** layoutContainerCells: comma-joined names and images. */
function containerCells(containers: any[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name ?? '').join(','), cs.map((c) => c.image ?? '').join(',')];
}

const isRestartableInit = (c: any) => c?.restartPolicy === 'Always';

/** printPod: READY, STATUS, RESTARTS exactly as the API server computes them. */
export function podRowCells(pod: any, now: number): Cell[] {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestartDate = 0; // epoch ms; 0 = zero time
  let lastRestartableInitRestartDate = 0;

  const podPhase: string = status.phase ?? '';
  let reason: string = podPhase;
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, any>();
  for (const ic of spec.initContainers ?? []) {
    initContainers.set(ic.name, ic);
    if (isRestartableInit(ic)) totalContainers++;
  }

  const finishedAt = (cs: any) => parseTime(cs?.lastState?.terminated?.finishedAt) ?? 0;

  let initializing = false;
  const initStatuses: any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    if (c.lastState?.terminated) {
      const t = finishedAt(c);
      if (lastRestartDate < t) lastRestartDate = t;
    }
    const restartable = isRestartableInit(initContainers.get(c.name));
    if (restartable) {
      restartableInitRestarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) {
        const t = finishedAt(c);
        if (lastRestartableInitRestartDate < t) lastRestartableInitRestartDate = t;
      }
    }
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (restartable && c.started === true) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason) {
        reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      } else {
        reason = 'Init:' + term.reason;
      }
      initializing = true;
    } else if (wait && wait.reason && wait.reason !== 'PodInitializing') {
      reason = 'Init:' + wait.reason;
      initializing = true;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
      initializing = true;
    }
    break;
  }

  const initializedTrue = (status.conditions ?? []).some((c: any) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    lastRestartDate = lastRestartableInitRestartDate;
    let hasRunning = false;
    const statuses: any[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) {
        const t = finishedAt(c);
        if (lastRestartDate < t) lastRestartDate = t;
      }
      const wait = c.state?.waiting;
      const term = c.state?.terminated;
      if (wait && wait.reason) reason = wait.reason;
      else if (term && term.reason) reason = term.reason;
      else if (term && !term.reason) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = (status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }

  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && podPhase !== 'Failed' && podPhase !== 'Succeeded') reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestartDate !== 0) {
    restartsStr = `${restarts} (${translateTimestampSince(new Date(lastRestartDate).toISOString(), now)} ago)`;
  }

  const podIP = status.podIPs?.[0]?.ip || '<none>';
  const nodeName = spec.nodeName || '<none>';
  const nominated = status.nominatedNodeName || '<none>';
  let readinessGates = '<none>';
  const gates: any[] = spec.readinessGates ?? [];
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const g of gates) {
      const cond = (status.conditions ?? []).find((c: any) => c.type === g.conditionType);
      if (cond && cond.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }
  return [
    pod.metadata?.name ?? '',
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsStr,
    age(pod, now),
    podIP,
    nodeName,
    nominated,
    readinessGates,
  ];
}

function serviceExternalIP(svc: any, wide: boolean): string {
  const spec = svc.spec ?? {};
  const ext: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length > 0 ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const set = new Set<string>();
      for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
        if (ing.ip) set.add(ing.ip);
        else if (ing.hostname) set.add(ing.hostname);
      }
      let lb = [...set].sort(goStringLess).join(',');
      if (!wide && lb.length > 16) lb = lb.slice(0, 13) + '...';
      if (ext.length > 0) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb.length > 0 ? lb : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

function portString(ports: any[] | undefined): string {
  return (ports ?? [])
    .map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',');
}

function nodeRoles(node: any): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries<string>(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role.length > 0) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort(goStringLess);
}

function nodeAddress(node: any, type: string): string {
  const a = (node.status?.addresses ?? []).find((x: any) => x.type === type);
  return a ? a.address : '<none>';
}

/** formatEventSource: component (or reportingComponent, the JSON name of Go's ReportingController), then ", host" when known. */
export function formatEventSource(ev: any): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const host = ev.source?.host || ev.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

const HANDLERS: Record<string, Handler> = {
  pods: {
    columns: [
      nameCol,
      col('Ready'),
      col('Status'),
      col('Restarts'),
      ageCol,
      col('IP', 'string', 1),
      col('Node', 'string', 1),
      col('Nominated Node', 'string', 1),
      col('Readiness Gates', 'string', 1),
    ],
    row: podRowCells,
  },
  deployments: {
    columns: [
      nameCol,
      col('Ready'),
      col('Up-to-date'),
      col('Available'),
      ageCol,
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    row: (d, now) => {
      const [names, images] = containerCells(d.spec?.template?.spec?.containers);
      return [
        d.metadata?.name ?? '',
        `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
        d.status?.updatedReplicas ?? 0,
        d.status?.availableReplicas ?? 0,
        age(d, now),
        names,
        images,
        selectorString(d.spec?.selector),
      ];
    },
  },
  replicasets: {
    columns: [
      nameCol,
      col('Desired', 'integer'),
      col('Current', 'integer'),
      col('Ready', 'integer'),
      ageCol,
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    row: (rs, now) => {
      const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
      return [
        rs.metadata?.name ?? '',
        rs.spec?.replicas ?? 0,
        rs.status?.replicas ?? 0,
        rs.status?.readyReplicas ?? 0,
        age(rs, now),
        names,
        images,
        formatLabelSelector(rs.spec?.selector),
      ];
    },
  },
  services: {
    columns: [
      nameCol,
      col('Type'),
      col('Cluster-IP'),
      col('External-IP'),
      col('Port(s)'),
      ageCol,
      col('Selector', 'string', 1),
    ],
    row: (svc, now) => {
      const ips: string[] = svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : []);
      const ports = portString(svc.spec?.ports);
      return [
        svc.metadata?.name ?? '',
        svc.spec?.type ?? '',
        ips.length > 0 ? ips[0] : '<none>',
        // the API server always computes wide cells; kubectl just hides columns
        serviceExternalIP(svc, true),
        ports.length > 0 ? ports : '<none>',
        age(svc, now),
        formatLabels(svc.spec?.selector),
      ];
    },
  },
  configmaps: {
    columns: [nameCol, col('Data'), ageCol],
    row: (cm, now) => [
      cm.metadata?.name ?? '',
      Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
      age(cm, now),
    ],
  },
  namespaces: {
    columns: [nameCol, col('Status'), ageCol],
    row: (ns, now) => [ns.metadata?.name ?? '', ns.status?.phase ?? '', age(ns, now)],
  },
  nodes: {
    columns: [
      nameCol,
      col('Status'),
      col('Roles'),
      ageCol,
      col('Version'),
      col('Internal-IP', 'string', 1),
      col('External-IP', 'string', 1),
      col('OS-Image', 'string', 1),
      col('Kernel-Version', 'string', 1),
      col('Container-Runtime', 'string', 1),
    ],
    row: (node, now) => {
      const status: string[] = [];
      const ready = (node.status?.conditions ?? []).filter((c: any) => c.type === 'Ready').pop();
      if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
      if (status.length === 0) status.push('Unknown');
      if (node.spec?.unschedulable) status.push('SchedulingDisabled');
      const roles = nodeRoles(node).join(',');
      const info = node.status?.nodeInfo ?? {};
      return [
        node.metadata?.name ?? '',
        status.join(','),
        roles.length > 0 ? roles : '<none>',
        age(node, now),
        info.kubeletVersion ?? '',
        nodeAddress(node, 'InternalIP'),
        nodeAddress(node, 'ExternalIP'),
        info.osImage || '<unknown>',
        info.kernelVersion || '<unknown>',
        info.containerRuntimeVersion || '<unknown>',
      ];
    },
  },
  events: {
    columns: [
      col('Last Seen'),
      col('Type'),
      col('Reason'),
      col('Object'),
      col('Subobject', 'string', 1),
      col('Source', 'string', 1),
      col('Message'),
      col('First Seen', 'string', 1),
      col('Count', 'string', 1),
      col('Name', 'string', 1, 'name'),
    ],
    row: (ev, now) => {
      let first = translateTimestampSince(ev.firstTimestamp, now);
      if (!parseTime(ev.firstTimestamp)) first = translateTimestampSince(ev.eventTime, now);
      let last = translateTimestampSince(ev.lastTimestamp, now);
      if (!parseTime(ev.lastTimestamp)) last = first;
      let count = ev.count ?? 0;
      if (ev.series) {
        last = translateTimestampSince(ev.series.lastObservedTime, now);
        count = ev.series.count ?? 0;
      } else if (count === 0) {
        count = 1;
      }
      const io = ev.involvedObject ?? {};
      const kind = String(io.kind ?? '').toLowerCase();
      const target = io.name ? `${kind}/${io.name}` : kind;
      return [
        last,
        ev.type ?? '',
        ev.reason ?? '',
        target,
        io.fieldPath ?? '',
        formatEventSource(ev),
        String(ev.message ?? '').trim(),
        first,
        count,
        ev.metadata?.name ?? '',
      ];
    },
  },
};

const DEFAULT_HANDLER: Handler = {
  columns: [nameCol, ageCol],
  row: (o, now) => [o.metadata?.name ?? '', age(o, now)],
};

function handlerFor(resource: string): Handler {
  return HANDLERS[resource] ?? DEFAULT_HANDLER;
}

/**
 * The table the API server would return (all columns, wide ones included,
 * as the server always generates them; priority tells the client what to hide).
 */
export function buildTable(resource: string, objs: KObject[], now: number): Table {
  const h = handlerFor(resource);
  return {
    columns: h.columns.map((c) => ({ ...c })),
    rows: objs.map((o) => ({ cells: h.row(o, now), object: o })),
  };
}

function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  const s = String(c);
  // tableprinter: a cell is cut at its first line break, marked with "..."
  const m = /[\f\n\r]/.exec(s);
  return m ? s.slice(0, m.index) + '...' : s;
}

/** formatLabelHeaders: `-L a/b` gives the header `B`. */
function labelHeader(l: string): string {
  const p = l.split('/');
  return p[p.length - 1].toUpperCase();
}

function resourceInfo(resource: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.resource === resource);
}

/** Header + row lines (tab-separated, `\n`-terminated) before the tabwriter. */
export function tableLines(resource: string, objs: KObject[], opts: TableOpts): string[] {
  return tableRows(resource, objs, opts).map((cells) => cells.join('\t') + '\n');
}

/** The cells of tableLines' lines. */
function tableRows(resource: string, objs: KObject[], opts: TableOpts): string[][] {
  const table = buildTable(resource, objs, opts.now);
  const info = resourceInfo(resource);
  const withNamespace = !!opts.withNamespace && (info ? info.namespaced : true);
  const labelCols = opts.labelColumns ?? [];
  const visible = table.columns.map((c, i) => ({ c, i })).filter(({ c }) => opts.wide || c.priority === 0);
  const nameIdx = opts.withKind && info ? table.columns.findIndex((c) => c.format === 'name' && c.type === 'string') : -1;
  const prefix = info ? kindPrefix(info) : '';

  const lines: string[][] = [];
  if (!opts.noHeaders) {
    // kubectl prints no header when there are no rows
    if (table.rows.length === 0) return lines;
    const headers: string[] = [];
    if (withNamespace) headers.push('NAMESPACE');
    for (const { c } of visible) headers.push(c.name.toUpperCase());
    for (const l of labelCols) headers.push(labelHeader(l));
    if (opts.showLabels) headers.push('LABELS');
    lines.push(headers);
  }
  for (const row of table.rows) {
    const cells: string[] = [];
    const labels: Record<string, string> = row.object.metadata?.labels ?? {};
    if (withNamespace) cells.push(row.object.metadata?.namespace ?? '');
    for (const { i } of visible) {
      let t = cellText(row.cells[i]);
      if (i === nameIdx) t = `${prefix}/${t}`;
      cells.push(t);
    }
    for (const l of labelCols) cells.push(labels[l] ?? '');
    if (opts.showLabels) cells.push(formatLabels(labels));
    lines.push(cells);
  }
  return lines;
}

/**
 * One `kubectl get` section for one resource type (objects arrive sorted).
 * Returns "" when there is nothing to print; the caller prints
 * `No resources found in X namespace.` and the blank lines between sections.
 */
export function printTable(resource: string, objs: KObject[], opts: TableOpts): string {
  const w = newGetTabWriter();
  for (const cells of tableRows(resource, objs, opts)) w.writeRow(cells);
  return w.flush();
}

// ---- --sort-by ----

/**
 * kubectl's --sort-by (cmd/get/sorter.go): the expression is relaxed
 * (`.a.b` -> `{.a.b}`), evaluated on every object, and objects are ordered by
 * the first value: numbers numerically, strings in natural order (which also
 * orders RFC3339 timestamps by time); objects lacking the field come first.
 * kubesim: kubectl's sort is not stable; ours is, so ties keep arrival order.
 */
export function sortByJsonPath(objs: KObject[], expr: string, evalPath: (expr: string, obj: any) => any[] = evalJsonPath): KObject[] {
  const field = relaxedJsonPathExpression(expr);
  const keyed = objs.map((o, i) => {
    const vals = evalPath(field, o);
    return { o, i, has: vals.length > 0, v: vals[0] };
  });
  keyed.sort((a, b) => {
    if (!a.has || !b.has) return a.has === b.has ? a.i - b.i : a.has ? 1 : -1;
    return compareSortValues(a.v, b.v) || a.i - b.i;
  });
  return keyed.map((k) => k.o);
}

/** isLess of sorter.go as a comparator. */
export function compareSortValues(a: any, b: any): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return goStringLess(sa, sb);
}

/** github.com/fvbommel/sortorder NaturalLess (byte-wise, digit runs numeric). */
export function naturalLess(s1: string, s2: string): boolean {
  const a = Buffer.from(s1, 'utf8');
  const b = Buffer.from(s2, 'utf8');
  const dig = (c: number) => c >= 48 && c <= 57;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c1 = a[i];
    const c2 = b[j];
    const d1 = dig(c1);
    const d2 = dig(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i++;
      j++;
      continue;
    }
    for (; i < a.length && a[i] === 48; i++);
    for (; j < b.length && b[j] === 48; j++);
    const nz1 = i;
    const nz2 = j;
    for (; i < a.length && dig(a[i]); i++);
    for (; j < b.length && dig(b[j]); j++);
    const l1 = i - nz1;
    const l2 = j - nz2;
    if (l1 !== l2) return l1 < l2;
    const n1 = a.subarray(nz1, i).toString();
    const n2 = b.subarray(nz2, j).toString();
    if (n1 !== n2) return n1 < n2;
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return a.length < b.length;
}
