// The pieces every handler table shares: column definitions, the handler shape and the small
// formatting helpers of pkg/printers/internalversion/printers.go.
import type { KObject } from '../../api/types.js';
import { canonicalQuantity } from '../../api/quantity.js';
import { translateTimestampSince } from '../duration.js';

export interface ColumnDefinition {
  name: string;
  type: string;
  format?: string;
  /** 0: always shown; 1: only with -o wide */
  priority: number;
}

export type Cell = string | number | boolean | null;

/**
 * One entry of upstream's AddHandlers: the column definitions and the row function
 * (always called as the API server calls it, with Wide on: kubectl hides priority-1 columns).
 */
export interface Handler {
  columns: ColumnDefinition[];
  row: (o: any, now: number) => Cell[];
  /** a list handler that reorders rows (printFlowSchemaList sorts); objects arrive in store order */
  order?: (a: any, b: any) => number;
}

/** A group's handlers keyed by plural resource name. */
export interface HandlerGroup {
  group: string;
  handlers: Record<string, Handler>;
}

export const col = (name: string, type = 'string', priority = 0, format?: string): ColumnDefinition =>
  format ? { name, type, format, priority } : { name, type, priority };
export const nameCol = col('Name', 'string', 0, 'name');
export const ageCol = col('Age');
export const wide = (name: string, type = 'string') => col(name, type, 1);

export const name = (o: KObject): string => o.metadata?.name ?? '';
export const age = (o: KObject, now: number): string => translateTimestampSince(o.metadata?.creationTimestamp, now);

/** layoutContainerCells: comma-joined names and images. */
export function layoutContainerCells(containers: any[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name ?? '').join(','), cs.map((c) => c.image ?? '').join(',')];
}

/** resource.Quantity.String() of a stored quantity; a missing one is the zero Quantity, "0". */
export function quantityString(q: string | number | undefined | null): string {
  if (q === undefined || q === null || q === '') return '0';
  try {
    return canonicalQuantity(q);
  } catch {
    return String(q);
  }
}

/** (*resource.Quantity).String(): "<nil>" for an absent pointer. */
export function quantityPtrString(q: string | number | undefined | null): string {
  return q === undefined || q === null ? '<nil>' : quantityString(q);
}

/** intstr.IntOrString.String() */
export const intOrString = (v: string | number): string => String(v);

/** printBoolPtr */
export function printBoolPtr(v: boolean | undefined | null): string {
  if (v === undefined || v === null) return '<unset>';
  return v ? 'True' : 'False';
}

/** listWithMoreString: the first `max` items, then " + N more..."; "<unset>" for none. */
export function listWithMoreString(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** net.JoinHostPort: IPv6 literals in brackets. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** formatResourceName(groupKind, name, true): `kind.group/name` in lower case, bare name for an empty kind. */
export function formatResourceName(kind: string, group: string, n: string): string {
  if (!kind && !group) return n;
  return `${(group ? `${kind}.${group}` : kind).toLowerCase()}/${n}`;
}

/** The group of an apiVersion ("apps/v1" -> "apps", "v1" -> ""). */
export function apiGroupOf(apiVersion: string | undefined): string {
  const v = apiVersion ?? '';
  const i = v.indexOf('/');
  return i < 0 ? '' : v.slice(0, i);
}

/** A condition's status by type, as hasJobCondition & co. look it up (first of that type wins). */
export function conditionStatus(conditions: any[] | undefined, type: string): string | undefined {
  return (conditions ?? []).find((c: any) => c?.type === type)?.status;
}
