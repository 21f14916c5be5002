// The exec shell's network commands (wget, curl, nslookup, redis-cli) run by a container's own
// process: the kubelet's process machine (controllers/kubelet/process.ts) replays a container's
// command on virtual time and hands these commands here, so `wget -qO- svc` in a Pod's command
// answers as it does under `kubectl exec`. The machine's own files stand in for the filesystem
// (a replay must change nothing in the cluster), and its requests are read-only (Container.replay).
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import type { ContainerFS } from './fs.js';
import { imageProfile } from './images.js';
import { NET } from './commands/net.js';
import type { Container } from './types.js';

export interface ReplayContext {
  cluster: Cluster;
  pod: KObject;
  container: any;
}

export interface ReplayResult { code: number; stdout: string; stderr: string }

/** The commands a replayed process can hand over. */
export function replayable(name: string): boolean {
  return name in NET;
}

/** A filesystem over the process' own files (path -> content). */
function filesFS(files: Map<string, string>): ContainerFS {
  const fs = {
    read: (path: string) => files.get(path) ?? 'ENOENT',
    exists: (path: string) => files.has(path),
    list: () => [...files.keys()],
    write: (path: string, content: string, append: boolean) => {
      files.set(path, (append ? files.get(path) ?? '' : '') + content);
      return undefined;
    },
    remove: (path: string) => { files.delete(path); return undefined; },
    mkdir: () => undefined,
  };
  return fs as unknown as ContainerFS;
}

/** Run one network command for a replayed process: its `seq`th request, with the process' variables and files. */
export function runReplayed(ctx: ReplayContext, name: string, args: string[], vars: Record<string, string>, files: Map<string, string>, seq: number): ReplayResult {
  const profile = imageProfile(ctx.container?.image || '');
  const c: Container = {
    cluster: ctx.cluster, pod: ctx.pod, container: ctx.container, profile,
    fs: filesFS(files), env: new Map(Object.entries(vars)), tty: false, replay: seq,
    sleep: async () => {},
  };
  let stdout = '';
  let stderr = '';
  const code = NET[name]({ args, name, stdin: '', out: (s) => { stdout += s; }, err: (s) => { stderr += s; }, c, shell: profile.shell });
  // the network commands answer at once; a command that would wait counts as succeeding
  return { code: typeof code === 'number' ? code : 0, stdout, stderr };
}
