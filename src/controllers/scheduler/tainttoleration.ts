// TaintToleration (plugins/tainttoleration): NoSchedule/NoExecute taints must be tolerated; untolerated
// PreferNoSchedule taints count against a node (normalized in reverse).
import type { KObject } from '../../api/types.js';
import { findMatchingUntoleratedTaint, tolerationsTolerateTaint, type Taint, type Toleration } from '../../api/scheduling.js';
import { nodeIsReady } from '../nodes.js';
import { MAX_NODE_SCORE, unresolvable, type FilterPlugin, type ScorePlugin } from './framework.js';

/** The node's taints; a NotReady node not yet tainted by the node lifecycle controller counts as not-ready. */
function nodeTaints(node: KObject): Taint[] {
  const taints: Taint[] = [...(node.spec?.taints || [])];
  if (!nodeIsReady(node) && !taints.some((t) => t.key === 'node.kubernetes.io/not-ready' || t.key === 'node.kubernetes.io/unreachable')) {
    taints.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' });
  }
  return taints;
}

export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  filter(pod, ni) {
    const t = findMatchingUntoleratedTaint(nodeTaints(ni.node), pod.spec?.tolerations, (x) => x.effect === 'NoSchedule' || x.effect === 'NoExecute');
    if (!t) return undefined;
    return unresolvable('TaintToleration', `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`);
  },
};

/** DefaultNormalizeScore(MaxNodeScore, reverse, scores) */
export function defaultNormalizeScore(scores: { score: number }[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s.score > max) max = s.score;
  if (max === 0) {
    if (reverse) for (const s of scores) s.score = MAX_NODE_SCORE;
    return;
  }
  for (const s of scores) {
    let v = Math.trunc((MAX_NODE_SCORE * s.score) / max);
    if (reverse) v = MAX_NODE_SCORE - v;
    s.score = v;
  }
}

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  preScore(pod) {
    // getAllTolerationPreferNoSchedule
    return ((pod.spec?.tolerations || []) as Toleration[]).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  },
  score(_pod, ni, state) {
    const tols = state as Toleration[];
    let n = 0;
    for (const t of (ni.node.spec?.taints || []) as Taint[]) {
      if (t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tols, t)) n++;
    }
    return n;
  },
  normalize(scores) { defaultNormalizeScore(scores, true); },
};
