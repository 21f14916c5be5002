// The controller manager: one deterministic FIFO work queue shared by the deployment and replicaset
// controllers, the scheduler, the kubelet and the garbage collector. Change notifications from the
// cluster are mapped to work items the way the informers' event handlers do upstream; settle()
// drains the queue; timers (requeues, kubelet transitions) come back through fire().
import type { Cluster, ChangeType } from '../store/cluster.js';
import type { Timer } from '../store/state.js';
import type { Reconciler } from '../sim/loop.js';
import type { KObject } from '../api/types.js';
import type { ControllerContext } from './context.js';
import { createEventRecorder, type KubesimEventRecorder } from './events.js';
import { syncReplicaSet } from './replicaset.js';
import { NodeCache, scheduleOne, schedulerState } from './scheduler.js';
import { syncPodKubelet, fireKubelet, forgetPod } from './kubelet.js';
import { OwnerGraph, registerGraph, syncGarbage, gcKeyForDependent, gcKeyForOwner, deleteWithPropagation } from './gc.js';
import { syncNamespaceServiceAccounts } from './serviceaccounts.js';
import { syncNamespace } from './namespace.js';
import { controllerOf, isPodReady, isPodTerminal, selectorMatches } from './podutil.js';
import { syncDeployment } from './deployment/controller.js';
import { jsonEqual } from '../store/json.js';
import { CONTROLLER_MODULES } from './modules.js';
import type { ControllerModule, WatchHandler } from './module.js';
import { holdKubeletTimer, kubeletItemHeld } from './nodelifecycle/kubeletstop.js';

/** The core controllers below, or the name of a module in modules.ts. */
export type Controller = string;

export type ManagerContext = ControllerContext & { recorder: KubesimEventRecorder };

/** Work items a settle may process before we call it a livelock: a base plus a share per object. */
const BASE_CAP = 200_000;
const CAP_PER_OBJECT = 50;

function keyOf(o: KObject): string {
  return o.metadata?.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata!.name!;
}

class WorkQueue {
  private items: [Controller, string][] = [];
  private head = 0;
  /** per controller, the keys waiting (no composite string per add: retries add the same items often) */
  private queued = new Map<Controller, Set<string>>();

  add(controller: Controller, key: string): void {
    let q = this.queued.get(controller);
    if (!q) this.queued.set(controller, (q = new Set()));
    if (q.has(key)) return;
    q.add(key);
    this.items.push([controller, key]);
  }

  pop(): [Controller, string] | undefined {
    if (this.head >= this.items.length) {
      if (this.items.length) { this.items = []; this.head = 0; }
      return undefined;
    }
    const item = this.items[this.head++];
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    this.queued.get(item[0])!.delete(item[1]);
    return item;
  }

  get length(): number {
    return this.items.length - this.head;
  }
}

export interface ManagerOptions {
  /** livelock guard: most work items one settle may process (default: a base plus a share per object) */
  maxWorkItems?: number;
}

