// componentstatuses (pkg/registry/core/componentstatus): nothing stored; every read probes the scheduler, the
// controller manager and each etcd server and answers with what they said. The simulated control plane is always
// healthy: each answers its health endpoint with `ok` (etcd's /health through the storage prober too).
import type { KObject } from '../api/types.js';
import { setReadView } from '../store/cluster.js';

/** GetServersToValidate: the two components on their secure ports, then etcd-N for the storage's servers. */
const SERVERS = ['scheduler', 'controller-manager', 'etcd-0'];

function componentStatus(name: string): KObject {
  // getComponentStatus: one Healthy condition (an empty error is omitted), no creation time
  return {
    kind: 'ComponentStatus',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null },
    conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }],
  } as unknown as KObject;
}

setReadView('componentstatuses', { computed: () => SERVERS.map(componentStatus) });
