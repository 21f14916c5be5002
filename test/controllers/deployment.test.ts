// The deployment controller against exact sequences: the docs' worked traces, the transcripts'
// `-o yaml` statuses, proportional scaling, Recreate, pause, progress deadline, history, undo.
import test from 'node:test';
import assert from 'node:assert/strict';
import { computePodTemplateHash } from '../../src/api/hash.js';
import { World, T0, mkDeployment, statusOf } from './deployment-harness.js';

const KEY = 'default/nginx-deployment';

/** A deployment rolled out completely (3 replicas unless said), events cleared. */
function rolledOut(opts: Parameters<typeof mkDeployment>[0] = {}): World {
  const w = new World();
  w.create(mkDeployment(opts));
  w.settle();
  w.events = [];
  w.requeues = [];
  return w;
}

/** Runs a rollout to the end and returns the event messages with OLD/NEW aliases. */
function rollout(w: World, image: string): string[] {
  const old = w.rsList().find((rs) => rs.spec.replicas > 0);
  w.setImage(image);
  w.settle();
  return w.messages({ OLD: old.metadata.name, NEW: w.rsByImage(image).metadata.name });
}

test('create: RS named <deployment>-<hash>, shaped as the transcript (a-create #13)', () => {
  const w = new World();
  const d = w.create(mkDeployment());
  w.settle();
  const rss = w.rsList();
  assert.equal(rss.length, 1);
  const rs = rss[0];
  assert.equal(rs.metadata.name, 'nginx-deployment-647677fc66');
  // what the API server adds is not ours to check
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, generation: _g, ...md } = rs.metadata;
  assert.deepEqual(md, {
    name: 'nginx-deployment-647677fc66',
    namespace: 'default',
    labels: { app: 'nginx', 'pod-template-hash': '647677fc66' },
    ownerReferences: [
      { apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'Deployment', name: 'nginx-deployment', uid: d.metadata!.uid },
    ],
    annotations: {
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    },
  });
  assert.equal(rs.apiVersion, 'apps/v1');
  assert.equal(rs.kind, 'ReplicaSet');
  const template = JSON.parse(JSON.stringify(d.spec.template));
  template.metadata.labels['pod-template-hash'] = '647677fc66';
  assert.deepEqual(rs.spec, {
    replicas: 3,
    selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '647677fc66' } },
    template,
  });
  assert.equal(rs.spec.template.metadata.creationTimestamp, null);
  assert.equal('minReadySeconds' in rs.spec, false);
  assert.deepEqual(w.messages(), ['Scaled up replica set nginx-deployment-647677fc66 from 0 to 3']);
  assert.equal(w.deployment().metadata.annotations['deployment.kubernetes.io/revision'], '1');
  // the revision annotation is written through the status subresource: no generation bump
  assert.equal(w.deployment().metadata.generation, 1);
});

test('the new RS is stored as the API server would serialise it: status {replicas: 0} until its controller reports', () => {
  const w = new World();
  w.create(mkDeployment());
  w.sync();
  const rs = w.rsList()[0];
  assert.deepEqual(rs.status, { replicas: 0 });
  assert.equal(rs.metadata.generation, 1);
  // one sync created the RS and wrote the status (revision annotation, conditions), nothing more
  assert.deepEqual(w.deployment().metadata.annotations, { 'deployment.kubernetes.io/revision': '1' });
  assert.deepEqual(
    w.deployment().status.conditions.map((c: any) => [c.type, c.status, c.reason, c.message]),
    [
      ['Progressing', 'True', 'NewReplicaSetCreated', 'Created new replica set "nginx-deployment-647677fc66"'],
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
    ],
  );
});

