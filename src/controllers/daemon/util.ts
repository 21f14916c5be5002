// Port of pkg/controller/daemon/util/daemonset_util.go: the daemon pod template (tolerations, the
// node-name affinity the scheduler binds by, the generation and revision labels) and the update
// arithmetic.
import type { KObject } from '../../api/types.js';
import type { Toleration } from '../../api/scheduling.js';
import { copy } from '../podutil.js';

export const DefaultDaemonSetUniqueLabelKey = 'controller-revision-hash';
export const DaemonSetTemplateGenerationKey = 'pod-template-generation';
/** the apps/v1 home of the internal spec.templateGeneration */
export const TemplateGenerationAnnotation = 'deprecated.daemonset.template.generation';

/**
 * AddOrUpdateDaemonPodTolerations: daemon pods tolerate the node conditions' taints so they run (and
 * keep running) where ordinary pods would not; network-unavailable only for host-network pods.
 */
export function daemonPodTolerations(hostNetwork: boolean): Toleration[] {
  const out: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) out.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return out;
}

/** AddOrUpdateTolerationInPodSpec: replace an equal-key/operator/effect toleration in place, else append. */
function addOrUpdateToleration(spec: any, t: Toleration): void {
  const list: Toleration[] = spec.tolerations || [];
  let updated = false;
  const out: Toleration[] = [];
  for (const old of list) {
    if ((old.key ?? '') === (t.key ?? '') && (old.operator || 'Equal') === (t.operator || 'Equal') && (old.effect ?? '') === (t.effect ?? '') &&
      (old.value ?? '') === (t.value ?? '')) {
      // an identical toleration (tolerationSeconds aside) is replaced
      out.push(t);
      updated = true;
      continue;
    }
    out.push(old);
  }
  if (!updated) out.push(t);
  spec.tolerations = out;
}

export function addOrUpdateDaemonPodTolerations(spec: any): void {
  for (const t of daemonPodTolerations(!!spec.hostNetwork)) addOrUpdateToleration(spec, t);
}

/** CreatePodTemplate: the DaemonSet's template with the daemon tolerations and the generation and hash labels. */
export function createPodTemplate(template: any, generation: number | undefined, hash: string): any {
  const t = copy(template || {});
  t.spec = t.spec || {};
  addOrUpdateDaemonPodTolerations(t.spec);
  t.metadata = t.metadata || {};
  t.metadata.labels = { ...(t.metadata.labels || {}) };
  if (generation !== undefined) t.metadata.labels[DaemonSetTemplateGenerationKey] = String(generation);
  if (hash) t.metadata.labels[DefaultDaemonSetUniqueLabelKey] = hash;
  return t;
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes `metadata.name In [node]`. */
export function replaceDaemonSetPodNodeNameNodeAffinity(affinity: any, nodename: string): any {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodename] }] };
  const a = affinity ? copy(affinity) : {};
  a.nodeAffinity = a.nodeAffinity || {};
  if (!a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution) {
    a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
  } else {
    a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms = [term];
  }
  return a;
}

/** GetTargetNodeName: spec.nodeName, or the node named by the daemon pod's node-name affinity. */
export function getTargetNodeName(pod: KObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!Array.isArray(terms) || terms.length < 1) return undefined;
  for (const f of terms[0].matchFields || []) {
    if (f.key === 'metadata.name' && f.operator === 'In' && (f.values || []).length === 1) return f.values[0];
  }
  return undefined;
}

/** GetTemplateGeneration: the annotation, undefined when absent or unparseable. */
export function getTemplateGeneration(ds: KObject): number | undefined {
  const v = ds.metadata?.annotations?.[TemplateGenerationAnnotation];
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}

/** IsPodUpdated: the pod carries the current revision hash (or the current template generation). */
export function isPodUpdated(pod: KObject, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata?.labels || {};
  const templateMatches = generation !== undefined && labels[DaemonSetTemplateGenerationKey] === String(generation);
  const hashMatches = hash.length > 0 && labels[DefaultDaemonSetUniqueLabelKey] === hash;
  return hashMatches || templateMatches;
}

/** intstr.GetScaledValueFromIntOrPercent, rounding up. */
function scaledUp(v: number | string | undefined, total: number): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  return m ? Math.ceil((Number(m[1]) * total) / 100) : 0;
}

/** AllowsSurge: a RollingUpdate with a non-zero maxSurge. */
export function allowsSurge(ds: KObject): boolean {
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  if (ds.spec?.updateStrategy?.type !== 'RollingUpdate' || !ru || ru.maxSurge === undefined) return false;
  return scaledUp(ru.maxSurge, 1) !== 0;
}

/** SurgeCount */
export function surgeCount(ds: KObject, numberToSchedule: number): number {
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  if (ds.spec?.updateStrategy?.type !== 'RollingUpdate' || !ru) return 0;
  return scaledUp(ru.maxSurge, numberToSchedule);
}

/** UnavailableCount */
export function unavailableCount(ds: KObject, numberToSchedule: number): number {
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  if (ds.spec?.updateStrategy?.type !== 'RollingUpdate' || !ru) return 0;
  return scaledUp(ru.maxUnavailable, numberToSchedule);
}
