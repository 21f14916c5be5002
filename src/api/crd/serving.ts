// Serving the cluster's CustomResourceDefinitions (the crdHandler and discovery controller of
// apiextensions-apiserver): their resources join the catalogue, each served version gets the custom resource
// strategy, and the set follows the CRDs as they change. Loaded only for a cluster that has CRDs.
import type { KObject } from '../types.js';
import type { Strategy } from '../strategies/types.js';
import type { Cluster } from '../../store/cluster.js';
import { serveCustomResourceInfos } from '../resources.js';
import { setCustomStrategies, setServedCRDs } from './served.js';
import { customResourceStrategy } from './strategy.js';

/** Register what these CRDs serve (replacing what was served before). */
export function serveCRDs(crds: KObject[]): void {
  const infos = serveCustomResourceInfos(crds);
  const byName = new Map(crds.map((c) => [c.metadata!.name!, c]));
  const strategies = new Map<string, Strategy>();
  for (const info of infos) {
    const crd = byName.get(info.crd!)!;
    for (const v of info.versions) strategies.set(`${info.group}/${v}/${info.kind}`, customResourceStrategy(crd, v));
  }
  setServedCRDs(infos.map((i) => byName.get(i.crd!)!));
  setCustomStrategies(strategies);
}

const watched = new WeakSet<Cluster>();

/** Serve the cluster's CRDs now and whenever one changes (the crdHandler's informer). */
export function serveCustomResources(cluster: Cluster): void {
  serveCRDs(cluster.list('customresourcedefinitions'));
  if (watched.has(cluster)) return;
  watched.add(cluster);
  cluster.onChange((resource) => {
    if (resource === 'customresourcedefinitions') serveCRDs(cluster.list('customresourcedefinitions'));
  });
}
