// batch/v1 handlers of pkg/printers/internalversion/printers.go AddHandlers.
import { humanDuration, parseTime, translateTimestampSince } from '../duration.js';
import { formatLabelSelector } from '../labels.js';
import {
  age, ageCol, col, conditionStatus, layoutContainerCells, name, nameCol, printBoolPtr, wide,
  type HandlerGroup,
} from './common.js';

const hasJobCondition = (job: any, type: string) => conditionStatus(job.status?.conditions, type) === 'True';

/** printJob's STATUS: the first of Complete, Failed, Terminating, Suspended, FailureTarget, SuccessCriteriaMet, else Running. */
export function jobStatus(job: any): string {
  if (hasJobCondition(job, 'Complete')) return 'Complete';
  if (hasJobCondition(job, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasJobCondition(job, 'Suspended')) return 'Suspended';
  if (hasJobCondition(job, 'FailureTarget')) return 'FailureTarget';
  if (hasJobCondition(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

/** printJob's COMPLETIONS: succeeded/completions, or "/1 of <parallelism>" for a work queue. */
export function jobCompletions(job: any): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** printJob's DURATION: empty before the start, running time, or completion - start. */
export function jobDuration(job: any, now: number): string {
  const start = parseTime(job.status?.startTime);
  if (start === undefined) return '';
  const done = parseTime(job.status?.completionTime);
  return humanDuration((done ?? now) - start);
}

export const BATCH: HandlerGroup = {
  group: 'batch',
  handlers: {
    jobs: {
      columns: [
        nameCol, col('Status'), col('Completions'), col('Duration'), ageCol,
        wide('Containers'), wide('Images'), wide('Selector'),
      ],
      row: (job, now) => {
        const [names, images] = layoutContainerCells(job.spec?.template?.spec?.containers);
        return [
          name(job), jobStatus(job), jobCompletions(job), jobDuration(job, now), age(job, now),
          names, images, formatLabelSelector(job.spec?.selector),
        ];
      },
    },
    cronjobs: {
      columns: [
        nameCol, col('Schedule'), col('Timezone'), col('Suspend', 'boolean'), col('Active', 'integer'),
        col('Last Schedule'), ageCol, wide('Containers'), wide('Images'), wide('Selector'),
      ],
      row: (cj, now) => {
        const last = cj.status?.lastScheduleTime ? translateTimestampSince(cj.status.lastScheduleTime, now) : '<none>';
        const jt = cj.spec?.jobTemplate?.spec;
        const [names, images] = layoutContainerCells(jt?.template?.spec?.containers);
        return [
          name(cj),
          cj.spec?.schedule ?? '',
          cj.spec?.timeZone ?? '<none>',
          printBoolPtr(cj.spec?.suspend),
          (cj.status?.active ?? []).length,
          last,
          age(cj, now),
          names,
          images,
          formatLabelSelector(jt?.selector),
        ];
      },
    },
  },
};
