// Port of pkg/controller/deployment/deployment_controller.go: syncDeployment and the ReplicaSet/pod
// bookkeeping around it (getReplicaSetsForDeployment with ClaimReplicaSets from controller_ref_manager.go,
// getPodMapForDeployment), plus the thin "client" every write goes through.
import { newControllerRef } from './util.js';
import type { ControllerContext } from '../context.js';
import type { KObject, Pod } from '../../api/types.js';
import { StatusError } from '../../api/errors.js';
import { applyDefaults } from '../../api/defaults.js';
import { type Selector, labelSelectorAsSelector, matches } from '../../api/selectors.js';
import { rfc3339 } from '../../sim/clock.js';
import {
  type DeploymentObj,
  type RSObj,
  RecreateDeploymentStrategyType,
  RollingUpdateDeploymentStrategyType,
} from './util.js';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync.js';
import { rolloutRolling } from './rolling.js';
import { rolloutRecreate } from './recreate.js';
import { getRollbackTo, rollback } from './rollback.js';

export const controllerName = 'deployment';
const component = 'deployment-controller';

/** One sync's view: the upstream DeploymentController receiver plus what Go keeps in ctx. */
export interface DC {
  ctx: ControllerContext;
  key: string;
  now: number;
  /** metav1.Now() as serialised */
  nowStr: string;
  /** set once this sync has changed anything: the change notification alone guarantees another sync */
  wrote: boolean;
}

export type PodMap = Map<string, Pod[]>;

/** Go's workqueue: maxRetries before a failing key is dropped; exponential per-item backoff from 5ms. */
const maxRetries = 15;
const baseDelayMs = 5;

/**
 * Sync the deployment `key` ("ns/name") as upstream's worker does once: at most one rollout phase, then
 * return (plus, after a Conflict caused by this sync's own earlier write, the retry upstream would run next).
 */
export function syncDeployment(ctx: ControllerContext, key: string): void {
  for (let attempt = 0; ; attempt++) {
    const dc: DC = { ctx, key, now: ctx.now, nowStr: rfc3339(ctx.now), wrote: false };
    try {
      syncDeploymentKey(dc, key);
      forget(dc);
      return;
    } catch (err) {
      // kubesim: a Conflict on our own object after an earlier write in this sync (the second status
      // update of a sync always hits one, see updateDeploymentStatus) is retried upstream within
      // milliseconds, through the rate-limited requeue and the watch event of that first write: well
      // before the ReplicaSet controller has reported on new pods. Retry at once so the outcome does
      // not depend on the order the simulator runs controllers in.
      if (isConflict(err) && dc.wrote && attempt < maxImmediateRetries) continue;
      handleErr(dc, err);
      return;
    }
  }
}

const maxImmediateRetries = 5;

function isConflict(err: unknown): boolean {
  return err instanceof StatusError && err.reason === 'Conflict';
}

function syncDeploymentKey(dc: DC, key: string): void {
  const i = key.indexOf('/');
  const namespace = i >= 0 ? key.slice(0, i) : '';
  const name = i >= 0 ? key.slice(i + 1) : key;
  const deployment = dc.ctx.cluster.get('deployments', namespace, name) as DeploymentObj | undefined;
  if (!deployment) return; // "Deployment has been deleted"

  // Copy what the sync mutates in memory (annotations, status); spec stays shared and read-only.
  const d = copyDeployment(deployment);

  const sel = d.spec?.selector;
  if (sel && sel.matchLabels == null && sel.matchExpressions == null) {
    eventf(dc, d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
    if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
      d.status = { ...d.status, observedGeneration: d.metadata!.generation };
      try {
        updateDeploymentStatus(dc, d);
      } catch {
        // Go ignores this error
      }
    }
    return;
  }

  let selector: Selector;
  try {
    selector = labelSelectorAsSelector(sel);
  } catch (e) {
    throw new Error(`deployment ${namespace}/${name} has invalid label selector: ${(e as Error).message}`);
  }

  // List ReplicaSets owned by this Deployment, while reconciling ControllerRef through adoption/orphaning.
  const rsList = getReplicaSetsForDeployment(dc, d, selector);
  // kubesim: upstream builds the pod map here on every sync; only Recreate reads it, so build it lazily.
  let podMap: PodMap | undefined;
  const getPodMap = (): PodMap => (podMap ??= getPodMapForDeployment(dc, d, rsList, selector));

  if (d.metadata?.deletionTimestamp) {
    syncStatusOnly(dc, d, rsList);
    return;
  }

  // An Unknown Progressing condition on pause/resume keeps a resumed deployment from timing out at once.
  checkPausedConditions(dc, d);

  if (d.spec?.paused) {
    sync(dc, d, rsList);
    return;
  }

  // rollback is not re-entrant: finish clearing the rollback spec before touching replica sets.
  const rollbackTo = getRollbackTo(d);
  if (rollbackTo) {
    rollback(dc, d, rsList, rollbackTo);
    return;
  }

  if (isScalingEvent(dc, d, rsList)) {
    sync(dc, d, rsList);
    return;
  }

  switch (d.spec?.strategy?.type) {
    case RecreateDeploymentStrategyType:
      rolloutRecreate(dc, d, rsList, getPodMap);
      return;
    case RollingUpdateDeploymentStrategyType:
      rolloutRolling(dc, d, rsList);
      return;
  }
  throw new Error(`unexpected deployment strategy type: ${d.spec?.strategy?.type}`);
}

