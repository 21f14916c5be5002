// Jobs and CronJobs end to end on a pinned manual clock: get jobs / cronjobs, wait for a Job's
// condition (fast-forwarding virtual time), describe, and create job --from=cronjob.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ks, ok, pinnedCluster } from './helpers.js';

const slowJob = `apiVersion: batch/v1
kind: Job
metadata:
  name: slow
spec:
  activeDeadlineSeconds: 30
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sleep", "3600"]
`;

test('a Job past its activeDeadlineSeconds: get jobs, wait --for=condition=failed, describe events', () => {
  const home = pinnedCluster();
  ok(ks(home, ['apply', '-f', '-'], slowJob));
  assert.equal(ok(ks(home, ['get', 'jobs'])), 'NAME   STATUS    COMPLETIONS   DURATION   AGE\nslow   Running   0/1           0s         0s\n');
  assert.equal(ok(ks(home, ['wait', '--for=condition=failed', 'job/slow', '--timeout=60s'])), 'job.batch/slow condition met\n');
  assert.equal(ok(ks(home, ['get', 'jobs'])), 'NAME   STATUS   COMPLETIONS   DURATION   AGE\nslow   Failed   0/1           31s        31s\n');
  const r = ks(home, ['wait', '--for=condition=complete', 'job/slow', '--timeout=5s']);
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', 'error: timed out waiting for the condition on jobs/slow\n', 1]);
  const d = ok(ks(home, ['describe', 'job', 'slow']));
  assert.match(d, /\nPods Statuses:            0 Active \(0 Ready\) \/ 0 Succeeded \/ 1 Failed\n/);
  assert.match(d, /Normal   SuccessfulCreate  \S+ +job-controller  Created pod: slow-[a-z0-9]{5}\n/);
  assert.match(d, /Normal   SuccessfulDelete  \S+ +job-controller  Deleted pod: slow-[a-z0-9]{5}\n/);
  assert.match(d, /Warning  DeadlineExceeded  \S+ +job-controller  Job was active longer than specified deadline\n$/);
  const y = ok(ks(home, ['get', 'job', 'slow', '-o', 'jsonpath={.status.conditions[*].type} {.status.conditions[*].reason} {.status.failed}']));
  assert.equal(y, 'FailureTarget Failed DeadlineExceeded DeadlineExceeded 1');
});

test('a CronJob fires on its schedule; create job --from=cronjob runs a pod', () => {
  const home = pinnedCluster();
  assert.equal(ok(ks(home, ['create', 'cronjob', 'tick', '--image=busybox:1.36', '--schedule=*/1 * * * *', '--', 'date'])), 'cronjob.batch/tick created\n');
  ok(ks(home, ['clock', 'advance', '61s']));
  assert.equal(ok(ks(home, ['get', 'cronjobs'])), [
    'NAME   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE',
    'tick   */1 * * * *   <none>     False     1        1s              61s',
    '',
  ].join('\n'));
  // the job is named for its scheduled time in minutes since the epoch (2030-01-01T00:01:00Z)
  assert.equal(ok(ks(home, ['get', 'jobs'])), 'NAME            STATUS    COMPLETIONS   DURATION   AGE\ntick-31557601   Running   0/1           1s         1s\n');
  assert.equal(ok(ks(home, ['create', 'job', 'manual', '--from=cronjob/tick'])), 'job.batch/manual created\n');
  ok(ks(home, ['clock', 'advance', '3s']));
  assert.match(ok(ks(home, ['get', 'pods', '-l', 'job-name=manual'])), /\nmanual-[a-z0-9]{5}   0\/1     Completed   0          3s\n$/);
});