test('status after create, then after the pods are ready (n-validation #63/#66, a-create #10)', () => {
  const w = new World();
  w.create(mkDeployment({ name: 'nginx-deployment' }));
  w.readyCap.set('nginx-deployment-647677fc66', 0);
  w.settle();
  const rsName = 'nginx-deployment-647677fc66';
  assert.deepEqual(statusOf(w.deployment()), {
    conditions: [
      {
        lastTransitionTime: '2026-11-22T23:18:35Z',
        lastUpdateTime: '2026-11-22T23:18:35Z',
        message: 'Deployment does not have minimum availability.',
        reason: 'MinimumReplicasUnavailable',
        status: 'False',
        type: 'Available',
      },
      {
        lastTransitionTime: '2026-11-22T23:18:35Z',
        lastUpdateTime: '2026-11-22T23:18:35Z',
        message: `ReplicaSet "${rsName}" is progressing.`,
        reason: 'ReplicaSetUpdated',
        status: 'True',
        type: 'Progressing',
      },
    ],
    observedGeneration: 1,
    replicas: 3,
    unavailableReplicas: 3,
    updatedReplicas: 3,
  });
  w.advance(2000);
  w.readyCap.delete(rsName);
  w.settle();
  assert.deepEqual(statusOf(w.deployment()), {
    availableReplicas: 3,
    conditions: [
      {
        lastTransitionTime: '2026-11-22T23:18:37Z',
        lastUpdateTime: '2026-11-22T23:18:37Z',
        message: 'Deployment has minimum availability.',
        reason: 'MinimumReplicasAvailable',
        status: 'True',
        type: 'Available',
      },
      {
        lastTransitionTime: '2026-11-22T23:18:35Z',
        lastUpdateTime: '2026-11-22T23:18:37Z',
        message: `ReplicaSet "${rsName}" has successfully progressed.`,
        reason: 'NewReplicaSetAvailable',
        status: 'True',
        type: 'Progressing',
      },
    ],
    observedGeneration: 1,
    readyReplicas: 3,
    replicas: 3,
    updatedReplicas: 3,
  });
  assert.deepEqual(w.messages(), [`Scaled up replica set ${rsName} from 0 to 3`]);
});

test('worked trace: 3 replicas, 25%/25% (surge 1, unavailable 0), image change', () => {
  const w = rolledOut();
  assert.deepEqual(rollout(w, 'nginx:1.16.1'), [
    'Scaled up replica set NEW from 0 to 1',
    'Scaled down replica set OLD from 3 to 2',
    'Scaled up replica set NEW from 1 to 2',
    'Scaled down replica set OLD from 2 to 1',
    'Scaled up replica set NEW from 2 to 3',
    'Scaled down replica set OLD from 1 to 0',
  ]);
  // the transcript's new RS name for nginx:1.16.1 (b-set-image #3)
  assert.equal(w.rsByImage('nginx:1.16.1').metadata.name, 'nginx-deployment-8d94c585f');
  const d = w.deployment();
  assert.equal(d.metadata.annotations['deployment.kubernetes.io/revision'], '2');
  assert.equal(d.metadata.generation, 2);
  assert.equal(d.status.observedGeneration, 2);
  assert.deepEqual(
    d.status.conditions.map((c: any) => [c.type, c.status, c.reason]),
    [
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ],
  );
  assert.equal(d.status.conditions[1].message, 'ReplicaSet "nginx-deployment-8d94c585f" has successfully progressed.');
  assert.equal(w.rsByImage('nginx:1.14.2').metadata.annotations['deployment.kubernetes.io/revision'], '1');
  assert.equal(w.rsByImage('nginx:1.16.1').metadata.annotations['deployment.kubernetes.io/revision'], '2');
});

test('the trace is one phase per sync', () => {
  const w = rolledOut();
  w.setImage('nginx:1.16.1');
  const perSync: number[] = [];
  for (let i = 0; i < 8; i++) {
    const n = w.events.length;
    w.step();
    perSync.push(w.events.length - n);
  }
  // sync 1 creates the RS (no scale down yet: the new pod is unavailable), then one scale per sync
  assert.deepEqual(perSync.slice(0, 6), [1, 1, 1, 1, 1, 1]);
});

