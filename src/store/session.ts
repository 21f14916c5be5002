// One command's hold on a cluster (DESIGN: "load state under the lock -> advance the clock to now ->
// apply the operation -> reconcile to quiescence -> save -> print").
import { Cluster } from './cluster.js';
import { clusterFile, clusterName, fileStamp, homeError, readState, writeState, validClusterName } from './file.js';
import { acquireLock } from './lock.js';
import type { ClusterState } from './state.js';
import { targetTime, wallNow } from '../sim/clock.js';
import type { Reconciler } from '../sim/loop.js';
import type { ClusterProfile } from '../sim/bootstrap.js';
import { UserError } from '../api/errors.js';
import '../server/readviews.js';
import { serveCustomResourceInfos, setCustomResources, setDiscovery } from '../api/resources.js';

export interface Session {
  name: string;
  file: string;
  cluster: Cluster;
  /** the controller manager, loaded on first use (read-only commands on a settled cluster never need it) */
  manager(): Promise<Reconciler & { ctx: any }>;
  /** advance virtual time to `target` running the controllers; see src/sim/loop.ts */
  advance(target: number, observe?: () => boolean): Promise<boolean>;
}

export interface OpenOptions {
  cluster?: string;
  /** the command changes the cluster (takes the lock even in manual mode) */
  write: boolean;
}

/**
 * A new cluster's state, its objects' managedFields recorded: the same whichever command makes it (a read, a write
 * that had loaded the field manager, `cluster create`, a resident process that had run a write before).
 */
export async function freshClusterState(name: string, nodes?: number, profile?: ClusterProfile): Promise<ClusterState> {
  await loadFieldManager();
  const { newClusterState } = await import('../sim/bootstrap.js');
  return newClusterState(name, nodes, profile);
}

type Manager = Reconciler & { ctx: any };

function sessionOf(name: string, file: string, cluster: Cluster, manager: () => Promise<Manager>): Session {
  return {
    name,
    file,
    cluster,
    manager,
    async advance(target: number, observe?: () => boolean) {
      const { advanceTo } = await import('../sim/loop.js');
      return advanceTo(cluster, target, await manager(), observe);
    },
  };
}

function makeSession(name: string, file: string, state: ClusterState): Session {
  const cluster = new Cluster(state);
  let mgr: Manager | undefined;
  return sessionOf(name, file, cluster, async () => {
    if (!mgr) {
      const { createControllerManager } = await import('../controllers/manager.js');
      // the API server's admission chain judges what the controllers create (src/controllers/apiadmission.ts)
      await import('../server/admission.js');
      mgr = createControllerManager(cluster);
    }
    return mgr!;
  });
}

/**
 * The API server's field manager records managedFields on every write (src/server/fieldmanager); loaded by writers
 * and before the controllers run, so a read with nothing to catch up on does not pay for it.
 */
async function loadFieldManager(): Promise<void> {
  await import('../server/fieldmanager/index.js');
}

/** Bring the cluster up to "now": realtime follows the wall clock; manual stays put. */
async function catchUp(s: Session): Promise<void> {
  const c = s.cluster.state.clock;
  const wall = wallNow();
  const target = targetTime(c, wall);
  const next = s.cluster.nextTimer();
  if (target > c.now || (next && next.at <= target)) {
    await loadFieldManager();
    await s.advance(target);
  }
  if (c.mode === 'realtime') {
    if (c.wallAnchor !== wall) s.cluster.dirty = true;
    c.wallAnchor = wall;
  }
}

/** The cluster keeps CustomResourceDefinitions (checked without parsing their bucket). */
function hasCRDs(c: Cluster): boolean {
  return 'customresourcedefinitions' in c.state.objects;
}

/** Serve the cluster's custom resources for this command (nothing loads for a cluster without CRDs). */
async function serveCustomResources(c: Cluster): Promise<void> {
  if (!hasCRDs(c)) return setCustomResources([], []);
  (await import('../api/crd/serving.js')).serveCustomResources(c);
}

/**
 * kubectl's discovery before the command opens the cluster: a resource name the built-in catalogue lacks is looked
 * up among the cluster's CRDs (read from its file; the command's own open serves them fully).
 */
export function armDiscovery(cluster?: string): void {
  if (provider) return;
  setDiscovery(() => {
    const name = clusterName(cluster);
    if (!validClusterName(name)) return;
    let st: ClusterState | undefined;
    const file = clusterFile(name);
    const stamp = fileStamp(file);
    try { st = readState(file, name); } catch { return; }
    if (!st) return;
    // the command's own open takes this read over while the file stays the same
    discovered = { file, stamp, st };
    if (!('customresourcedefinitions' in st.objects)) return;
    serveCustomResourceInfos(new Cluster(st).list('customresourcedefinitions'));
  });
}

/** The state the pre-open discovery read, and the file's identity then (inode, mtime, size: a save renames a new file in). */
let discovered: { file: string; stamp: string; st: ClusterState } | undefined;


/** readState, or what discovery read of the same, unchanged file (taken once: the command owns it from here). */
function readStateOnce(file: string, name: string): ClusterState | undefined {
  const d = discovered;
  discovered = undefined;
  if (d && d.file === file && d.stamp !== '' && d.stamp === fileStamp(file)) return d.st;
  return readState(file, name);
}

/** Who else can hold a cluster for a command: a running `kubesim serve` holds its own in memory. */
export type SessionProvider = <T>(name: string, opts: OpenOptions, fn: (s: Session) => T | Promise<T>) => Promise<T> | undefined;
let provider: SessionProvider | undefined;

/** Commands run inside a server work on its cluster through `p` (undefined: back to the file). */
export function setSessionProvider(p: SessionProvider | undefined): void {
  provider = p;
}

/** A session over a cluster someone else keeps (the server's), with its controller manager. */
export function hostedSession(name: string, file: string, cluster: Cluster, mgr: Manager): Session {
  return sessionOf(name, file, cluster, async () => mgr);
}

/**
 * Run `fn` against the named cluster. Writers hold the lock for the whole command and save only if
 * something changed; readers of a manual-mode cluster read without the lock (writes are atomic renames).
 */
export async function withCluster<T>(opts: OpenOptions, fn: (s: Session) => T | Promise<T>): Promise<T> {
  const name = clusterName(opts.cluster);
  if (!validClusterName(name)) throw new UserError(`error: invalid cluster name "${name}"`);
  const hosted = provider?.(name, opts, fn);
  if (hosted) return hosted;
  const file = clusterFile(name);
  if (!opts.write) {
    const st = readStateOnce(file, name);
    if (st && st.clock.mode === 'manual') {
      const s = makeSession(name, file, st);
      await serveCustomResources(s.cluster);
      return await fn(s);
    }
  }
  if (opts.write) await loadFieldManager();
  const release = await acquireLock(file);
  try {
    let st = readStateOnce(file, name);
    const fresh = !st;
    if (!st) st = await freshClusterState(name);
    const s = makeSession(name, file, st);
    if (fresh) s.cluster.dirty = true;
    await serveCustomResources(s.cluster);
    await catchUp(s);
    const out = await fn(s);
    if (s.cluster.dirty) {
      // anything the operation changed is reconciled before saving (level-triggered controllers)
      await loadFieldManager();
      await s.advance(s.cluster.now());
      try {
        await writeState(file, s.cluster.state);
      } catch (e) {
        throw homeError(e, file, true);
      }
    }
    return out;
  } finally {
    release();
  }
}

