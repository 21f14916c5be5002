// Pieces of the strategies with Go behaviour to match: robfig/cron's parse errors, encoding/base64's corrupt
// input offsets, HPA v1 <-> v2 conversion, and the strategy table itself.
import test from 'node:test';
import assert from 'node:assert/strict';
import { cronParseError } from '../../src/api/strategies/cron.js';
import { base64CorruptAt } from '../../src/api/strategies/base64.js';
import { hpaV1ToV2, hpaV2ToV1 } from '../../src/api/strategies/hpa.js';
import { strategyFor } from '../../src/api/strategies/index.js';
import { applyDefaults } from '../../src/api/defaults.js';

test('cron.ParseStandard errors', () => {
  const cases: [string, string | undefined][] = [
    ['*/5 * * * *', undefined],
    ['0 0 1 jan-dec mon-fri', undefined],
    ['@hourly', undefined],
    ['@every 1h30m', undefined],
    ['', 'empty spec string'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-2 * * * *', 'beginning of range (5) beyond end of range (2): 5-2'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['@often', 'unrecognized descriptor: @often'],
    ['@every 5', 'failed to parse duration @every 5: time: invalid duration "5"'],
  ];
  for (const [spec, want] of cases) assert.equal(cronParseError(spec), want, spec);
});

test('base64 StdEncoding corrupt input offsets', () => {
  const cases: [string, number][] = [
    ['aGVsbG8=', -1], ['aGVsbG8', 4], ['aGVs\nbG8=', -1], ['hunter2', 4], ['a', 0], ['ab==x', 4], ['ab=c', 2], ['=abc', 0], ['abc-', 3], ['', -1],
  ];
  for (const [s, at] of cases) assert.equal(base64CorruptAt(s), at, JSON.stringify(s));
});

test('HPA autoscaling/v1 <-> v2', () => {
  const v1 = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3, targetCPUUtilizationPercentage: 70 } };
  const v2 = hpaV1ToV2(v1);
  assert.deepEqual(v2.spec, { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] });
  assert.deepEqual(hpaV2ToV1(v2), v1);
});

test('every hand-written kind has a strategy; defaults are idempotent', () => {
  const kinds = ['v1/Pod', 'v1/Service', 'v1/Endpoints', 'v1/ConfigMap', 'v1/Secret', 'v1/ServiceAccount', 'v1/Namespace', 'v1/Node',
    'v1/PersistentVolume', 'v1/PersistentVolumeClaim', 'v1/ResourceQuota', 'v1/LimitRange', 'v1/Event', 'apps/v1/Deployment', 'apps/v1/ReplicaSet',
    'apps/v1/DaemonSet', 'apps/v1/StatefulSet', 'apps/v1/ControllerRevision', 'batch/v1/Job', 'batch/v1/CronJob', 'autoscaling/v2/HorizontalPodAutoscaler',
    'autoscaling/v1/HorizontalPodAutoscaler', 'policy/v1/PodDisruptionBudget', 'networking.k8s.io/v1/Ingress', 'networking.k8s.io/v1/IngressClass',
    'networking.k8s.io/v1/NetworkPolicy', 'discovery.k8s.io/v1/EndpointSlice', 'storage.k8s.io/v1/StorageClass', 'rbac.authorization.k8s.io/v1/Role',
    'rbac.authorization.k8s.io/v1/ClusterRole', 'rbac.authorization.k8s.io/v1/RoleBinding', 'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
    'scheduling.k8s.io/v1/PriorityClass', 'coordination.k8s.io/v1/Lease', 'events.k8s.io/v1/Event'];
  for (const k of kinds) {
    const i = k.lastIndexOf('/');
    const obj = { apiVersion: k.slice(0, i), kind: k.slice(i + 1), metadata: { name: 'x' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };
    assert.ok(strategyFor(obj), k);
    const once = applyDefaults(obj);
    assert.deepEqual(applyDefaults(once), once, k);
  }
});
