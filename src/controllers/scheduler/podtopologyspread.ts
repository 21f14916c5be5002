// PodTopologySpread (plugins/podtopologyspread): DoNotSchedule constraints filter on skew; ScheduleAnyway
// constraints, or the system default spreading (hostname maxSkew 3, zone maxSkew 5) for pods of a
// Service, ReplicationController, ReplicaSet or StatefulSet, score.
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { findMatchingUntoleratedTaint, podMatchesNodeAffinity } from '../../api/scheduling.js';
import { labelSelectorAsSelector, matches, selectorFromSet, isEmpty, type Selector } from '../../api/selectors.js';
import { controllerOf } from '../podutil.js';
import { MAX_NODE_SCORE, countPodsMatching, memoOnNode, unresolvable, unschedulable, type FilterPlugin, type NodeInfo, type ScorePlugin } from './framework.js';

const HOSTNAME = 'kubernetes.io/hostname';
const SYSTEM_DEFAULTS = [
  { maxSkew: 3, topologyKey: HOSTNAME },
  { maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone' },
];

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
}

let clusterRef: Cluster | undefined;

/** The listers DefaultSelector reads (services, controllers). */
export function setSpreadCluster(c: Cluster): void {
  clusterRef = c;
}

/** helper.DefaultSelector: the selectors of the Services selecting the pod and of its controller, ANDed. */
function defaultSelector(pod: KObject): Selector {
  const c = clusterRef;
  const labels = pod.metadata?.labels || {};
  const set: Record<string, string> = {};
  if (c) {
    for (const svc of c.list('services', pod.metadata!.namespace)) {
      const sel = svc.spec?.selector;
      if (!sel || !Object.keys(sel).length) continue;
      if (matches(selectorFromSet(sel), labels)) Object.assign(set, sel);
    }
  }
  const out = selectorFromSet(set);
  const owner = controllerOf(pod);
  if (!owner || !c) return out;
  const ns = pod.metadata!.namespace;
  if (owner.kind === 'ReplicationController' && owner.apiVersion === 'v1') {
    const rc = c.get('replicationcontrollers', ns, owner.name);
    if (rc) return selectorFromSet({ ...set, ...(rc.spec?.selector || {}) });
  }
  const resource = owner.apiVersion === 'apps/v1' ? ({ ReplicaSet: 'replicasets', StatefulSet: 'statefulsets' } as Record<string, string>)[owner.kind] : undefined;
  if (resource) {
    const o = c.get(resource, ns, owner.name);
    if (o) return { requirements: [...out.requirements, ...controllerSelector(o).requirements] };
  }
  return out;
}

/**
 * The controller's selector as a Selector, made once per stored selector (stored objects are never changed in place):
 * every pod of a ReplicaSet asks for it, and validating a selector's requirements is most of the work.
 */
const controllerSelectors = new WeakMap<object, Selector>();
function controllerSelector(o: KObject): Selector {
  const ps = o.spec?.selector;
  if (!ps || typeof ps !== 'object') return labelSelectorAsSelector(ps);
  let sel = controllerSelectors.get(ps);
  if (!sel) controllerSelectors.set(ps, (sel = labelSelectorAsSelector(ps)));
  return sel;
}

