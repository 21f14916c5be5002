// The field labels each resource can be selected by (`--field-selector`, `?fieldSelector=`), and the value
// each has, as the API server's strategies give them (pkg/registry/*/strategy.go ToSelectableFields,
// pkg/apis/*/v1/conversion.go AddFieldLabelConversions*). Every kind has metadata.name and
// metadata.namespace; a label not listed is the API server's `field label not supported: X` (400).
import type { KObject } from './types.js';
import { StatusError } from './errors.js';
import { RESOURCES, type ResourceInfo } from './resources.js';
import { crdVersion, servedCRD } from './crd/served.js';

type Getter = (o: any) => string;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

const EVENT_FIELDS: Record<string, Getter> = {
  'involvedObject.kind': (e) => str(e.involvedObject?.kind),
  'involvedObject.namespace': (e) => str(e.involvedObject?.namespace),
  'involvedObject.name': (e) => str(e.involvedObject?.name),
  'involvedObject.uid': (e) => str(e.involvedObject?.uid),
  'involvedObject.apiVersion': (e) => str(e.involvedObject?.apiVersion),
  'involvedObject.resourceVersion': (e) => str(e.involvedObject?.resourceVersion),
  'involvedObject.fieldPath': (e) => str(e.involvedObject?.fieldPath),
  reason: (e) => str(e.reason),
  reportingComponent: (e) => str(e.reportingComponent ?? e.reportingController),
  // the event's source component, or its reporting controller when it has none
  source: (e) => str(e.source?.component || e.reportingComponent || e.reportingController),
  type: (e) => str(e.type),
};

/** group/resource -> its own field labels (beyond metadata.name and metadata.namespace) */
const FIELD_LABELS: Record<string, Record<string, Getter>> = {
  pods: {
    'spec.nodeName': (p) => str(p.spec?.nodeName),
    'spec.restartPolicy': (p) => str(p.spec?.restartPolicy),
    'spec.schedulerName': (p) => str(p.spec?.schedulerName),
    'spec.serviceAccountName': (p) => str(p.spec?.serviceAccountName),
    'spec.hostNetwork': (p) => String(!!p.spec?.hostNetwork),
    'status.phase': (p) => str(p.status?.phase),
    // the first of the pod's IPs
    'status.podIP': (p) => str(p.status?.podIPs?.[0]?.ip ?? p.status?.podIP),
    'status.nominatedNodeName': (p) => str(p.status?.nominatedNodeName),
  },
  nodes: { 'spec.unschedulable': (n) => String(!!n.spec?.unschedulable) },
  namespaces: { 'status.phase': (n) => str(n.status?.phase) },
  secrets: { type: (s) => str(s.type) },
  replicationcontrollers: { 'status.replicas': (r) => String(r.status?.replicas ?? 0) },
  'apps/replicasets': { 'status.replicas': (r) => String(r.status?.replicas ?? 0) },
  'batch/jobs': { 'status.successful': (j) => String(j.status?.succeeded ?? 0) },
  'certificates.k8s.io/certificatesigningrequests': { 'spec.signerName': (c) => str(c.spec?.signerName) },
  events: EVENT_FIELDS,
};

const META: Record<string, Getter> = {
  'metadata.name': (o) => str(o.metadata?.name),
  'metadata.namespace': (o) => str(o.metadata?.namespace),
};

/** A custom resource's selectableFields (its CRD version's JSONPaths, `.spec.color` selected as `spec.color`). */
function customFieldLabels(info: ResourceInfo): Record<string, Getter> {
  const crd = servedCRD(info.crd);
  const out: Record<string, Getter> = {};
  for (const f of (crd && crdVersion(crd, info.version)?.selectableFields) ?? []) {
    const path = String(f.jsonPath ?? '').replace(/^\./, '').split('.');
    out[path.join('.')] = (o) => str(path.reduce((v: any, k) => (v == null ? undefined : v[k]), o));
  }
  return out;
}

interface Requirement { label: string; neg: boolean; value: string }

/** fields.ParseSelector: each term split at its first operator (!=, ==, =), no escapes in the label. */
function parse(expr: string): Requirement[] {
  return expr.split(',').filter(Boolean).map((p) => {
    const m = /^(.*?)(!=|==|=)(.*)$/s.exec(p);
    if (!m) throw new StatusError(400, 'BadRequest', `invalid selector: '${expr}'; can't understand '${p}'`);
    return { label: m[1].trim(), neg: m[2] === '!=', value: m[3] };
  });
}

/**
 * A predicate for a field selector over objects of `resource` (in `group`); throws the API server's
 * BadRequest for a label the resource cannot be selected by. events.k8s.io Events are selected as
 * core Events (their selectable fields are the core ones).
 */
export function fieldSelectorMatcher(group: string, resource: string, expr: string | undefined): (o: KObject) => boolean {
  if (!expr) return () => true;
  const custom = RESOURCES.find((r) => r.crd && r.group === group && r.resource === resource);
  const own = custom ? customFieldLabels(custom) : FIELD_LABELS[group && resource !== 'events' ? `${group}/${resource}` : resource] || {};
  // crConverter: a cluster-scoped custom resource has no metadata.namespace to select by
  const meta = custom && !custom.namespaced ? { 'metadata.name': META['metadata.name'] } : META;
  const reqs = parse(expr).map((r) => {
    const get = (meta as Record<string, Getter>)[r.label] ?? own[r.label];
    if (!get) throw new StatusError(400, 'BadRequest', `field label not supported: ${r.label}`);
    return { ...r, get };
  });
  return (o) => reqs.every((r) => (r.get(o) === r.value) !== r.neg);
}
