// apps/v1 and batch/v1 tables (printers.go: printStatefulSet, printDaemonSet, printControllerRevision,
// printJob, printCronJob).
import test from 'node:test';
import { printTable } from '../../../src/printers/tables.js';
import { NOW, S, M, H, D, meta, ago, sameTable } from './helpers.js';

const now = NOW;
const ns = (name: string, age: number, extra: Record<string, any> = {}) => meta(name, age, { namespace: 'default', ...extra });
const podSpec = (...cs: [string, string][]) => ({ containers: cs.map(([name, image]) => ({ name, image, imagePullPolicy: 'Always', resources: {} })), restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' });

test('statefulsets: READY ready/desired, wide containers and images (printStatefulSet)', () => {
  const sts = [
    {
      metadata: ns('web', 10 * M, { generation: 1 }),
      spec: { replicas: 3, serviceName: 'nginx', selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: podSpec(['nginx', 'registry.k8s.io/nginx-slim:0.24']) }, podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } },
      status: { replicas: 2, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2, availableReplicas: 2 },
    },
    { metadata: ns('db', 5 * S), spec: { replicas: 1, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { spec: podSpec(['pg', 'postgres:17'], ['exporter', 'prom/postgres-exporter']) } }, status: { replicas: 0, availableReplicas: 0 } },
  ];
  sameTable(printTable('statefulsets', sts, { now }), [
    'NAME   READY   AGE',
    'web    2/3     10m',
    'db     0/1     5s',
  ]);
  sameTable(printTable('statefulsets', sts, { now, wide: true }), [
    'NAME   READY   AGE   CONTAINERS    IMAGES',
    'web    2/3     10m   nginx         registry.k8s.io/nginx-slim:0.24',
    'db     0/1     5s    pg,exporter   postgres:17,prom/postgres-exporter',
  ]);
});

test('daemonsets: the five counters, NODE SELECTOR, wide SELECTOR (printDaemonSet)', () => {
  const dss = [
    {
      metadata: ns('fluentd', 3 * D),
      spec: { selector: { matchLabels: { name: 'fluentd' } }, template: { metadata: { labels: { name: 'fluentd' } }, spec: { ...podSpec(['fluentd', 'quay.io/fluentd_elasticsearch/fluentd:v5.0.1']), nodeSelector: { 'kubernetes.io/os': 'linux' } } }, updateStrategy: { type: 'RollingUpdate' } },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2, numberMisscheduled: 0 },
    },
    {
      metadata: ns('new', 2 * S),
      spec: { selector: { matchLabels: { app: 'new' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] }, template: { spec: podSpec(['c', 'busybox']) } },
      status: { desiredNumberScheduled: 0, currentNumberScheduled: 0, numberReady: 0, numberMisscheduled: 0 },
    },
  ];
  sameTable(printTable('daemonsets', dss, { now }), [
    'NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
    'fluentd   3         3         2       3            2           kubernetes.io/os=linux   3d',
    'new       0         0         0       0            0           <none>                   2s',
  ]);
  sameTable(printTable('daemonsets', dss, { now, wide: true }), [
    'NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE   CONTAINERS   IMAGES                                         SELECTOR',
    'fluentd   3         3         2       3            2           kubernetes.io/os=linux   3d    fluentd      quay.io/fluentd_elasticsearch/fluentd:v5.0.1   name=fluentd',
    'new       0         0         0       0            0           <none>                   2s    c            busybox                                        app=new,tier in (a,b)',
  ]);
});

test('controllerrevisions: CONTROLLER kind.group/name (printControllerRevision)', () => {
  const owner = (kind: string, apiVersion: string, name: string) => ({ ownerReferences: [{ apiVersion, kind, name, uid: 'u', controller: true, blockOwnerDeletion: true }] });
  const crs = [
    { metadata: ns('web-5c6f8d9b7', 10 * M, owner('StatefulSet', 'apps/v1', 'web')), revision: 1, data: {} },
    { metadata: ns('fluentd-7d4f8b6c9', 3 * D, owner('DaemonSet', 'apps/v1', 'fluentd')), revision: 12 },
    { metadata: ns('orphan-1', 1 * H), revision: 2 },
  ];
  sameTable(printTable('controllerrevisions', crs, { now }), [
    'NAME                CONTROLLER               REVISION   AGE',
    'web-5c6f8d9b7       statefulset.apps/web     1          10m',
    'fluentd-7d4f8b6c9   daemonset.apps/fluentd   12         3d',
    'orphan-1            <none>                   2          60m',
  ]);
});

const jobTemplate = (name: string, image: string) => ({ metadata: { labels: { 'batch.kubernetes.io/job-name': name } }, spec: { ...podSpec([name, image]), restartPolicy: 'Never' } });
const jobSpec = (name: string, extra: Record<string, any> = {}) => ({
  parallelism: 1,
  completions: 1,
  backoffLimit: 6,
  completionMode: 'NonIndexed',
  suspend: false,
  podReplacementPolicy: 'TerminatingOrFailed',
  manualSelector: false,
  selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': `uid-${name}` } },
  template: jobTemplate(name, 'perl:5.34.0'),
  ...extra,
});
const cond = (type: string, status = 'True') => ({ type, status, lastProbeTime: ago(1 * M), lastTransitionTime: ago(1 * M) });