test('5 replicas, 25%/25% (surge 2, unavailable 1): new to 2 and old to 4 at once, before any pod is ready', () => {
  const w = rolledOut({ replicas: 5 });
  const old = w.rsList()[0];
  w.setImage('nginx:1.16.1');
  w.sync();
  const newRS = w.rsByImage('nginx:1.16.1');
  // the creating sync scales the old RS down too (maxScaledDown = 7 - 4 - 2 = 1); its status write
  // conflicts with the creation's, and the retry finds room for one more new pod (6 < 7)
  assert.deepEqual(w.messages({ OLD: old.metadata.name, NEW: newRS.metadata.name }), [
    'Scaled up replica set NEW from 0 to 2',
    'Scaled down replica set OLD from 5 to 4',
    'Scaled up replica set NEW from 2 to 3',
  ]);
  assert.equal(newRS.metadata.annotations['deployment.kubernetes.io/max-replicas'], '7');
  w.rsController();
  w.settle();
  assert.deepEqual(w.messages({ OLD: old.metadata.name, NEW: newRS.metadata.name }), [
    'Scaled up replica set NEW from 0 to 2',
    'Scaled down replica set OLD from 5 to 4',
    'Scaled up replica set NEW from 2 to 3',
    'Scaled down replica set OLD from 4 to 1',
    'Scaled up replica set NEW from 3 to 5',
    'Scaled down replica set OLD from 1 to 0',
  ]);
});

test('4 replicas, maxSurge 1 / maxUnavailable 0', () => {
  const w = rolledOut({ replicas: 4, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } });
  assert.deepEqual(rollout(w, 'nginx:1.16.1'), [
    'Scaled up replica set NEW from 0 to 1',
    'Scaled down replica set OLD from 4 to 3',
    'Scaled up replica set NEW from 1 to 2',
    'Scaled down replica set OLD from 3 to 2',
    'Scaled up replica set NEW from 2 to 3',
    'Scaled down replica set OLD from 2 to 1',
    'Scaled up replica set NEW from 3 to 4',
    'Scaled down replica set OLD from 1 to 0',
  ]);
});

test('3 replicas, maxSurge 0 / maxUnavailable 1: old first, the new RS is created at 0 (no event)', () => {
  const w = rolledOut({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } });
  assert.deepEqual(rollout(w, 'nginx:1.16.1'), [
    'Scaled down replica set OLD from 3 to 2',
    'Scaled up replica set NEW from 0 to 1',
    'Scaled down replica set OLD from 2 to 1',
    'Scaled up replica set NEW from 1 to 2',
    'Scaled down replica set OLD from 1 to 0',
    'Scaled up replica set NEW from 2 to 3',
  ]);
});

test('4 replicas, 1/1: the old RS is scaled down in the creating sync, before the new pod is ready', () => {
  const w = rolledOut({ replicas: 4, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } });
  w.brokenImage = 'nginx:broken';
  const old = w.rsList()[0];
  w.setImage('nginx:broken');
  w.settle();
  const newRS = w.rsByImage('nginx:broken');
  assert.deepEqual(w.messages({ OLD: old.metadata.name, NEW: newRS.metadata.name }), [
    'Scaled up replica set NEW from 0 to 1',
    'Scaled down replica set OLD from 4 to 3',
    'Scaled up replica set NEW from 1 to 2',
  ]);
  // stuck: 5 pods, minAvailable 3, 2 unavailable new -> maxScaledDown 0
  assert.equal(w.rsByImage('nginx:1.14.2').spec.replicas, 3);
});

