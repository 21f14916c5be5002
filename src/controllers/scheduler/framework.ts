// The scheduling framework's shapes (pkg/scheduler/framework): NodeInfo, the status a filter returns, the
// plugin interfaces, and the pod-affinity term matching the InterPodAffinity and PodTopologySpread
// plugins share.
import type { KObject } from '../../api/types.js';
import { bytesOf, milliCPU } from '../podutil.js';
import { matches } from '../../api/selectors.js';

export const MAX_NODE_SCORE = 100;
/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest: what a container without requests counts as when scoring */
const DEFAULT_MILLI_CPU = 100;
const DEFAULT_MEMORY = 200 * 1024 * 1024;

export interface Resources { cpu: number; memory: number }

export interface NodeInfo {
  node: KObject;
  name: string;
  labels: Record<string, string>;
  /** pods assigned to the node (not terminal); built on first use from the scheduler cache */
  readonly pods: KObject[];
  podCount: number;
  /** pods with any pod affinity or anti-affinity / with required anti-affinity (NodeInfo.PodsWithAffinity ...) */
  podsWithAffinity: KObject[];
  podsWithRequiredAntiAffinity: KObject[];
  /** the lowest priority among the node's pods (preemption looks no further when it is not lower) */
  minPriority: number;
  requested: Resources;
  nonZeroRequested: Resources;
  allocatable: Resources & { pods: number };
  /** the scheduler cache's aggregate this view reads (undefined for a copy preemption changes) */
  agg?: NodeAggregate;
}

/** A filter's verdict: reasons (as printed in FailedScheduling) and whether preemption could ever help. */
export interface Status {
  reasons: string[];
  /** UnschedulableAndUnresolvable */
  unresolvable: boolean;
  plugin: string;
}

export const unschedulable = (plugin: string, ...reasons: string[]): Status => ({ plugin, reasons, unresolvable: false });
export const unresolvable = (plugin: string, ...reasons: string[]): Status => ({ plugin, reasons, unresolvable: true });

/** A PreFilter that rejects the pod outright: its message is the whole of FailedScheduling's first part. */
export interface PreFilterRejection { preFilterRejected: string }
export const isPreFilterRejection = (s: unknown): s is PreFilterRejection => typeof (s as any)?.preFilterRejected === 'string';

export interface FilterPlugin {
  name: string;
  /** PreFilter: computes cycle state; returns state for filter, or a rejection (UnschedulableAndUnresolvable on every node) */
  preFilter?(pod: KObject, nodes: NodeInfo[]): unknown;
  filter(pod: KObject, node: NodeInfo, state: unknown): Status | undefined;
}

export interface ScorePlugin {
  name: string;
  weight: number;
  /** PreScore: undefined = Skip (the plugin adds nothing) */
  preScore(pod: KObject, feasible: NodeInfo[], all: NodeInfo[]): unknown | undefined;
  score(pod: KObject, node: NodeInfo, state: unknown): number;
  normalize?(scores: { name: string; score: number }[], state: unknown): void;
}

function containerRequests(c: any, nonZero: boolean): Resources {
  const r = c?.resources?.requests || {};
  let cpu = milliCPU(r.cpu);
  let memory = bytesOf(r.memory);
  if (nonZero) {
    if (r.cpu === undefined) cpu = DEFAULT_MILLI_CPU;
    if (r.memory === undefined) memory = DEFAULT_MEMORY;
  }
  return { cpu, memory };
}

/** resourcehelper.PodRequests (with NonMissingContainerRequests when nonZero): containers summed, max with each init container, plus overhead. */
export function podResourceRequests(pod: KObject, nonZero: boolean): Resources {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers || []) {
    const r = containerRequests(c, nonZero);
    cpu += r.cpu;
    memory += r.memory;
  }
  for (const c of pod.spec?.initContainers || []) {
    const r = containerRequests(c, nonZero);
    cpu = Math.max(cpu, r.cpu);
    memory = Math.max(memory, r.memory);
  }
  const o = pod.spec?.overhead || {};
  cpu += milliCPU(o.cpu);
  memory += bytesOf(o.memory);
  return { cpu, memory };
}

export const hasPodAffinity = (p: KObject) => !!(p.spec?.affinity?.podAffinity || p.spec?.affinity?.podAntiAffinity);
export const hasRequiredAntiAffinity = (p: KObject) => (p.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution || []).length > 0;

/** What the scheduler cache keeps per node, updated as pods come and go. */
export interface NodeAggregate {
  pods: Map<string, KObject>;
  requested: Resources;
  nonZeroRequested: Resources;
  withAffinity: Map<string, KObject>;
  withRequiredAnti: Map<string, KObject>;
  /** priority -> pods */
  priorities: Map<number, number>;
  /** bumped whenever a pod comes, goes or changes */
  version: number;
  /** plugins' per-node results over the pods, valid while `version` is the one they were computed at */
  memo: Map<string, [number, number]>;
  /** the pods not being deleted, counted by namespace and labels (a ReplicaSet's pods are one group) */
  groups: Map<string, PodGroup>;
}

