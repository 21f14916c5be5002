// Every controller module the manager runs, in registration order (the order work is enqueued at
// start). Add a controller by writing its module and listing it here.
import type { ControllerModule } from './module.js';
import { jobController } from './job/controller.js';
import { ttlAfterFinishedController } from './ttlafterfinished/controller.js';
import { cronJobController } from './cronjob/controller.js';
import { horizontalPodAutoscalerController } from './podautoscaler/controller.js';
import { replicationControllerModule } from './replication/controller.js';
import { daemonSetModule } from './daemon/controller.js';
import { statefulSetModule } from './statefulset/controller.js';
import { persistentVolumeModule } from './volume/persistentvolume/controller.js';
import { disruptionController } from './disruption/disruption.js';
import { nodeLifecycleController } from './nodelifecycle/nodelifecycle.js';
import { endpointController } from './endpoint/controller.js';
import { endpointSliceController } from './endpointslice/controller.js';
import { loadBalancerController } from './loadbalancer/controller.js';
import { endpointSliceMirroringController } from './endpointslicemirroring/controller.js';
import { csrSigningController } from './certificates/signer.js';
import { ephemeralContainersModule } from './kubelet/ephemeral.js';
import { resourceQuotaController } from './resourcequota/controller.js';
import { volumeProtectionController } from './volume/protection.js';
import { serviceAccountTokensController } from './serviceaccount/tokens.js';
import { leaseHoldersController } from './leases/controller.js';
import { apiExtensionsController } from './apiextensions/controller.js';
import { crdRegistrationController } from './apiextensions/crdregistration.js';

export const CONTROLLER_MODULES: ControllerModule[] = [
  jobController,
  ttlAfterFinishedController,
  cronJobController,
  horizontalPodAutoscalerController,
  replicationControllerModule,
  daemonSetModule,
  statefulSetModule,
  persistentVolumeModule,
  volumeProtectionController,
  disruptionController,
  nodeLifecycleController,
  endpointController,
  endpointSliceController,
  endpointSliceMirroringController,
  loadBalancerController,
  csrSigningController,
  ephemeralContainersModule,
  resourceQuotaController,
  serviceAccountTokensController,
  leaseHoldersController,
  apiExtensionsController,
  crdRegistrationController,
];
