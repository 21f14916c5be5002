// Fetch what a get/describe/delete request names: by name (NotFound errors collected, as kubectl
// prints them after the objects it did find) or by listing with namespace and label selector.
import type { KObject } from '../api/types.js';
import { StatusError } from '../api/errors.js';
import { qualifiedResource, type ResourceInfo } from '../api/resources.js';
import { fromStorage } from '../api/conversion.js';
import { parseSelector, matches, SelectorError } from '../api/selectors.js';
import { fieldSelectorMatcher } from '../api/fieldlabels.js';
import type { Cluster } from '../store/cluster.js';
import type { Request } from './builder.js';

export interface Found {
  info: ResourceInfo;
  objects: KObject[];
}

export interface Scope {
  namespace: string;
  allNamespaces?: boolean;
  selector?: string;
  fieldSelector?: string;
}

export function notFound(info: ResourceInfo, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualifiedResource(info)} "${name}" not found`);
}

/**
 * The field selector's predicate for one resource. A list the API server refuses (a label the resource
 * cannot be selected by) reads as kubectl's enhanceListError words it.
 */
function fieldMatcher(info: ResourceInfo, scope: Scope, listing: boolean): (o: KObject) => boolean {
  return asListError(info, scope, listing, () => fieldSelectorMatcher(info.group, info.resource, scope.fieldSelector));
}

/** The label selector of a LIST of `info` (a syntax error is the BadRequest kubectl words as it does for a list). */
export function listLabelMatcher(info: ResourceInfo, selector: string): (o: KObject) => boolean {
  return labelMatcher(info, { namespace: '', selector }, true)!;
}

/** The label selector, parsed as the API server parses `?labelSelector=` (a syntax error is its BadRequest). */
function labelMatcher(info: ResourceInfo, scope: Scope, listing: boolean): ((o: KObject) => boolean) | undefined {
  if (scope.selector === undefined) return undefined;
  const sel = asListError(info, scope, listing, () => {
    try {
      return parseSelector(scope.selector!);
    } catch (e) {
      throw e instanceof SelectorError ? new StatusError(400, 'BadRequest', e.message) : e;
    }
  });
  return (o) => matches(sel, o.metadata?.labels || {});
}

/** A LIST's BadRequest as kubectl's resource.Selector rewrites it (Unable to find ... that match ...). */
function asListError<T>(info: ResourceInfo, scope: Scope, listing: boolean, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!listing || !(e instanceof StatusError)) throw e;
    const gvr = `${info.group}/${info.version}, Resource=${info.resource}`;
    throw new StatusError(e.code, e.reason, `Unable to find "${gvr}" that match label selector "${scope.selector ?? ''}", field selector "${scope.fieldSelector ?? ''}": ${e.message}`);
  }
}

export function fetch(cluster: Cluster, req: Request, scope: Scope): { found: Found[]; errors: StatusError[] } {
  const found: Found[] = [];
  const errors: StatusError[] = [];
  for (const t of req.targets) {
    const ns = t.info.namespaced ? scope.namespace : undefined;
    // create-only resources (reviews, bindings) have no GET
    if (!t.info.verbs.includes(t.names.length ? 'get' : 'list')) throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    let objs: KObject[];
    if (t.names.length) {
      objs = [];
      for (const n of t.names) {
        const o = cluster.get(t.info.storage, ns, n);
        if (o) objs.push(o);
        else errors.push(notFound(t.info, n));
      }
    } else {
      objs = cluster.list(t.info.storage, t.info.namespaced && !scope.allNamespaces ? scope.namespace : undefined);
    }
    const byLabels = labelMatcher(t.info, scope, !t.names.length);
    if (byLabels) objs = objs.filter(byLabels);
    if (t.info.storage !== t.info.resource || t.info.version !== t.info.preferredVersion || t.info.group === 'events.k8s.io') objs = objs.map((o) => fromStorage(t.info, o));
    objs = objs.filter(fieldMatcher(t.info, scope, !t.names.length));
    found.push({ info: t.info, objects: objs });
  }
  return { found, errors };
}

/** `No resources found in default namespace.` / `No resources found` (all namespaces). */
export function noResourcesMessage(scope: Scope, namespaced = true): string {
  if (scope.allNamespaces || !namespaced) return 'No resources found\n';
  return `No resources found in ${scope.namespace} namespace.\n`;
}
