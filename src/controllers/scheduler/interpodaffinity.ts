// InterPodAffinity (plugins/interpodaffinity): required pod affinity and anti-affinity (the incoming pod's
// and the existing pods' anti-affinity) filter; preferred terms, and existing pods' required affinity at
// hardPodAffinityWeight 1, score by topology domain.
import type { KObject } from '../../api/types.js';
import {
  MAX_NODE_SCORE, preferredAffinityTerms, preferredAntiAffinityTerms, requiredAffinityTerms, requiredAntiAffinityTerms,
  termMatches, unresolvable, unschedulable, type AffinityTerm, type FilterPlugin, type NodeInfo, type ScorePlugin,
} from './framework.js';

const HARD_POD_AFFINITY_WEIGHT = 1;

type NsLabels = (ns: string) => Record<string, string>;
let nsLabelsOf: NsLabels = () => ({});

/** The namespace labels for namespaceSelector terms (the scheduler's namespace lister). */
export function setNamespaceLabels(f: NsLabels): void {
  nsLabelsOf = f;
}

const pairKey = (k: string, v: string) => `${k}\0${v}`;

interface PreFilterState {
  affinity: AffinityTerm[];
  antiAffinity: AffinityTerm[];
  affinityCounts: Map<string, number>;
  antiAffinityCounts: Map<string, number>;
  existingAntiAffinityCounts: Map<string, number>;
}

function inc(m: Map<string, number>, t: AffinityTerm, node: NodeInfo, by = 1): void {
  const v = node.labels[t.topologyKey];
  if (v === undefined) return;
  const k = pairKey(t.topologyKey, v);
  m.set(k, (m.get(k) ?? 0) + by);
}

export const interPodAffinityFilter: FilterPlugin = {
  name: 'InterPodAffinity',
  preFilter(pod, nodes): PreFilterState {
    const s: PreFilterState = {
      affinity: requiredAffinityTerms(pod),
      antiAffinity: requiredAntiAffinityTerms(pod),
      affinityCounts: new Map(),
      antiAffinityCounts: new Map(),
      existingAntiAffinityCounts: new Map(),
    };
    for (const ni of nodes) {
      // getExistingAntiAffinityCounts
      for (const existing of ni.podsWithRequiredAntiAffinity) {
        for (const t of requiredAntiAffinityTerms(existing)) if (termMatches(t, pod, nsLabelsOf)) inc(s.existingAntiAffinityCounts, t, ni);
      }
      // getIncomingAffinityAntiAffinityCounts
      if (!s.affinity.length && !s.antiAffinity.length) continue;
      for (const existing of ni.pods) {
        for (const t of s.affinity) if (termMatches(t, existing, nsLabelsOf)) inc(s.affinityCounts, t, ni);
        for (const t of s.antiAffinity) if (termMatches(t, existing, nsLabelsOf)) inc(s.antiAffinityCounts, t, ni);
      }
    }
    return s;
  },
  filter(pod, ni, state) {
    const s = state as PreFilterState;
    if (!satisfyPodAffinity(s, ni, pod)) return unresolvable('InterPodAffinity', "node(s) didn't match pod affinity rules");
    for (const t of s.antiAffinity) {
      const v = ni.labels[t.topologyKey];
      if (v !== undefined && (s.antiAffinityCounts.get(pairKey(t.topologyKey, v)) ?? 0) > 0) {
        return unschedulable('InterPodAffinity', "node(s) didn't match pod anti-affinity rules");
      }
    }
    if (s.existingAntiAffinityCounts.size) {
      for (const [k, v] of Object.entries(ni.labels)) {
        if ((s.existingAntiAffinityCounts.get(pairKey(k, v)) ?? 0) > 0) {
          return unschedulable('InterPodAffinity', "node(s) didn't satisfy existing pods anti-affinity rules");
        }
      }
    }
    return undefined;
  },
};

function satisfyPodAffinity(s: PreFilterState, ni: NodeInfo, pod: KObject): boolean {
  let podsExist = true;
  for (const t of s.affinity) {
    const v = ni.labels[t.topologyKey];
    if (v === undefined) return false; // every topology label must exist on the node
    if ((s.affinityCounts.get(pairKey(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // the first pod of a series with affinity to itself may go anywhere that has the topology labels
  return s.affinityCounts.size === 0 && s.affinity.every((t) => termMatches(t, pod, nsLabelsOf));
}

// ---- scoring

interface PreScoreState { topologyScore: Map<string, Map<string, number>> }

function processTerm(m: Map<string, Map<string, number>>, t: AffinityTerm, weight: number, pod: KObject, node: NodeInfo, mult: number): void {
  if (!termMatches(t, pod, nsLabelsOf)) return;
  const v = node.labels[t.topologyKey];
  if (v === undefined) return;
  let byValue = m.get(t.topologyKey);
  if (!byValue) m.set(t.topologyKey, (byValue = new Map()));
  byValue.set(v, (byValue.get(v) ?? 0) + weight * mult);
}

export const interPodAffinityScore: ScorePlugin = {
  name: 'InterPodAffinity',
  weight: 2,
  preScore(pod, _feasible, all) {
    const prefAff = preferredAffinityTerms(pod);
    const prefAnti = preferredAntiAffinityTerms(pod);
    const hasConstraints = prefAff.length > 0 || prefAnti.length > 0;
    const m = new Map<string, Map<string, number>>();
    for (const ni of all) {
      if (!Object.keys(ni.labels).length) continue;
      // unless the incoming pod has preferences, only pods with affinity matter
      for (const existing of hasConstraints ? ni.pods : ni.podsWithAffinity) {
        for (const t of prefAff) processTerm(m, t, t.weight, existing, ni, 1);
        for (const t of prefAnti) processTerm(m, t, t.weight, existing, ni, -1);
        for (const t of requiredAffinityTerms(existing)) processTerm(m, t, HARD_POD_AFFINITY_WEIGHT, pod, ni, 1);
        for (const t of preferredAffinityTerms(existing)) processTerm(m, t, t.weight, pod, ni, 1);
        for (const t of preferredAntiAffinityTerms(existing)) processTerm(m, t, t.weight, pod, ni, -1);
      }
    }
    return m.size ? ({ topologyScore: m } as PreScoreState) : undefined;
  },
  score(_pod, ni, state) {
    let score = 0;
    for (const [k, byValue] of (state as PreScoreState).topologyScore) {
      const v = ni.labels[k];
      if (v !== undefined) score += byValue.get(v) ?? 0;
    }
    return score;
  },
  normalize(scores) {
    let min = Infinity;
    let max = -Infinity;
    for (const s of scores) { if (s.score > max) max = s.score; if (s.score < min) min = s.score; }
    const diff = max - min;
    for (const s of scores) s.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s.score - min) / diff)) : 0;
  },
};