test('10 replicas, surge 3 / unavailable 2, broken image: stuck at old 8 / new 5; scale to 15 gives 11 and 7', () => {
  const w = rolledOut({ replicas: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } });
  w.brokenImage = 'nginx:broken';
  const old = w.rsList()[0];
  w.setImage('nginx:broken');
  w.settle();
  const newRS = w.rsByImage('nginx:broken');
  const aliases = { OLD: old.metadata.name, NEW: newRS.metadata.name };
  assert.deepEqual(w.messages(aliases), [
    'Scaled up replica set NEW from 0 to 3',
    'Scaled down replica set OLD from 10 to 8',
    'Scaled up replica set NEW from 3 to 5',
  ]);
  assert.equal(w.rsByImage('nginx:1.14.2').spec.replicas, 8);
  assert.equal(w.rsByImage('nginx:broken').spec.replicas, 5);
  let st = w.deployment().status;
  assert.equal(st.replicas, 13);
  assert.equal(st.updatedReplicas, 5);
  assert.equal(st.availableReplicas, 8);
  assert.equal(st.unavailableReplicas, 5);

  w.events = [];
  w.edit((d) => (d.spec.replicas = 15));
  w.settle();
  // allowed 18, toAdd 5: old round(8*18/13)=11 (+3), new round(5*18/13)=7 (+2); both "up"
  assert.deepEqual(w.messages(aliases), ['Scaled up replica set OLD from 8 to 11', 'Scaled up replica set NEW from 5 to 7']);
  const oldRS = w.rsByImage('nginx:1.14.2');
  const newRS2 = w.rsByImage('nginx:broken');
  assert.equal(oldRS.spec.replicas, 11);
  assert.equal(newRS2.spec.replicas, 7);
  for (const rs of [oldRS, newRS2]) {
    assert.equal(rs.metadata.annotations['deployment.kubernetes.io/desired-replicas'], '15');
    assert.equal(rs.metadata.annotations['deployment.kubernetes.io/max-replicas'], '18');
  }
  st = w.deployment().status;
  assert.equal(st.replicas, 18);
  assert.equal(st.updatedReplicas, 7);
  assert.equal(st.availableReplicas, 11);
  assert.equal(st.unavailableReplicas, 7);
});

test('scaling down proportionally removes from the larger (older on ties) first, leftover to the first', () => {
  const w = rolledOut({ replicas: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } });
  w.brokenImage = 'nginx:broken';
  const old = w.rsList()[0];
  w.setImage('nginx:broken');
  w.settle();
  const aliases = { OLD: old.metadata.name, NEW: w.rsByImage('nginx:broken').metadata.name };
  w.events = [];
  w.edit((d) => (d.spec.replicas = 5));
  w.settle();
  // allowed 5+2=7 (surge of 5 is 3... absolute 3) -> allowed 8, toAdd -5: old round(8*8/13)=5 (-3), new round(5*8/13)=3 (-2)
  assert.deepEqual(w.messages(aliases).slice(0, 2), ['Scaled down replica set OLD from 8 to 5', 'Scaled down replica set NEW from 5 to 3']);
});

test('scale of a complete deployment: Available moves after Progressing (k #52)', () => {
  const w = rolledOut();
  w.readyCap.set(w.rsList()[0].metadata.name, 3);
  w.edit((d) => (d.spec.replicas = 5));
  w.settle();
  let conds = w.deployment().status.conditions.map((c: any) => [c.type, c.status, c.reason]);
  assert.deepEqual(conds, [
    ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ['Available', 'False', 'MinimumReplicasUnavailable'],
  ]);
  w.readyCap.clear();
  w.settle();
  w.edit((d) => (d.spec.replicas = 2));
  w.settle();
  conds = w.deployment().status.conditions.map((c: any) => [c.type, c.status, c.reason]);
  assert.deepEqual(conds, [
    ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ['Available', 'True', 'MinimumReplicasAvailable'],
  ]);
  const name = w.rsList()[0].metadata.name;
  assert.deepEqual(w.messages({ RS: name }), ['Scaled up replica set RS from 3 to 5', 'Scaled down replica set RS from 5 to 2']);
  const rs = w.rsList()[0];
  assert.equal(rs.metadata.annotations['deployment.kubernetes.io/desired-replicas'], '2');
  assert.equal(rs.metadata.annotations['deployment.kubernetes.io/max-replicas'], '3');
  assert.equal(rs.metadata.annotations['deployment.kubernetes.io/revision'], '1');
});

