// The APIServices kube-apiserver's autoregistration controller keeps for its own APIs (cmd/kube-apiserver/app/
// aggregator.go apiServicesToRegister): one per group/version the delegated servers list, named VERSION.GROUP, local
// (no service), always Available. The aggregator's own group has none. Which group/versions are served is the
// catalogue's; the priorities are upstream's apiVersionPriorities (a group/version without one gets no APIService,
// as makeAPIService skips it).
import type { KObject } from '../api/types.js';
import { CATALOGUE } from '../api/catalogue.js';

/** group/version -> [groupPriorityMinimum, versionPriority] (apiVersionPriorities, v1.32) */
const PRIORITIES: Record<string, [number, number]> = {
  '/v1': [18000, 1],
  'apps/v1': [17800, 15],
  'events.k8s.io/v1': [17750, 15],
  'authentication.k8s.io/v1': [17700, 15],
  'authorization.k8s.io/v1': [17600, 15],
  'autoscaling/v1': [17500, 15],
  'autoscaling/v2': [17500, 30],
  'batch/v1': [17400, 15],
  'certificates.k8s.io/v1': [17300, 15],
  'networking.k8s.io/v1': [17200, 15],
  'policy/v1': [17100, 15],
  'rbac.authorization.k8s.io/v1': [17000, 15],
  'storage.k8s.io/v1': [16800, 15],
  'apiextensions.k8s.io/v1': [16700, 15],
  'admissionregistration.k8s.io/v1': [16700, 15],
  'scheduling.k8s.io/v1': [16600, 15],
  'coordination.k8s.io/v1': [16500, 15],
  'node.k8s.io/v1': [16300, 15],
  'discovery.k8s.io/v1': [16200, 15],
  'flowcontrol.apiserver.k8s.io/v1': [16100, 21],
};

/** The local APIServices of the served API, Available since `now` (RFC 3339). */
export function localAPIServices(now: string): KObject[] {
  const out: KObject[] = [];
  for (const g of CATALOGUE) {
    if (g.group === 'apiregistration.k8s.io') continue;
    for (const version of g.versions) {
      const p = PRIORITIES[`${g.group}/${version}`];
      if (!p) continue;
      out.push({
        apiVersion: 'apiregistration.k8s.io/v1',
        kind: 'APIService',
        metadata: { name: `${version}.${g.group}`, labels: { 'kube-aggregator.kubernetes.io/automanaged': 'onstart' } },
        spec: { ...(g.group ? { group: g.group } : {}), groupPriorityMinimum: p[0], version, versionPriority: p[1] },
        // the local availability controller's condition
        status: { conditions: [{ lastTransitionTime: now, message: 'Local APIServices are always available', reason: 'Local', status: 'True', type: 'Available' }] },
      } as KObject);
    }
  }
  return out;
}
