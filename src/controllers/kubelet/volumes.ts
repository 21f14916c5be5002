// What the containers' own processes write into their pod's shared volumes (emptyDir, and hostPath and
// PVC volumes, simulated alike): an init container's `echo ... > /work/index.html`, a logger appending
// to /var/log/app.log every 5 s that a sidecar tails. Processes are replayed (process.ts), so their
// writes are computed, not stored: each container's current instance runs from its start to `until`,
// and its writes under a volume mount are mapped onto the volume. `kubectl exec` sees them
// (sim/shell/fs.ts), another container's `cat` and `tail -f` read them, nginx serves them.
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { parseTime } from '../../sim/clock.js';
import { runProcess } from './process.js';
import { processInput } from './runtime.js';

/** One write to a file of a volume: epoch ms, the path inside the volume, what was written (or truncated). */
export interface VolumeWrite { at: number; rel: string; text: string; truncate?: boolean }

const FILE_VOLUMES = ['configMap', 'secret', 'downwardAPI', 'projected'];

/** The writable volumes a container mounts: mount path (normalized), volume name, sub-path. */
export function writableMounts(pod: KObject, c: any): { path: string; volume: string; sub: string }[] {
  const vols = new Map<string, any>((pod.spec?.volumes || []).map((v: any) => [v.name, v]));
  const out: { path: string; volume: string; sub: string }[] = [];
  for (const vm of c?.volumeMounts || []) {
    const v = vols.get(vm.name);
    if (!v || FILE_VOLUMES.some((k) => v[k])) continue;
    out.push({ path: String(vm.mountPath).replace(/\/+$/, '') || '/', volume: vm.name, sub: String(vm.subPath ?? '').replace(/^\/+|\/+$/g, '') });
  }
  // the longest mount path wins
  return out.sort((a, b) => b.path.length - a.path.length);
}

/** A path of the container as [volume, path inside it], when it lies on a writable volume. */
export function onVolume(mounts: ReturnType<typeof writableMounts>, path: string): [string, string] | undefined {
  for (const m of mounts) {
    if (path === m.path || path.startsWith(m.path === '/' ? '/' : m.path + '/')) {
      const rest = path.slice(m.path.length).replace(/^\/+/, '');
      return [m.volume, [m.sub, rest].filter(Boolean).join('/')];
    }
  }
  return undefined;
}

/** When a container's current instance started (epoch ms), from its status. */
function startedAt(pod: KObject, name: string): number | undefined {
  const st = [...(pod.status?.initContainerStatuses || []), ...(pod.status?.containerStatuses || [])].find((s: any) => s.name === name);
  const s = st?.state?.running?.startedAt ?? st?.state?.terminated?.startedAt;
  return s ? parseTime(s) : undefined;
}

/** (a replay that reads a shared file must not compute the writes again: processes see each other's writes one level deep) */
let computing = 0;
const cache = new Map<string, PodWrites>();

export interface PodWrites {
  /** volume name -> writes to it, in time order */
  volumes: Map<string, VolumeWrite[]>;
  /** container name -> writes to its own filesystem (paths not on a writable volume), in time order */
  roots: Map<string, VolumeWrite[]>;
}

/** Every write the pod's containers' processes made up to `until`: to its writable volumes, and to each container's own layer. */
export function podProcessWrites(cluster: Cluster, pod: KObject, until: number): PodWrites {
  const out: PodWrites = { volumes: new Map(), roots: new Map() };
  if (computing) return out;
  // the same pod version at the same time replays the same (10,000 requests to one nginx replay it once)
  const key = `${pod.metadata?.uid}|${pod.metadata?.resourceVersion}|${until}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (cache.size >= 256) cache.clear();
  cache.set(key, out);
  computing++;
  try {
    for (const c of [...(pod.spec?.initContainers || []), ...(pod.spec?.containers || [])]) {
      const start = startedAt(pod, c.name);
      if (start === undefined || start > until) continue;
      const mounts = writableMounts(pod, c);
      const run = runProcess(processInput(cluster, pod, c, start), until - start);
      for (const w of run.writes) {
        const on = onVolume(mounts, w.path);
        const [map, key, rel] = on ? [out.volumes, on[0], on[1]] : [out.roots, c.name as string, w.path];
        let list = map.get(key);
        if (!list) map.set(key, (list = []));
        list.push({ at: start + w.at, rel, text: w.text, truncate: w.truncate });
      }
    }
  } finally {
    computing--;
  }
  for (const list of [...out.volumes.values(), ...out.roots.values()]) list.sort((a, b) => a.at - b.at);
  return out;
}

/** The files writes leave (path -> content). */
export function writtenFiles(writes: VolumeWrite[] | undefined): Map<string, string> {
  const files = new Map<string, string>();
  for (const w of writes || []) files.set(w.rel, (w.truncate ? '' : files.get(w.rel) ?? '') + w.text);
  return files;
}

/** Lines appended to a container's file `path` by the pod's processes after `from` up to `to` (epoch ms), with their times. */
export function appendsTo(cluster: Cluster, pod: KObject, c: any, path: string, from: number, to: number): { at: number; text: string }[] {
  const on = onVolume(writableMounts(pod, c), path);
  if (!on) return [];
  const writes = podProcessWrites(cluster, pod, to).volumes.get(on[0]) || [];
  return writes.filter((w) => w.rel === on[1] && !w.truncate && w.at > from && w.at <= to).map((w) => ({ at: w.at, text: w.text }));
}