test('Recreate: old to 0 first; the new RS only once no old pod is left', () => {
  const w = rolledOut({ strategy: { type: 'Recreate' } });
  const old = w.rsList()[0];
  // a terminating pod of the old RS (the kubelet has not finished with it)
  w.cluster.create('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${old.metadata.name}-abcde`,
      namespace: 'default',
      labels: { app: 'nginx', 'pod-template-hash': old.metadata.labels['pod-template-hash'] },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: old.metadata.name, uid: old.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] },
    status: { phase: 'Running' },
  });
  w.setImage('nginx:1.16.1');
  w.settle();
  assert.deepEqual(w.messages({ OLD: old.metadata.name }), ['Scaled down replica set OLD from 3 to 0']);
  assert.equal(w.rsList().length, 1, 'no new RS while an old pod runs');
  assert.equal(w.deployment().status.conditions.find((c: any) => c.type === 'Available').status, 'False');
  w.cluster.remove('pods', 'default', `${old.metadata.name}-abcde`);
  w.settle();
  const newRS = w.rsByImage('nginx:1.16.1');
  assert.deepEqual(w.messages({ OLD: old.metadata.name, NEW: newRS.metadata.name }), [
    'Scaled down replica set OLD from 3 to 0',
    'Scaled up replica set NEW from 0 to 3',
  ]);
  assert.equal(newRS.spec.replicas, 3);
  assert.equal(newRS.metadata.annotations['deployment.kubernetes.io/max-replicas'], '3');
  assert.equal(w.deployment().status.conditions.find((c: any) => c.type === 'Progressing').reason, 'NewReplicaSetAvailable');
});

test('paused: no new RS, scaling applies, Progressing Unknown DeploymentPaused then DeploymentResumed (d #11)', () => {
  const w = rolledOut();
  const old = w.rsList()[0];
  const tPause = T0 + 29_000;
  w.cluster.setNow(tPause);
  w.edit((d) => (d.spec.paused = true));
  w.settle();
  w.advance(1000);
  w.setImage('nginx:1.17');
  w.settle();
  assert.equal(w.rsList().length, 1, 'no new RS while paused');
  const d = w.deployment();
  assert.deepEqual(statusOf(d), {
    availableReplicas: 3,
    conditions: [
      {
        lastTransitionTime: '2026-11-22T23:18:35Z',
        lastUpdateTime: '2026-11-22T23:18:35Z',
        message: 'Deployment has minimum availability.',
        reason: 'MinimumReplicasAvailable',
        status: 'True',
        type: 'Available',
      },
      {
        lastTransitionTime: '2026-11-22T23:19:04Z',
        lastUpdateTime: '2026-11-22T23:19:04Z',
        message: 'Deployment is paused',
        reason: 'DeploymentPaused',
        status: 'Unknown',
        type: 'Progressing',
      },
    ],
    observedGeneration: 3,
    readyReplicas: 3,
    replicas: 3,
  });
  // no progress check while paused
  assert.deepEqual(w.requeues, []);
  // scaling still works while paused
  w.edit((dd) => (dd.spec.replicas = 4));
  w.settle();
  assert.deepEqual(w.messages({ OLD: old.metadata.name }), ['Scaled up replica set OLD from 3 to 4']);
  assert.equal(w.rsList().length, 1);

  const tResume = tPause + 7000;
  w.cluster.setNow(tResume);
  w.edit((dd) => delete dd.spec.paused);
  w.sync();
  let prog = w.deployment().status.conditions.find((c: any) => c.type === 'Progressing');
  assert.deepEqual([prog.status, prog.reason, prog.message], ['Unknown', 'DeploymentResumed', 'Deployment is resumed']);
  w.settle();
  const newRS = w.rsByImage('nginx:1.17');
  assert.ok(newRS);
  assert.equal(newRS.metadata.annotations['deployment.kubernetes.io/revision'], '2');
  assert.equal(w.rsList().length, 2);
  prog = w.deployment().status.conditions.find((c: any) => c.type === 'Progressing');
  assert.deepEqual([prog.status, prog.reason, prog.lastTransitionTime], ['True', 'NewReplicaSetAvailable', '2026-11-22T23:19:11Z']);
});

