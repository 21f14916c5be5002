// A tiny world for deployment controller tests: a Cluster over a fresh state, a recording event
// recorder, recorded requeues, and a fake ReplicaSet controller that sets RS status straight from
// spec (pods appear at once; how many are ready/available is up to the test).
import { Cluster } from '../../src/store/cluster.js';
import { DEFAULT_SIM_CONFIG, type ClusterState } from '../../src/store/state.js';
import { seedRng } from '../../src/sim/rng.js';
import { parseTime } from '../../src/sim/clock.js';
import { applyDefaults } from '../../src/api/defaults.js';
import type { KObject } from '../../src/api/types.js';
import type { ControllerContext } from '../../src/controllers/context.js';
import { syncDeployment } from '../../src/controllers/deployment/controller.js';

export const T0 = parseTime('2026-11-22T23:18:35Z')!;

export interface RecordedEvent {
  type: string;
  reason: string;
  message: string;
  object: string;
  at: number;
}

export interface DeploymentOpts {
  name?: string;
  namespace?: string;
  replicas?: number;
  image?: string;
  strategy?: any;
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  annotations?: Record<string, string>;
  selector?: any;
}

export function mkDeployment(o: DeploymentOpts = {}): KObject {
  const name = o.name ?? 'nginx-deployment';
  const spec: any = {
    replicas: o.replicas ?? 3,
    selector: o.selector ?? { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: o.image ?? 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
    },
  };
  if (o.strategy) spec.strategy = o.strategy;
  if (o.minReadySeconds !== undefined) spec.minReadySeconds = o.minReadySeconds;
  if (o.progressDeadlineSeconds !== undefined) spec.progressDeadlineSeconds = o.progressDeadlineSeconds;
  if (o.revisionHistoryLimit !== undefined) spec.revisionHistoryLimit = o.revisionHistoryLimit;
  if (o.paused) spec.paused = true;
  return applyDefaults({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: o.namespace ?? 'default', labels: { app: 'nginx' }, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec,
  });
}

export class World {
  readonly cluster: Cluster;
  events: RecordedEvent[] = [];
  requeues: { controller: string; key: string; ms: number; at: number }[] = [];
  /** how many replicas of an RS are ready and available (default: all of them) */
  readyCap = new Map<string, number>();
  /** the image that never becomes ready */
  brokenImage: string | undefined;
  syncs = 0;

  constructor(now = T0) {
    const state: ClusterState = {
      schemaVersion: 1,
      name: 't',
      clock: { mode: 'manual', now, speed: 1, wallAnchor: 0 },
      rng: seedRng('t'),
      resourceVersion: 0,
      objects: {},
      timers: [],
      timerSeq: 0,
      config: DEFAULT_SIM_CONFIG,
      controllers: {},
    };
    this.cluster = new Cluster(state);
  }

  ctx(): ControllerContext {
    return {
      cluster: this.cluster,
      now: this.cluster.now(),
      recorder: {
        event: (_source, obj, type, reason, message) => {
          this.events.push({ type, reason, message, object: obj.metadata!.name!, at: this.cluster.now() });
        },
      },
      requeueAfter: (controller, key, ms) => {
        this.requeues.push({ controller, key, ms, at: this.cluster.now() });
      },
    };
  }

  advance(ms: number): void {
    this.cluster.setNow(this.cluster.now() + ms);
  }

  create(d: KObject): KObject {
    return this.cluster.create('deployments', d);
  }

  deployment(name = 'nginx-deployment', ns = 'default'): any {
    return this.cluster.get('deployments', ns, name);
  }

  /** Change the stored deployment like a client would (generation bumps on spec change). */
  edit(fn: (d: any) => void, name = 'nginx-deployment', ns = 'default'): any {
    const d = JSON.parse(JSON.stringify(this.deployment(name, ns)));
    fn(d);
    return this.cluster.update('deployments', d);
  }

  setImage(image: string, name = 'nginx-deployment'): any {
    return this.edit((d) => {
      d.spec.template.spec.containers[0].image = image;
    }, name);
  }

  rsList(ns = 'default'): any[] {
    return this.cluster.list('replicasets', ns);
  }

  rsByImage(image: string, ns = 'default'): any {
    return this.rsList(ns).find((rs) => rs.spec.template.spec.containers[0].image === image);
  }

  sync(key = 'default/nginx-deployment'): void {
    this.syncs++;
    syncDeployment(this.ctx(), key);
  }

  /** The fake ReplicaSet controller: status from spec. Returns whether anything changed. */
  rsController(): boolean {
    let changed = false;
    for (const rs of this.cluster.list('replicasets')) {
      const want = rs.spec.replicas ?? 1;
      const image = rs.spec.template?.spec?.containers?.[0]?.image;
      let ready = Math.min(want, this.readyCap.get(rs.metadata!.name!) ?? Infinity);
      if (image !== undefined && image === this.brokenImage) ready = 0;
      const status: any = {};
      if (ready) status.availableReplicas = ready;
      if (want) status.fullyLabeledReplicas = want;
      status.observedGeneration = rs.metadata!.generation;
      if (ready) status.readyReplicas = ready;
      if (want) status.replicas = want;
      if (JSON.stringify(status) !== JSON.stringify(rs.status ?? {})) {
        this.cluster.updateStatus('replicasets', { ...rs, status });
        changed = true;
      }
    }
    return changed;
  }

  /** One deployment sync, then the RS controller. */
  step(key = 'default/nginx-deployment'): void {
    this.sync(key);
    this.rsController();
  }

  /** Alternate deployment syncs and RS status updates until nothing changes. Returns the number of steps. */
  settle(key = 'default/nginx-deployment', max = 100000): number {
    for (let i = 0; i < max; i++) {
      const rv0 = this.cluster.state.resourceVersion;
      this.step(key);
      if (this.cluster.state.resourceVersion === rv0) return i + 1;
    }
    throw new Error('did not settle');
  }

  /** Event messages with RS names replaced by the given aliases, e.g. {OLD: rsName}. */
  messages(aliases: Record<string, string> = {}): string[] {
    return this.events.map((e) => {
      let m = e.message;
      for (const [alias, name] of Object.entries(aliases)) m = m.split(name).join(alias);
      return m;
    });
  }
}

/** The status as `-o yaml` would show it, with times as RFC3339 strings. */
export function statusOf(d: any): any {
  return JSON.parse(JSON.stringify(d.status));
}
