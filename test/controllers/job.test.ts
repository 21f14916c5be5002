// The Job controller driven as upstream's job_controller_test drives it: pods finished through the API
// as the kubelet reports them, then the Job's status, conditions, events and pods asserted exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newCluster, T0 } from './helpers.js';
import { createJob, finishPod, jobEvents, jobManifest, jobPods, podNames, relStatus } from './job-harness.js';
import type { Cluster } from '../../src/store/cluster.js';

const status = (cluster: Cluster, job: string) => relStatus(cluster.get('jobs', 'default', job)!, T0);
/** "name phase [T] [F]": T terminating, F still carrying the tracking finalizer */
const podLines = (cluster: Cluster, job: string) => jobPods(cluster, job).map((p) =>
  `${p.metadata!.name} ${p.status?.phase}${p.metadata?.deletionTimestamp ? ' T' : ''}${p.metadata?.finalizers?.includes('batch.kubernetes.io/job-tracking') ? ' F' : ''}`);
const cond = (type: string, t: string, reason: string, message: string) =>
  ({ type, status: 'True', lastProbeTime: t, lastTransitionTime: t, reason, message });

test('completions 5 / parallelism 2, one pod fails: 10 s back-off, replacement, SuccessCriteriaMet then Complete', () => {
  const { cluster, at } = newCluster();
  createJob(cluster, jobManifest('pi', { completions: 5, parallelism: 2 }));
  at(0);
  const [a, b] = podNames(cluster, 'pi');
  assert.deepEqual(status(cluster, 'pi'), { startTime: '+0s', active: 2, terminating: 0, uncountedTerminatedPods: {}, ready: 0 });
  const pod = cluster.get('pods', 'default', a)!;
  assert.equal(pod.metadata!.generateName, 'pi-');
  assert.deepEqual(pod.metadata!.finalizers, ['batch.kubernetes.io/job-tracking']);
  assert.equal(pod.metadata!.labels!['batch.kubernetes.io/job-name'], 'pi');
  at(5000);
  assert.deepEqual(status(cluster, 'pi'), { startTime: '+0s', active: 2, terminating: 0, uncountedTerminatedPods: {}, ready: 2 });
  finishPod(cluster, a, 1);
  // the pod update is batched (1 s); the failure starts a 10 s back-off from the container's finishedAt
  at(6000);
  assert.deepEqual(status(cluster, 'pi'), { startTime: '+0s', failed: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 1 });
  assert.deepEqual(podLines(cluster, 'pi'), [`${a} Failed`, `${b} Running F`]);
  at(14999);
  assert.equal(jobPods(cluster, 'pi').length, 2);
  at(15000);
  const c = podNames(cluster, 'pi').find((n) => n !== a && n !== b)!;
  assert.deepEqual(status(cluster, 'pi'), { startTime: '+0s', active: 2, failed: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 1 });
  at(20000);
  finishPod(cluster, b, 0);
  finishPod(cluster, c, 0);
  at(21000);
  assert.deepEqual(status(cluster, 'pi'), { startTime: '+0s', active: 2, succeeded: 2, failed: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 0 });
  at(30000);
  for (const n of podNames(cluster, 'pi', 'Running')) finishPod(cluster, n, 0);
  at(31000);
  assert.deepEqual(status(cluster, 'pi'), { startTime: '+0s', active: 1, succeeded: 4, failed: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 0 });
  at(40000);
  for (const n of podNames(cluster, 'pi', 'Running')) finishPod(cluster, n, 0);
  at(41000);
  const done = 'Reached expected number of succeeded pods';
  assert.deepEqual(status(cluster, 'pi'), {
    conditions: [cond('SuccessCriteriaMet', '+41s', 'CompletionsReached', done), cond('Complete', '+41s', 'CompletionsReached', done)],
    startTime: '+0s', completionTime: '+41s', succeeded: 5, failed: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 0,
  });
  const names = podNames(cluster, 'pi');
  assert.equal(names.length, 6);
  assert.deepEqual(podLines(cluster, 'pi').map((l) => l.split(' ').slice(1).join(' ')).sort(), ['Failed', 'Succeeded', 'Succeeded', 'Succeeded', 'Succeeded', 'Succeeded']);
  const created = jobEvents(cluster).filter((l) => l.includes('SuccessfulCreate')).map((l) => l.split(': ')[1]);
  assert.deepEqual(created.slice(0, 3), [b, a, c].sort((x, y) => created.indexOf(x) - created.indexOf(y)));
  assert.deepEqual(jobEvents(cluster), [...created.map((n) => `Normal SuccessfulCreate Job/pi Created pod: ${n}`), 'Normal Completed Job/pi Job completed']);
  assert.equal(created.length, 6);
});

