// Shared fixtures for the controller tests: a fresh manual-clock cluster with one node.
import { Cluster } from '../../src/store/cluster.js';
import { DEFAULT_SIM_CONFIG, type ClusterState } from '../../src/store/state.js';
import { seedRng } from '../../src/sim/rng.js';
import { advanceTo } from '../../src/sim/loop.js';
import { createControllerManager } from '../../src/controllers/manager.js';
import { makeNode } from '../../src/controllers/nodes.js';
import { applyDefaults } from '../../src/api/defaults.js';
import type { KObject } from '../../src/api/types.js';

export const T0 = Date.parse('2026-11-22T23:18:35Z');

export function newCluster(nodes = 1) {
  const state: ClusterState = {
    schemaVersion: 1, name: 't',
    clock: { mode: 'manual', now: T0, speed: 1, wallAnchor: 0 },
    rng: seedRng('t'), resourceVersion: 0, objects: {}, timers: [], timerSeq: 0,
    config: { ...DEFAULT_SIM_CONFIG }, controllers: {},
  };
  const cluster = new Cluster(state);
  for (let i = 1; i <= nodes; i++) cluster.create('nodes', makeNode(`node-${i}`, cluster.nowRFC3339()));
  const mgr = createControllerManager(cluster);
  const at = (ms: number) => advanceTo(cluster, T0 + ms, mgr);
  return { cluster, mgr, at, ctx: mgr.ctx };
}

export function rsObject(name: string, replicas: number, image = 'nginx:1.14.2', extra: any = {}): KObject {
  return applyDefaults({
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }], ...(extra.container || {}) }] } },
      ...(extra.spec || {}),
    },
  });
}

export function pods(cluster: Cluster): KObject[] {
  return cluster.list('pods', 'default');
}

/** STATUS as kubectl's printPod computes it (enough for tests). */
export function podStatus(p: KObject): string {
  let reason = p.status?.reason || p.status?.phase || '';
  for (const c of p.status?.containerStatuses || []) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
  }
  if (p.metadata?.deletionTimestamp) reason = 'Terminating';
  return reason;
}

export function events(cluster: Cluster): KObject[] {
  return cluster.list('events', 'default');
}

export function eventLines(cluster: Cluster, filter?: (e: KObject) => boolean): string[] {
  return events(cluster).filter((e) => !filter || filter(e))
    .map((e) => `${e.type} ${e.reason} ${e.involvedObject.kind}/${e.involvedObject.name} ${e.message}${e.count > 1 ? ` x${e.count}` : ''}${e.series ? ` s${e.series.count}` : ''}`);
}