test('jobs: STATUS, COMPLETIONS, DURATION for running, complete, failed, suspended, terminating (printJob)', () => {
  const jobs = [
    { apiVersion: 'batch/v1', kind: 'Job', metadata: ns('pi', 3 * M), spec: jobSpec('pi'), status: { startTime: ago(3 * M), completionTime: ago(3 * M - 11 * S), succeeded: 1, ready: 0, terminating: 0, conditions: [cond('SuccessCriteriaMet'), cond('Complete')] } },
    { metadata: ns('running', 90 * S), spec: jobSpec('running', { completions: 5, parallelism: 2 }), status: { startTime: ago(90 * S), active: 2, succeeded: 2, ready: 2, terminating: 0 } },
    { metadata: ns('queue', 20 * M), spec: jobSpec('queue', { completions: undefined, parallelism: 3 }), status: { startTime: ago(20 * M), active: 3, ready: 3 } },
    { metadata: ns('broken', 2 * H), spec: jobSpec('broken', { backoffLimit: 2 }), status: { startTime: ago(2 * H), failed: 3, conditions: [cond('FailureTarget'), cond('Failed')] } },
    { metadata: ns('held', 4 * M), spec: jobSpec('held', { suspend: true }), status: { conditions: [cond('Suspended')] } },
    { metadata: ns('failing', 30 * S), spec: jobSpec('failing'), status: { startTime: ago(30 * S), failed: 1, conditions: [cond('FailureTarget')] } },
    { metadata: ns('going', 5 * M, { deletionTimestamp: ago(1 * S) }), spec: jobSpec('going'), status: { startTime: ago(5 * M), active: 1, conditions: [cond('Suspended', 'False')] } },
    { metadata: ns('new', 0), spec: jobSpec('new', { parallelism: 0, completions: undefined }) },
  ];
  sameTable(printTable('jobs', jobs, { now }), [
    'NAME      STATUS          COMPLETIONS   DURATION   AGE',
    'pi        Complete        1/1           11s        3m',
    'running   Running         2/5           90s        90s',
    'queue     Running         0/1 of 3      20m        20m',
    'broken    Failed          0/1           120m       120m',
    'held      Suspended       0/1                      4m',
    'failing   FailureTarget   0/1           30s        30s',
    'going     Terminating     0/1           5m         5m',
    'new       Running         0/1                      0s',
  ]);
  sameTable(printTable('jobs', jobs.slice(0, 1), { now, wide: true }), [
    'NAME   STATUS     COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES        SELECTOR',
    'pi     Complete   1/1           11s        3m    pi           perl:5.34.0   batch.kubernetes.io/controller-uid=uid-pi',
  ]);
  sameTable(printTable('jobs.batch', jobs.slice(0, 1), { now, withKind: true }), [
    'NAME           STATUS     COMPLETIONS   DURATION   AGE',
    'job.batch/pi   Complete   1/1           11s        3m',
  ]);
});

test('cronjobs: TIMEZONE, SUSPEND, ACTIVE, never scheduled <none> (printCronJob)', () => {
  const cjSpec = (schedule: string, extra: Record<string, any> = {}) => ({
    schedule,
    concurrencyPolicy: 'Allow',
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    jobTemplate: { spec: { template: { spec: { ...podSpec(['hello', 'busybox:1.28']), restartPolicy: 'OnFailure' } } } },
    ...extra,
  });
  const cjs = [
    { metadata: ns('hello', 10 * M), spec: cjSpec('* * * * *'), status: { lastScheduleTime: ago(40 * S), lastSuccessfulTime: ago(35 * S), active: [{ kind: 'Job', namespace: 'default', name: 'hello-29394721', apiVersion: 'batch/v1' }] } },
    { metadata: ns('nightly', 2 * D), spec: cjSpec('0 3 * * *', { timeZone: 'Europe/Paris', suspend: true }), status: { lastScheduleTime: ago(33 * H) } },
    { metadata: ns('never', 30 * S), spec: cjSpec('@hourly'), status: {} },
  ];
  sameTable(printTable('cronjobs', cjs, { now }), [
    'NAME      SCHEDULE    TIMEZONE       SUSPEND   ACTIVE   LAST SCHEDULE   AGE',
    'hello     * * * * *   <none>         False     1        40s             10m',
    'nightly   0 3 * * *   Europe/Paris   True      0        33h             2d',
    'never     @hourly     <none>         False     0        <none>          30s',
  ]);
  sameTable(printTable('cronjobs', cjs.slice(0, 1), { now, wide: true }), [
    'NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE   CONTAINERS   IMAGES         SELECTOR',
    'hello   * * * * *   <none>     False     1        40s             10m   hello        busybox:1.28   <none>',
  ]);
});
