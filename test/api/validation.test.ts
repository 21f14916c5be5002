import test from 'node:test';
import assert from 'node:assert/strict';
import { formatInvalid, invalidStatusError, validateObject, validateObjectUpdate, fieldErrorString } from '../../src/api/validation.js';
import type { KObject } from '../../src/api/types.js';

function deploy(spec: any = {}, meta: any = {}): KObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', ...meta },
    spec: {
      selector: { matchLabels: { app: 'x' } },
      template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      ...spec,
    },
  };
}
const msgs = (o: KObject) => validateObject(o).map(fieldErrorString);

test('a valid Deployment has no errors', () => {
  assert.deepEqual(msgs(deploy()), []);
});

test('Deployment strategy and counters', () => {
  assert.deepEqual(msgs(deploy({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '5', maxUnavailable: -1 } } })), [
    `spec.strategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0`,
    `spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"5"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%' or '93%', regex used for validation is '[0-9]+%')`,
  ]);
  assert.deepEqual(msgs(deploy({ strategy: { type: 'Canary' } })), [
    `spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"Canary", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"`,
  ]);
  assert.deepEqual(msgs(deploy({ minReadySeconds: 700 })), ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds']);
  assert.deepEqual(msgs(deploy({ revisionHistoryLimit: -2, progressDeadlineSeconds: -1 })), [
    'spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0',
    'spec.progressDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
    'spec.progressDeadlineSeconds: Invalid value: -1: must be greater than minReadySeconds',
  ]);
});

test('pod template rules', () => {
  const t = (spec: any, labels: any = { app: 'x' }) => deploy({ template: { metadata: { labels }, spec } });
  assert.deepEqual(msgs(t({ containers: [] })), ['spec.template.spec.containers: Required value']);
  assert.deepEqual(msgs(t({ containers: [{ name: 'Web_1', image: 'x', imagePullPolicy: 'Sometimes', ports: [{ containerPort: 80, protocol: 'HTTP' }] }] })), [
    `spec.template.spec.containers[0].name: Invalid value: "Web_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name' or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    `spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"`,
    `spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"`,
  ]);
  assert.deepEqual(msgs(t({ containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] })), [
    'spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
  ]);
  assert.deepEqual(msgs(t({ containers: [{ name: 'c', image: 'x', env: [{ name: 'A=B', value: '1' }] }] })), [
    `spec.template.spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
  ]);
  assert.deepEqual(msgs(t({ containers: [{ name: 'c', image: 'x' }], restartPolicy: 'Sometimes' })), [
    'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always"',
  ]);
  assert.deepEqual(msgs(t({ containers: [{ name: 'c', image: 'x' }] }, { app: 'x', 'bad key!': 'v' })), [
    `spec.template.labels: Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName' or 'my.name' or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
  ]);
});

test('update: apps/v1 selector is immutable', () => {
  const old = deploy();
  const upd = deploy({ selector: { matchLabels: { app: 'y' } }, template: { metadata: { labels: { app: 'y' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } });
  assert.deepEqual(validateObjectUpdate(upd, old).map(fieldErrorString), [
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"y"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
  ]);
  assert.deepEqual(validateObjectUpdate(deploy({ replicas: 5 }), old), []);
});

test('ReplicaSet, Pod, Service, ConfigMap, Namespace', () => {
  assert.deepEqual(msgs({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r' }, spec: { selector: {}, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } }), [
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
  ]);
  assert.deepEqual(msgs({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }], restartPolicy: 'Never' } }), ['spec.containers[0].image: Required value']);
  assert.deepEqual(msgs({ apiVersion: 'v1', kind: 'Service', metadata: { name: '1svc' }, spec: { ports: [{ port: 0 }, { port: 80 }] } }), [
    `metadata.name: Invalid value: "1svc": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name' or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    'spec.ports[0].name: Required value',
    'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    'spec.ports[1].name: Required value',
  ]);
  assert.deepEqual(msgs({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: {} }), ['spec.ports: Required value']);
  assert.deepEqual(msgs({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a b': 'x' } }), [
    `data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`.replace("'key.name', 'KEY_NAME',  or", "'key.name' or 'KEY_NAME' or"),
  ]);
  assert.deepEqual(msgs({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev.team' } }), ['metadata.name: Invalid value: "dev.team": must not contain dots']);
});

test('kubectl rendering of Invalid errors, and the server StatusError', () => {
  const errs = validateObject(deploy({ replicas: -1 }));
  assert.equal(formatInvalid('Deployment', 'd', errs), 'The Deployment "d" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  const many = validateObject(deploy({ selector: undefined }));
  assert.equal(formatInvalid('Deployment', 'no-selector', many),
    'The Deployment "no-selector" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`');
  const se = invalidStatusError('Deployment', 'apps', 'no-selector', many);
  assert.equal(se.code, 422);
  assert.equal(se.reason, 'Invalid');
  assert.equal(se.message, 'Deployment.apps "no-selector" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`]');
  assert.deepEqual(se.details.causes[0], { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' });
});

test('validateObject(applyDefaults(x)) still sees `matchLabels: {}` (as the server validates before storage)', async () => {
  const { applyDefaults } = await import('../../src/api/defaults.js');
  const raw = deploy({ selector: { matchLabels: {} } });
  const d = applyDefaults(raw);
  assert.equal(d.spec.selector.matchLabels, undefined); // stored form drops it
  assert.deepEqual(validateObject(d).map(fieldErrorString), [
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
  ]);
  // once changed, the object itself is what gets validated
  d.spec.replicas = -1;
  assert.deepEqual(validateObject(d).map(fieldErrorString)[0], 'spec.replicas: Invalid value: -1: must be greater than or equal to 0');
});
