// Port of pkg/controller/cronjob/cronjob_controllerv2.go and utils.go (v1.32): sync (cleanupFinishedJobs,
// syncCronJob), mostRecentScheduleTime / nextScheduleTime / nextScheduleTimeDuration, getJobFromTemplate2.
// The CronJob wakes on a timer at its next schedule time (+100 ms, nextScheduleDelta), never by polling.
import type { KObject } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import { applyDefaults } from '../../api/defaults.js';
import { strategyFor } from '../../api/strategies/index.js';
import { CronError, parseStandard, type CronSchedule } from '../../api/strategies/cron.js';
import { parseTime, rfc3339 } from '../../sim/clock.js';
import { controllerOf, copy, splitKey, timeStr } from '../podutil.js';
import { deleteWithPropagation } from '../gc.js';
import { nextTime, validLocation } from './schedule.js';
import { admitControllerCreate } from '../apiadmission.js';

const name = 'cronjob';
const component = 'cronjob-controller';
const nextScheduleDelta = 100;
const CronJobScheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

type Missed = 'none' | 'few' | 'many';

function event(ctx: ControllerContext, cj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
  ctx.recorder.event({ component }, cj, type, reason, message);
}

function finishedStatus(job: KObject): string | undefined {
  return (job.status?.conditions || []).find((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;
}

const inActiveList = (cj: KObject, uid: string) => (cj.status?.active || []).some((r: any) => r.uid === uid);

function deleteFromActiveList(cj: KObject, uid: string): void {
  cj.status.active = (cj.status.active || []).filter((r: any) => r.uid !== uid);
}

/** formatSchedule: spec.timeZone becomes a TZ= prefix; TZ in the schedule itself earns a warning. */
function formatSchedule(ctx: ControllerContext | undefined, cj: KObject): string {
  const s: string = cj.spec?.schedule ?? '';
  if (s.includes('TZ')) {
    if (ctx) event(ctx, cj, 'Warning', 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule ${JSON.stringify(s)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`);
    return s;
  }
  if (cj.spec?.timeZone != null) {
    if (!validLocation(cj.spec.timeZone)) return s;
    return `TZ=${cj.spec.timeZone} ${s}`;
  }
  return s;
}

/** mostRecentScheduleTime -> [earliestTime, mostRecent | undefined, missed]; throws for a schedule that never advances. */
function mostRecentScheduleTime(cj: KObject, now: number, sched: CronSchedule, includeDeadline: boolean): [number, number | undefined, Missed] {
  let earliest = parseTime(cj.status?.lastScheduleTime) ?? parseTime(cj.metadata?.creationTimestamp)!;
  if (includeDeadline && cj.spec?.startingDeadlineSeconds != null) {
    const deadline = now - cj.spec.startingDeadlineSeconds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = nextTime(sched, earliest);
  const t2 = nextTime(sched, t1);
  if (now < t1) return [earliest, undefined, 'none'];
  if (now < t2) return [earliest, t1, 'none'];
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) throw new Error('time difference between two schedules is less than 1 second');
  const elapsed = Math.floor((now - t1) / 1000);
  const missed = Math.floor(elapsed / between) + 1;
  let mostRecent: number | undefined;
  const potentialEarliest = t1 + (missed - 1 - 1) * between * 1000;
  for (let t = nextTime(sched, potentialEarliest); t && t <= now; t = nextTime(sched, t)) mostRecent = t;
  const m: Missed = missed > 100 ? 'many' : missed > 1 ? 'few' : 'none';
  return [earliest, mostRecent, m];
}

function nextScheduleTimeDuration(cj: KObject, now: number, sched: CronSchedule): number {
  let mostRecent: number;
  try {
    const [earliest, mr, missed] = mostRecentScheduleTime(cj, now, sched, false);
    mostRecent = mr ?? (missed === 'none' ? earliest : now);
  } catch {
    mostRecent = now;
  }
  return nextTime(sched, mostRecent) + nextScheduleDelta - now;
}

function nextScheduleTime(ctx: ControllerContext, cj: KObject, now: number, sched: CronSchedule): number | undefined {
  const [, mostRecent, missed] = mostRecentScheduleTime(cj, now, sched, true);
  if (mostRecent === undefined || mostRecent > now) return undefined;
  if (missed === 'many') {
    event(ctx, cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
  }
  return mostRecent;
}

/** getJobName: <cronjob>-<scheduled time in minutes since the epoch>. */
export function getJobName(cjName: string, scheduled: number): string {
  return `${cjName}-${Math.floor(scheduled / 60_000)}`;
}

/** Go's time.Format(time.RFC3339) of `ms` in zone `tz` (offset, or Z for UTC). */
function rfc3339In(ms: number, tz: string | undefined): string {
  if (!tz || tz === 'UTC' || tz === 'Etc/UTC') return rfc3339(ms);
  const wall = toWallRFC(ms, tz);
  return wall;
}

function toWallRFC(ms: number, tz: string): string {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = part.value;
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  const off = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
  if (off === 0) return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}Z`;
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** getJobFromTemplate2 + the API server's create of it (defaults, generated selector). */
function createJobFromTemplate(ctx: ControllerContext, cj: KObject, scheduled: number): KObject {
  const jt = cj.spec?.jobTemplate || {};
  const annotations = { ...(jt.metadata?.annotations || {}) };
  annotations[CronJobScheduledTimestampAnnotation] = rfc3339In(scheduled, cj.spec?.timeZone ?? undefined);
  const md: any = { name: getJobName(cj.metadata!.name!, scheduled), namespace: cj.metadata!.namespace };
  if (jt.metadata?.labels && Object.keys(jt.metadata.labels).length) md.labels = { ...jt.metadata.labels };
  md.annotations = annotations;
  md.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata!.name, uid: cj.metadata!.uid, controller: true, blockOwnerDeletion: true }];
  const job: KObject = applyDefaults({ apiVersion: 'batch/v1', kind: 'Job', metadata: md, spec: copy(jt.spec || {}) });
  const uid = ctx.cluster.rng.uuid();
  job.metadata!.uid = uid;
  strategyFor(job)?.prepareForCreate?.(job);
  return ctx.cluster.create('jobs', admitControllerCreate(ctx.cluster, 'jobs', applyDefaults(job)), { uid });
}

/** byJobStartTime: started before not started, then by start time, then by name. */
function byJobStartTime(a: KObject, b: KObject): number {
  const sa = parseTime(a.status?.startTime);
  const sb = parseTime(b.status?.startTime);
  if (sa === undefined || sb === undefined) {
    if (sa === sb) return 0;
    return sa === undefined ? 1 : -1;
  }
  if (sa === sb) return a.metadata!.name! < b.metadata!.name! ? -1 : a.metadata!.name! > b.metadata!.name! ? 1 : 0;
  return sa - sb;
}

/** deleteJob: background cascade, then out of the active list, with the event. */
function deleteJob(ctx: ControllerContext, cj: KObject, job: KObject): boolean {
  try {
    deleteWithPropagation(ctx, 'jobs', job.metadata!.namespace, job.metadata!.name!, 'Background');
  } catch (e: any) {
    event(ctx, cj, 'Warning', 'FailedDelete', `Deleted job: ${e?.message ?? e}`);
    return false;
  }
  deleteFromActiveList(cj, job.metadata!.uid!);
  event(ctx, cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata!.name}`);
  return true;
}

function removeOldestJobs(ctx: ControllerContext, cj: KObject, js: KObject[], max: number): boolean {
  const n = js.length - max;
  if (n <= 0) return false;
  let updated = false;
  const sorted = [...js].sort(byJobStartTime);
  for (let i = 0; i < n; i++) if (deleteJob(ctx, cj, sorted[i])) updated = true;
  return updated;
}

function cleanupFinishedJobs(ctx: ControllerContext, cj: KObject, jobs: KObject[]): boolean {
  const s = cj.spec || {};
  if (s.failedJobsHistoryLimit == null && s.successfulJobsHistoryLimit == null) return false;
  const ok = jobs.filter((j) => finishedStatus(j) === 'Complete');
  const failed = jobs.filter((j) => finishedStatus(j) === 'Failed');
  let updated = false;
  if (s.successfulJobsHistoryLimit != null && removeOldestJobs(ctx, cj, ok, s.successfulJobsHistoryLimit)) updated = true;
  if (s.failedJobsHistoryLimit != null && removeOldestJobs(ctx, cj, failed, s.failedJobsHistoryLimit)) updated = true;
  return updated;
}

/** syncCronJob -> [requeue after ms | undefined, status changed]. */
function syncCronJob(ctx: ControllerContext, cj: KObject, jobs: KObject[]): [number | undefined, boolean] {
  const now = ctx.now;
  let updateStatus = false;
  const children = new Set<string>();
  for (const j of jobs) {
    children.add(j.metadata!.uid!);
    const found = inActiveList(cj, j.metadata!.uid!);
    const fin = finishedStatus(j);
    if (!found && !fin) {
      event(ctx, cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata!.name}`);
    } else if (found && fin) {
      deleteFromActiveList(cj, j.metadata!.uid!);
      event(ctx, cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata!.name}, condition: ${fin}`);
      updateStatus = true;
    } else if (fin === 'Complete') {
      const ct = j.status?.completionTime;
      const last = parseTime(cj.status.lastSuccessfulTime);
      if (ct && (last === undefined || parseTime(ct)! > last)) {
        cj.status.lastSuccessfulTime = ct;
        updateStatus = true;
      }
    }
  }
  // jobs that went missing leave the active list
  for (const ref of [...(cj.status.active || [])]) {
    if (children.has(ref.uid)) continue;
    if (!ctx.cluster.get('jobs', ref.namespace, ref.name)) {
      event(ctx, cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
      deleteFromActiveList(cj, ref.uid);
      updateStatus = true;
    }
  }
  if (cj.metadata?.deletionTimestamp) return [undefined, updateStatus];
  const tz = cj.spec?.timeZone;
  if (tz != null && !validLocation(tz)) {
    event(ctx, cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(tz)}: unknown time zone ${tz}`);
    return [undefined, updateStatus];
  }
  if (cj.spec?.suspend === true) return [undefined, updateStatus];
  let sched: CronSchedule;
  try {
    sched = parseStandard(formatSchedule(ctx, cj));
  } catch (e) {
    if (!(e instanceof CronError)) throw e;
    event(ctx, cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule)} : ${e.message}`);
    return [undefined, updateStatus];
  }
  let scheduled: number | undefined;
  try {
    scheduled = nextScheduleTime(ctx, cj, now, sched);
  } catch (e: any) {
    event(ctx, cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule} : ${e?.message ?? e}`);
    return [undefined, updateStatus];
  }
  const requeue = () => nextScheduleTimeDuration(cj, now, sched);
  if (scheduled === undefined) return [requeue(), updateStatus];
  if (cj.spec?.startingDeadlineSeconds != null && scheduled + cj.spec.startingDeadlineSeconds * 1000 < now) {
    event(ctx, cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
    return [requeue(), updateStatus];
  }
  const jobName = getJobName(cj.metadata!.name!, scheduled);
  if ((cj.status.active || []).some((r: any) => r.name === jobName) || parseTime(cj.status.lastScheduleTime) === scheduled) {
    return [requeue(), updateStatus];
  }
  if (cj.spec?.concurrencyPolicy === 'Forbid' && (cj.status.active || []).length > 0) {
    event(ctx, cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    return [requeue(), updateStatus];
  }
  if (cj.spec?.concurrencyPolicy === 'Replace') {
    for (const ref of [...(cj.status.active || [])]) {
      const job = ctx.cluster.get('jobs', ref.namespace, ref.name);
      if (!job) {
        event(ctx, cj, 'Warning', 'FailedGet', `Get job: jobs.batch "${ref.name}" not found`);
        return [undefined, updateStatus];
      }
      if (!deleteJob(ctx, cj, job)) return [undefined, updateStatus];
      updateStatus = true;
    }
  }
  let created: KObject;
  const existing = ctx.cluster.get('jobs', cj.metadata!.namespace, jobName);
  if (existing) {
    // created before but not recorded: only our own job goes back into the active list
    if (controllerOf(existing)?.uid !== cj.metadata!.uid || inActiveList(cj, existing.metadata!.uid!)) return [undefined, updateStatus];
    created = existing;
  } else {
    try {
      created = createJobFromTemplate(ctx, cj, scheduled);
    } catch (e: any) {
      event(ctx, cj, 'Warning', 'FailedCreate', `Error creating job: ${e?.message ?? e}`);
      return [undefined, updateStatus];
    }
    event(ctx, cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata!.name}`);
  }
  cj.status.active = [...(cj.status.active || []), {
    kind: 'Job', namespace: created.metadata!.namespace, name: created.metadata!.name,
    uid: created.metadata!.uid, apiVersion: 'batch/v1', resourceVersion: created.metadata!.resourceVersion,
  }];
  cj.status.lastScheduleTime = timeStr(scheduled);
  return [requeue(), true];
}

/** time.RFC1123Z in UTC: "Mon, 02 Jan 2006 15:04:05 +0000". */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** CronJobStatus in its field order (active, lastScheduleTime, lastSuccessfulTime), empties omitted. */
function orderedStatus(s: any): any {
  const out: any = {};
  if (s.active?.length) out.active = s.active;
  if (s.lastScheduleTime) out.lastScheduleTime = s.lastScheduleTime;
  if (s.lastSuccessfulTime) out.lastSuccessfulTime = s.lastSuccessfulTime;
  return out;
}

function sync(ctx: ControllerContext, key: string): void {
  const [ns, n] = splitKey(key);
  const stored = ctx.cluster.get('cronjobs', ns, n!);
  if (!stored) return;
  const jobs = ctx.cluster.listControlledBy('jobs', stored.metadata!.uid!);
  const cj: KObject = { ...stored, status: copy(stored.status || {}) };
  const cleaned = cleanupFinishedJobs(ctx, cj, jobs);
  const [requeue, changed] = syncCronJob(ctx, cj, jobs.filter((j) => ctx.cluster.get('jobs', j.metadata!.namespace, j.metadata!.name!)));
  if (cleaned || changed) ctx.cluster.updateStatus('cronjobs', { ...cj, status: orderedStatus(cj.status) });
  if (requeue !== undefined) ctx.requeueAfter(name, key, requeue);
}

export const cronJobController: ControllerModule = {
  name,
  watch: {
    cronjobs(type, cj, old, q, ctx) {
      if (type === 'DELETED') return;
      const key = objectKey(cj);
      if (type === 'MODIFIED' && old && (old.spec?.schedule !== cj.spec?.schedule || old.spec?.timeZone !== cj.spec?.timeZone)) {
        // a new schedule: wake at its next time (the sync loop ignores the old timer)
        try {
          ctx.requeueAfter(name, key, nextScheduleTimeDuration(cj, ctx.now, parseStandard(formatSchedule(undefined, cj))));
        } catch { /* reported by the sync */ }
        return;
      }
      q.add(name, key);
    },
    jobs(_type, job, old, q) {
      for (const o of [job, old]) {
        const ref = controllerOf(o);
        if (ref?.kind === 'CronJob') q.add(name, `${job.metadata!.namespace}/${ref.name}`);
      }
    },
  },
  start(ctx, q) {
    // kubesim: every command starts the manager; a CronJob already waiting on its timer is left to it
    // (an immediate sync would repeat events such as JobAlreadyActive on every command)
    const waiting = new Set(ctx.cluster.state.timers.filter((t) => t.kind === `requeue.${name}`).map((t) => t.key));
    for (const cj of ctx.cluster.list('cronjobs')) if (!waiting.has(objectKey(cj))) q.add(name, objectKey(cj));
  },
  sync,
};
