// The patch engine against kubectl v1.32's own results (`kubectl patch --local -f d.yaml --type T -p P -o json`
// was run for each case below; the expected values and error texts are its answers).
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  applyJsonPatch, createTwoWayMergePatch, decodeJsonPatch, goJsonMarshal, goValue, jsonMergePatch, localPatch,
  parseJson, PatchError, strategicMergePatch,
} from '../../src/kubectl/patch.js';

function deployment(): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'x', namespace: 'default', finalizers: ['a', 'b'], labels: { app: 'x', tier: 'web' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'x' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
      template: {
        metadata: { labels: { app: 'x' } },
        spec: {
          volumes: [{ name: 'v1', emptyDir: {} }, { name: 'v2', configMap: { name: 'cm' } }],
          containers: [
            { name: 'a', image: 'nginx', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80 }, { containerPort: 443 }] },
            { name: 'b', image: 'redis', args: ['x', 'y'] },
          ],
          tolerations: [{ key: 'k1', operator: 'Exists' }, { key: 'k2', operator: 'Exists' }],
        },
      },
    },
  };
}

const smp = (p: any) => strategicMergePatch(deployment(), p, 'v1.Deployment');
const podSpec = (o: any) => o.spec.template.spec;
const names = (l: any[]) => l.map((c) => c.name);

test('strategic: containers merge by name; the other container is kept', () => {
  const o = smp({ spec: { template: { spec: { containers: [{ name: 'b', image: 'redis:7' }] } } } });
  assert.deepEqual(podSpec(o).containers, [deployment().spec.template.spec.containers[0], { name: 'b', image: 'redis:7', args: ['x', 'y'] }]);
});

test('strategic: a new merge-key value goes first (mergeSortedSlice prefers patch items it cannot place)', () => {
  assert.deepEqual(names(podSpec(smp({ spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } })).containers), ['c', 'a', 'b']);
});

test('strategic: $patch: delete removes the element, $patch: replace replaces the list', () => {
  assert.deepEqual(names(podSpec(smp({ spec: { template: { spec: { containers: [{ name: 'a', $patch: 'delete' }] } } } })).containers), ['b']);
  assert.deepEqual(podSpec(smp({ spec: { template: { spec: { containers: [{ name: 'z', image: 'zz' }, { $patch: 'replace' }] } } } })).containers, [{ name: 'z', image: 'zz' }]);
});

test('strategic: env merges by name (patch order first), ports by containerPort', () => {
  const o = smp({ spec: { template: { spec: { containers: [{ name: 'a', env: [{ name: 'C', value: '3' }, { name: 'A', value: '9' }], ports: [{ containerPort: 8080 }] }] } } } });
  assert.deepEqual(podSpec(o).containers[0].env, [{ name: 'C', value: '3' }, { name: 'A', value: '9' }, { name: 'B', value: '2' }]);
  assert.deepEqual(podSpec(o).containers[0].ports, [{ containerPort: 8080 }, { containerPort: 80 }, { containerPort: 443 }]);
});

test('strategic: atomic lists (tolerations, args) are replaced', () => {
  assert.deepEqual(podSpec(smp({ spec: { template: { spec: { tolerations: [{ key: 'k3', operator: 'Exists' }] } } } })).tolerations, [{ key: 'k3', operator: 'Exists' }]);
  assert.deepEqual(podSpec(smp({ spec: { template: { spec: { containers: [{ name: 'b', args: ['q'] }] } } } })).containers[1].args, ['q']);
});

test('strategic: $setElementOrder orders the merged list', () => {
  const o = smp({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'b' }, { name: 'a' }], containers: [{ name: 'c', image: 'c' }] } } } });
  assert.deepEqual(names(podSpec(o).containers), ['c', 'b', 'a']);
  const f = smp({ metadata: { '$setElementOrder/finalizers': ['b', 'c', 'a'], finalizers: ['c'] } });
  assert.deepEqual(f.metadata.finalizers, ['b', 'c', 'a']);
});

