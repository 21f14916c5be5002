// The cluster a running `kubesim serve` owns: the state in memory, the controllers running on the
// virtual clock (ticked from the wall clock in realtime mode), the watch log, and the state file kept
// in step with it. The file lock is held only while the file is written, so `kubesim` commands still
// work on the file between writes: a change made by one of them is noticed (the file's identity
// changed) and read back in, and watchers are told what changed.
import path from 'node:path';
import type { KObject } from '../../api/types.js';
import { Cluster, hasReadView, type ChangeType } from '../../store/cluster.js';
import { clusterFile, fileStamp, homeError, readState, writeState } from '../../store/file.js';
import { acquireLock } from '../../store/lock.js';
import type { ClusterState } from '../../store/state.js';
import { targetTime, wallNow } from '../../sim/clock.js';
import { advanceTo, type Reconciler } from '../../sim/loop.js';
import { createControllerManager, type ManagerContext } from '../../controllers/manager.js';
import { freshClusterState } from '../../store/session.js';
import { WatchLog } from './watchlog.js';
import { jsonEqual } from '../../store/json.js';
import '../readviews.js';
import { serveCustomResources } from '../../api/crd/serving.js';

type Manager = Reconciler & { ctx: ManagerContext };

/** the longest the wall-clock tick runs the controllers before letting requests through (ms) */
const TICK_SLICE_MS = 5;


export interface HostOptions {
  /** how often the wall clock drives the controllers (ms) */
  tickMs?: number;
  /** controller-only progress is saved at most this often (API writes are saved before they answer) */
  saveEveryMs?: number;
}

export class ClusterHost {
  cluster!: Cluster;
  mgr!: Manager;
  readonly log = new WatchLog();
  /** bumped by every change (and by a state read back from the file): answers computed at one generation stay true until the next */
  generation = 0;
  private stamp = '';
  private queue: Promise<unknown> = Promise.resolve();
  private busy = 0;
  private unsaved = false;
  private lastSave = 0;
  private timer: NodeJS.Timeout | undefined;

  private constructor(readonly name: string, readonly file: string, private opts: HostOptions) {}

  static async open(name: string, opts: HostOptions = {}): Promise<ClusterHost> {
    // absolute: a command run for a client works in the client's directory (commands.ts)
    const h = new ClusterHost(name, path.resolve(clusterFile(name)), opts);
    const release = await acquireLock(h.file);
    try {
      let st = readState(h.file, name);
      const fresh = !st;
      if (!st) st = await freshClusterState(name);
      h.adopt(st);
      h.catchUp();
      if (fresh || h.unsaved) await h.save();
    } finally {
      release();
    }
    h.log.reset(h.cluster.state.resourceVersion);
    return h;
  }

  /** Take `st` as the cluster (at start, or read back after another process wrote the file). */
  private adopt(st: ClusterState): void {
    this.generation++;
    const c = new Cluster(st);
    c.onChange((resource, type, obj, old) => this.changed(c, resource, type, obj, old));
    // the crdHandler: the cluster's CRDs are served, and follow their changes
    serveCustomResources(c);
    this.cluster = c;
    this.mgr = createControllerManager(c) as Manager;
  }