function constraintsOf(pod: KObject, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const own: any[] = pod.spec?.topologySpreadConstraints || [];
  if (own.length) {
    return own.filter((c) => (c.whenUnsatisfiable ?? 'DoNotSchedule') === action).map((c) => {
      let sel = labelSelectorAsSelector(c.labelSelector);
      const keys: string[] = c.matchLabelKeys || [];
      if (keys.length) {
        const extra: Record<string, string> = {};
        for (const k of keys) if (pod.metadata?.labels?.[k] !== undefined) extra[k] = pod.metadata.labels[k];
        sel = { ...sel, requirements: [...sel.requirements, ...selectorFromSet(extra).requirements] };
      }
      return { maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector: sel, minDomains: c.minDomains ?? 1,
        nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor', nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore' };
    });
  }
  if (action !== 'ScheduleAnyway') return [];
  const sel = defaultSelector(pod);
  if (isEmpty(sel)) return [];
  return SYSTEM_DEFAULTS.map((d) => ({ ...d, selector: sel, minDomains: 1, nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore' }));
}

function countPodsMatchSelector(ni: NodeInfo, sel: Selector, ns: string): number {
  if (isEmpty(sel) || sel.nothing) return 0;
  let text = selectorText.get(sel);
  if (text === undefined) selectorText.set(sel, (text = JSON.stringify(sel)));
  return memoOnNode(ni, `PodTopologySpread\0${ns}\0${text}`, () => countPodsMatching(ni, ns, (labels) => matches(sel, labels)));
}

/** a constraint's selector asks every node the same question: its text for the memo key is made once */
const selectorText = new WeakMap<Selector, string>();

function matchNodeInclusionPolicies(c: Constraint, pod: KObject, ni: NodeInfo): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !podMatchesNodeAffinity(pod, ni.node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findMatchingUntoleratedTaint(ni.node.spec?.taints, pod.spec?.tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')) return false;
  return true;
}

const hasAllKeys = (labels: Record<string, string>, cs: Constraint[]) => cs.every((c) => labels[c.topologyKey] !== undefined);

interface FilterState { constraints: Constraint[]; matchNum: Map<string, number>[] }

export const podTopologySpreadFilter: FilterPlugin = {
  name: 'PodTopologySpread',
  preFilter(pod, nodes): FilterState {
    const constraints = constraintsOf(pod, 'DoNotSchedule');
    const matchNum = constraints.map(() => new Map<string, number>());
    if (!constraints.length) return { constraints, matchNum };
    for (const ni of nodes) {
      if (!hasAllKeys(ni.labels, constraints)) continue;
      constraints.forEach((c, i) => {
        if (!matchNodeInclusionPolicies(c, pod, ni)) return;
        const v = ni.labels[c.topologyKey];
        matchNum[i].set(v, (matchNum[i].get(v) ?? 0) + countPodsMatchSelector(ni, c.selector, pod.metadata!.namespace!));
      });
    }
    return { constraints, matchNum };
  },
  filter(pod, ni, state) {
    const s = state as FilterState;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i];
      const v = ni.labels[c.topologyKey];
      if (v === undefined) return unresolvable('PodTopologySpread', "node(s) didn't match pod topology spread constraints (missing required label)");
      const counts = s.matchNum[i];
      let min = counts.size < c.minDomains ? 0 : Infinity;
      if (min !== 0) for (const n of counts.values()) if (n < min) min = n;
      if (!Number.isFinite(min)) min = 0;
      const self = matches(c.selector, pod.metadata?.labels || {}) ? 1 : 0;
      const skew = (counts.get(v) ?? 0) + self - min;
      if (skew > c.maxSkew) return unschedulable('PodTopologySpread', "node(s) didn't match pod topology spread constraints");
    }
    return undefined;
  },
};

interface ScoreState {
  constraints: Constraint[];
  ignored: Set<string>;
  pairCounts: Map<string, number>;
  weights: number[];
}

export const podTopologySpreadScore: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  preScore(pod, feasible, all) {
    const constraints = constraintsOf(pod, 'ScheduleAnyway');
    if (!constraints.length) return undefined;
    const requireAll = (pod.spec?.topologySpreadConstraints || []).length > 0;
    const ignored = new Set<string>();
    const pairCounts = new Map<string, number>();
    const topoSize = constraints.map(() => 0);
    for (const ni of feasible) {
      if (requireAll && !hasAllKeys(ni.labels, constraints)) { ignored.add(ni.name); continue; }
      constraints.forEach((c, i) => {
        if (c.topologyKey === HOSTNAME) return;
        const k = `${c.topologyKey}\0${ni.labels[c.topologyKey] ?? ''}`;
        if (!pairCounts.has(k)) { pairCounts.set(k, 0); topoSize[i]++; }
      });
    }
    const weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignored.size : topoSize[i]) + 2));
    for (const ni of all) {
      if (requireAll && !hasAllKeys(ni.labels, constraints)) continue;
      for (const c of constraints) {
        if (!matchNodeInclusionPolicies(c, pod, ni)) continue;
        const k = `${c.topologyKey}\0${ni.labels[c.topologyKey] ?? ''}`;
        const cur = pairCounts.get(k);
        if (cur === undefined) continue;
        pairCounts.set(k, cur + countPodsMatchSelector(ni, c.selector, pod.metadata!.namespace!));
      }
    }
    return { constraints, ignored, pairCounts, weights } as ScoreState;
  },
  score(pod, ni, state) {
    const s = state as ScoreState;
    if (s.ignored.has(ni.name)) return 0;
    let score = 0;
    s.constraints.forEach((c, i) => {
      const v = ni.labels[c.topologyKey];
      if (v === undefined) return;
      const cnt = c.topologyKey === HOSTNAME ? countPodsMatchSelector(ni, c.selector, pod.metadata!.namespace!) : s.pairCounts.get(`${c.topologyKey}\0${v}`) ?? 0;
      score += cnt * s.weights[i] + (c.maxSkew - 1);
    });
    return Math.round(score);
  },
  normalize(scores, state) {
    const s = state as ScoreState;
    let min = Infinity;
    let max = 0;
    for (const x of scores) {
      if (s.ignored.has(x.name)) continue;
      if (x.score < min) min = x.score;
      if (x.score > max) max = x.score;
    }
    for (const x of scores) {
      if (s.ignored.has(x.name)) { x.score = 0; continue; }
      if (max === 0) { x.score = MAX_NODE_SCORE; continue; }
      x.score = Math.trunc((MAX_NODE_SCORE * (max + min - x.score)) / max);
    }
  },
};
