// The handler table: every group's AddHandlers entries, looked up by (group, plural resource).
// Kinds without an entry get the API server's default table (see defaultHandlerFor).
import { ADMISSIONREGISTRATION } from './admissionregistration.js';
import { APIREGISTRATION } from './apiregistration.js';
import { APPS } from './apps.js';
import { AUTOSCALING } from './autoscaling.js';
import { BATCH } from './batch.js';
import { CERTIFICATES } from './certificates.js';
import { COORDINATION } from './coordination.js';
import { CORE } from './core.js';
import { DISCOVERY } from './discovery.js';
import { EVENTS } from './events.js';
import { FLOWCONTROL } from './flowcontrol.js';
import { NETWORKING } from './networking.js';
import { NODE } from './node.js';
import { POLICY } from './policy.js';
import { RBAC } from './rbac.js';
import { SCHEDULING } from './scheduling.js';
import { STORAGE } from './storage.js';
import { age, ageCol, col, name, nameCol, type Handler, type HandlerGroup } from './common.js';
import { customResourceHandler } from './custom.js';

export const GROUPS: HandlerGroup[] = [
  CORE, APPS, BATCH, AUTOSCALING, NETWORKING, DISCOVERY, POLICY, RBAC, STORAGE, CERTIFICATES,
  COORDINATION, SCHEDULING, NODE, ADMISSIONREGISTRATION, FLOWCONTROL, EVENTS, APIREGISTRATION,
];

const key = (group: string, resource: string) => (group ? `${resource}.${group}` : resource);

const HANDLERS = new Map<string, Handler>();
for (const g of GROUPS) for (const [resource, h] of Object.entries(g.handlers)) HANDLERS.set(key(g.group, resource), h);

/** The groups the API server itself serves; any other group is a CustomResourceDefinition's. */
const BUILT_IN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'extensions',
  'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'authentication.k8s.io',
  'authorization.k8s.io', 'certificates.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'events.k8s.io',
  'flowcontrol.apiserver.k8s.io', 'internal.apiserver.k8s.io', 'networking.k8s.io', 'node.k8s.io',
  'rbac.authorization.k8s.io', 'resource.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io', 'storagemigration.k8s.io',
]);

/**
 * rest.NewDefaultTableConvertor, what a built-in registry without a printer returns (Roles,
 * ClusterRoles, LimitRanges, CustomResourceDefinitions ...): NAME and the creation time in RFC 3339.
 */
export const DEFAULT_TABLE_CONVERTOR: Handler = {
  columns: [nameCol, col('Created At', 'date')],
  row: (o) => [name(o), createdAt(o.metadata?.creationTimestamp)],
};

/** NAME and AGE: the CRD convertor's default columns, and kubectl's own printObjectMeta (`get --server-print=false`). */
export const NAME_AND_AGE: Handler = {
  columns: [nameCol, ageCol],
  row: (o, now) => [name(o), age(o, now)],
};

/** time.Time.UTC().Format(time.RFC3339): whole seconds, "Z"; a missing timestamp is Go's zero time. */
function createdAt(ts: string | undefined): string {
  const t = ts ? Date.parse(ts) : NaN;
  if (Number.isNaN(t)) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function isBuiltInGroup(group: string): boolean {
  return BUILT_IN_GROUPS.has(group);
}

/** The handler the API server uses for group/resource. */
export function handlerFor(group: string, resource: string): Handler {
  return HANDLERS.get(key(group, resource)) ?? (isBuiltInGroup(group) ? DEFAULT_TABLE_CONVERTOR : customResourceHandler(group, resource) ?? NAME_AND_AGE);
}

/** Whether printers.go (or the aggregator) has a handler for group/resource. */
export function hasHandler(group: string, resource: string): boolean {
  return HANDLERS.has(key(group, resource));
}
