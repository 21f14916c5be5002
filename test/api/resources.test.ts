// Resource name resolution (kubectl's RESTMapper + shortcut expander) against what the installed
// kubectl v1.32 resolved each name to (test/fixtures/api-resources/resolution.json, recorded by
// scripts/record-api-resources.mjs), plus table-driven cases for the names people type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RESOURCES, apiVersionOf, resolveResource, resourceByName, resourceForKind, resourcesInCategory, setShortcutWarningHandler, typedResourceName,
  type ResourceInfo,
} from '../../src/api/resources.js';
import { fixture } from './helpers.js';

/** The list URL kubectl would GET for a resolved resource (namespace "default"). */
function listPath(r: ResourceInfo): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced ? `${base}/namespaces/default/${r.resource}` : `${base}/${r.resource}`;
}

function resolveWithMessages(typed: string): { path: string | null; messages: string[] } {
  const messages: string[] = [];
  setShortcutWarningHandler((m) => messages.push(`Warning: ${m}`));
  try {
    const r = resolveResource(typed);
    if (!r) messages.push(`error: the server doesn't have a resource type ${JSON.stringify(typedResourceName(typed))}`);
    return { path: r ? listPath(r) : null, messages };
  } finally {
    setShortcutWarningHandler(undefined);
  }
}

test('every name resolves as kubectl v1.32 resolves it', () => {
  const cases: { typed: string; path: string | null; messages: string[] }[] = JSON.parse(fixture('api-resources/resolution.json'));
  assert.ok(cases.length > 400);
  const wrong = cases.filter((c) => JSON.stringify(resolveWithMessages(c.typed)) !== JSON.stringify({ path: c.path, messages: c.messages }));
  assert.deepEqual(wrong.map((c) => ({ ...c, got: resolveWithMessages(c.typed) })), []);
});

test('the names people type', () => {
  const table: [string, string | undefined][] = [
    ['cj', 'batch/v1 cronjobs'],
    ['hpa', 'autoscaling/v2 horizontalpodautoscalers'],
    ['horizontalpodautoscalers.v1.autoscaling', 'autoscaling/v1 horizontalpodautoscalers'],
    ['hpa.v1.autoscaling', 'autoscaling/v2 horizontalpodautoscalers'],
    ['netpol', 'networking.k8s.io/v1 networkpolicies'],
    ['sa', 'v1 serviceaccounts'],
    ['pvc', 'v1 persistentvolumeclaims'],
    ['pdb', 'policy/v1 poddisruptionbudgets'],
    ['job.batch', 'batch/v1 jobs'],
    ['ingresses.v1.networking.k8s.io', 'networking.k8s.io/v1 ingresses'],
    ['ing', 'networking.k8s.io/v1 ingresses'],
    ['events', 'v1 events'],
    ['events.events.k8s.io', 'events.k8s.io/v1 events'],
    ['Deployment', 'apps/v1 deployments'],
    ['deploy.app', 'apps/v1 deployments'],
    ['crds', 'apiextensions.k8s.io/v1 customresourcedefinitions'],
    ['quota', 'v1 resourcequotas'],
    ['pc', 'scheduling.k8s.io/v1 priorityclasses'],
    ['sc', 'storage.k8s.io/v1 storageclasses'],
    ['PO', undefined],
    ['pods.v1', undefined],
    ['deployments.v2.apps', undefined],
  ];
  for (const [typed, want] of table) {
    const r = resolveResource(typed);
    assert.equal(r ? `${apiVersionOf(r)} ${r.resource}` : undefined, want, typed);
  }
});

test('`ev` warns that events.k8s.io has the same short name; `events` does not', () => {
  assert.deepEqual(resolveWithMessages('ev').messages, ['Warning: short name "ev" could also match lower priority resource events.events.k8s.io']);
  assert.deepEqual(resolveWithMessages('events').messages, []);
});

test('a resource at another version is one shared object, stored in the same bucket', () => {
  const v1 = resolveResource('horizontalpodautoscalers.v1.autoscaling')!;
  assert.equal(v1, resolveResource('horizontalpodautoscaler.v1.autoscaling'));
  assert.equal(v1, resourceForKind('autoscaling/v1', 'HorizontalPodAutoscaler'));
  assert.equal(v1.storage, 'horizontalpodautoscalers');
  assert.equal(resourceForKind('autoscaling/v2', 'HorizontalPodAutoscaler'), resolveResource('hpa'));
  assert.equal(resolveResource('events.events.k8s.io')!.storage, 'events');
  assert.equal(resourceByName('events').group, '');
});

test('manifest kinds map by apiVersion and kind', () => {
  for (const r of RESOURCES) assert.equal(resourceForKind(apiVersionOf(r), r.kind), r, r.kind);
  assert.equal(resourceForKind('v1', 'Deployment'), undefined);
  assert.equal(resourceForKind('apps/v1beta1', 'Deployment'), undefined);
  assert.equal(resourceForKind('batch/v1', 'job'), undefined);
});

test('the all category in kubectl v1.32 order', () => {
  assert.deepEqual(resourcesInCategory('all').map((r) => r.resource), [
    'pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs',
  ]);
});

test('generation is maintained where the registry strategy maintains it', () => {
  const gen = RESOURCES.filter((r) => r.generation).map((r) => r.resource);
  for (const r of ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'ingresses', 'networkpolicies', 'poddisruptionbudgets', 'replicationcontrollers']) {
    assert.ok(gen.includes(r), r);
  }
  for (const r of ['pods', 'services', 'configmaps', 'secrets', 'horizontalpodautoscalers', 'roles']) assert.ok(!gen.includes(r), r);
});
