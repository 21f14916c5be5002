// NodeResourcesFit (plugins/noderesources/fit.go: fitsRequest, LeastAllocated scoring with cpu and memory
// weighted 1) and NodeResourcesBalancedAllocation (balanced_allocation.go).
import type { KObject } from '../../api/types.js';
import { MAX_NODE_SCORE, podResourceRequests, unschedulable, type FilterPlugin, type NodeInfo, type ScorePlugin } from './framework.js';

/** fitsRequest: every resource the pod asks for must fit in what the node has left. */
export function fitsRequest(pod: KObject, ni: NodeInfo): string[] {
  const req = podResourceRequests(pod, false);
  const out: string[] = [];
  if (ni.podCount + 1 > ni.allocatable.pods) out.push('Too many pods');
  if (req.cpu > 0 && req.cpu > ni.allocatable.cpu - ni.requested.cpu) out.push('Insufficient cpu');
  if (req.memory > 0 && req.memory > ni.allocatable.memory - ni.requested.memory) out.push('Insufficient memory');
  return out;
}

export const nodeResourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(pod, ni) {
    const r = fitsRequest(pod, ni);
    return r.length ? unschedulable('NodeResourcesFit', ...r) : undefined;
  },
};

function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || !Number.isFinite(capacity)) return 0;
  if (requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export const nodeResourcesFitScore: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  preScore(pod) { return podResourceRequests(pod, true); },
  score(_pod, ni, state) {
    const req = state as { cpu: number; memory: number };
    const cpu = leastRequestedScore(ni.nonZeroRequested.cpu + req.cpu, ni.allocatable.cpu);
    const mem = leastRequestedScore(ni.nonZeroRequested.memory + req.memory, ni.allocatable.memory);
    return Math.trunc((cpu + mem) / 2);
  },
};

export const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  preScore(pod) {
    const req = podResourceRequests(pod, false);
    // a BestEffort pod changes no balance: the plugin skips it
    return req.cpu === 0 && req.memory === 0 ? undefined : req;
  },
  score(_pod, ni, state) {
    const req = state as { cpu: number; memory: number };
    const fractions: number[] = [];
    for (const [r, a] of [[ni.requested.cpu + req.cpu, ni.allocatable.cpu], [ni.requested.memory + req.memory, ni.allocatable.memory]]) {
      if (!a || !Number.isFinite(a)) continue;
      fractions.push(Math.min(1, r / a));
    }
    let std = 0;
    if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  },
};
