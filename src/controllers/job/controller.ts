// The Job controller as a module (pkg/controller/job/job_controller.go's informer handlers): Job
// changes sync at once, pod changes are batched (syncJobBatchPeriod, 1 s), pods whose Job is gone
// lose the tracking finalizer (the orphan queue).
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import { controllerOf } from '../podutil.js';
import { cleanupOrphanPod, controllerName, syncJob } from './sync.js';
import { hasJobTrackingFinalizer, isJobFinished } from './util.js';

const syncJobBatchPeriod = 1000;
const ORPHAN = 'orphan:';

export const jobController: ControllerModule = {
  name: controllerName,
  watch: {
    jobs(type, job, _old, q) {
      if (type !== 'DELETED') q.add(controllerName, objectKey(job));
    },
    pods(type, pod, old, q, ctx) {
      const ref = controllerOf(pod);
      const oldRef = controllerOf(old);
      const ns = pod.metadata!.namespace;
      if (oldRef?.kind === 'Job' && oldRef.uid !== ref?.uid) ctx.requeueAfter(controllerName, `${ns}/${oldRef.name}`, syncJobBatchPeriod);
      if (ref?.kind === 'Job') {
        const job = ctx.cluster.get('jobs', ns, ref.name);
        if (job && job.metadata?.uid === ref.uid) {
          ctx.requeueAfter(controllerName, `${ns}/${ref.name}`, syncJobBatchPeriod);
          return;
        }
      }
      if (type !== 'DELETED' && hasJobTrackingFinalizer(pod) && (ref?.kind === 'Job' || !ref)) q.add(controllerName, ORPHAN + objectKey(pod));
    },
  },
  start(ctx, q) {
    for (const j of ctx.cluster.list('jobs')) if (!isJobFinished(j)) q.add(controllerName, objectKey(j));
  },
  sync(ctx, key) {
    if (key.startsWith(ORPHAN)) cleanupOrphanPod(ctx, key.slice(ORPHAN.length));
    else syncJob(ctx, key);
  },
};