function copyDeployment(o: DeploymentObj): DeploymentObj {
  const md = o.metadata ?? {};
  const d: DeploymentObj = { ...o, metadata: { ...md } };
  if (md.annotations) d.metadata!.annotations = { ...md.annotations };
  if (o.status) d.status = { ...o.status, ...(o.status.conditions ? { conditions: [...o.status.conditions] } : {}) };
  return d;
}

// ---- ReplicaSets and pods of a deployment

/** ClaimReplicaSets: owned RSs that still match; orphans that match are adopted; owned ones that don't are released. */
function getReplicaSetsForDeployment(dc: DC, d: DeploymentObj, selector: Selector): RSObj[] {
  const cluster = dc.ctx.cluster;
  const all = cluster.list('replicasets', d.metadata?.namespace) as RSObj[];
  const uid = d.metadata?.uid;
  const deleting = !!d.metadata?.deletionTimestamp;
  const match = (rs: RSObj): boolean => matches(selector, rs.metadata?.labels);
  const claimed: RSObj[] = [];
  for (const rs of all) {
    const ref = rs.metadata?.ownerReferences?.find((r) => r.controller);
    if (ref) {
      if (ref.uid !== uid) continue; // owned by someone else
      if (match(rs)) {
        claimed.push(rs);
        continue;
      }
      // ours but the selector no longer matches: release it, unless we are being deleted
      if (deleting) continue;
      releaseReplicaSet(dc, rs);
      continue;
    }
    // an orphan
    if (deleting || !match(rs)) continue;
    if (rs.metadata?.deletionTimestamp) continue;
    adoptReplicaSet(dc, d, rs);
    // as upstream, the list keeps the object as read (before the adoption patch)
    claimed.push(rs);
  }
  return claimed;
}


function adoptReplicaSet(dc: DC, d: DeploymentObj, rs: RSObj): void {
  // a strategic-merge patch (no resourceVersion precondition) adding our controller ref
  const patched: RSObj = {
    ...rs,
    metadata: { ...rs.metadata, ownerReferences: [...(rs.metadata?.ownerReferences ?? []), newControllerRef(d)] },
  };
  dc.ctx.cluster.update('replicasets', patched as KObject);
  dc.wrote = true;
}

function releaseReplicaSet(dc: DC, rs: RSObj): void {
  const refs = (rs.metadata?.ownerReferences ?? []).filter((r) => !r.controller);
  const md = { ...rs.metadata };
  if (refs.length) md.ownerReferences = refs;
  else delete md.ownerReferences;
  dc.ctx.cluster.update('replicasets', { ...rs, metadata: md } as KObject);
  dc.wrote = true;
}

/** Pods of the deployment grouped by the UID of their controlling ReplicaSet (inactive pods included). */
function getPodMapForDeployment(dc: DC, d: DeploymentObj, rsList: RSObj[], selector: Selector): PodMap {
  const podMap: PodMap = new Map();
  for (const rs of rsList) {
    const uid = rs.metadata!.uid!;
    const pods = dc.ctx.cluster.listControlledBy('pods', uid) as Pod[];
    podMap.set(
      uid,
      pods.filter((p) => p.metadata?.namespace === d.metadata?.namespace && matches(selector, p.metadata?.labels)),
    );
  }
  return podMap;
}