interface PodGroup { ns: string; labels: Record<string, string>; count: number }

export function newAggregate(): NodeAggregate {
  return { pods: new Map(), requested: { cpu: 0, memory: 0 }, nonZeroRequested: { cpu: 0, memory: 0 }, withAffinity: new Map(), withRequiredAnti: new Map(), priorities: new Map(), version: 0, memo: new Map(), groups: new Map() };
}

const NO_LABELS: Record<string, string> = {};
/** labels object -> its JSON (stored objects are never changed in place; an update shares unchanged labels) */
const labelsText = new WeakMap<object, string>();

function groupKey(pod: KObject): string | undefined {
  if (pod.metadata?.deletionTimestamp) return undefined;
  const labels = pod.metadata?.labels || NO_LABELS;
  let t = labelsText.get(labels);
  if (t === undefined) labelsText.set(labels, (t = JSON.stringify(labels)));
  return `${pod.metadata?.namespace ?? ''}\0${t}`;
}

function groupAdd(a: NodeAggregate, pod: KObject, sign: 1 | -1): void {
  const k = groupKey(pod);
  if (k === undefined) return;
  const g = a.groups.get(k);
  if (g) {
    g.count += sign;
    if (g.count <= 0) a.groups.delete(k);
  } else if (sign > 0) a.groups.set(k, { ns: pod.metadata?.namespace ?? '', labels: pod.metadata?.labels || NO_LABELS, count: 1 });
}

/** How many of the node's pods in `ns`, not being deleted, have labels that `match` (PodTopologySpread's count). */
export function countPodsMatching(ni: NodeInfo, ns: string, match: (labels: Record<string, string>) => boolean): number {
  let n = 0;
  if (ni.agg) {
    for (const g of ni.agg.groups.values()) if (g.ns === ns && match(g.labels)) n += g.count;
    return n;
  }
  for (const p of ni.pods) {
    if (p.metadata?.deletionTimestamp || p.metadata?.namespace !== ns) continue;
    if (match(p.metadata?.labels || NO_LABELS)) n++;
  }
  return n;
}

/**
 * A number computed from a node's pods alone (`key` says how), kept until the node's pods change: a ReplicaSet's
 * pods all ask each node the same questions, and only the node the last pod went to has changed since.
 */
export function memoOnNode(ni: NodeInfo, key: string, compute: () => number): number {
  const a = ni.agg;
  if (!a) return compute();
  const hit = a.memo.get(key);
  if (hit && hit[0] === a.version) return hit[1];
  const n = compute();
  if (a.memo.size > 256) a.memo.clear();
  a.memo.set(key, [a.version, n]);
  return n;
}

export function aggregateAdd(a: NodeAggregate, key: string, pod: KObject, sign: 1 | -1): void {
  a.version++;
  const r = podResourceRequests(pod, false);
  const nz = podResourceRequests(pod, true);
  a.requested.cpu += sign * r.cpu; a.requested.memory += sign * r.memory;
  a.nonZeroRequested.cpu += sign * nz.cpu; a.nonZeroRequested.memory += sign * nz.memory;
  const prio = podPriority(pod);
  const n = (a.priorities.get(prio) ?? 0) + sign;
  if (n > 0) a.priorities.set(prio, n);
  else a.priorities.delete(prio);
  groupAdd(a, pod, sign);
  if (sign > 0) {
    a.pods.set(key, pod);
    if (hasPodAffinity(pod)) a.withAffinity.set(key, pod);
    if (hasRequiredAntiAffinity(pod)) a.withRequiredAnti.set(key, pod);
  } else {
    a.pods.delete(key); a.withAffinity.delete(key); a.withRequiredAnti.delete(key);
  }
}

/** A node's allocatable, parsed once per stored node object (never changed in place; nor is the result). */
const allocatables = new WeakMap<KObject, Resources & { pods: number }>();
function allocatableOf(node: KObject): Resources & { pods: number } {
  let a = allocatables.get(node);
  if (!a) allocatables.set(node, (a = parseAllocatable(node)));
  return a;
}

function parseAllocatable(node: KObject): Resources & { pods: number } {
  const alloc = node.status?.allocatable || {};
  return {
    cpu: alloc.cpu !== undefined ? milliCPU(alloc.cpu) : Infinity,
    memory: alloc.memory !== undefined ? bytesOf(alloc.memory) : Infinity,
    pods: alloc.pods !== undefined ? Number(alloc.pods) : 110,
  };
}

