// The registry strategies by apiVersion/kind: the one place a kind's behaviour is looked up.
import type { Strategy } from './types.js';
import { configMapStrategy } from './configmap.js';
import { deploymentStrategy } from './deployment.js';
import { namespaceStrategy } from './namespace.js';
import { podStrategy } from './pod.js';
import { replicaSetStrategy } from './replicaset.js';
import { serviceStrategy } from './service.js';

export type { Strategy, DefaultsOptions } from './types.js';

const STRATEGIES: Record<string, Strategy> = {
  'apps/v1/Deployment': deploymentStrategy,
  'apps/v1/ReplicaSet': replicaSetStrategy,
  'v1/Pod': podStrategy,
  'v1/Service': serviceStrategy,
  'v1/ConfigMap': configMapStrategy,
  'v1/Namespace': namespaceStrategy,
};

/** The strategy of an object's kind, or undefined for kinds stored as they come. */
export function strategyFor(obj: { apiVersion?: string; kind?: string }): Strategy | undefined {
  return STRATEGIES[`${obj.apiVersion}/${obj.kind}`];
}
