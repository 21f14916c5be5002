// The EndpointSlice controller (pkg/controller/endpointslice/endpointslice_controller.go): every
// Service with a selector gets EndpointSlices (named `<service>-<5 random chars>`, owned by the
// Service) listing its pods with ready/serving/terminating conditions, nodeName, zone and targetRef.
import type { ControllerModule } from '../module.js';
import { objectKey } from '../module.js';
import type { ManagerContext } from '../manager.js';
import { splitKey } from '../podutil.js';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, podHandler, podsForService } from '../endpointutil/util.js';
import { computeEndpointLastChangeTriggerTime, forgetTriggerTimes } from '../endpointutil/triggertime.js';
import { desiredEndpoints } from './endpoints.js';
import { CONTROLLER_NAME, managedSlices, reconcile } from './reconciler.js';

const NAME = 'endpointslice';

function syncService(ctx: ManagerContext, key: string): void {
  const cluster = ctx.cluster;
  const [ns, name] = splitKey(key);
  const svc = cluster.get('services', ns, name);
  if (!svc || svc.metadata?.deletionTimestamp) {
    // the garbage collector deletes the slices the Service owns
    forgetTriggerTimes(cluster, NAME, key);
    return;
  }
  if (svc.spec?.type === 'ExternalName' || !svc.spec?.selector) return;
  const pods = podsForService(cluster, svc);
  const triggerTime = computeEndpointLastChangeTriggerTime(cluster, NAME, key, svc, pods);
  reconcile(cluster, svc, desiredEndpoints(cluster, svc, pods), managedSlices(cluster, svc, CONTROLLER_NAME), triggerTime);
}

export const endpointSliceController: ControllerModule = {
  name: NAME,
  watch: {
    services: (_t, svc, _old, q) => q.add(NAME, objectKey(svc)),
    pods: podHandler(NAME),
    // a managed slice changed or deleted by someone else is put back
    endpointslices: (t, s, _old, q, ctx) => {
      const l = s.metadata?.labels;
      if (t === 'ADDED' || l?.[LABEL_MANAGED_BY] !== CONTROLLER_NAME || !l?.[LABEL_SERVICE_NAME]) return;
      if (ctx.cluster.get('services', s.metadata!.namespace, l[LABEL_SERVICE_NAME])) q.add(NAME, `${s.metadata!.namespace}/${l[LABEL_SERVICE_NAME]}`);
    },
  },
  // the informers' initial list (see the endpoints controller)
  start(ctx, q) {
    for (const svc of ctx.cluster.list('services')) if (svc.spec?.selector && svc.spec?.type !== 'ExternalName') q.add(NAME, objectKey(svc));
  },
  sync: syncService,
};
