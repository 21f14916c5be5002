// ControllerRevision naming (pkg/controller/history): FNV-32 (FNV-1, not 1a) over the revision data
// as Go's json.Marshal writes it, plus the collision count as decimal text, safe-encoded. The vectors
// were derived independently (the patch bytes by hand from the typed v1.PodTemplateSpec encoding,
// the hash by a separate FNV-1 implementation): see scripts/revision-hash-check.py.
import test from 'node:test';
import assert from 'node:assert/strict';
import { controllerRevisionName, hashControllerRevision, templatePatch } from '../../src/controllers/history/history.js';
import { goMarshal } from '../../src/api/gojson.js';
import { applyDefaults } from '../../src/api/defaults.js';

const webSts = () => applyDefaults({
  apiVersion: 'apps/v1', kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    serviceName: 'nginx', replicas: 3,
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', ports: [{ containerPort: 80, name: 'web' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] },
    },
    volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
});

const WEB_PATCH = '{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"nginx"}},"spec":{"containers":[{"image":"registry.k8s.io/nginx-slim:0.24","imagePullPolicy":"IfNotPresent","name":"nginx","ports":[{"containerPort":80,"name":"web","protocol":"TCP"}],"resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","volumeMounts":[{"mountPath":"/usr/share/nginx/html","name":"www"}]}],"dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}}}}';

test('FNV-1 32 (hash/fnv New32) with the collision count appended as decimal', () => {
  // FNV-1 32 of "" is the offset basis 2166136261; SafeEncodeString maps each digit
  assert.equal(hashControllerRevision(''), '65bb57b6b5');
  // 0x050c5d7e = 84696446 (FNV-1a would give 0xe40c292c)
  assert.equal(hashControllerRevision('a'), 'd8bfb88b');
  // 0x31f0b262 = 837858914
  assert.equal(hashControllerRevision('foobar'), 'd7cd9cdf4');
  assert.equal(hashControllerRevision('foo', 0), hashControllerRevision('foo0'));
  assert.notEqual(hashControllerRevision('foo', 1), hashControllerRevision('foo', 0));
});

test('the StatefulSet revision data is Go json of the typed template, keys sorted, $patch replace', () => {
  const p = templatePatch(webSts());
  assert.equal(p.raw, WEB_PATCH);
  assert.deepEqual(p.data, JSON.parse(WEB_PATCH));
  // 382810769 -> web-7d6d54cbf (the name NewControllerRevision gives with collisionCount 0)
  assert.equal(controllerRevisionName('web', hashControllerRevision(p.raw, 0)), 'web-7d6d54cbf');
});

test('goMarshal escapes as encoding/json does', () => {
  assert.equal(goMarshal({ b: 'x<y>&z', a: [1, true, null], c: '\u2028' }), '{"a":[1,true,null],"b":"x\\u003cy\\u003e\\u0026z","c":"\\u2028"}');
  assert.equal(controllerRevisionName('x'.repeat(230), 'h'), `${'x'.repeat(223)}-h`);
});
