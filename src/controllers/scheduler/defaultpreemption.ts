// DefaultPreemption (plugins/defaultpreemption and framework/preemption): when no node fits, find nodes
// where removing lower-priority pods would let the pod fit, keep as many of them as possible (reprieve),
// pick one node (pickOneNodeForPreemption), delete its victims and nominate it.
import type { KObject } from '../../api/types.js';
import { parseTime } from '../../sim/clock.js';
import { addPod, cloneNodeInfo, podPriority, removePod, unresolvable, type NodeInfo, type Status } from './framework.js';

export interface Candidate { node: string; victims: KObject[] }

export type RunFilters = (pod: KObject, nodes: NodeInfo[], node: NodeInfo) => Status | undefined;

const startTime = (p: KObject) => parseTime(p.status?.startTime) ?? Infinity;

/** MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportant(a: KObject, b: KObject): number {
  const d = podPriority(b) - podPriority(a);
  if (d) return d;
  return startTime(a) - startTime(b);
}

/** podEligibleToPreemptOthers -> the reason it is not, or undefined. */
export function notEligibleReason(pod: KObject, nodes: NodeInfo[]): string | undefined {
  if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated = pod.status?.nominatedNodeName;
  if (nominated) {
    const ni = nodes.find((n) => n.name === nominated);
    if (ni && ni.pods.some((p) => p.metadata?.deletionTimestamp && podPriority(p) < podPriority(pod))) {
      return 'not eligible due to a terminating pod on the nominated node.';
    }
  }
  return undefined;
}

/** SelectVictimsOnNode */
function selectVictimsOnNode(pod: KObject, nodes: NodeInfo[], index: number, runFilters: RunFilters): Candidate | Status {
  const prio = podPriority(pod);
  if (!(nodes[index].minPriority < prio)) return unresolvable('DefaultPreemption', 'No preemption victims found for incoming pod');
  const ni = cloneNodeInfo(nodes[index]);
  const view = nodes.map((n, i) => (i === index ? ni : n));
  const potential = ni.pods.filter((p) => podPriority(p) < prio);
  if (!potential.length) return unresolvable('DefaultPreemption', 'No preemption victims found for incoming pod');
  for (const p of potential) removePod(ni, p);
  const st = runFilters(pod, view, ni);
  if (st) return st;
  potential.sort(moreImportant);
  const victims: KObject[] = [];
  for (const p of potential) {
    addPod(ni, p);
    if (runFilters(pod, view, ni)) {
      removePod(ni, p);
      victims.push(p);
    }
  }
  return { node: ni.name, victims };
}

/** pickOneNodeForPreemption (without PodDisruptionBudget violations, which kubesim does not weigh). */
function pickOne(cands: Candidate[]): Candidate {
  const OFFSET = 2 ** 31 + 1;
  let best = cands;
  const keep = (score: (c: Candidate) => number) => {
    const min = Math.min(...best.map(score));
    best = best.filter((c) => score(c) === min);
  };
  keep((c) => Math.max(...c.victims.map(podPriority)));
  keep((c) => c.victims.reduce((s, v) => s + podPriority(v) + OFFSET, 0));
  keep((c) => c.victims.length);
  // the node whose most important victims started latest
  keep((c) => {
    const top = Math.max(...c.victims.map(podPriority));
    return -Math.min(...c.victims.filter((v) => podPriority(v) === top).map(startTime));
  });
  return best[0];
}

/** findCandidates + pickOne: the candidate, or the per-node statuses for the preemption message. */
export function findPreemption(pod: KObject, nodes: NodeInfo[], statuses: Map<string, Status>, runFilters: RunFilters): Candidate | Map<string, Status> {
  const out = new Map<string, Status>();
  const cands: Candidate[] = [];
  nodes.forEach((ni, i) => {
    const st = statuses.get(ni.name);
    if (!st) return;
    if (st.unresolvable) { out.set(ni.name, unresolvable('DefaultPreemption', 'Preemption is not helpful for scheduling')); return; }
    const r = selectVictimsOnNode(pod, nodes, i, runFilters);
    if ('victims' in r) { if (r.victims.length) cands.push(r); }
    else out.set(ni.name, r);
  });
  return cands.length ? pickOne(cands) : out;
}
