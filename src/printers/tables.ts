// `kubectl get` tables: the column data of server-side printing
// (pkg/printers/internalversion/printers.go) plus kubectl's decoration
// (cli-runtime printers/tableprinter.go) and its tabwriter. The per-kind columns and row
// functions live in ./tables/, one handler table per API group.
import type { KObject } from '../api/types.js';
import { RESOURCES, kindPrefix, type ResourceInfo } from '../api/resources.js';
import { formatLabels, goStringLess } from './labels.js';
import { parseQuantity } from '../api/quantity.js';
import { goSort } from './gosort.js';
import type { ColumnDefinition, Cell, Handler } from './tables/common.js';
import { GROUPS, NAME_AND_AGE, handlerFor } from './tables/index.js';
import { newGetTabWriter } from './tabwriter.js';
import { evalJsonPath, JsonPathParseError, parseJsonPath, relaxedJsonPathExpression } from './jsonpath.js';

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
  /** `--server-print=false`: kubectl's own default columns (NAME, AGE) instead of the server's table */
  objectMeta?: boolean;
  now: number;
}


export type { ColumnDefinition, Cell } from './tables/common.js';
export { podRowCells } from './tables/pod.js';
export { formatEventSource } from './tables/core.js';

export interface TableRow {
  cells: Cell[];
  object: KObject;
}

export interface Table {
  columns: ColumnDefinition[];
  rows: TableRow[];
}

/**
 * Which resource a table is for: a plural name ("pods"), a qualified one ("events.events.k8s.io",
 * "deployments.apps"), or a catalogue entry.
 */
export type ResourceRef = string | { resource: string; group: string; kind?: string; namespaced?: boolean };

interface Resolved {
  resource: string;
  group: string;
  kind?: string;
  namespaced?: boolean;
}

function resolve(ref: ResourceRef): Resolved {
  if (typeof ref !== 'string') return ref;
  const dot = ref.indexOf('.');
  if (dot >= 0) {
    const resource = ref.slice(0, dot);
    const group = ref.slice(dot + 1);
    return RESOURCES.find((r) => r.resource === resource && r.group === group) ?? { resource, group };
  }
  const infos = RESOURCES.filter((r) => r.resource === ref);
  const info = infos.find((r) => r.group === '') ?? infos[0];
  if (info) return info;
  // not (yet) in the catalogue: the first handler group serving that name, core first
  const g = GROUPS.find((x) => ref in x.handlers);
  return { resource: ref, group: g?.group ?? '' };
}

/**
 * The table the API server would return (all columns, wide ones included,
 * as the server always generates them; priority tells the client what to hide).
 */
