// The CronJob controller on the virtual clock: a timer at each schedule time (+100 ms), Forbid while a
// job runs, history limits, the status it keeps and the events it records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newCluster, T0 } from './helpers.js';
import { createCronJob, cronEvents, finishPod, jobPods, relStatus } from './job-harness.js';
import type { Cluster } from '../../src/store/cluster.js';
import { parseStandard } from '../../src/api/strategies/cron.js';
import { nextTime } from '../../src/controllers/cronjob/schedule.js';

const cronManifest = (spec: any) => ({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello', namespace: 'default' },
  spec: {
    schedule: '*/1 * * * *', ...spec,
    jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28', command: ['sleep', '86400'] /* finished by the test (finishPod) */ }] } } } },
  },
});

const jobNames = (c: Cluster) => c.list('jobs').map((j) => `${j.metadata!.name}${(j.status?.conditions || []).some((x: any) => x.type === 'Complete') ? ' Complete' : ''}`);
const activeNames = (c: Cluster) => (c.get('cronjobs', 'default', 'hello')!.status?.active || []).map((r: any) => r.name);
function finishRunning(c: Cluster): void {
  for (const j of c.list('jobs')) for (const p of jobPods(c, j.metadata!.name!)) if (p.status?.phase === 'Running') finishPod(c, p.metadata!.name!, 0);
}

