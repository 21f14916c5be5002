// kubectl create job NAME --image=... [-- COMMAND] | --from=cronjob/NAME, and kubectl create cronjob
// (create_job.go, create_cronjob.go).
import type { KObject } from '../../api/types.js';
import { UserError } from '../../api/errors.js';
import { typedObject } from './typed.js';

export interface JobOptions { name: string; namespace?: string; image: string; from: string; command: string[] }

/** CreateJobOptions.Validate */
export function validateJob(o: JobOptions): void {
  if ((!o.image && !o.from) || (o.image && o.from)) throw new UserError('either --image or --from must be specified');
  if (o.command.length && o.from) throw new UserError('cannot specify --from and command');
}

export function buildJob(o: JobOptions): KObject {
  return typedObject({
    kind: 'Job', apiVersion: 'batch/v1',
    metadata: { name: o.name, namespace: o.namespace },
    spec: { template: { spec: { containers: [{ name: o.name, image: o.image, command: o.command.length ? o.command : undefined }], restartPolicy: 'Never' } } },
  });
}

/** createJobFromCronJob: the CronJob's job template, owned by the CronJob, marked as a manual run. */
export function buildJobFromCronJob(o: JobOptions, cronJob: KObject): KObject {
  const tmpl = cronJob.spec?.jobTemplate ?? {};
  const annotations: Record<string, string> = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tmpl.metadata?.annotations ?? {}) };
  return typedObject({
    kind: 'Job', apiVersion: 'batch/v1',
    metadata: {
      name: o.name, namespace: o.namespace, annotations, labels: tmpl.metadata?.labels,
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata?.name, uid: cronJob.metadata?.uid, controller: true }],
    },
    spec: tmpl.spec ?? {},
  });
}

export interface CronJobOptions { name: string; namespace?: string; image: string; schedule: string; restart: string; command: string[] }

export function buildCronJob(o: CronJobOptions): KObject {
  return typedObject({
    kind: 'CronJob', apiVersion: 'batch/v1',
    metadata: { name: o.name, namespace: o.namespace },
    spec: {
      schedule: o.schedule,
      jobTemplate: {
        metadata: { name: o.name },
        spec: { template: { spec: { containers: [{ name: o.name, image: o.image, command: o.command.length ? o.command : undefined }], restartPolicy: o.restart || 'OnFailure' } } },
      },
    },
  });
}