test('progress deadline: Progressing False ProgressDeadlineExceeded, no event, requeued for the deadline', () => {
  const w = rolledOut({ progressDeadlineSeconds: 10 });
  w.brokenImage = 'nginx:broken';
  w.setImage('nginx:broken');
  w.settle();
  const newName = w.rsByImage('nginx:broken').metadata.name;
  let prog = w.deployment().status.conditions.find((c: any) => c.type === 'Progressing');
  assert.deepEqual([prog.status, prog.reason, prog.lastUpdateTime], ['True', 'ReplicaSetUpdated', '2026-11-22T23:18:35Z']);
  // lastUpdateTime + 10s - now, plus a second
  assert.deepEqual(
    w.requeues.map((r) => [r.controller, r.key, r.ms]),
    [['deployment', KEY, 11_000]],
  );
  const nEvents = w.events.length;
  w.advance(5_000);
  w.requeues = [];
  w.sync();
  assert.deepEqual(w.requeues.map((r) => r.ms), [6_000], 'requeue counts down from lastUpdateTime');
  w.advance(6_000);
  w.requeues = [];
  w.settle();
  prog = w.deployment().status.conditions.find((c: any) => c.type === 'Progressing');
  assert.deepEqual(prog, {
    lastTransitionTime: '2026-11-22T23:18:46Z',
    lastUpdateTime: '2026-11-22T23:18:46Z',
    message: `ReplicaSet "${newName}" has timed out progressing.`,
    reason: 'ProgressDeadlineExceeded',
    status: 'False',
    type: 'Progressing',
  });
  assert.equal(w.events.length, nEvents, 'no event on timeout');
  assert.deepEqual(w.requeues, [], 'no more progress checks once timed out');
  // pausing never overwrites a timed-out condition
  w.edit((d) => (d.spec.paused = true));
  w.settle();
  prog = w.deployment().status.conditions.find((c: any) => c.type === 'Progressing');
  assert.equal(prog.reason, 'ProgressDeadlineExceeded');
});

test('requeue just after the deadline when less than a second is left', () => {
  const w = rolledOut({ progressDeadlineSeconds: 10 });
  w.brokenImage = 'nginx:broken';
  w.setImage('nginx:broken');
  w.settle();
  w.advance(9_500);
  w.requeues = [];
  w.sync();
  assert.deepEqual(w.requeues.map((r) => r.ms), [501]);
  w.advance(501);
  w.sync();
  assert.equal(w.deployment().status.conditions.find((c: any) => c.type === 'Progressing').reason, 'ProgressDeadlineExceeded');
});

test('revisionHistoryLimit: the oldest fully scaled-down RSs are deleted once complete', () => {
  const w = rolledOut({ revisionHistoryLimit: 2 });
  for (const image of ['nginx:2', 'nginx:3', 'nginx:4']) {
    w.setImage(image);
    w.settle();
  }
  const revs = w
    .rsList()
    .map((rs) => [rs.spec.template.spec.containers[0].image, rs.metadata.annotations['deployment.kubernetes.io/revision']])
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  assert.deepEqual(revs, [
    ['nginx:2', '2'],
    ['nginx:3', '3'],
    ['nginx:4', '4'],
  ]);
});

test('revisionHistoryLimit 0 keeps no old RS', () => {
  const w = rolledOut({ revisionHistoryLimit: 0 });
  w.setImage('nginx:2');
  w.settle();
  assert.deepEqual(w.rsList().map((rs) => rs.spec.template.spec.containers[0].image), ['nginx:2']);
});