test('backoffLimit exceeded: FailureTarget, running pods deleted and counted, Failed once they are gone', () => {
  const { cluster, at } = newCluster();
  createJob(cluster, jobManifest('bad', { completions: 4, parallelism: 2, backoffLimit: 1 }));
  at(5000);
  const [a, b] = podNames(cluster, 'bad');
  finishPod(cluster, a, 1);
  at(15000);
  const c = podNames(cluster, 'bad').find((n) => n !== a && n !== b)!;
  at(20000);
  finishPod(cluster, c, 2);
  at(21000);
  const msg = 'Job has reached the specified backoff limit';
  assert.deepEqual(status(cluster, 'bad'), {
    conditions: [cond('FailureTarget', '+21s', 'BackoffLimitExceeded', msg)],
    startTime: '+0s', failed: 3, terminating: 1, uncountedTerminatedPods: {}, ready: 0,
  });
  assert.deepEqual(podLines(cluster, 'bad'), [`${a} Failed`, `${c} Failed`, `${b} Running T`].sort());
  at(30000);
  assert.deepEqual(status(cluster, 'bad'), {
    conditions: [cond('FailureTarget', '+21s', 'BackoffLimitExceeded', msg), cond('Failed', '+22s', 'BackoffLimitExceeded', msg)],
    startTime: '+0s', failed: 3, terminating: 0, uncountedTerminatedPods: {}, ready: 0,
  });
  assert.deepEqual(jobEvents(cluster), [
    `Normal SuccessfulCreate Job/bad Created pod: ${b}`,
    `Normal SuccessfulCreate Job/bad Created pod: ${a}`,
    `Normal SuccessfulCreate Job/bad Created pod: ${c}`,
    `Normal SuccessfulDelete Job/bad Deleted pod: ${b}`,
    `Warning BackoffLimitExceeded Job/bad ${msg}`,
  ].sort((x, y) => jobEvents(cluster).indexOf(x) - jobEvents(cluster).indexOf(y)));
  assert.equal(jobEvents(cluster).at(-1), `Warning BackoffLimitExceeded Job/bad ${msg}`);
});

test('Indexed: pods <job>-<index>-<suffix> with the index annotation, label, env and hostname; completedIndexes', () => {
  const { cluster, at } = newCluster();
  createJob(cluster, jobManifest('idx', { completions: 3, parallelism: 2, completionMode: 'Indexed' }));
  at(5000);
  const [p0, p1] = jobPods(cluster, 'idx');
  assert.match(p0.metadata!.name!, /^idx-0-[a-z0-9]{5}$/);
  assert.match(p1.metadata!.name!, /^idx-1-[a-z0-9]{5}$/);
  assert.equal(p0.metadata!.generateName, 'idx-0-');
  assert.deepEqual(p0.metadata!.annotations, { 'batch.kubernetes.io/job-completion-index': '0' });
  assert.equal(p0.metadata!.labels!['batch.kubernetes.io/job-completion-index'], '0');
  assert.equal(p0.spec.hostname, 'idx-0');
  assert.deepEqual(p0.spec.containers[0].env, [{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }]);
  finishPod(cluster, p1.metadata!.name!, 0);
  at(7000);
  assert.deepEqual(status(cluster, 'idx'), { startTime: '+0s', active: 2, succeeded: 1, terminating: 0, completedIndexes: '1', uncountedTerminatedPods: {}, ready: 1 });
  const p2 = jobPods(cluster, 'idx')[2];
  assert.match(p2.metadata!.name!, /^idx-2-[a-z0-9]{5}$/);
  finishPod(cluster, p0.metadata!.name!, 0);
  at(9000);
  assert.deepEqual(status(cluster, 'idx'), { startTime: '+0s', active: 1, succeeded: 2, terminating: 0, completedIndexes: '0,1', uncountedTerminatedPods: {}, ready: 1 });
  finishPod(cluster, p2.metadata!.name!, 0);
  at(11000);
  const done = 'Reached expected number of succeeded pods';
  assert.deepEqual(status(cluster, 'idx'), {
    conditions: [cond('SuccessCriteriaMet', '+10s', 'CompletionsReached', done), cond('Complete', '+10s', 'CompletionsReached', done)],
    startTime: '+0s', completionTime: '+10s', succeeded: 3, terminating: 0, completedIndexes: '0-2', uncountedTerminatedPods: {}, ready: 0,
  });
});

