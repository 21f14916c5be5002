// Every describer against kubectl v1.32's own output for the same stored objects
// (test/fixtures/describe: cluster.yaml, recorded.json; re-record with record.mjs there).
import test from 'node:test';
import assert from 'node:assert/strict';
process.env.TZ = 'UTC'; // recorded with TZ=UTC
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { KObject } from '../../src/api/types.js';
import { describerFor, listView, searchEvents } from '../../src/printers/describe/index.js';

const DIR = new URL('../../../test/fixtures/describe/', import.meta.url);
const doc = parse(readFileSync(new URL('cluster.yaml', DIR), 'utf8'));
const recorded = JSON.parse(readFileSync(new URL('recorded.json', DIR), 'utf8'));
const base = Date.parse(recorded.base);

/** record.mjs's resolveTimes: "@-600" is 600 s before the recording. */
function resolveTimes(x: any): any {
  if (typeof x === 'string') {
    const m = /^@(-?\d+)$/.exec(x);
    return m ? new Date(base + Number(m[1]) * 1000).toISOString().replace('.000Z', 'Z') : x;
  }
  if (Array.isArray(x)) return x.map(resolveTimes);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, resolveTimes(v)]));
  return x;
}

/** [group, version, kind] of each resource in cluster.yaml, as the API server serves them. */
const GVK: Record<string, [string, string, string]> = {
  namespaces: ['', 'v1', 'Namespace'],
  secrets: ['', 'v1', 'Secret'],
  serviceaccounts: ['', 'v1', 'ServiceAccount'],
  pods: ['', 'v1', 'Pod'],
  services: ['', 'v1', 'Service'],
  endpoints: ['', 'v1', 'Endpoints'],
  events: ['', 'v1', 'Event'],
  persistentvolumes: ['', 'v1', 'PersistentVolume'],
  persistentvolumeclaims: ['', 'v1', 'PersistentVolumeClaim'],
  replicationcontrollers: ['', 'v1', 'ReplicationController'],
  configmaps: ['', 'v1', 'ConfigMap'],
  nodes: ['', 'v1', 'Node'],
  deployments: ['apps', 'v1', 'Deployment'],
  replicasets: ['apps', 'v1', 'ReplicaSet'],
  resourcequotas: ['', 'v1', 'ResourceQuota'],
  limitranges: ['', 'v1', 'LimitRange'],
  jobs: ['batch', 'v1', 'Job'],
  cronjobs: ['batch', 'v1', 'CronJob'],
  daemonsets: ['apps', 'v1', 'DaemonSet'],
  statefulsets: ['apps', 'v1', 'StatefulSet'],
  controllerrevisions: ['apps', 'v1', 'ControllerRevision'],
  endpointslices: ['discovery.k8s.io', 'v1', 'EndpointSlice'],
  ingresses: ['networking.k8s.io', 'v1', 'Ingress'],
  ingressclasses: ['networking.k8s.io', 'v1', 'IngressClass'],
  networkpolicies: ['networking.k8s.io', 'v1', 'NetworkPolicy'],
  storageclasses: ['storage.k8s.io', 'v1', 'StorageClass'],
  csinodes: ['storage.k8s.io', 'v1', 'CSINode'],
  certificatesigningrequests: ['certificates.k8s.io', 'v1', 'CertificateSigningRequest'],
  roles: ['rbac.authorization.k8s.io', 'v1', 'Role'],
  clusterroles: ['rbac.authorization.k8s.io', 'v1', 'ClusterRole'],
  rolebindings: ['rbac.authorization.k8s.io', 'v1', 'RoleBinding'],
  clusterrolebindings: ['rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding'],
  horizontalpodautoscalers: ['autoscaling', 'v2', 'HorizontalPodAutoscaler'],
  poddisruptionbudgets: ['policy', 'v1', 'PodDisruptionBudget'],
  priorityclasses: ['scheduling.k8s.io', 'v1', 'PriorityClass'],
  leases: ['coordination.k8s.io', 'v1', 'Lease'],
};

// stored objects carry apiVersion and kind, as the store keeps them
const objects: Record<string, KObject[]> = {};
for (const [resource, list] of Object.entries<any[]>(resolveTimes(doc.objects))) {
  const [g, v, kind] = GVK[resource];
  objects[resource] = list.map((o) => ({ apiVersion: g ? `${g}/${v}` : v, kind, ...o }));
}
const view = listView(objects);

/**
 * kubectl ranges over Go maps (a Secret's or ConfigMap's data, a LimitRange item's resources) in
 * random order, kubesim in sorted order: for those kinds the same lines, in any order, will do.
 */
const GO_MAP_ORDER = new Set(['secrets', 'configmaps', 'limitranges', 'namespaces']);

for (const [resource, namespace, name] of doc.cases as [string, string | null, string][]) {
  test(`describe ${resource} ${name} as kubectl v1.32`, () => {
    const [group, , kind] = GVK[resource];
    const o = view.get(resource, namespace ?? undefined, name);
    assert.ok(o, `${resource}/${name} in cluster.yaml`);
    const out = describerFor(group, kind)(o!, { view, events: searchEvents(view, o!, kind), now: base });
    const want = recorded.outputs[`${resource}/${namespace ?? ''}/${name}`];
    if (out !== want && GO_MAP_ORDER.has(resource)) assert.deepEqual(out.split('\n').sort(), want.split('\n').sort());
    else assert.equal(out, want);
  });
}

test('describerFor: kinds without a describer get the generic one; a new kind is a row', () => {
  assert.equal(describerFor('coordination.k8s.io', 'Lease').name, 'describeGeneric');
  assert.equal(describerFor('apps', 'ControllerRevision').name, 'describeGeneric');
  assert.equal(describerFor('', 'Event').name, 'describeGeneric');
  assert.equal(describerFor('batch', 'Job').name, 'describeJob');
});

test('an autoscaling/v1 HPA is described as kubectl sees it through autoscaling/v2', () => {
  const v2 = view.get('horizontalpodautoscalers', 'default', 'cpu-v1')!;
  const v1 = {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: v2.metadata,
    spec: { scaleTargetRef: v2.spec.scaleTargetRef, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 80 },
    status: { currentReplicas: 2, desiredReplicas: 2, currentCPUUtilizationPercentage: 10 },
  };
  const d = describerFor('autoscaling', 'HorizontalPodAutoscaler');
  assert.equal(d(v1, { view, events: [], now: base }), recorded.outputs['horizontalpodautoscalers/default/cpu-v1']);
});