/** A NodeInfo over the cache's aggregate (the pod list is materialized only if a plugin reads it). */
export function nodeInfoFromAggregate(node: KObject, a: NodeAggregate | undefined): NodeInfo {
  let pods: KObject[] | undefined;
  return {
    node,
    name: node.metadata!.name!,
    labels: node.metadata?.labels || {},
    get pods() { return (pods ??= a ? [...a.pods.values()] : []); },
    podCount: a?.pods.size ?? 0,
    podsWithAffinity: a ? [...a.withAffinity.values()] : [],
    podsWithRequiredAntiAffinity: a ? [...a.withRequiredAnti.values()] : [],
    minPriority: a && a.priorities.size ? Math.min(...a.priorities.keys()) : Infinity,
    requested: { ...(a?.requested ?? { cpu: 0, memory: 0 }) },
    nonZeroRequested: { ...(a?.nonZeroRequested ?? { cpu: 0, memory: 0 }) },
    allocatable: allocatableOf(node),
    agg: a,
  };
}

function mutable(ni: NodeInfo, pods: KObject[]): NodeInfo {
  return { ...ni, agg: undefined, pods, podCount: pods.length, podsWithAffinity: [...ni.podsWithAffinity], podsWithRequiredAntiAffinity: [...ni.podsWithRequiredAntiAffinity], requested: { ...ni.requested }, nonZeroRequested: { ...ni.nonZeroRequested } } as NodeInfo;
}

export function addPod(ni: NodeInfo, pod: KObject): void {
  (ni.pods as KObject[]).push(pod);
  ni.podCount++;
  if (hasPodAffinity(pod)) ni.podsWithAffinity.push(pod);
  if (hasRequiredAntiAffinity(pod)) ni.podsWithRequiredAntiAffinity.push(pod);
  const r = podResourceRequests(pod, false);
  const nz = podResourceRequests(pod, true);
  ni.requested.cpu += r.cpu; ni.requested.memory += r.memory;
  ni.nonZeroRequested.cpu += nz.cpu; ni.nonZeroRequested.memory += nz.memory;
}

export function removePod(ni: NodeInfo, pod: KObject): void {
  const i = ni.pods.indexOf(pod);
  if (i < 0) return;
  (ni.pods as KObject[]).splice(i, 1);
  ni.podCount--;
  ni.podsWithAffinity = ni.podsWithAffinity.filter((p) => p !== pod);
  ni.podsWithRequiredAntiAffinity = ni.podsWithRequiredAntiAffinity.filter((p) => p !== pod);
  const r = podResourceRequests(pod, false);
  const nz = podResourceRequests(pod, true);
  ni.requested.cpu -= r.cpu; ni.requested.memory -= r.memory;
  ni.nonZeroRequested.cpu -= nz.cpu; ni.nonZeroRequested.memory -= nz.memory;
}

/** A copy preemption can change (its own pod list). */
export function cloneNodeInfo(ni: NodeInfo): NodeInfo {
  return mutable(ni, [...ni.pods]);
}

export function podPriority(pod: KObject): number {
  return pod.spec?.priority ?? 0;
}

// ---- pod affinity terms (framework.AffinityTerm)

export interface AffinityTerm {
  namespaces: Set<string>;
  /** namespaceSelector; undefined = none given */
  nsSelector?: any;
  selector: any;
  topologyKey: string;
  weight: number;
}

function toTerm(t: any, podNs: string, weight = 1): AffinityTerm {
  const namespaces = new Set<string>(t?.namespaces || []);
  if (!namespaces.size && t?.namespaceSelector == null) namespaces.add(podNs);
  return { namespaces, nsSelector: t?.namespaceSelector ?? undefined, selector: t?.labelSelector, topologyKey: t?.topologyKey ?? '', weight };
}

export function requiredAffinityTerms(pod: KObject): AffinityTerm[] {
  return (pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution || []).map((t: any) => toTerm(t, pod.metadata!.namespace!));
}

export function requiredAntiAffinityTerms(pod: KObject): AffinityTerm[] {
  return (pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution || []).map((t: any) => toTerm(t, pod.metadata!.namespace!));
}

export function preferredAffinityTerms(pod: KObject): AffinityTerm[] {
  return (pod.spec?.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution || []).map((w: any) => toTerm(w.podAffinityTerm, pod.metadata!.namespace!, w.weight));
}

export function preferredAntiAffinityTerms(pod: KObject): AffinityTerm[] {
  return (pod.spec?.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution || []).map((w: any) => toTerm(w.podAffinityTerm, pod.metadata!.namespace!, w.weight));
}

/**
 * AffinityTerm.Matches: the pod's namespace is listed (or selected by the namespace selector, whose
 * labels `nsLabels` gives) and its labels match the term's selector (a nil selector matches nothing).
 */
export function termMatches(t: AffinityTerm, pod: KObject, nsLabels: (ns: string) => Record<string, string>): boolean {
  const ns = pod.metadata!.namespace!;
  if (!t.namespaces.has(ns)) {
    if (t.nsSelector === undefined) return false;
    if (!matches(t.nsSelector, nsLabels(ns))) return false;
  }
  if (t.selector == null) return false;
  return matches(t.selector, pod.metadata?.labels || {});
}
