// What a describer gets besides its object: a read-only view of the cluster for related
// objects (describe.go's describers hold a clientset for the same reason), the object's
// events (undefined with --show-events=false) and the clock.
import type { KObject } from '../../api/types.js';
import { matches } from '../../api/selectors.js';

/** The read-only part of the store a describer may use (src/store/cluster.ts's Cluster is one). */
export interface DescribeView {
  get(resource: string, namespace: string | undefined, name: string): KObject | undefined;
  /** all namespaces when namespace is undefined */
  list(resource: string, namespace?: string): KObject[];
}

export interface DescribeContext {
  view: DescribeView;
  /** searchEvents' result; undefined when events are not shown */
  events: KObject[] | undefined;
  now: number;
}

/** One row of the describer map: the object and its context in, describe's text out. */
export type Describer = (o: KObject, ctx: DescribeContext) => string;

/** A view over plain lists, for callers (and tests) that hold objects rather than a store. */
export function listView(objects: Record<string, KObject[]>): DescribeView {
  const list = (resource: string, namespace?: string) => (objects[resource] ?? []).filter((o) => namespace === undefined || o.metadata?.namespace === namespace);
  return {
    list,
    get: (resource, namespace, name) => list(resource, namespace).find((o) => o.metadata?.name === name),
  };
}

/** Pods of a namespace matching a label selector (a List with LabelSelector, as the describers do). */
export function podsMatching(view: DescribeView, namespace: string | undefined, selector: any, set = false): KObject[] {
  const sel = set ? { matchLabels: selector ?? {} } : selector;
  if (!sel) return [];
  return view.list('pods', namespace).filter((p) => matches(sel, p.metadata?.labels ?? {}));
}

/** getPodStatusForController: phases of the selected pods whose controller is `uid`. */
export function podStatusForController(pods: KObject[], uid: string | undefined): { running: number; waiting: number; succeeded: number; failed: number } {
  const r = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const p of pods) {
    const ref = (p.metadata?.ownerReferences ?? []).find((x) => x.controller);
    if (!ref || ref.uid !== uid) continue;
    const phase = p.status?.phase;
    if (phase === 'Running') r.running++;
    else if (phase === 'Pending') r.waiting++;
    else if (phase === 'Succeeded') r.succeeded++;
    else if (phase === 'Failed') r.failed++;
  }
  return r;
}

/** EndpointSlices of a Service (label kubernetes.io/service-name). */
export function endpointSlicesFor(view: DescribeView, namespace: string | undefined, service: string): KObject[] {
  return view.list('endpointslices', namespace).filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === service);
}

/**
 * searchEvents: events whose involvedObject names this object (kind, name, namespace, uid), as
 * kubectl's field selector asks the API server; a cluster-scoped object's events are looked up
 * in every namespace.
 */
export function searchEvents(view: DescribeView, o: KObject, kind: string, uid = o.metadata?.uid): KObject[] {
  const md = o.metadata ?? {};
  return view.list('events', md.namespace || undefined).filter((e) => {
    const io = e.involvedObject ?? {};
    return (io.name ?? '') === (md.name ?? '') && (io.namespace ?? '') === (md.namespace ?? '') && (!kind || io.kind === kind) && (!uid || io.uid === uid);
  });
}