test('activeDeadlineSeconds: DeadlineExceeded at the deadline; ttlSecondsAfterFinished deletes the Job', () => {
  const { cluster, at } = newCluster();
  createJob(cluster, jobManifest('dl', { activeDeadlineSeconds: 30, ttlSecondsAfterFinished: 60 }));
  at(29999);
  const [p] = podNames(cluster, 'dl');
  assert.deepEqual(status(cluster, 'dl'), { startTime: '+0s', active: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 1 });
  at(30000);
  const msg = 'Job was active longer than specified deadline';
  assert.deepEqual(status(cluster, 'dl'), {
    conditions: [cond('FailureTarget', '+30s', 'DeadlineExceeded', msg)],
    startTime: '+0s', failed: 1, terminating: 1, uncountedTerminatedPods: {}, ready: 0,
  });
  at(32000);
  assert.deepEqual(status(cluster, 'dl'), {
    conditions: [cond('FailureTarget', '+30s', 'DeadlineExceeded', msg), cond('Failed', '+31s', 'DeadlineExceeded', msg)],
    startTime: '+0s', failed: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 0,
  });
  assert.deepEqual(jobEvents(cluster), [
    `Normal SuccessfulCreate Job/dl Created pod: ${p}`,
    `Normal SuccessfulDelete Job/dl Deleted pod: ${p}`,
    `Warning DeadlineExceeded Job/dl ${msg}`,
  ]);
  at(90999);
  assert.ok(cluster.get('jobs', 'default', 'dl'));
  at(91000);
  assert.equal(cluster.get('jobs', 'default', 'dl'), undefined);
});

test('suspend and resume: pods deleted without counting failures, Suspended condition, events', () => {
  const { cluster, at } = newCluster();
  createJob(cluster, jobManifest('sus', { parallelism: 2, completions: 2 }));
  at(5000);
  const job = structuredClone(cluster.get('jobs', 'default', 'sus')!);
  job.spec.suspend = true;
  cluster.update('jobs', job);
  at(5000);
  assert.deepEqual(status(cluster, 'sus'), {
    conditions: [cond('Suspended', '+5s', 'JobSuspended', 'Job suspended')],
    startTime: '+0s', terminating: 2, uncountedTerminatedPods: {}, ready: 0,
  });
  at(10000);
  assert.equal(jobPods(cluster, 'sus').length, 0);
  const j2 = structuredClone(cluster.get('jobs', 'default', 'sus')!);
  j2.spec.suspend = false;
  cluster.update('jobs', j2);
  at(10000);
  assert.deepEqual(status(cluster, 'sus'), {
    conditions: [{ type: 'Suspended', status: 'False', lastProbeTime: '+10s', lastTransitionTime: '+10s', reason: 'JobResumed', message: 'Job resumed' }],
    startTime: '+10s', active: 2, terminating: 0, uncountedTerminatedPods: {}, ready: 0,
  });
  assert.deepEqual(jobEvents(cluster).filter((l) => !l.includes('SuccessfulCreate') && !l.includes('SuccessfulDelete')),
    ['Normal Suspended Job/sus Job suspended', 'Normal Resumed Job/sus Job resumed']);
  assert.equal(jobEvents(cluster).filter((l) => l.includes('SuccessfulDelete')).length, 2);
});

test('podFailurePolicy: FailJob on an exit code, Ignore does not count', () => {
  const { cluster, at } = newCluster();
  createJob(cluster, jobManifest('pfp', {
    completions: 3, parallelism: 1, backoffLimit: 0,
    podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }, { action: 'FailJob', onExitCodes: { containerName: 'pi', operator: 'In', values: [42] } }] },
  }));
  at(5000);
  const [a] = podNames(cluster, 'pfp');
  finishPod(cluster, a, 3);
  // an ignored failure does not count, but still delays the replacement (the back-off sees every failure)
  at(6000);
  assert.deepEqual(status(cluster, 'pfp'), { startTime: '+0s', terminating: 0, uncountedTerminatedPods: {}, ready: 0 });
  at(15000);
  const b = podNames(cluster, 'pfp').find((n) => n !== a)!;
  assert.ok(b);
  at(20000);
  finishPod(cluster, b, 42);
  at(21000);
  const msg = `Container pi for pod default/${b} failed with exit code 42 matching FailJob rule at index 1`;
  assert.deepEqual(status(cluster, 'pfp'), {
    conditions: [cond('FailureTarget', '+21s', 'PodFailurePolicy', msg), cond('Failed', '+21s', 'PodFailurePolicy', msg)],
    startTime: '+0s', failed: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 0,
  });
  assert.equal(jobEvents(cluster).at(-1), `Warning PodFailurePolicy Job/pfp ${msg}`);
});
