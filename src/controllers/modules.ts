// Every controller module the manager runs, in registration order (the order work is enqueued at
// start). Add a controller by writing its module and listing it here.
import type { ControllerModule } from './module.js';
import { disruptionController } from './disruption/disruption.js';
import { nodeLifecycleController } from './nodelifecycle/nodelifecycle.js';

export const CONTROLLER_MODULES: ControllerModule[] = [
  disruptionController,
  nodeLifecycleController,
];
