// LIST: the objects of a resource in etcd key order, filtered by label and field selectors, cut into
// pages by limit/continue; and the Table and PartialObjectMetadata forms of what a GET returns.
import type { KObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/resources.js';
import { apiVersionOf } from '../../api/resources.js';
import { fromStorage } from '../../api/conversion.js';
import { matches, parseSelector, SelectorError, type Selector } from '../../api/selectors.js';
import type { Cluster } from '../../store/cluster.js';
import { buildTable } from '../../printers/tables.js';
import { httpError } from './status.js';
import { fieldSelectorMatcher } from '../../api/fieldlabels.js';
import { StatusError } from '../../api/errors.js';

export interface Filter {
  namespace?: string;
  labels?: Selector;
  /** the field selector, by the resource's own field labels (src/api/fieldlabels.ts) */
  fields: (o: KObject) => boolean;
}

export function parseFilter(q: URLSearchParams, info: ResourceInfo, namespace: string | undefined): Filter {
  let labels: Selector | undefined;
  const ls = q.get('labelSelector');
  if (ls) {
    try {
      labels = parseSelector(ls);
    } catch (e) {
      throw httpError(400, e instanceof SelectorError ? e.message : String(e));
    }
  }
  let fields: Filter['fields'];
  try {
    fields = fieldSelectorMatcher(info.group, info.resource, q.get('fieldSelector') ?? undefined);
  } catch (e) {
    throw e instanceof StatusError ? httpError(e.code, e.message) : e;
  }
  return { namespace, labels, fields };
}

export function matchesFilter(f: Filter, o: KObject | undefined): boolean {
  if (!o) return false;
  if (f.namespace !== undefined && o.metadata?.namespace !== f.namespace) return false;
  if (f.labels && !matches(f.labels, o.metadata?.labels || {})) return false;
  return f.fields(o);
}

/** The object in the version the request speaks. */
export function versioned(info: ResourceInfo, o: KObject): KObject {
  if (info.storage !== info.resource || info.version !== info.preferredVersion || info.group === 'events.k8s.io') return fromStorage(info, o);
  return o;
}

interface Continue { rv: number; start: string }

function encodeContinue(c: Continue): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: c.rv, start: c.start })).toString('base64');
}

function decodeContinue(token: string): Continue {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (typeof c.rv === 'number' && typeof c.start === 'string') return c;
  } catch { /* below */ }
  throw httpError(400, 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)', undefined, 'BadRequest');
}

const keyOf = (o: KObject) => (o.metadata?.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata?.name ?? '');

export interface Page {
  items: KObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export function listPage(c: Cluster, info: ResourceInfo, f: Filter, q: URLSearchParams): Page {
  let objs = c.list(info.storage, info.namespaced ? f.namespace : undefined);
  const token = q.get('continue');
  let rv = c.state.resourceVersion;
  if (token) {
    const k = decodeContinue(token);
    rv = k.rv;
    objs = objs.filter((o) => keyOf(o) > k.start);
  }
  objs = objs.map((o) => versioned(info, o)).filter((o) => matchesFilter(f, o));
  const limit = Number(q.get('limit') ?? 0);
  const page: Page = { items: objs, resourceVersion: String(rv) };
  if (limit > 0 && objs.length > limit) {
    page.items = objs.slice(0, limit);
    page.continue = encodeContinue({ rv, start: keyOf(page.items[limit - 1]) });
    // the API server counts the rest only without a label/field selector
    if (!f.labels && !f.fields.length) page.remainingItemCount = objs.length - limit;
  }
  return page;
}

/** Stored objects are never changed in place (src/store/cluster.ts): an item's JSON is kept per object, encoded. */
const itemBytes = new WeakMap<KObject, Buffer>();
const COMMA = Buffer.from(',');

function itemJson(o: KObject): Buffer {
  let b = itemBytes.get(o);
  if (b === undefined) {
    const { apiVersion: _a, kind: _k, ...rest } = o;
    b = Buffer.from(JSON.stringify(rest));
    itemBytes.set(o, b);
  }
  return b;
}

/** listObject's JSON (and sendJson's newline), from each item's kept bytes (a LIST of many objects is mostly serialisation). */
export function listJson(info: ResourceInfo, page: Page): Buffer {
  const { items: _items, ...head } = listObject(info, { ...page, items: [] }) as any;
  const prefix = JSON.stringify(head);
  const parts: Buffer[] = [Buffer.from(`${prefix.slice(0, -1)},"items":[`)];
  page.items.forEach((o, i) => {
    if (i) parts.push(COMMA);
    parts.push(itemJson(o));
  });
  parts.push(Buffer.from(']}\n'));
  return Buffer.concat(parts);
}

/** XList as the API server encodes it: items without their own apiVersion/kind. */
export function listObject(info: ResourceInfo, page: Page): KObject {
  const metadata: Record<string, any> = { resourceVersion: page.resourceVersion };
  if (page.continue) metadata.continue = page.continue;
  if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
  const items = page.items.map((o) => {
    const { apiVersion: _a, kind: _k, ...rest } = o;
    return rest;
  });
  return { kind: `${info.kind}List`, apiVersion: apiVersionOf(info), metadata, items } as KObject;
}

export function partialMetadata(o: KObject): KObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata } as KObject;
}

/** meta.k8s.io/v1 Table from kubesim's own printers (so `kubectl get` prints what `kubesim get` prints). */
export function tableOf(info: ResourceInfo, objs: KObject[], now: number, meta: { resourceVersion?: string; continue?: string; remainingItemCount?: number }, includeObject: string | null): KObject {
  const t = buildTable({ resource: info.resource, group: info.group, kind: info.kind, namespaced: info.namespaced }, objs, now);
  const metadata: Record<string, any> = {};
  if (meta.resourceVersion) metadata.resourceVersion = meta.resourceVersion;
  if (meta.continue) metadata.continue = meta.continue;
  if (meta.remainingItemCount !== undefined) metadata.remainingItemCount = meta.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: t.columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: '', priority: c.priority })),
    rows: t.rows.map((r) => {
      const row: Record<string, any> = { cells: r.cells };
      if (includeObject === 'Object') row.object = r.object;
      else if (includeObject !== 'None') row.object = partialMetadata(r.object);
      return row;
    }),
  } as unknown as KObject;
}
