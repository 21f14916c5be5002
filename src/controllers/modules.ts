// Every controller module the manager runs, in registration order (the order work is enqueued at
// start). Add a controller by writing its module and listing it here.
import type { ControllerModule } from './module.js';
import { endpointController } from './endpoint/controller.js';
import { endpointSliceController } from './endpointslice/controller.js';
import { loadBalancerController } from './loadbalancer/controller.js';
import { endpointSliceMirroringController } from './endpointslicemirroring/controller.js';

export const CONTROLLER_MODULES: ControllerModule[] = [
  endpointController,
  endpointSliceController,
  endpointSliceMirroringController,
  loadBalancerController,
];
