// deployment_util.go ports, table-driven.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  type DeploymentObj,
  type RSObj,
  EqualIgnoreHash,
  FindActiveOrLatest,
  GetProportion,
  GetValueFromIntOrPercent,
  LastRevision,
  MaxRevision,
  MaxSurge,
  MaxUnavailable,
  NewDeploymentCondition,
  ReplicaSetsBySizeNewer,
  ReplicaSetsBySizeOlder,
  ResolveFenceposts,
  RoundToInt32,
  SetDeploymentCondition,
  SetNewReplicaSetAnnotations,
  DeploymentTimedOut,
} from '../../src/controllers/deployment/util.js';

function dep(replicas: number, maxSurge: number | string, maxUnavailable: number | string, extra: any = {}): DeploymentObj {
  return {
    metadata: { name: 'd', generation: 1, annotations: extra.annotations },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'x' } },
      template: { metadata: { labels: { app: 'x' } } },
      strategy: { type: extra.type ?? 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } },
      progressDeadlineSeconds: extra.progressDeadlineSeconds ?? 600,
    },
    status: extra.status,
  };
}

function rs(name: string, replicas: number, created: string, annotations: Record<string, string> = {}, status: any = {}): RSObj {
  return { metadata: { name, uid: name, creationTimestamp: created, annotations }, spec: { replicas, selector: {} }, status };
}

test('ResolveFenceposts: surge rounds up, unavailable down, both 0 -> unavailable 1', () => {
  const cases: [number | string, number | string, number, [number, number]][] = [
    ['25%', '25%', 1, [1, 0]],
    ['25%', '25%', 3, [1, 0]],
    ['25%', '25%', 4, [1, 1]],
    ['25%', '25%', 5, [2, 1]],
    ['25%', '25%', 10, [3, 2]],
    ['0%', '1%', 2, [0, 1]],
    ['1%', '25%', 2, [1, 0]],
    [0, 1, 3, [0, 1]],
    ['30%', '30%', 7, [3, 2]],
  ];
  for (const [s, u, n, want] of cases) assert.deepEqual(ResolveFenceposts(s, u, n), want, `${s}/${u} of ${n}`);
  assert.throws(() => GetValueFromIntOrPercent('25', 4, true), /string is not a percentage/);
});

test('MaxUnavailable: 0 for Recreate or 0 replicas, capped at replicas; MaxSurge 0 for Recreate', () => {
  assert.equal(MaxUnavailable(dep(0, '25%', '25%')), 0);
  assert.equal(MaxUnavailable(dep(3, 0, 5)), 3);
  assert.equal(MaxUnavailable(dep(3, '25%', '25%', { type: 'Recreate' })), 0);
  assert.equal(MaxSurge(dep(3, '25%', '25%', { type: 'Recreate' })), 0);
  assert.equal(MaxSurge(dep(10, 3, 2)), 3);
});

test('RoundToInt32 rounds half away from zero', () => {
  assert.deepEqual([2.5, 1.5, -2.5, -1.5, 0.49, -0.5].map(RoundToInt32), [3, 2, -3, -2, 0, -1]);
});

test('GetProportion: the docs example (10 -> 15, surge 3; old 8, new 5)', () => {
  const d = dep(15, 3, 2);
  const old = rs('old', 8, '2026-01-01T00:00:00Z', { 'deployment.kubernetes.io/max-replicas': '13' });
  const nw = rs('new', 5, '2026-01-01T00:01:00Z', { 'deployment.kubernetes.io/max-replicas': '13' });
  assert.equal(GetProportion(old, d, 5, 0), 3);
  assert.equal(GetProportion(nw, d, 5, 3), 2);
  // never more than allowed
  assert.equal(GetProportion(nw, d, 5, 4), 1);
  // scaling to zero removes the whole RS
  assert.equal(GetProportion(old, dep(0, 3, 2), -13, 0), -8);
  // no annotation: d.status.replicas is the base
  const bare = rs('bare', 4, '2026-01-01T00:00:00Z');
  assert.equal(GetProportion(bare, dep(8, 0, 1, { status: { replicas: 4 } }), 4, 0), 4);
});

test('sorters: by size, newer first when adding, older first when removing', () => {
  const a = rs('a', 3, '2026-01-01T00:00:00Z');
  const b = rs('b', 3, '2026-01-01T00:00:05Z');
  const c = rs('c', 5, '2026-01-01T00:00:09Z');
  assert.deepEqual([a, b, c].sort(ReplicaSetsBySizeNewer).map((r) => r.metadata!.name), ['c', 'b', 'a']);
  assert.deepEqual([b, a, c].sort(ReplicaSetsBySizeOlder).map((r) => r.metadata!.name), ['c', 'a', 'b']);
  // same second: names break the tie
  const x = rs('x', 1, '2026-01-01T00:00:00Z');
  const y = rs('y', 1, '2026-01-01T00:00:00Z');
  assert.deepEqual([y, x].sort(ReplicaSetsBySizeOlder).map((r) => r.metadata!.name), ['x', 'y']);
});

test('FindActiveOrLatest: the single active one, else the newest, else none', () => {
  const o1 = rs('o1', 0, '2026-01-01T00:00:00Z');
  const o2 = rs('o2', 0, '2026-01-01T00:00:05Z');
  assert.equal(FindActiveOrLatest(undefined, [o1, o2])!.metadata!.name, 'o2');
  const n = rs('n', 0, '2026-01-01T00:00:09Z');
  assert.equal(FindActiveOrLatest(n, [o1, o2])!.metadata!.name, 'n');
  assert.equal(FindActiveOrLatest(n, [o1, rs('o3', 2, '2026-01-01T00:00:01Z')])!.metadata!.name, 'o3');
  assert.equal(FindActiveOrLatest(rs('n2', 1, '2026-01-01T00:00:09Z'), [rs('o3', 2, '2026-01-01T00:00:01Z')]), undefined);
});

