// Port of pkg/controller/ttlafterfinished/ttlafterfinished_controller.go: a finished Job with
// spec.ttlSecondsAfterFinished is deleted (foreground cascade, as upstream) that many seconds after
// its Complete or Failed condition's lastTransitionTime; until then the key waits on a timer.
import type { KObject } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import { parseTime } from '../../sim/clock.js';
import { splitKey } from '../podutil.js';
import { deleteWithPropagation } from '../gc.js';

const name = 'ttlafterfinished';

/** jobFinishTime: the terminal condition's lastTransitionTime. */
function jobFinishTime(job: KObject): number | undefined {
  const c = (job.status?.conditions || []).find((x: any) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c ? parseTime(c.lastTransitionTime) : undefined;
}

/** needsCleanup: a TTL, finished, not already being deleted. */
function needsCleanup(job: KObject): boolean {
  return job.spec?.ttlSecondsAfterFinished != null && jobFinishTime(job) !== undefined && !job.metadata?.deletionTimestamp;
}

/** timeLeft: ms until the TTL expires (<= 0: expired). */
function timeLeft(job: KObject, now: number): number | undefined {
  const finish = jobFinishTime(job);
  if (finish === undefined) return undefined;
  return finish + job.spec.ttlSecondsAfterFinished * 1000 - now;
}

function processJob(ctx: ControllerContext, key: string): void {
  const [ns, n] = splitKey(key);
  const job = ctx.cluster.get('jobs', ns, n!);
  if (!job || !needsCleanup(job)) return;
  const left = timeLeft(job, ctx.now)!;
  if (left > 0) {
    ctx.requeueAfter(name, key, left);
    return;
  }
  deleteWithPropagation(ctx, 'jobs', ns, n!, 'Foreground');
}

export const ttlAfterFinishedController: ControllerModule = {
  name,
  watch: {
    jobs(type, job, _old, q) {
      if (type !== 'DELETED' && needsCleanup(job)) q.add(name, objectKey(job));
    },
  },
  start(ctx, q) {
    for (const j of ctx.cluster.list('jobs')) if (needsCleanup(j)) q.add(name, objectKey(j));
  },
  sync: processJob,
};