test('strategic: primitive merge lists: union, and $deleteFromPrimitiveList', () => {
  assert.deepEqual(smp({ metadata: { finalizers: ['c', 'a'] } }).metadata.finalizers, ['c', 'a', 'b']);
  assert.deepEqual(smp({ metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }).metadata.finalizers, ['b']);
});

test('strategic: $retainKeys clears the other keys; maps: null deletes, $patch replace/delete', () => {
  assert.deepEqual(smp({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }).spec.strategy, { type: 'Recreate' });
  assert.deepEqual(podSpec(smp({ spec: { template: { spec: { volumes: [{ name: 'v2', $retainKeys: ['name', 'secret'], secret: { secretName: 's' } }] } } } })).volumes[1], { name: 'v2', secret: { secretName: 's' } });
  assert.deepEqual(smp({ metadata: { labels: { tier: null, new: '1' } } }).metadata.labels, { app: 'x', new: '1' });
  assert.deepEqual(smp({ metadata: { labels: { $patch: 'replace', only: 'me' } } }).metadata.labels, { only: 'me' });
  assert.deepEqual(smp({ metadata: { labels: { $patch: 'delete' } } }).metadata.labels, {});
});

test('strategic: errors in strategicpatch\'s words', () => {
  const err = (p: any) => { try { smp(p); } catch (e) { return (e as PatchError).message; } return 'no error'; };
  assert.equal(err({ spec: { template: { spec: { containers: [{ image: 'x' }] } } } }), 'map: map[image:x] does not contain declared merge key: name');
  assert.equal(err({ spec: { template: { spec: { containers: [{ name: 'a', $patch: 'bogus' }] } } } }), 'unknown patch type: bogus in map: map[$patch:bogus name:a]');
  assert.equal(err({ spec: { $patch: 'bogus' } }), 'unknown patch type: bogus in map: map[$patch:bogus]');
  assert.equal(err({ spec: { template: { spec: { containers: [{ name: 'a', $patch: 'merge' }] } } } }), 'merging lists cannot yet be specified in the patch');
  assert.equal(err({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: { maxSurge: 2 } } } }), 'invalid patch format of retainKeys');
  assert.equal(err({ metadata: { $deleteFromPrimitiveList: ['a'] } }), 'invalid patch format of primitive list');
  assert.equal(
    err({ spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'b', image: 'q' }] } } } }),
    "The order in patch list:\n[map[image:q name:b]]\n doesn't match $setElementOrder list:\n[map[name:a]]\n",
  );
});

test('merge patch (RFC 7386): lists replaced, null deletes, nulls pruned from new objects', () => {
  const o = jsonMergePatch(deployment(), { spec: { template: { spec: { containers: [{ name: 'q', image: 'q' }] } } } });
  assert.deepEqual(o.spec.template.spec.containers, [{ name: 'q', image: 'q' }]);
  assert.deepEqual(jsonMergePatch(deployment(), { metadata: { labels: { tier: null, x: { a: null, b: 1 } } } }).metadata.labels, { app: 'x', x: { b: 1 } });
});

test('json patch (RFC 6902): add/replace/remove/move/copy/test', () => {
  const o = applyJsonPatch(deployment(), decodeJsonPatch(JSON.stringify([
    { op: 'add', path: '/metadata/labels/new', value: 'v' },
    { op: 'replace', path: '/spec/replicas', value: 5 },
    { op: 'remove', path: '/spec/template/spec/containers/1' },
    { op: 'move', from: '/metadata/labels/tier', path: '/metadata/labels/moved' },
    { op: 'copy', from: '/spec/replicas', path: '/spec/minReadySeconds' },
    { op: 'test', path: '/spec/replicas', value: 5 },
    { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'n' } },
  ])));
  assert.deepEqual(o.metadata.labels, { app: 'x', new: 'v', moved: 'web' });
  assert.equal(o.spec.replicas, 5);
  assert.equal(o.spec.minReadySeconds, 5);
  assert.deepEqual(names(o.spec.template.spec.containers), ['a', 'n']);
});