  private changed(c: Cluster, resource: string, type: ChangeType, obj: KObject, old?: KObject): void {
    this.unsaved = true;
    this.generation++;
    if (type === 'DELETED') {
      // the API server's delete is a write too: the event carries a new resourceVersion
      c.state.resourceVersion += 1;
      obj = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(c.state.resourceVersion) } };
    }
    this.log.append(resource, type, obj, old);
  }

  /** Read the file back when another process wrote it, and tell watchers what changed. */
  syncFromDisk(): void {
    const stamp = fileStamp(this.file);
    if (stamp === this.stamp || stamp === '') return;
    let st: ClusterState | undefined;
    try {
      st = readState(this.file, this.name);
    } catch {
      return; // mid-write or unreadable: keep what we have
    }
    if (!st) return;
    const before = this.cluster.state.objects;
    this.adopt(st);
    this.stamp = stamp;
    this.unsaved = false;
    this.log.diff(before, st.objects, st.resourceVersion);
  }

  /**
   * Move virtual time to the wall clock's target (realtime), running the controllers. With a budget
   * (ms of wall time), stop after the instant that exceeds it, leaving the clock where it got to
   * (the wall anchor keeps the rest owed); false then: call again to go on.
   */
  private catchUp(budgetMs?: number): boolean {
    const c = this.cluster.state.clock;
    const wall = wallNow();
    const target = targetTime(c, wall);
    const seq = this.cluster.state.timerSeq;
    const next = this.cluster.nextTimer();
    const stop = budgetMs === undefined ? undefined : () => wallNow() - wall >= budgetMs;
    advanceTo(this.cluster, target, this.mgr, stop);
    if (next !== this.cluster.nextTimer() || seq !== this.cluster.state.timerSeq) this.unsaved = true;
    const behind = target - this.cluster.now();
    if (c.mode === 'realtime') c.wallAnchor = behind > 0 ? wall - behind / c.speed : wall;
    return behind <= 0;
  }

  private async save(): Promise<void> {
    try {
      await writeState(this.file, this.cluster.state);
    } catch (e) {
      throw homeError(e, this.file, true);
    }
    this.stamp = fileStamp(this.file);
    this.unsaved = false;
    this.lastSave = wallNow();
  }

  /** Run one operation after the previous ones (the in-process order of writes). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A read: the cluster as of now (the file read back if another process changed it). */
  read<T>(fn: (c: Cluster) => T): T {
    this.syncFromDisk();
    return fn(this.cluster);
  }

  /**
   * A write: under the file lock, on the latest state, the clock brought to now; the controllers
   * settle what it changed and the file is saved before the answer goes out.
   */
  write<T>(fn: (c: Cluster, mgr: Manager) => T | Promise<T>): Promise<T> {
    return this.serial(async () => {
      this.busy++;
      const release = await acquireLock(this.file);
      try {
        this.syncFromDisk();
        this.catchUp();
        this.cluster.dirty = false;
        // (a kubesim command run for a client is asynchronous; API verbs are not)
        const out = await fn(this.cluster, this.mgr);
        advanceTo(this.cluster, this.cluster.now(), this.mgr);
        // a command may change what no watcher sees (the clock's mode, a controller's bookkeeping)
        if (this.unsaved || this.cluster.dirty) await this.save();
        return out;
      } finally {
        release();
        this.busy--;
      }
    });
  }

  /** One tick of the wall clock: fire what is due, and save controller progress now and then. */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.syncFromDisk();
    // the controllers' work in slices, so that requests are answered between them
    while (!this.catchUp(TICK_SLICE_MS)) {
      await new Promise((r) => setImmediate(r));
      if (this.busy) return;
    }
    this.announceViews();
    const every = this.opts.saveEveryMs ?? 1000;
    if (this.unsaved && wallNow() - this.lastSave >= every) {
      await this.serial(async () => {
        this.busy++;
        const release = await acquireLock(this.file);
        try {
          // another process saved meanwhile: its file wins (controller progress is recomputed from it)
          if (fileStamp(this.file) !== this.stamp) this.syncFromDisk();
          else if (this.unsaved) await this.save();
        } finally {
          release();
          this.busy--;
        }
      });
    }
  }

  /** per watched bucket read through a view: key -> the stored object and what a read saw of it when last told */
  private viewSeen = new Map<string, Map<string, { stored: KObject; live: KObject }>>();

  /**
   * Watchers of a resource a read sees change with time alone (leases renewed on read) get a MODIFIED event for
   * each change no write made; nothing is computed while no one watches such a resource.
   */
  private announceViews(): void {
    for (const resource of this.log.watched()) {
      if (!hasReadView(resource)) continue;
      let seen = this.viewSeen.get(resource);
      const first = !seen;
      if (!seen) this.viewSeen.set(resource, (seen = new Map()));
      for (const live of this.cluster.list(resource)) {
        const md = live.metadata!;
        const key = md.namespace ? `${md.namespace}/${md.name}` : md.name!;
        const stored = this.cluster.stored(resource, md.namespace, md.name!);
        if (!stored) continue;
        const prev = seen.get(key);
        seen.set(key, { stored, live });
        // a write was told to the watchers when it was made; what time changes is the spec (a renewal), not the
        // resourceVersion a renewed lease borrows from the latest write
        if (first || !prev || prev.stored.metadata?.resourceVersion !== stored.metadata?.resourceVersion || jsonEqual(prev.live.spec, live.spec)) continue;
        this.log.announce(resource, 'MODIFIED', live, prev.live);
      }
    }
    for (const r of this.viewSeen.keys()) if (!this.log.watched().has(r)) this.viewSeen.delete(r);
  }

  start(): void {
    const ms = this.opts.tickMs ?? 100;
    let running = false;
    this.timer = setInterval(() => {
      if (running) return;
      running = true;
      this.tick().catch(() => undefined).finally(() => { running = false; });
    }, ms);
  }

  /** Stop ticking and save what is unsaved. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.log.closeAll();
    await this.serial(async () => {
      if (!this.unsaved) return;
      const release = await acquireLock(this.file);
      try {
        if (fileStamp(this.file) === this.stamp) await this.save();
      } finally {
        release();
      }
    });
  }
}