test('*/1 * * * * with Forbid over 5 virtual minutes: timers, JobAlreadyActive, late start, history limit', () => {
  // T0 is 23:18:35; the minutes since the epoch of 23:19 are 29923159
  const { cluster, at } = newCluster();
  createCronJob(cluster, cronManifest({ concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 2 }));
  at(0);
  // no polling: one timer, at the next schedule time plus nextScheduleDelta
  assert.deepEqual(cluster.state.timers.filter((t) => t.kind === 'requeue.cronjob').map((t) => (t.at - T0) / 1000), [25.1]);
  at(25099);
  assert.deepEqual(jobNames(cluster), []);
  at(25100);
  assert.deepEqual(jobNames(cluster), ['hello-29923159']);
  const job = cluster.get('jobs', 'default', 'hello-29923159')!;
  assert.deepEqual(job.metadata!.annotations, { 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-11-22T23:19:00Z' });
  assert.deepEqual(job.metadata!.ownerReferences!.map((r) => `${r.kind}/${r.name} ${r.controller}`), ['CronJob/hello true']);
  assert.equal(job.spec.selector.matchLabels['batch.kubernetes.io/controller-uid'], job.metadata!.uid);
  const st = relStatus(cluster.get('cronjobs', 'default', 'hello')!, T0);
  assert.deepEqual(st, { active: [{ kind: 'Job', namespace: 'default', name: 'hello-29923159', uid: job.metadata!.uid, apiVersion: 'batch/v1', resourceVersion: '4' }], lastScheduleTime: '+25s' });
  // 23:20 and 23:21 come while hello-29923159 still runs: Forbid
  at(145100);
  assert.deepEqual(jobNames(cluster), ['hello-29923159']);
  at(175000); // 23:21:30
  finishRunning(cluster);
  // the Job completes (a second later); the 23:21 start it skipped is still the most recent one: it starts late
  at(176000);
  assert.deepEqual(jobNames(cluster), ['hello-29923159 Complete', 'hello-29923161']);
  assert.deepEqual(activeNames(cluster), ['hello-29923161']);
  at(195000);
  finishRunning(cluster);
  at(205100);
  assert.deepEqual(jobNames(cluster), ['hello-29923159 Complete', 'hello-29923161 Complete', 'hello-29923162']);
  at(215000);
  finishRunning(cluster);
  // the third success pushes the oldest out of successfulJobsHistoryLimit 2
  at(216000);
  assert.deepEqual(jobNames(cluster), ['hello-29923161 Complete', 'hello-29923162 Complete']);
  at(300000);
  assert.deepEqual(jobNames(cluster), ['hello-29923161 Complete', 'hello-29923162 Complete', 'hello-29923163']);
  const s = relStatus(cluster.get('cronjobs', 'default', 'hello')!, T0);
  assert.deepEqual([s.active.map((r: any) => r.name), s.lastScheduleTime, s.lastSuccessfulTime], [['hello-29923163'], '+265s', '+216s']);
  assert.deepEqual(cronEvents(cluster), [
    'Normal SuccessfulCreate CronJob/hello Created job hello-29923159',
    'Normal JobAlreadyActive CronJob/hello Not starting job because prior execution is running and concurrency policy is Forbid x2',
    'Normal SawCompletedJob CronJob/hello Saw completed job: hello-29923159, condition: Complete',
    'Normal SuccessfulCreate CronJob/hello Created job hello-29923161',
    'Normal SawCompletedJob CronJob/hello Saw completed job: hello-29923161, condition: Complete',
    'Normal SuccessfulCreate CronJob/hello Created job hello-29923162',
    'Normal SuccessfulDelete CronJob/hello Deleted job hello-29923159',
    'Normal SawCompletedJob CronJob/hello Saw completed job: hello-29923162, condition: Complete',
    'Normal SuccessfulCreate CronJob/hello Created job hello-29923163',
  ]);
});

test('Replace deletes the running job; suspend stops scheduling; startingDeadlineSeconds misses', () => {
  const { cluster, at } = newCluster();
  createCronJob(cluster, cronManifest({ concurrencyPolicy: 'Replace' }));
  at(85100);
  assert.deepEqual(jobNames(cluster), ['hello-29923160']);
  assert.deepEqual(cronEvents(cluster), [
    'Normal SuccessfulCreate CronJob/hello Created job hello-29923159',
    'Normal SuccessfulDelete CronJob/hello Deleted job hello-29923159',
    'Normal SuccessfulCreate CronJob/hello Created job hello-29923160',
  ]);
  const cj = structuredClone(cluster.get('cronjobs', 'default', 'hello')!);
  cj.spec.suspend = true;
  cluster.update('cronjobs', cj);
  at(400000);
  assert.deepEqual(jobNames(cluster), ['hello-29923160']);
  // resumed long after its last start with a 10 s starting deadline: the missed 23:25 start is not made up
  const cj2 = structuredClone(cluster.get('cronjobs', 'default', 'hello')!);
  cj2.spec.suspend = false;
  cj2.spec.startingDeadlineSeconds = 10;
  cluster.update('cronjobs', cj2);
  at(400000);
  assert.deepEqual(jobNames(cluster), ['hello-29923160']);
  assert.equal(cronEvents(cluster).at(-1), 'Normal SuccessfulCreate CronJob/hello Created job hello-29923160');
  // 23:26: Replace deletes the job still running
  at(445100);
  assert.deepEqual(jobNames(cluster), ['hello-29923166']);
  assert.deepEqual(cronEvents(cluster).slice(-2), ['Normal SuccessfulDelete CronJob/hello Deleted job hello-29923160', 'Normal SuccessfulCreate CronJob/hello Created job hello-29923166']);
});

test('schedule Next: standard fields, descriptors, day-of-month/day-of-week, time zones', () => {
  const at = (spec: string, from: string) => new Date(nextTime(parseStandard(spec), Date.parse(from))).toISOString();
  assert.equal(at('*/1 * * * *', '2026-11-22T23:18:35Z'), '2026-11-22T23:19:00.000Z');
  assert.equal(at('*/15 * * * *', '2026-11-22T23:18:35Z'), '2026-11-22T23:30:00.000Z');
  assert.equal(at('@hourly', '2026-11-22T23:18:35Z'), '2026-11-23T00:00:00.000Z');
  assert.equal(at('@yearly', '2026-11-22T23:18:35Z'), '2027-01-01T00:00:00.000Z');
  assert.equal(at('@weekly', '2026-11-22T23:18:35Z'), '2026-11-29T00:00:00.000Z');
  assert.equal(at('0 0 13 * 5', '2026-11-22T23:18:35Z'), '2026-11-27T00:00:00.000Z'); // 13th or Friday
  assert.equal(at('30 6-16/4 * * 1-5', '2026-11-22T23:18:35Z'), '2026-11-23T06:30:00.000Z');
  assert.equal(at('0 9 * * *', '2026-11-22T23:18:35Z'), '2026-11-23T09:00:00.000Z');
  assert.equal(at('TZ=Asia/Tokyo 0 9 * * *', '2026-11-22T23:18:35Z'), '2026-11-23T00:00:00.000Z');
  assert.equal(at('CRON_TZ=America/New_York 0 9 * * *', '2026-11-22T23:18:35Z'), '2026-11-23T14:00:00.000Z');
  assert.equal(at('@every 90s', '2026-11-22T23:18:35Z'), '2026-11-22T23:20:05.000Z');
  assert.equal(at('0 0 30 2 *', '2026-11-22T23:18:35Z'), '1970-01-01T00:00:00.000Z'); // never
});
