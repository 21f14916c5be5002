// What a simulated command gets: its arguments, stdin, output writers, and the container it runs in.
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import type { ContainerFS } from './fs.js';
import type { ImageProfile, ShellFlavour } from './images.js';

export interface Container {
  cluster: Cluster;
  pod: KObject;
  container: any;
  profile: ImageProfile;
  fs: ContainerFS;
  /** the process environment (exported variables) */
  env: Map<string, string>;
  tty: boolean;
  /**
   * set when a container's own process runs the command (the kubelet replays it, possibly many times):
   * the number of network requests it made before, so that its requests change nothing in the cluster
   * and a Service's endpoints are taken in turn (kubesim: kube-proxy's rotation is not advanced)
   */
  replay?: number;
  /** let virtual (manual mode) or wall (realtime) time pass */
  sleep(ms: number): Promise<void>;
  /** set when the exec holds the cluster for writing: its controller manager, for the API's writes from the pod */
  manager?: () => Promise<unknown>;
}

export interface Proc {
  /** argv without argv[0] */
  args: string[];
  name: string;
  stdin: string;
  out(s: string): void;
  err(s: string): void;
  c: Container;
  /** the shell this runs under ('none' for a command exec'd directly) */
  shell: ShellFlavour;
}

/** A command: its exit status. */
export type Command = (p: Proc) => number | Promise<number>;

/** Signals `exit N` from a script. */
export class ExitSignal {
  constructor(readonly code: number) {}
}

/** GNU coreutils (Debian images) or busybox wording of the same error. */
export const gnu = (p: Proc) => p.c.profile.shell !== 'busybox';
