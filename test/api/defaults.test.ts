import test from 'node:test';
import assert from 'node:assert/strict';
import { applyDefaults, defaultPodTemplate, imageTag } from '../../src/api/defaults.js';
import { computePodTemplateHash } from '../../src/api/hash.js';
import { jsonl } from './helpers.js';

const vectors = jsonl('pod-template-hash-vectors.jsonl');

test('every vector: input -> defaulted (as a Deployment template)', () => {
  let ok = 0;
  for (const v of vectors) {
    const d = applyDefaults({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' },
      spec: { selector: { matchLabels: v.input.metadata?.labels ?? {} }, template: v.input },
    });
    assert.deepEqual(d.spec.template, v.defaulted, v.id);
    assert.deepEqual(defaultPodTemplate(v.input), v.defaulted, v.id);
    // idempotent, and the hash follows
    assert.deepEqual(defaultPodTemplate(v.defaulted), v.defaulted, v.id);
    assert.equal(computePodTemplateHash(defaultPodTemplate(v.input)), v.hash, v.id);
    ok++;
  }
  assert.equal(ok, 209);
});

test('imagePullPolicy tags', () => {
  assert.equal(imageTag('nginx'), 'latest');
  assert.equal(imageTag('nginx:latest'), 'latest');
  assert.equal(imageTag('nginx:1.14.2'), '1.14.2');
  assert.equal(imageTag('localhost:5000/app'), 'latest');
  assert.equal(imageTag('localhost:5000/app:dev'), 'dev');
  assert.equal(imageTag('nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31'), '');
  assert.equal(imageTag('Nginx'), '');
});

test('Deployment defaults', () => {
  const d = applyDefaults({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
  });
  assert.deepEqual(d, {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' }, creationTimestamp: null },
    spec: {
      replicas: 1, selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web' } },
        spec: {
          containers: [{ name: 'nginx', image: 'nginx', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'Always' }],
          restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', securityContext: {}, schedulerName: 'default-scheduler',
        },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
    },
    status: {},
  });
  const r = applyDefaults({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'r' }, spec: { strategy: { type: 'Recreate' }, replicas: 0 } });
  assert.deepEqual(r.spec.strategy, { type: 'Recreate' });
  assert.equal(r.spec.replicas, 0);
  // unknown fields are dropped by the decoder
  const u = applyDefaults({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'u' }, spec: { replicaz: 3 } });
  assert.equal(u.spec.replicaz, undefined);
});

test('Pod defaults (compared with a pod the ReplicaSet controller created on the recorded cluster)', () => {
  const p = applyDefaults({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'nginx' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.17', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '200m', memory: '512Mi' } } }] },
  }, { tokenVolumeName: 'kube-api-access-5hssz' });
  assert.deepEqual(p.spec, {
    volumes: [{ name: 'kube-api-access-5hssz', projected: { sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      { configMap: { name: 'openshift-service-ca.crt', items: [{ key: 'service-ca.crt', path: 'service-ca.crt' }] } },
    ], defaultMode: 420 } }],
    containers: [{
      name: 'nginx', image: 'nginx:1.17', ports: [{ containerPort: 80, protocol: 'TCP' }],
      resources: { limits: { cpu: '200m', memory: '512Mi' }, requests: { cpu: '200m', memory: '512Mi' } },
      volumeMounts: [{ name: 'kube-api-access-5hssz', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent',
    }],
    restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default', serviceAccount: 'default', securityContext: {}, schedulerName: 'default-scheduler',
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
    priority: 0, enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority',
  });
  assert.deepEqual(p.status, { phase: 'Pending', qosClass: 'Guaranteed' });
});

test('Service, ConfigMap, Namespace defaults', () => {
  const s = applyDefaults({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'x' }, ports: [{ port: 80 }] } });
  assert.deepEqual(s.spec, {
    ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }], selector: { app: 'x' }, type: 'ClusterIP', sessionAffinity: 'None',
    ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster',
  });
  assert.deepEqual(s.status, { loadBalancer: {} });
  const np = applyDefaults({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] } });
  assert.equal(np.spec.externalTrafficPolicy, 'Cluster');
  assert.equal(np.spec.ports[0].targetPort, 'http');
  const cm = applyDefaults({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } });
  assert.deepEqual(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: null }, data: { a: 'b' } });
  const ns = applyDefaults({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
  assert.deepEqual(ns.metadata!.labels, { 'kubernetes.io/metadata.name': 'dev' });
  assert.deepEqual(ns.spec, { finalizers: ['kubernetes'] });
  assert.deepEqual(ns.status, { phase: 'Active' });
});