// ---- the client: writes with the API server's optimistic concurrency

function conflict(resource: string, name: string): StatusError {
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  );
}

/**
 * UpdateStatus(d). The object carries the resourceVersion it was read with, and the API server rejects
 * a stale one: upstream discards the object UpdateStatus returns, so a second status write in the same
 * sync fails with a Conflict (a well-known log line of this controller). Reproduced, not fixed.
 */
export function updateDeploymentStatus(dc: DC, d: DeploymentObj): void {
  guardedWrite(dc, 'deployments', 'deployments.apps', d as KObject, true);
}

/** Update(d): the whole object (legacy rollback only). */
export function updateDeployment(dc: DC, d: DeploymentObj): void {
  guardedWrite(dc, 'deployments', 'deployments.apps', d as KObject, false);
}

/** Update(rs): returns the stored (new) object. */
export function updateReplicaSet(dc: DC, rs: RSObj): RSObj {
  return guardedWrite(dc, 'replicasets', 'replicasets.apps', rs as KObject, false) as RSObj;
}

function guardedWrite(dc: DC, resource: string, qualified: string, obj: KObject, status: boolean): KObject {
  const cluster = dc.ctx.cluster;
  const md = obj.metadata!;
  const stored = cluster.get(resource, md.namespace, md.name!);
  if (!stored) throw new StatusError(404, 'NotFound', `${qualified} "${md.name}" not found`);
  if (md.resourceVersion !== undefined && stored.metadata?.resourceVersion !== md.resourceVersion) throw conflict(qualified, md.name!);
  const out = status ? cluster.updateStatus(resource, obj) : cluster.update(resource, obj);
  if (out !== stored) dc.wrote = true;
  return out;
}

/** Create(rs), defaulted and serialised as the API server stores it (e.g. `status: {replicas: 0}`). */
export function createReplicaSet(dc: DC, rs: RSObj): RSObj {
  const out = dc.ctx.cluster.create('replicasets', applyDefaults(rs as KObject)) as RSObj;
  dc.wrote = true;
  return out;
}

/** Delete(rs); NotFound is not an error for the caller. */
export function deleteReplicaSet(dc: DC, rs: RSObj): void {
  try {
    dc.ctx.cluster.remove('replicasets', rs.metadata?.namespace, rs.metadata!.name!);
    dc.wrote = true;
  } catch (e) {
    if (!(e instanceof StatusError && e.reason === 'NotFound')) throw e;
  }
}

export function eventf(dc: DC, d: DeploymentObj, type: 'Normal' | 'Warning', reason: string, message: string): void {
  dc.ctx.recorder.event({ component }, d as KObject, type, reason, message);
}

// ---- the work queue's error handling (handleErr / Forget)

interface QueueState {
  failures: Record<string, number>;
}

function queueState(dc: DC): QueueState {
  return dc.ctx.cluster.controllerState<QueueState>('deployment-queue', () => ({ failures: {} }));
}

function forget(dc: DC): void {
  const st = dc.ctx.cluster.state.controllers['deployment-queue'] as QueueState | undefined;
  if (st && dc.key in st.failures) delete st.failures[dc.key];
}

function handleErr(dc: DC, _err: unknown): void {
  // kubesim: upstream always requeues rate-limited. When this sync already changed something, the change
  // notification resyncs the deployment right away, which is what the short first backoff amounts to.
  if (dc.wrote) return;
  const st = queueState(dc);
  const n = st.failures[dc.key] ?? 0;
  if (n < maxRetries) {
    st.failures[dc.key] = n + 1;
    dc.ctx.requeueAfter(controllerName, dc.key, baseDelayMs * 2 ** n);
    return;
  }
  // dropped out of the queue
  delete st.failures[dc.key];
}

/** The next sync should be `after` ms from now (progress check, see progress.ts). */
export function enqueueAfter(dc: DC, afterMs: number): void {
  dc.ctx.requeueAfter(controllerName, dc.key, afterMs);
}
