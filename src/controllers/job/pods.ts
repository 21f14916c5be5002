// The Job controller's pod writes (controller.PodControlInterface as the Job controller uses it):
// creating pods from the template with the tracking finalizer (and, for Indexed Jobs, the completion
// index), deleting them, and removing the finalizer. Events go to the Job, as RealPodControl records them.
import { admitControllerCreate } from '../apiadmission.js';
import type { KObject, OwnerReference } from '../../api/types.js';
import type { ControllerContext } from '../context.js';
import { applyDefaults } from '../../api/defaults.js';
import { nameIsDNSSubdomain } from '../../api/names.js';
import { copy } from '../podutil.js';
import { deletePod } from '../gc.js';
import {
  CompletionIndexEnvName, JobCompletionIndexAnnotation, JobIndexFailureCountAnnotation,
  JobIndexIgnoredFailureCountAnnotation, JobTrackingFinalizer,
} from './util.js';

export const component = 'job-controller';

function controllerRefFor(job: KObject): OwnerReference {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata!.name!, uid: job.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}

/** getPodsPrefix: "<name>-" unless that is not a valid generateName. */
function podsPrefix(name: string): string {
  const prefix = `${name}-`;
  return nameIsDNSSubdomain(prefix, true).length ? name : prefix;
}

/** podGenerateNameWithIndex: "<job>-<index>-", the job name cut so the result fits a label (63). */
function podGenerateNameWithIndex(jobName: string, index: number): string {
  const appendIndex = `-${index}-`;
  let generateNamePrefix = jobName + appendIndex;
  if (generateNamePrefix.length > 58) generateNamePrefix = jobName.slice(0, 58 - appendIndex.length) + appendIndex;
  return generateNamePrefix;
}

function addCompletionIndexEnv(containers: any[] | undefined): void {
  for (const c of containers || []) {
    c.env = c.env || [];
    if (c.env.some((e: any) => e.name === CompletionIndexEnvName)) continue;
    c.env.push({ name: CompletionIndexEnvName, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JobCompletionIndexAnnotation}']` } } });
  }
}

const TOKEN_PLACEHOLDER = 'kube-api-access-@@@@@';
const templateCache = new Map<string, string>();

export interface IndexInfo {
  index: number;
  /** backoffLimitPerIndex: [failure count, ignored failure count] carried to the replacement pod */
  failureCounts?: [number, number];
}

/** One pod from the Job's template (controller.GetPodFromTemplate + the API server's defaulting). */
export function createJobPod(ctx: ControllerContext, job: KObject, ix?: IndexInfo): KObject {
  const tpl = copy(job.spec?.template || {});
  const md: any = {
    generateName: ix ? podGenerateNameWithIndex(job.metadata!.name!, ix.index) : podsPrefix(job.metadata!.name!),
    namespace: job.metadata!.namespace,
  };
  const labels = { ...(tpl.metadata?.labels || {}) };
  const annotations = { ...(tpl.metadata?.annotations || {}) };
  const spec = tpl.spec || {};
  if (ix) {
    addCompletionIndexEnv(spec.initContainers);
    addCompletionIndexEnv(spec.containers);
    annotations[JobCompletionIndexAnnotation] = String(ix.index);
    labels[JobCompletionIndexAnnotation] = String(ix.index);
    spec.hostname = `${job.metadata!.name}-${ix.index}`;
    if (ix.failureCounts) {
      annotations[JobIndexFailureCountAnnotation] = String(ix.failureCounts[0]);
      if (ix.failureCounts[1] > 0) annotations[JobIndexIgnoredFailureCountAnnotation] = String(ix.failureCounts[1]);
    }
  }
  if (Object.keys(labels).length) md.labels = labels;
  if (Object.keys(annotations).length) md.annotations = annotations;
  md.finalizers = [...(tpl.metadata?.finalizers || []).filter((f: string) => f !== JobTrackingFinalizer), JobTrackingFinalizer];
  md.ownerReferences = [controllerRefFor(job)];
  const pod: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: md, spec };
  // the ServiceAccount admission plugin names the token volume with a random suffix; the defaulted
  // pod is cached per Job and template (every pod of a NonIndexed Job is the same until then)
  const volume = `kube-api-access-${ctx.cluster.rng.string(5)}`;
  let defaulted: KObject;
  if (ix) defaulted = applyDefaults(pod, { tokenVolumeName: volume });
  else {
    const cacheKey = `${job.metadata!.uid}\0${JSON.stringify(job.spec?.template)}`;
    let json = templateCache.get(cacheKey);
    if (json === undefined) {
      json = JSON.stringify(applyDefaults(pod, { tokenVolumeName: TOKEN_PLACEHOLDER }));
      if (templateCache.size > 256) templateCache.clear();
      templateCache.set(cacheKey, json);
    }
    defaulted = JSON.parse(json.split(TOKEN_PLACEHOLDER).join(volume));
  }
  let created: KObject;
  try {
    created = ctx.cluster.create('pods', admitControllerCreate(ctx.cluster, 'pods', defaulted));
  } catch (e: any) {
    ctx.recorder.event({ component }, job, 'Warning', 'FailedCreate', `Error creating: ${e?.message ?? e}`);
    throw e;
  }
  ctx.recorder.event({ component }, job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata!.name}`);
  return created;
}

/** podControl.DeletePod with its SuccessfulDelete event. */
export function deleteJobPod(ctx: ControllerContext, job: KObject, pod: KObject): boolean {
  const cur = ctx.cluster.get('pods', pod.metadata!.namespace, pod.metadata!.name!);
  if (!cur) return true; // NotFound counts as deleted
  try {
    deletePod(ctx, cur);
  } catch (e: any) {
    ctx.recorder.event({ component }, job, 'Warning', 'FailedDelete', `Error deleting: ${e?.message ?? e}`);
    return false;
  }
  ctx.recorder.event({ component }, job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`);
  return true;
}

/** removeTrackingFinalizerPatch applied: true when the pod is gone or no longer has the finalizer. */
export function removeTrackingFinalizer(ctx: ControllerContext, pod: KObject): boolean {
  const cur = ctx.cluster.get('pods', pod.metadata!.namespace, pod.metadata!.name!);
  if (!cur) return true;
  const fins: string[] = cur.metadata?.finalizers || [];
  if (!fins.includes(JobTrackingFinalizer)) return true;
  const metadata: any = { ...cur.metadata, finalizers: fins.filter((f) => f !== JobTrackingFinalizer) };
  if (!metadata.finalizers.length) delete metadata.finalizers;
  ctx.cluster.update('pods', { ...cur, metadata });
  return true;
}