test('revisions: Max and Last skip unparseable values', () => {
  const list = [
    rs('a', 0, '', { 'deployment.kubernetes.io/revision': '3' }),
    rs('b', 0, '', { 'deployment.kubernetes.io/revision': 'x' }),
    rs('c', 0, '', { 'deployment.kubernetes.io/revision': '7' }),
    rs('d', 0, ''),
  ];
  assert.equal(MaxRevision(list), 7);
  assert.equal(LastRevision(list), 3);
});

test('SetDeploymentCondition: same status+reason untouched; reason change keeps lastTransitionTime; order: appended', () => {
  const st: any = { conditions: [] };
  SetDeploymentCondition(st, NewDeploymentCondition('Progressing', 'True', 'NewReplicaSetCreated', 'm1', 'T1'));
  SetDeploymentCondition(st, NewDeploymentCondition('Available', 'False', 'MinimumReplicasUnavailable', 'm2', 'T1'));
  SetDeploymentCondition(st, NewDeploymentCondition('Progressing', 'True', 'NewReplicaSetCreated', 'other', 'T2'));
  assert.deepEqual(st.conditions.map((c: any) => [c.type, c.message, c.lastUpdateTime]), [
    ['Progressing', 'm1', 'T1'],
    ['Available', 'm2', 'T1'],
  ]);
  SetDeploymentCondition(st, NewDeploymentCondition('Progressing', 'True', 'ReplicaSetUpdated', 'm3', 'T3'));
  assert.deepEqual(st.conditions.map((c: any) => [c.type, c.reason, c.lastTransitionTime, c.lastUpdateTime]), [
    ['Available', 'MinimumReplicasUnavailable', 'T1', 'T1'],
    ['Progressing', 'ReplicaSetUpdated', 'T1', 'T3'],
  ]);
  SetDeploymentCondition(st, NewDeploymentCondition('Available', 'True', 'MinimumReplicasAvailable', 'm4', 'T4'));
  assert.deepEqual(st.conditions.map((c: any) => [c.type, c.lastTransitionTime]), [
    ['Progressing', 'T1'],
    ['Available', 'T4'],
  ]);
});

test('SetNewReplicaSetAnnotations: copies all but the skip list; revision-history trimmed from the front', () => {
  const d = dep(3, '25%', '25%', {
    annotations: {
      'kubernetes.io/change-cause': 'why',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      'deployment.kubernetes.io/revision': '9',
      'deprecated.deployment.rollback.to': '1',
    },
  });
  const fresh: RSObj = { metadata: { name: 'n' }, spec: { selector: {} } };
  assert.equal(SetNewReplicaSetAnnotations(d, fresh, '4', false, 2000), true);
  assert.deepEqual(fresh.metadata!.annotations, {
    'kubernetes.io/change-cause': 'why',
    'deployment.kubernetes.io/revision': '4',
    'deployment.kubernetes.io/desired-replicas': '3',
    'deployment.kubernetes.io/max-replicas': '4',
  });
  // an existing RS being reused: no replica annotations, old revision recorded
  const old: RSObj = { metadata: { name: 'o', annotations: { 'deployment.kubernetes.io/revision': '12', 'deployment.kubernetes.io/revision-history': '1,10' } }, spec: { selector: {} } };
  assert.equal(SetNewReplicaSetAnnotations(d, old, '15', true, 7), true);
  assert.equal(old.metadata!.annotations!['deployment.kubernetes.io/revision'], '15');
  // "1,10" + ",12" is 7 characters: fits exactly
  assert.equal(old.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '1,10,12');
  assert.equal(SetNewReplicaSetAnnotations(d, old, '16', true, 7), true);
  // "1,10,12,15" is too long: drop from the front until it fits
  assert.equal(old.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '12,15');
  // a higher revision is never lowered
  assert.equal(SetNewReplicaSetAnnotations(d, old, '5', true, 2000), false);
  assert.equal(old.metadata!.annotations!['deployment.kubernetes.io/revision'], '16');
});

test('EqualIgnoreHash: ignores the hash label, nil == empty, order of keys', () => {
  const a = { metadata: { creationTimestamp: null, labels: { app: 'x', 'pod-template-hash': 'abc' } }, spec: { containers: [{ name: 'c', image: 'i', env: [] }] } };
  const b = { spec: { containers: [{ image: 'i', name: 'c' }] }, metadata: { labels: { app: 'x' } } };
  assert.equal(EqualIgnoreHash(a as any, b as any), true);
  const c = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'j' }] } };
  assert.equal(EqualIgnoreHash(a as any, c as any), false);
  const e = { metadata: { labels: { app: 'x', extra: 'y' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
  assert.equal(EqualIgnoreHash(a as any, e as any), false);
});

test('DeploymentTimedOut: strictly after lastUpdateTime + deadline; never for NewReplicaSetAvailable', () => {
  const d = dep(3, 1, 0, { progressDeadlineSeconds: 10 });
  const st = (reason: string) => ({ conditions: [NewDeploymentCondition('Progressing', 'True', reason, '', '2026-01-01T00:00:00Z')] });
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(DeploymentTimedOut(d, st('ReplicaSetUpdated'), t0 + 10_000), false);
  assert.equal(DeploymentTimedOut(d, st('ReplicaSetUpdated'), t0 + 10_001), true);
  assert.equal(DeploymentTimedOut(d, st('NewReplicaSetAvailable'), t0 + 99_000), false);
  assert.equal(DeploymentTimedOut(d, st('ProgressDeadlineExceeded'), t0), true);
});
