// The exec shell's commands run by a container's own process: the kubelet's process machine
// (controllers/kubelet/process.ts) replays a container's command on virtual time and hands the
// commands it does not model itself here (the network clients wget, curl, nslookup, redis-cli, and
// whoami, id, pwd, uname, head), so `wget -qO- svc` in a Pod's command answers as it does under
// `kubectl exec`. The container's filesystem is seen through the process' own files (its writes go
// there: a replay must change nothing in the cluster), and its requests are read-only (Container.replay).
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { ContainerFS, normalize } from './fs.js';
import { imageProfile } from './images.js';
import { NET } from './commands/net.js';
import { BASIC } from './commands/basic.js';
import { FILES } from './commands/files.js';
import type { Container } from './types.js';

export interface ReplayContext {
  cluster: Cluster;
  pod: KObject;
  container: any;
  /** the process' own time (epoch ms): shared volumes are read as they were then */
  at?: number;
}

export interface ReplayResult { code: number; stdout: string; stderr: string }

const COMMANDS = {
  ...NET,
  whoami: BASIC.whoami, id: BASIC.id, pwd: BASIC.pwd, uname: BASIC.uname, head: FILES.head, cat: FILES.cat,
};

/** The commands a replayed process can hand over. */
export function replayable(name: string): boolean {
  return name in COMMANDS;
}

/** The container's filesystem (read-only here) under the process' own files (path -> content), which take its writes. */
function overlayFS(ctx: ReplayContext, files: Map<string, string>): ContainerFS {
  const real = new ContainerFS(ctx.cluster, ctx.pod, ctx.container, ctx.at);
  const fs = {
    read: (path: string) => files.get(normalize(path)) ?? real.read(path),
    exists: (path: string) => files.has(normalize(path)) || real.exists(path),
    list: (path: string) => {
      const p = normalize(path);
      const own = [...files.keys()].filter((k) => k.startsWith(p === '/' ? '/' : p + '/')).map((k) => k.slice(p.length + (p === '/' ? 0 : 1)).split('/')[0]);
      const base = real.list(path);
      if (!own.length) return base;
      return [...new Set([...(Array.isArray(base) ? base : []), ...own])].sort();
    },
    write: (path: string, content: string, append: boolean) => {
      const p = normalize(path);
      files.set(p, (append ? files.get(p) ?? '' : '') + content);
      return undefined;
    },
    remove: (path: string) => { files.delete(normalize(path)); return undefined; },
    mkdir: () => undefined,
  };
  return fs as unknown as ContainerFS;
}

/** Run one command for a replayed process: its `seq`th request, with the process' variables and files. */
export function runReplayed(ctx: ReplayContext, name: string, args: string[], vars: Record<string, string>, files: Map<string, string>, seq: number): ReplayResult {
  const profile = imageProfile(ctx.container?.image || '');
  const c: Container = {
    cluster: ctx.cluster, pod: ctx.pod, container: ctx.container, profile,
    fs: overlayFS(ctx, files), env: new Map(Object.entries(vars)), tty: false, replay: seq,
    sleep: async () => {},
  };
  let stdout = '';
  let stderr = '';
  const code = COMMANDS[name as keyof typeof COMMANDS]({ args, name, stdin: '', out: (s) => { stdout += s; }, err: (s) => { stderr += s; }, c, shell: profile.shell });
  // the network commands answer at once; a command that would wait counts as succeeding
  return { code: typeof code === 'number' ? code : 0, stdout, stderr };
}
