// NodeAffinity (plugins/nodeaffinity): nodeSelector and required node affinity filter; the preferred
// terms' weights score.
import { matchNodeSelectorTerm, podMatchesNodeAffinity } from '../../api/scheduling.js';
import { unresolvable, type FilterPlugin, type ScorePlugin } from './framework.js';
import { defaultNormalizeScore } from './tainttoleration.js';

export const nodeAffinityFilter: FilterPlugin = {
  name: 'NodeAffinity',
  filter(pod, ni) {
    if (podMatchesNodeAffinity(pod, ni.node)) return undefined;
    return unresolvable('NodeAffinity', "node(s) didn't match Pod's node affinity/selector");
  },
};

export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  preScore(pod) {
    const terms = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    return Array.isArray(terms) && terms.length ? terms : undefined;
  },
  score(_pod, ni, state) {
    let n = 0;
    for (const t of state as any[]) {
      if (t.weight && matchNodeSelectorTerm(t.preference, ni.node)) n += t.weight;
    }
    return n;
  },
  normalize(scores) { defaultNormalizeScore(scores, false); },
};