test('undo-like template revert reuses the old RS with a new revision and revision-history', () => {
  const w = rolledOut();
  const v1 = w.rsByImage('nginx:1.14.2');
  w.setImage('nginx:1.16.1');
  w.settle();
  const v2 = w.rsByImage('nginx:1.16.1');
  w.events = [];
  // what `kubectl rollout undo` sends: the RS template minus the hash label
  w.setImage('nginx:1.14.2');
  w.settle();
  assert.equal(w.rsList().length, 2, 'no new RS');
  let rs1 = w.rsByImage('nginx:1.14.2');
  assert.equal(rs1.metadata.name, v1.metadata.name);
  assert.equal(rs1.metadata.annotations['deployment.kubernetes.io/revision'], '3');
  assert.equal(rs1.metadata.annotations['deployment.kubernetes.io/revision-history'], '1');
  assert.equal(w.deployment().metadata.annotations['deployment.kubernetes.io/revision'], '3');
  assert.deepEqual(w.messages({ V1: v1.metadata.name, V2: v2.metadata.name }), [
    'Scaled up replica set V1 from 0 to 1',
    'Scaled down replica set V2 from 3 to 2',
    'Scaled up replica set V1 from 1 to 2',
    'Scaled down replica set V2 from 2 to 1',
    'Scaled up replica set V1 from 2 to 3',
    'Scaled down replica set V2 from 1 to 0',
  ]);
  // and back again: v2 becomes revision 4 with history "2"
  w.setImage('nginx:1.16.1');
  w.settle();
  const rs2 = w.rsByImage('nginx:1.16.1');
  assert.equal(rs2.metadata.annotations['deployment.kubernetes.io/revision'], '4');
  assert.equal(rs2.metadata.annotations['deployment.kubernetes.io/revision-history'], '2');
  // and once more: "1,3"
  w.setImage('nginx:1.14.2');
  w.settle();
  rs1 = w.rsByImage('nginx:1.14.2');
  assert.equal(rs1.metadata.annotations['deployment.kubernetes.io/revision'], '5');
  assert.equal(rs1.metadata.annotations['deployment.kubernetes.io/revision-history'], '1,3');
});

test('annotations of the deployment reach the new RS (change-cause, c #9-#11), never the skip list', () => {
  const w = rolledOut();
  w.edit((d) => {
    d.metadata.annotations['kubernetes.io/change-cause'] = 'image updated to 1.16.1';
    d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] = '{}';
  });
  w.settle();
  const rs = w.rsList()[0];
  assert.equal(rs.metadata.annotations['kubernetes.io/change-cause'], 'image updated to 1.16.1');
  assert.equal('kubectl.kubernetes.io/last-applied-configuration' in rs.metadata.annotations, false);
  assert.deepEqual(w.events, []);
});

test('minReadySeconds is copied to the new RS and kept in sync', () => {
  const w = rolledOut({ minReadySeconds: 5 });
  assert.equal(w.rsList()[0].spec.minReadySeconds, 5);
  w.edit((d) => (d.spec.minReadySeconds = 0));
  w.settle();
  assert.equal('minReadySeconds' in w.rsList()[0].spec, false);
  assert.equal(w.rsList().length, 1, 'minReadySeconds is not part of the template');
});

test('hash collision: collisionCount is bumped and the RS gets the next hash', () => {
  const w = new World();
  const d = mkDeployment();
  const hash0 = computePodTemplateHash(d.spec.template);
  // someone else's RS already has the name (labels that our selector does not match: no adoption)
  w.cluster.create('replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `nginx-deployment-${hash0}`, namespace: 'default', labels: { app: 'other' } },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'other' } },
      template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'x', image: 'x' }] } },
    },
  });
  w.create(d);
  w.settle();
  const dd = w.deployment();
  assert.equal(dd.status.collisionCount, 1);
  const hash1 = computePodTemplateHash(d.spec.template, 1);
  assert.notEqual(hash1, hash0);
  const ours = w.rsList().filter((rs) => rs.metadata.ownerReferences);
  assert.deepEqual(ours.map((rs) => rs.metadata.name), [`nginx-deployment-${hash1}`]);
  assert.equal(ours[0].spec.template.metadata.labels['pod-template-hash'], hash1);
});