test('json patch errors as kubectl prints them locally', () => {
  const local = (p: string) => { try { localPatch(deployment(), 'json', p); } catch (e) { return (e as Error).message; } return 'no error'; };
  assert.equal(local('[{"op":"remove","path":"/spec/foo"}]'), "error: error in remove for path: '/spec/foo': Unable to remove nonexistent key: foo: missing value");
  assert.equal(local('[{"op":"add","path":"/spec/foo/bar","value":1}]'), 'error: add operation does not apply: doc is missing path: "/spec/foo/bar": missing value');
  assert.equal(local('[{"op":"test","path":"/spec/replicas","value":1}]'), 'error: testing value /spec/replicas failed: test failed');
  assert.equal(local('{"op":"test"}'), 'error: json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  assert.equal(local('[{"op":"bogus","path":"/spec/replicas"}]'), 'error: Unexpected kind: bogus');
  assert.equal(local('[{"op":"replace","path":"/spec/template/spec/containers/5","value":1}]'), 'error: Object to be patched is missing field (/spec/template/spec/containers/5: missing value)');
  assert.equal(local('[{"op":"add","path":"/spec/template/spec/containers/5","value":1}]'), "error: error in add for path: '/spec/template/spec/containers/5': Unable to access invalid index: 5: invalid index referenced");
  // kubectl's own json-patch lets replace create a member; the API server's does not
  assert.equal(localPatch(deployment(), 'json', '[{"op":"replace","path":"/spec/foo","value":1}]').spec.foo, 1);
  assert.throws(() => applyJsonPatch(deployment(), [{ op: 'replace', path: '/spec/foo', value: 1 }]), /doc is missing key: \/spec\/foo/);
});

test('local strategic/merge errors', () => {
  const local = (t: 'merge' | 'strategic', p: string) => { try { localPatch(deployment(), t, p); } catch (e) { return (e as Error).message; } return 'no error'; };
  assert.equal(local('strategic', '[1]'), 'error: invalid JSON document');
  assert.equal(local('strategic', '{"spec":'), 'error: invalid JSON document');
  assert.equal(local('merge', '[1]'), 'error: json: cannot unmarshal array into Go value of type unstructured.detector');
});

test('JSON syntax errors in encoding/json\'s words', () => {
  const err = (s: string) => { try { parseJson(s); } catch (e) { return (e as Error).message; } return 'no error'; };
  assert.equal(err('{"spec":'), 'unexpected end of JSON input');
  assert.equal(err('{spec: 1}'), "invalid character 's' looking for beginning of object key string");
  assert.equal(err('{"a":1}x'), "invalid character 'x' after top-level value");
  assert.equal(err('{"a" 1}'), "invalid character '1' after object key");
  assert.equal(err('[1,]'), "invalid character ']' looking for beginning of value");
});

test('goValue prints like fmt %v', () => {
  assert.equal(goValue({ b: [1, 'x'], a: null, c: { d: true } }), 'map[a:<nil> b:[1 x] c:map[d:true]]');
  assert.equal(goValue(1.5), '1.5');
});

test('two-way merge patch (kubectl edit): changed fields, merge lists with $setElementOrder, deletions', () => {
  const a = deployment();
  const b = deployment();
  b.spec.replicas = 4;
  b.spec.template.spec.containers[1].image = 'redis:7';
  delete b.metadata.labels.tier;
  b.spec.template.spec.containers[0].env.splice(0, 1);
  const p = createTwoWayMergePatch(a, b, 'v1.Deployment');
  assert.equal(goJsonMarshal(p),
    '{"metadata":{"labels":{"tier":null}},"spec":{"replicas":4,"template":{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],' +
    '"containers":[{"$setElementOrder/env":[{"name":"B"}],"env":[{"$patch":"delete","name":"A"}],"name":"a"},{"image":"redis:7","name":"b"}]}}}}');
  // and applying it to the original gives the edited object
  assert.deepEqual(strategicMergePatch(a, p, 'v1.Deployment'), b);
});
