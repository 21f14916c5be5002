// The CustomResourceDefinitions the API server currently serves, by name, as serving.ts registered them: the custom
// resource strategy, table convertor and explain read their schemas and columns from here.
import type { KObject } from '../types.js';
import type { Strategy } from '../strategies/types.js';

const served = new Map<string, KObject>();

export function setServedCRDs(crds: KObject[]): void {
  served.clear();
  for (const c of crds) served.set(c.metadata!.name!, c);
}

export function servedCRD(name: string | undefined): KObject | undefined {
  return name === undefined ? undefined : served.get(name);
}

/** The CRD version entry (spec.versions[]) named `version`. */
export function crdVersion(crd: KObject, version: string): any {
  return ((crd.spec as any)?.versions ?? []).find((v: any) => v.name === version);
}

/** The strategies of the served custom resources by `apiVersion/kind` (every served version has its own). */
let strategies = new Map<string, Strategy>();
export function setCustomStrategies(m: Map<string, Strategy>): void {
  strategies = m;
}

export function customStrategy(apiVersionKind: string): Strategy | undefined {
  return strategies.size ? strategies.get(apiVersionKind) : undefined;
}
