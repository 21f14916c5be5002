// Taint/toleration and node-affinity matching shared by the scheduler, the DaemonSet controller,
// the node lifecycle controller and drain (k8s.io/api/core/v1 toleration.go and
// k8s.io/component-helpers/scheduling/corev1 nodeaffinity).
import type { KObject } from './types.js';

export interface Taint { key: string; value?: string; effect: string; timeAdded?: string }
export interface Toleration { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }

/** Toleration.ToleratesTaint: an empty effect matches every effect, an empty key with Exists every key. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key !== undefined && t.key !== '' && t.key !== taint.key) return false;
  switch (t.operator || 'Equal') {
    case 'Exists': return true;
    case 'Equal': return (t.key ?? '') !== '' && (t.value ?? '') === (taint.value ?? '');
    default: return false;
  }
}

/** TolerationsTolerateTaint */
export function tolerationsTolerateTaint(tolerations: Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations || []).some((t) => toleratesTaint(t, taint));
}

/** FindMatchingUntoleratedTaint: the first taint passing `filter` that no toleration tolerates. */
export function findMatchingUntoleratedTaint(taints: Taint[] | undefined, tolerations: Toleration[] | undefined,
  filter: (t: Taint) => boolean): Taint | undefined {
  return (taints || []).find((t) => filter(t) && !tolerationsTolerateTaint(tolerations, t));
}

function matchRequirement(e: { key: string; operator: string; values?: string[] }, has: boolean, v: string | undefined): boolean {
  switch (e.operator) {
    case 'In': return has && (e.values || []).includes(v!);
    case 'NotIn': return !has || !(e.values || []).includes(v!);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    case 'Gt': case 'Lt': {
      if (!has || (e.values || []).length !== 1) return false;
      const a = Number.parseInt(v!, 10); const b = Number.parseInt(e.values![0], 10);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return e.operator === 'Gt' ? a > b : a < b;
    }
    default: return false;
  }
}

/** One NodeSelectorTerm: every matchExpression (labels) and matchField (metadata.name) holds; an empty term matches nothing. */
export function matchNodeSelectorTerm(term: any, node: KObject): boolean {
  const exprs: any[] = term?.matchExpressions || [];
  const fields: any[] = term?.matchFields || [];
  if (!exprs.length && !fields.length) return false;
  const labels: Record<string, string> = node.metadata?.labels || {};
  for (const e of exprs) if (!matchRequirement(e, Object.prototype.hasOwnProperty.call(labels, e.key), labels[e.key])) return false;
  for (const f of fields) {
    if (f.key !== 'metadata.name') return false;
    if (!matchRequirement(f, true, node.metadata?.name)) return false;
  }
  return true;
}

/** GetRequiredNodeAffinity(pod).Match(node): spec.nodeSelector and the required node affinity terms (ORed). */
export function podMatchesNodeAffinity(pod: KObject, node: KObject): boolean {
  const labels: Record<string, string> = node.metadata?.labels || {};
  const sel: Record<string, string> = pod.spec?.nodeSelector || {};
  for (const k of Object.keys(sel)) if (labels[k] !== sel[k]) return false;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (Array.isArray(terms) && terms.length) return terms.some((t: any) => matchNodeSelectorTerm(t, node));
  return true;
}
