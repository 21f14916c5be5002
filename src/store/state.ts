// The shape of one cluster's state file. Stored JSON objects are exactly what `-o json` prints
// (DESIGN: Conventions 9); simulation bookkeeping lives beside them, never inside them.
import type { KObject } from '../api/types.js';
import type { ClockState } from '../sim/clock.js';
import type { RngState } from '../sim/rng.js';

export const SCHEMA_VERSION = 1;

/** A scheduled transition: at virtual time `at`, run handler `kind` with `key`/`data`. */
export interface Timer {
  at: number;
  /** e.g. "kubelet.started", "kubelet.terminated", "deployment.requeue" */
  kind: string;
  /** usually "namespace/name" or a uid */
  key: string;
  data?: any;
  /** insertion sequence: timers due at the same moment fire in the order they were set */
  seq: number;
}

/** Timing of the simulated kubelet; defaults match the conformance recordings. */
export interface SimConfig {
  /** scheduling -> container Running and Ready (ms) */
  startDelay: number;
  /** image pull failure is reported after (ms) */
  pullFailDelay: number;
  /** a deleted pod stays Terminating for (ms) */
  terminationDelay: number;
  /** kubelet image pull back-off: initial and max (ms) */
  backoffInitial: number;
  backoffMax: number;
  /** kubesim's own bound: most pods a cluster holds (creations beyond it are Forbidden) */
  maxPods?: number;
}

/** The default of SimConfig.maxPods (README: Simulation bounds); KUBESIM_MAX_PODS overrides it. */
export const DEFAULT_MAX_PODS = 100_000;

export const DEFAULT_SIM_CONFIG: SimConfig = {
  startDelay: 1500,
  pullFailDelay: 1200,
  terminationDelay: 1000,
  backoffInitial: 10000,
  backoffMax: 300000,
};

export interface ClusterState {
  schemaVersion: number;
  name: string;
  clock: ClockState;
  rng: RngState;
  /** last resourceVersion handed out (cluster-wide counter, like etcd's revision) */
  resourceVersion: number;
  /** resource (plural, e.g. "deployments") -> key ("ns/name", or "name" when cluster-scoped) -> object */
  objects: Record<string, Record<string, KObject>>;
  timers: Timer[];
  timerSeq: number;
  config: SimConfig;
  /** controllers' private bookkeeping (event correlator caches, kubelet back-off, pod IP allocator ...) */
  controllers: Record<string, any>;
}
