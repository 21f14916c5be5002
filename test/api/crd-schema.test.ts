// The structural schema of a CRD version applied to custom resources (src/api/crd/schema.ts) and the catalogue
// entries CRDs serve (src/api/crd/infos.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applySchemaDefaults, prune, validateSchema } from '../../src/api/crd/schema.js';
import { goFloat } from '../../src/api/gofmt.js';
import { compareKubeAwareVersions, customResourceInfos } from '../../src/api/crd/infos.js';
import { fieldErrorString } from '../../src/api/validation.js';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        embedded: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: {} },
        port: { 'x-kubernetes-int-or-string': true },
        ratio: { type: 'number', exclusiveMaximum: true, maximum: 1 },
        tags: { type: 'array', maxItems: 2, uniqueItems: true, items: { type: 'string' } },
        mode: { type: 'string', default: 'auto' },
      },
    },
  },
};

test('prune: unknown fields go (nested objects and list items), paths sorted; preserved and embedded fields stay', () => {
  const o: any = {
    apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a' },
    spec: { items: [{ name: 'a', bad: 1 }], labels: { a: 'b' }, free: { any: { thing: 1 } }, embedded: { apiVersion: 'v1', kind: 'Pod', metadata: {}, zz: 1 }, zzz: true },
    status: { x: 1 },
  };
  assert.deepEqual(prune(o, schema), ['spec.embedded.zz', 'spec.items[0].bad', 'spec.zzz', 'status']);
  assert.deepEqual(o, { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a' }, spec: { items: [{ name: 'a' }], labels: { a: 'b' }, free: { any: { thing: 1 } }, embedded: { apiVersion: 'v1', kind: 'Pod', metadata: {} } } });
});

test('defaults: a missing field with a default is set, an absent parent is not created', () => {
  const o: any = { spec: {} };
  applySchemaDefaults(o, schema);
  assert.deepEqual(o, { spec: { mode: 'auto' } });
  const none: any = {};
  applySchemaDefaults(none, schema);
  assert.deepEqual(none, {});
});

test('validateSchema: int-or-string, exclusive maximum, maxItems, uniqueItems, types inside lists', () => {
  const errs = validateSchema({ spec: { port: true, ratio: 1, tags: ['a', 'a', 'b'], items: [{ name: 5 }] } }, schema).map(fieldErrorString);
  assert.deepEqual(errs, [
    'spec.items[0].name: Invalid value: "integer": spec.items[0].name in body must be of type string: "integer"',
    'spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"',
    'spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1',
    'spec.tags: Too many: 3: must have at most 2 items',
    'spec.tags: Invalid value: []interface {}{"a", "a", "b"}: spec.tags in body shouldn\'t contain duplicates',
  ]);
  assert.deepEqual(validateSchema({ spec: { port: 80, ratio: 0.5 } }, schema), []);
});

test('goFloat: Go\'s %v of a float64', () => {
  assert.equal(goFloat(1), '1');
  assert.equal(goFloat(1.5), '1.5');
  assert.equal(goFloat(1e-7), '1e-07');
  assert.equal(goFloat(1e21), '1e+21');
});

test('kube-aware version order: GA, then beta, then alpha, then the rest alphabetically', () => {
  const vs = ['foo1', 'v1alpha1', 'v11alpha2', 'v1', 'v10', 'v2', 'v3beta1', 'v10beta3', 'v11beta2', 'foo10', 'v12alpha1'];
  assert.deepEqual(vs.sort(compareKubeAwareVersions), ['v10', 'v2', 'v1', 'v11beta2', 'v10beta3', 'v3beta1', 'v12alpha1', 'v11alpha2', 'v1alpha1', 'foo1', 'foo10']);
});

test('customResourceInfos: only Established CRDs, groups sorted, the preferred version first, a shared plural stored apart', () => {
  const crd = (name: string, group: string, plural: string, kind: string, established: boolean, versions: any[]) => ({
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name },
    spec: { group, scope: 'Namespaced', names: { plural, kind, singular: kind.toLowerCase() }, versions },
    status: { acceptedNames: { plural, kind, singular: kind.toLowerCase(), categories: ['all'] }, conditions: established ? [{ type: 'Established', status: 'True' }] : [] },
  });
  const { infos, groups } = customResourceInfos([
    crd('pods.z.example.com', 'z.example.com', 'pods', 'Pod', true, [{ name: 'v1', served: true, storage: true }]),
    crd('bars.a.example.com', 'a.example.com', 'bars', 'Bar', true, [{ name: 'v1beta1', served: true, storage: true }, { name: 'v1', served: true, storage: false }, { name: 'v2', served: false, storage: false }]),
    crd('nots.a.example.com', 'a.example.com', 'nots', 'Not', false, [{ name: 'v1', served: true, storage: true }]),
  ] as any, { builtInBuckets: new Set(['pods']) });
  assert.deepEqual(groups, [{ group: 'a.example.com', versions: ['v1', 'v1beta1'] }, { group: 'z.example.com', versions: ['v1'] }]);
  assert.deepEqual(infos.map((i) => [i.resource, i.version, i.versions, i.storage, i.storageVersion, i.categories]), [
    ['bars', 'v1', ['v1', 'v1beta1'], 'bars', 'v1beta1', ['all']],
    ['pods', 'v1', ['v1'], 'pods.z.example.com', 'v1', ['all']],
  ]);
});
