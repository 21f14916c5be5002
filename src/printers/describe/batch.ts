// describeJob and describeCronJob (describe.go).
import type { KObject } from '../../api/types.js';
import { selectorString } from '../labels.js';
import { humanDuration, parseTime } from '../duration.js';
import { PrefixWriter, LEVEL_0 } from './writer.js';
import { formatRFC1123Z, printLabelsMultiline, printAnnotationsMultiline, printController, describeEventsInto } from './common.js';
import { describePodTemplateInto } from './pod.js';
import type { DescribeContext } from './context.js';

const set = (x: any) => x !== undefined && x !== null;

/** capIndexesListOrNone */
export function capIndexesListOrNone(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ',') ix++;
  if (ix >= indexes.length) return indexes;
  return indexes.slice(0, ix + 1) + '...';
}

/** describeJob */
export function describeJob(job: KObject, ctx: DescribeContext): string {
  const md = job.metadata ?? {};
  const spec = job.spec ?? {};
  const st = job.status ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  const cb = printController(job);
  if (cb) w.write(LEVEL_0, `Controlled By:\t${cb}\n`);
  if (set(spec.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, `Completions:\t${set(spec.completions) ? spec.completions : '<unset>'}\n`);
  if (set(spec.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (set(spec.suspend)) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (set(spec.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (set(spec.ttlSecondsAfterFinished)) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(st.startTime)}\n`);
  if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${formatRFC1123Z(st.completionTime)}\n`);
  if (st.startTime && st.completionTime) w.write(LEVEL_0, `Duration:\t${humanDuration((parseTime(st.completionTime) ?? 0) - (parseTime(st.startTime) ?? 0))}\n`);
  if (set(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  if (!set(st.ready)) w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  else w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexesListOrNone(st.completedIndexes, 50)}\n`);
  describePodTemplateInto(w, spec.template ?? {});
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}

/** describeJobTemplate */
function describeJobTemplate(w: PrefixWriter, jt: any): void {
  const spec = jt?.spec ?? {};
  w.write(LEVEL_0, `Selector:\t${spec.selector ? selectorString(spec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, `Parallelism:\t${set(spec.parallelism) ? spec.parallelism : '<unset>'}\n`);
  w.write(LEVEL_0, `Completions:\t${set(spec.completions) ? spec.completions : '<unset>'}\n`);
  if (set(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  describePodTemplateInto(w, spec.template ?? {});
}

/** describeCronJob */
export function describeCronJob(cj: KObject, ctx: DescribeContext): string {
  const md = cj.metadata ?? {};
  const spec = cj.spec ?? {};
  const st = cj.status ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Suspend:\t${set(spec.suspend) ? (spec.suspend ? 'True' : 'False') : '<unset>'}\n`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${set(spec.successfulJobsHistoryLimit) ? spec.successfulJobsHistoryLimit : '<unset>'}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${set(spec.failedJobsHistoryLimit) ? spec.failedJobsHistoryLimit : '<unset>'}\n`);
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${set(spec.startingDeadlineSeconds) ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`);
  describeJobTemplate(w, spec.jobTemplate);
  w.write(LEVEL_0, `Last Schedule Time:\t${st.lastScheduleTime ? formatRFC1123Z(st.lastScheduleTime) : '<unset>'}\n`);
  w.write(LEVEL_0, 'Active Jobs:\t');
  const active: any[] = st.active ?? [];
  if (active.length === 0) w.writeLine('<none>');
  else {
    active.forEach((j, i) => {
      if (i !== 0) w.write(LEVEL_0, ', ');
      w.write(LEVEL_0, j.name ?? '');
    });
    w.writeLine('');
  }
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}