export function createControllerManager(cluster: Cluster, opts: ManagerOptions = {}): Reconciler & { ctx: ManagerContext } {
  const recorder = createEventRecorder(cluster);
  const queue = new WorkQueue();
  // pending requeue timers (kind|key -> at), so AddAfter keeps the earliest without scanning timers
  const pendingRequeue = new Map<string, number>();
  for (const t of cluster.state.timers) {
    if (!t.kind.startsWith('requeue.')) continue;
    const k = `${t.kind}|${t.key}`;
    const prev = pendingRequeue.get(k);
    if (prev === undefined || t.at < prev) pendingRequeue.set(k, t.at);
  }

  const ctx: ManagerContext = {
    cluster,
    get now() { return cluster.now(); },
    recorder,
    requeueAfter(controller: string, key: string, ms: number): void {
      const at = cluster.now() + Math.max(0, ms);
      const kind = `requeue.${controller}`;
      const k = `${kind}|${key}`;
      const prev = pendingRequeue.get(k);
      if (prev !== undefined && prev <= at) return; // the earlier wake-up covers this one
      pendingRequeue.set(k, at);
      cluster.schedule(at, kind, key, undefined, prev !== undefined);
    },
  };

  const modules = new Map<string, ControllerModule>(CONTROLLER_MODULES.map((m) => [m.name, m]));
  /** resource -> the modules' informer handlers */
  const watchers = new Map<string, WatchHandler[]>();
  for (const m of CONTROLLER_MODULES) {
    for (const [resource, h] of Object.entries(m.watch || {})) {
      if (!watchers.has(resource)) watchers.set(resource, []);
      watchers.get(resource)!.push(h);
    }
  }

  const nodes = new NodeCache(cluster);
  const graph = new OwnerGraph(cluster);
  registerGraph(ctx, graph);
  /**
   * namespace -> keys of pods without a controller (adoption candidates); found when first asked for, so that a
   * command that adopts nothing does not read every pod of a big cluster
   */
  let orphans: Map<string, Set<string>> | undefined;
  function orphanIndex(): Map<string, Set<string>> {
    if (!orphans) {
      orphans = new Map();
      for (const p of cluster.list('pods')) if (!controllerOf(p)) addOrphan(p);
    }
    return orphans;
  }

  function addOrphan(p: KObject): void {
    if (!orphans) return;
    const ns = p.metadata?.namespace ?? '';
    let s = orphans.get(ns);
    if (!s) orphans.set(ns, (s = new Set()));
    s.add(keyOf(p));
  }

  function dropOrphan(p: KObject): void {
    orphans?.get(p.metadata?.namespace ?? '')?.delete(keyOf(p));
  }

  const rsHelpers = {
    orphanPods(ns: string): KObject[] {
      const s = orphanIndex().get(ns);
      if (!s || !s.size) return [];
      const out: KObject[] = [];
      for (const k of [...s].sort()) {
        const i = k.indexOf('/');
        const p = cluster.get('pods', k.slice(0, i), k.slice(i + 1));
        if (p) out.push(p);
      }
      return out;
    },
  };

  // ---- informer event handlers

  function enqueueOwnerDeployment(rs: KObject): void {
    const ref = controllerOf(rs);
    if (ref) {
      if (ref.kind === 'Deployment') queue.add('deployment', `${rs.metadata!.namespace}/${ref.name}`);
      return;
    }
    // an orphan: every deployment whose selector matches may want to adopt it
    for (const d of cluster.list('deployments', rs.metadata!.namespace)) {
      if (selectorMatches(d.spec?.selector, rs.metadata?.labels)) queue.add('deployment', keyOf(d));
    }
  }

  function enqueueMatchingReplicaSets(pod: KObject): void {
    for (const rs of cluster.list('replicasets', pod.metadata!.namespace)) {
      if (selectorMatches(rs.spec?.selector, pod.metadata?.labels)) queue.add('replicaset', keyOf(rs));
    }
  }

  /** scheduler items taken from the queue so far, and that count when every unschedulable pod was last queued */
  let schedulerPops = 0;
  let retriedAt = -1;
  function retryUnschedulable(): void {
    // every unschedulable pod is still queued when the scheduler has taken no item since they all were (a pod only
    // becomes unschedulable in one of its items): a node's pods going one by one re-queue nothing after the first
    if (retriedAt === schedulerPops) return;
    retriedAt = schedulerPops;
    // (for-in over the record: the same order as its keys, without a fresh array per pod deletion)
    for (const k in schedulerState(cluster).unsched) queue.add('scheduler', k);
  }

  function onPod(type: ChangeType, pod: KObject, old?: KObject): void {
    const key = keyOf(pod);
    nodes.observe(type === 'DELETED' ? undefined : pod, type === 'DELETED' ? pod : undefined);
    if (controllerOf(pod) && type !== 'DELETED') dropOrphan(pod);
    else if (type === 'DELETED') dropOrphan(pod);
    else addOrphan(pod);

    // replicaset controller (addPod/updatePod/deletePod)
    const ref = controllerOf(pod);
    const oldRef = controllerOf(old);
    if (oldRef && oldRef.uid !== ref?.uid && oldRef.kind === 'ReplicaSet') queue.add('replicaset', `${pod.metadata!.namespace}/${oldRef.name}`);
    if (ref) {
      if (ref.kind === 'ReplicaSet') {
        const rsKey = `${pod.metadata!.namespace}/${ref.name}`;
        queue.add('replicaset', rsKey);
        if (type === 'MODIFIED' && old && !isPodReady(old) && isPodReady(pod)) {
          const rs = cluster.get('replicasets', pod.metadata!.namespace, ref.name);
          const mrs = rs?.spec?.minReadySeconds || 0;
          // "Add a second to avoid milliseconds skew in AddAfter"
          if (mrs > 0) ctx.requeueAfter('replicaset', rsKey, (mrs + 1) * 1000);
        }
        if (type === 'DELETED') {
          // the deployment controller's deletePod handler (Recreate waits for old pods to be gone)
          const rs = cluster.get('replicasets', pod.metadata!.namespace, ref.name);
          const dref = controllerOf(rs);
          if (dref?.kind === 'Deployment') queue.add('deployment', `${pod.metadata!.namespace}/${dref.name}`);
        }
      }
    } else if (type !== 'DELETED') {
      const labelsChanged = !old || !jsonEqual(old.metadata?.labels, pod.metadata?.labels) || !!oldRef;
      if (labelsChanged) enqueueMatchingReplicaSets(pod);
    }

    // scheduler
    const bound = !!pod.spec?.nodeName;
    if (type === 'DELETED') {
      delete schedulerState(cluster).unsched[key];
      if (bound) retryUnschedulable();
    } else if (!bound) {
      if (!pod.metadata?.deletionTimestamp && (type === 'ADDED' || !jsonEqual(old?.spec, pod.spec) ||
        !jsonEqual(old?.metadata?.labels, pod.metadata?.labels))) {
        queue.add('scheduler', key);
      }
    } else if (old && !isPodTerminal(old) && isPodTerminal(pod)) {
      retryUnschedulable();
    }

    // kubelet
    if (type === 'DELETED') forgetPod(ctx, pod);
    else if (bound && (pod.metadata?.deletionTimestamp || (!pod.status?.startTime && !isPodTerminal(pod)))) queue.add('kubelet', key);
  }

  function onGC(resource: string, type: ChangeType, obj: KObject, old?: KObject): void {
    graph.observe(resource, type, obj, old);
    if (type === 'DELETED') {
      const uid = obj.metadata?.uid;
      if (uid) for (const id of graph.dependents(uid)) queue.add('gc', `dep:${id}`);
    } else {
      if ((obj.metadata?.finalizers || []).includes('foregroundDeletion') && obj.metadata?.deletionTimestamp) {
        queue.add('gc', gcKeyForOwner(resource, keyOf(obj)));
      }
      // a dependent whose owner does not exist (created late, or the owner went while we were away)
      for (const r of obj.metadata?.ownerReferences || []) {
        if (!graph.lookup(r.uid)) { queue.add('gc', gcKeyForDependent(resource, keyOf(obj))); break; }
      }
    }
    // a dependent went away or started going: its foreground-deleting owners may be done
    if (type === 'DELETED' || obj.metadata?.deletionTimestamp) {
      for (const r of obj.metadata?.ownerReferences || []) {
        if (!r.blockOwnerDeletion) continue;
        const id = graph.lookup(r.uid);
        if (!id) continue;
        const [or, ok] = id.split('\0');
        const [ons, oname] = ok.includes('/') ? [ok.slice(0, ok.indexOf('/')), ok.slice(ok.indexOf('/') + 1)] : [undefined, ok];
        const owner = cluster.get(or, ons, oname);
        if (owner?.metadata?.deletionTimestamp && (owner.metadata.finalizers || []).includes('foregroundDeletion')) {
          queue.add('gc', gcKeyForOwner(or, ok));
        }
      }
    }
  }

  cluster.onChange((resource, type, obj, old) => {
    if (resource === 'events') return;
    onGC(resource, type, obj, old);
    switch (resource) {
      case 'deployments':
        queue.add('deployment', keyOf(obj));
        break;
      case 'replicasets': {
        queue.add('replicaset', keyOf(obj));
        enqueueOwnerDeployment(obj);
        const oldRef = controllerOf(old);
        if (oldRef?.kind === 'Deployment' && oldRef.uid !== controllerOf(obj)?.uid) {
          queue.add('deployment', `${obj.metadata!.namespace}/${oldRef.name}`);
        }
        break;
      }
      case 'pods':
        onPod(type, obj, old);
        break;
      case 'nodes':
        retryUnschedulable();
        break;
      case 'namespaces':
        if (type !== 'DELETED') {
          queue.add('serviceaccounts', keyOf(obj));
          if (obj.metadata?.deletionTimestamp) queue.add('namespace', keyOf(obj));
        }
        break;
      case 'serviceaccounts':
        if (type === 'DELETED') queue.add('serviceaccounts', obj.metadata!.namespace!);
        break;
    }
    const hs = watchers.get(resource);
    if (hs) for (const h of hs) h(type, obj, old, queue, ctx);
    // a terminating namespace finishes when its last object is gone
    if (type === 'DELETED' && resource === 'pods') {
      const ns = cluster.get('namespaces', undefined, obj.metadata!.namespace!);
      if (ns?.metadata?.deletionTimestamp) queue.add('namespace', keyOf(ns));
    }
  });

  const unsched = schedulerState(cluster).unsched;
  // The informers' initial list: a manager that starts after writes (or after a restart) syncs
  // everything once; level-triggered controllers make this a no-op on a settled cluster.
  for (const d of cluster.list('deployments')) queue.add('deployment', keyOf(d));
  for (const rs of cluster.list('replicasets')) queue.add('replicaset', keyOf(rs));
  for (const p of cluster.list('pods')) {
    if (!p.spec?.nodeName) {
      // pods that already failed to schedule wait for a cluster change or their 5-minute timer
      if (!p.metadata?.deletionTimestamp && !isPodTerminal(p) && !(keyOf(p) in unsched)) queue.add('scheduler', keyOf(p));
    } else if (p.metadata?.deletionTimestamp || (!p.status?.startTime && !isPodTerminal(p))) {
      queue.add('kubelet', keyOf(p));
    }
    for (const r of p.metadata?.ownerReferences || []) {
      if (!graph.lookup(r.uid)) { queue.add('gc', gcKeyForDependent('pods', keyOf(p))); break; }
    }
  }
  // namespaces created before the manager started (the same command) get their ServiceAccount; a
  // Terminating one carries on
  for (const ns of cluster.list('namespaces')) {
    if (ns.metadata?.deletionTimestamp) queue.add('namespace', keyOf(ns));
    else if (!cluster.get('serviceaccounts', ns.metadata!.name!, 'default')) queue.add('serviceaccounts', keyOf(ns));
  }
  for (const res of ['replicasets', 'deployments']) {
    for (const o of cluster.list(res)) {
      if (o.metadata?.deletionTimestamp && (o.metadata.finalizers || []).includes('foregroundDeletion')) queue.add('gc', gcKeyForOwner(res, keyOf(o)));
      for (const r of o.metadata?.ownerReferences || []) {
        if (!graph.lookup(r.uid)) { queue.add('gc', gcKeyForDependent(res, keyOf(o))); break; }
      }
    }
  }

  for (const m of CONTROLLER_MODULES) m.start?.(ctx, queue);

  function process(controller: Controller, key: string): void {
    switch (controller) {
      case 'deployment': return syncDeployment(ctx, key);
      case 'replicaset': return syncReplicaSet(ctx, key, rsHelpers);
      case 'scheduler': schedulerPops++; return scheduleOne(ctx, nodes, key);
      case 'kubelet': return kubeletItemHeld(ctx, key) ? undefined : syncPodKubelet(ctx, key);
      case 'gc': return syncGarbage(ctx, key);
      case 'serviceaccounts': return syncNamespaceServiceAccounts(ctx, key);
      case 'namespace':
        return syncNamespace(ctx, key, (resource, o) => deleteWithPropagation(ctx, resource, o.metadata?.namespace, o.metadata!.name!, 'Background'));
      default:
        modules.get(controller)?.sync(ctx, key);
    }
  }

  function objectCount(): number {
    let n = 0;
    for (const b of Object.values(cluster.state.objects)) n += Object.keys(b).length;
    return n;
  }

  return {
    ctx,
    settle(): void {
      let processed = 0;
      let cap = opts.maxWorkItems ?? BASE_CAP;
      const recent: [Controller, string][] = []; // formatted only for the livelock message
      for (;;) {
        const item = queue.pop();
        if (!item) break;
        if (++processed > cap) {
          const dynamic = opts.maxWorkItems ?? BASE_CAP + CAP_PER_OBJECT * objectCount();
          if (processed > dynamic) {
            throw new Error(`kubesim: the controllers did not settle after ${processed - 1} work items (a livelock); ` +
              `last items: ${recent.map(([c, k]) => `${c} ${k}`).join(', ')}`);
          }
          cap = dynamic;
        }
        recent.push(item);
        if (recent.length > 8) recent.shift();
        process(item[0], item[1]);
      }
      recorder.purge(false, (uid) => graph.lookup(uid) !== undefined);
    },
    fire(timer: Timer): void {
      const dot = timer.kind.indexOf('.');
      const family = dot < 0 ? timer.kind : timer.kind.slice(0, dot);
      const step = dot < 0 ? '' : timer.kind.slice(dot + 1);
      switch (family) {
        case 'requeue': {
          const k = `${timer.kind}|${timer.key}`;
          if (pendingRequeue.get(k) === timer.at) pendingRequeue.delete(k);
          queue.add(step as Controller, timer.key);
          break;
        }
        case 'kubelet':
          if (!holdKubeletTimer(ctx, timer)) fireKubelet(ctx, step, timer.key, timer.data);
          break;
        case 'events':
          if (step === 'refresh') recorder.refreshSeries();
          break;
        default:
          modules.get(family)?.fire?.(ctx, step, timer.key, timer.data);
      }
    },
  };
}