test('an orphan RS matching the selector and template is adopted, not duplicated', () => {
  const w = new World();
  const d = mkDeployment();
  const template = JSON.parse(JSON.stringify(d.spec.template));
  template.metadata.labels['pod-template-hash'] = 'abc';
  w.cluster.create('replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'nginx-deployment-abc', namespace: 'default', labels: { app: 'nginx', 'pod-template-hash': 'abc' } },
    spec: { replicas: 3, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': 'abc' } }, template },
  });
  const created = w.create(d);
  w.settle();
  const rss = w.rsList();
  assert.equal(rss.length, 1);
  assert.deepEqual(rss[0].metadata.ownerReferences, [
    { apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'Deployment', name: 'nginx-deployment', uid: created.metadata!.uid },
  ]);
  assert.equal(rss[0].metadata.annotations['deployment.kubernetes.io/revision'], '1');
  assert.deepEqual(w.events, []);
  const conds = w.deployment().status.conditions.map((c: any) => [c.type, c.reason]);
  assert.deepEqual(conds, [
    ['Available', 'MinimumReplicasAvailable'],
    ['Progressing', 'NewReplicaSetAvailable'],
  ]);
});

test('an owned RS whose labels stop matching is released', () => {
  const w = rolledOut();
  const rs = w.rsList()[0];
  w.cluster.update('replicasets', { ...rs, metadata: { ...rs.metadata, labels: { app: 'elsewhere' } } });
  w.sync();
  assert.equal(w.cluster.get('replicasets', 'default', rs.metadata.name)!.metadata!.ownerReferences, undefined);
});

test('empty selector: SelectingAll warning and observedGeneration only', () => {
  const w = new World();
  const d = mkDeployment();
  d.spec.selector = {};
  w.create(d);
  w.sync();
  assert.deepEqual(
    w.events.map((e) => [e.type, e.reason, e.message]),
    [['Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.']],
  );
  assert.equal(w.rsList().length, 0);
  assert.deepEqual(statusOf(w.deployment()), { observedGeneration: 1 });
});

test('deletionTimestamp: status only, no scaling', () => {
  const w = rolledOut();
  w.edit((d) => {
    d.metadata.deletionTimestamp = '2026-11-22T23:20:00Z';
    d.spec.replicas = 5;
  });
  w.settle();
  assert.deepEqual(w.events, []);
  assert.equal(w.rsList()[0].spec.replicas, 3);
  assert.equal(w.deployment().status.observedGeneration, 2);
});

test('legacy rollbackTo annotation rolls the template back and clears the annotation', () => {
  const w = rolledOut();
  w.setImage('nginx:1.16.1');
  w.settle();
  w.events = [];
  w.edit((d) => (d.metadata.annotations['deprecated.deployment.rollback.to'] = '0'));
  w.settle();
  const d = w.deployment();
  assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.14.2');
  assert.equal('deprecated.deployment.rollback.to' in d.metadata.annotations, false);
  assert.deepEqual(w.events[0], {
    type: 'Normal',
    reason: 'DeploymentRollback',
    message: 'Rolled back deployment "nginx-deployment" to revision 1',
    object: 'nginx-deployment',
    at: T0,
  });
});

test('no progressDeadlineSeconds (MaxInt32): no Progressing condition', () => {
  const w = rolledOut({ progressDeadlineSeconds: 2147483647 });
  assert.deepEqual(
    w.deployment().status.conditions.map((c: any) => c.type),
    ['Available'],
  );
});

// Wall time is measured in bench/, not asserted here (a loaded CI machine must not fail a test).
test('1,000 replicas, surge 1 / unavailable 0: the rollout completes one pod at a time', () => {
  const w = rolledOut({ replicas: 1000, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } });
  w.setImage('nginx:2');
  const steps = w.settle();
  assert.equal(w.rsByImage('nginx:2').spec.replicas, 1000);
  assert.equal(w.rsByImage('nginx:1.14.2').spec.replicas, 0);
  assert.equal(w.events.length, 2000);
  assert.ok(steps >= 2000);
});
