// Port of pkg/controller/statefulset/stateful_set_utils.go: ordinals and identities, the claims of a
// pod, revisions (getPatch/newRevision/ApplyRevision), the pod predicates and the status counters.
import type { KObject } from '../../api/types.js';
import { copy, isPodAvailable, isPodReady } from '../podutil.js';
import { newControllerRevision, templatePatch } from '../history/history.js';

export const StatefulSetPodNameLabel = 'statefulset.kubernetes.io/pod-name';
export const PodIndexLabel = 'apps.kubernetes.io/pod-index';
export const StatefulSetRevisionLabel = 'controller-revision-hash';

const statefulPodRegex = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: ["web", 2] for web-2; ordinal -1 when the name has none. */
export function getParentNameAndOrdinal(pod: KObject): [string, number] {
  const m = statefulPodRegex.exec(pod.metadata?.name ?? '');
  if (!m) return ['', -1];
  const n = Number.parseInt(m[2], 10);
  return Number.isSafeInteger(n) && n <= 2147483647 ? [m[1], n] : [m[1], -1];
}

export const getOrdinal = (pod: KObject) => getParentNameAndOrdinal(pod)[1];
export const getPodName = (set: KObject, ordinal: number) => `${set.metadata!.name}-${ordinal}`;

/** isMemberOf: the pod's name says it belongs to this set. */
export function isMemberOf(set: KObject, pod: KObject): boolean {
  return getParentNameAndOrdinal(pod)[0] === set.metadata!.name;
}

export function getStartOrdinal(set: KObject): number {
  return set.spec?.ordinals?.start ?? 0;
}

export function getEndOrdinal(set: KObject): number {
  return getStartOrdinal(set) + (set.spec?.replicas ?? 1) - 1;
}

export function podInOrdinalRange(pod: KObject, set: KObject): boolean {
  const o = getOrdinal(pod);
  return o >= getStartOrdinal(set) && o <= getEndOrdinal(set);
}

/** getPersistentVolumeClaimName: <claim>-<set>-<ordinal> (data-web-0). */
export function getPersistentVolumeClaimName(set: KObject, claimName: string, ordinal: number): string {
  return `${claimName}-${set.metadata!.name}-${ordinal}`;
}

/** getPersistentVolumeClaims: the pod's claims from the templates, labelled with the selector's matchLabels; template order. */
export function getPersistentVolumeClaims(set: KObject, ordinal: number): { template: string; claim: KObject }[] {
  const out: { template: string; claim: KObject }[] = [];
  for (const t of set.spec?.volumeClaimTemplates || []) {
    const claim: KObject = copy(t);
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    claim.metadata = { ...(claim.metadata || {}) };
    claim.metadata.name = getPersistentVolumeClaimName(set, t.metadata?.name, ordinal);
    claim.metadata.namespace = set.metadata!.namespace;
    const ml = set.spec?.selector?.matchLabels;
    if (claim.metadata.labels) claim.metadata.labels = { ...claim.metadata.labels, ...(ml || {}) };
    else if (ml) claim.metadata.labels = { ...ml };
    delete claim.status;
    out.push({ template: t.metadata?.name, claim });
  }
  return out;
}

/**
 * The template a pod of `set` at `ordinal` is made from: identity labels (updateIdentity), hostname and
 * subdomain (initIdentity), the claims' volumes first (updateStorage).
 */
export function statefulPodTemplate(set: KObject, ordinal: number): any {
  const tpl = copy(set.spec?.template || {});
  const name = getPodName(set, ordinal);
  tpl.metadata = tpl.metadata || {};
  tpl.metadata.labels = { ...(tpl.metadata.labels || {}), [StatefulSetPodNameLabel]: name, [PodIndexLabel]: String(ordinal) };
  tpl.spec = tpl.spec || {};
  tpl.spec.hostname = name;
  if (set.spec?.serviceName) tpl.spec.subdomain = set.spec.serviceName;
  const claims = getPersistentVolumeClaims(set, ordinal);
  if (claims.length) {
    const names = new Set(claims.map((c) => c.template));
    tpl.spec.volumes = [
      ...claims.map((c) => ({ name: c.template, persistentVolumeClaim: { claimName: c.claim.metadata!.name } })),
      ...(tpl.spec.volumes || []).filter((v: any) => !names.has(v.name)),
    ];
  }
  return tpl;
}

export function getPodRevision(pod: KObject | undefined): string {
  return pod?.metadata?.labels?.[StatefulSetRevisionLabel] ?? '';
}

// ---- pod predicates

/** isCreated: the API server gave it a phase (a pod only planned in memory has none). */
export const isCreated = (pod: KObject) => !!pod.status?.phase;
export const isPending = (pod: KObject) => pod.status?.phase === 'Pending';
export const isFailed = (pod: KObject) => pod.status?.phase === 'Failed';
export const isSucceeded = (pod: KObject) => pod.status?.phase === 'Succeeded';
export const isTerminating = (pod: KObject) => !!pod.metadata?.deletionTimestamp;
export const isRunningAndReady = (pod: KObject) => pod.status?.phase === 'Running' && isPodReady(pod);
export const isRunningAndAvailable = (pod: KObject, minReadySeconds: number, now: number) =>
  pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, now);
export const isHealthy = (pod: KObject) => isRunningAndReady(pod) && !isTerminating(pod);

export function allowsBurst(set: KObject): boolean {
  return set.spec?.podManagementPolicy === 'Parallel';
}

// ---- revisions

/** newRevision: the set's template patch as revision `revision`, with the set's annotations. */
export function newRevision(set: KObject, revision: number, collisionCount: number): { cr: KObject; raw: string } {
  const patch = templatePatch(set);
  const cr = newControllerRevision(set, 'StatefulSet', set.spec?.template?.metadata?.labels, patch, revision, collisionCount);
  cr.metadata!.annotations = { ...(set.metadata?.annotations || {}) };
  return { cr, raw: patch.raw };
}

/** ApplyRevision: the set with the revision's template. */
export function applyRevision(set: KObject, revision: KObject): KObject {
  const clone = copy(set);
  const t = copy((revision as any).data?.spec?.template ?? {});
  delete t.$patch;
  clone.spec = { ...clone.spec, template: t };
  return clone;
}

// ---- status

export interface StsStatusCounts {
  replicas: number; readyReplicas: number; availableReplicas: number; currentReplicas: number; updatedReplicas: number;
}

/** updateStatus / computeReplicaStatus over pod lists (planned, uncreated pods count for nothing). */
export function computeStatus(minReadySeconds: number, now: number, currentRevision: string, updateRevision: string, ...lists: (KObject | undefined)[][]): StsStatusCounts {
  const s: StsStatusCounts = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
  for (const list of lists) {
    for (const pod of list) {
      if (!pod) continue;
      if (isCreated(pod)) s.replicas++;
      if (isRunningAndReady(pod)) {
        s.readyReplicas++;
        if (isRunningAndAvailable(pod, minReadySeconds, now)) s.availableReplicas++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        const rev = getPodRevision(pod);
        if (rev === currentRevision) s.currentReplicas++;
        if (rev === updateRevision) s.updatedReplicas++;
      }
    }
  }
  return s;
}