export function buildTable(ref: ResourceRef, objs: KObject[], now: number, handler?: Handler): Table {
  const r = resolve(ref);
  const h = handler ?? handlerFor(r.group, r.resource);
  const ordered = h.order ? [...objs].sort(h.order) : objs;
  return {
    columns: h.columns.map((c) => ({ ...c })),
    rows: ordered.map((o) => ({ cells: h.row(o, now), object: o })),
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

/** Header + row lines (tab-separated, `\n`-terminated) before the tabwriter. */
export function tableLines(ref: ResourceRef, objs: KObject[], opts: TableOpts): string[] {
  return tableRows(ref, objs, opts).map((cells) => cells.join('\t') + '\n');
}

/** The cells of tableLines' lines. */
function tableRows(ref: ResourceRef, objs: KObject[], opts: TableOpts): string[][] {
  const table = buildTable(ref, objs, opts.now, opts.objectMeta ? NAME_AND_AGE : undefined);
  const info = resolve(ref);
  const namespaced = info.namespaced ?? objs.some((o) => !!o.metadata?.namespace);
  const withNamespace = !!opts.withNamespace && namespaced;
  const labelCols = opts.labelColumns ?? [];
  const visible = table.columns.map((c, i) => ({ c, i })).filter(({ c }) => opts.wide || c.priority === 0);
  // decorateTable: the first string column of format "name" gets the `kind.group/` prefix
  const kind = info.kind ?? (objs[0] as any)?.kind ?? '';
  const nameIdx = opts.withKind && kind ? table.columns.findIndex((c) => c.format === 'name' && c.type === 'string') : -1;
  const prefix = kind ? kindPrefix({ kind, group: info.group } as ResourceInfo) : '';

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
export function printTable(ref: ResourceRef, objs: KObject[], opts: TableOpts): string {
  const w = newGetTabWriter();
  for (const cells of tableRows(ref, objs, opts)) w.writeRow(cells);
  return w.flush();
}

// ---- --sort-by ----

/**
 * kubectl's --sort-by (cmd/get/sorter.go): the expression is relaxed
 * (`.a.b` -> `{.a.b}`), evaluated on every object, and objects are ordered by
 * the first value: numbers numerically, strings that are both quantities by
 * value (`500Mi` before `1Gi`), other strings byte by byte (which also orders
 * RFC3339 timestamps by time); objects lacking the field come first. Sorted with Go's own (unstable)
 * algorithm, so equal keys keep kubectl's order.
 */
export function sortByJsonPath(objs: KObject[], expr: string, evalPath: (expr: string, obj: any) => any[] = evalJsonPath): KObject[] {
  return sortByField(objs, relaxedJsonPathExpression(expr), evalPath);
}

function sortByField(objs: KObject[], field: string, evalPath: (expr: string, obj: any) => any[] = evalJsonPath): KObject[] {
  const keyed = objs.map((o) => {
    const vals = evalPath(field, o);
    return { o, has: vals.length > 0, v: vals[0] };
  });
  // RuntimeSort/TableSorter.Less under Go's sort.Sort: ties come out as kubectl's unstable sort leaves them
  goSort(keyed, (a, b) => (!a.has ? true : !b.has ? false : compareSortValues(a.v, b.v) < 0));
  return keyed.map((k) => k.o);
}

/** A --sort-by kubectl refuses: the command's error (SortObjects), or a table printed as nothing (TableSorter). */
export class SortError extends Error {}

const foundOnce = (objs: unknown[], field: string) => objs.some((o) => evalJsonPath(field, o as any).length > 0);

/**
 * get's SortObjects (a list printed as yaml, json, name ..., and the answers of a table get when there are several):
 * the relaxed field must parse and be found on at least one object.
 */
export function sortObjects<T>(objs: T[], expr: string): T[] {
  let field: string;
  try {
    field = relaxedJsonPathExpression(expr);
    parseJsonPath(field);
  } catch (e) {
    if (e instanceof JsonPathParseError) throw new SortError(e.message);
    throw e;
  }
  if (!foundOnce(objs, field)) throw new SortError(`couldn't find any field with path ${JSON.stringify(field)} in the list of objects`);
  return sortByField(objs as KObject[], field) as T[];
}

/**
 * SortingPrinter over a server Table of more than one row (NewTableSorter): the rows sorted, or undefined when the
 * field does not parse or no row has it (an error get's table loop ignores: the table prints nothing).
 */
export function sortTableRows(objs: KObject[], expr: string): KObject[] | undefined {
  if (objs.length < 2) return objs;
  let field = expr;
  try { field = relaxedJsonPathExpression(expr); } catch { field = expr; }
  try { parseJsonPath(field); } catch (e) { if (e instanceof JsonPathParseError) return undefined; throw e; }
  if (!foundOnce(objs, field)) return undefined;
  return sortByField(objs, field);
}

/** resource.ParseQuantity's value of a string, or undefined when it is not one (exponents kept sane). */
function quantityNanos(s: string): bigint | undefined {
  if (!/^[+-]?[0-9.]+([eEinumkKMGTP]*[-+]?[0-9]{0,3})$/.test(s)) return undefined;
  try {
    return parseQuantity(s).nanos;
  } catch {
    return undefined;
  }
}

/** isLess of sorter.go as a comparator. */
export function compareSortValues(a: any, b: any): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = quantityNanos(a);
    const qb = qa === undefined ? undefined : quantityNanos(b);
    if (qa !== undefined && qb !== undefined) return qa < qb ? -1 : qa > qb ? 1 : 0;
    return goStringLess(a, b);
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return goStringLess(sa, sb);
}
