// Strict decoding of every kind from the schema data (dist/schemas), and the decoder's type errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strictDecodingMessage, typeError, unknownFields } from '../../src/api/decode.js';

test('unknown fields of kinds beyond goschema: Job, Secret, CronJob, Role', () => {
  assert.deepEqual(unknownFields({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { foo: 1, template: { spec: { containers: [{ name: 'c', imagez: 'x' }] } } } } as any),
    ['spec.foo', 'spec.template.spec.containers[0].imagez']);
  assert.deepEqual(unknownFields({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'b' }, typo: 1 } as any), ['typo']);
  assert.deepEqual(unknownFields({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { backoffLimitt: 1 } } } } as any),
    ['spec.jobTemplate.spec.backoffLimitt']);
  assert.deepEqual(unknownFields({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ verbs: ['get'], resourcez: ['pods'] }] } as any),
    ['rules[0].resourcez']);
  assert.equal(strictDecodingMessage({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, typo: 1 } as any),
    'Secret in version "v1" cannot be handled as a Secret: strict decoding error: unknown field "typo"');
});

test('type errors as sigs.k8s.io/json words them: the innermost struct, the JSON path, the Go type', () => {
  assert.equal(typeError({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 5 } } as any),
    'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string');
  assert.equal(typeError({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: '3' } } as any),
    'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  assert.equal(typeError({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: { name: 'c' } } } as any),
    'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container');
  assert.equal(typeError({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: true } } } as any),
    'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string');
  assert.equal(typeError({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { backoffLimit: 1.5 } } as any),
    'json: cannot unmarshal number 1.5 into Go struct field JobSpec.spec.backoffLimit of type int32');
  assert.equal(typeError({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 3, strategy: { rollingUpdate: { maxSurge: '25%' } } } } as any), undefined);
  assert.equal(strictDecodingMessage({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 5 }, spec: { foo: 1 } } as any),
    'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string');
});

test('metadata is decoded on the client: its type errors are kubectl\'s "unable to decode"', async () => {
  const { parseManifestText } = await import('../../src/api/decode.js');
  assert.throws(() => parseManifestText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {a: 1}\n', 'cm.yaml'),
    { message: 'error: unable to decode "cm.yaml": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string' });
  assert.throws(() => parseManifestText('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: 5\n', 'd.yaml'),
    { message: 'error: unable to decode "d.yaml": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string' });
  assert.equal(parseManifestText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {a: "1"}\n', 'cm.yaml').length, 1);
});
