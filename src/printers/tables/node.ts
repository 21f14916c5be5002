// node.k8s.io/v1 handlers of pkg/printers/internalversion/printers.go AddHandlers.
import { age, ageCol, col, name, nameCol, type HandlerGroup } from './common.js';

export const NODE: HandlerGroup = {
  group: 'node.k8s.io',
  handlers: {
    runtimeclasses: {
      columns: [nameCol, col('Handler'), ageCol],
      row: (rc, now) => [name(rc), rc.handler ?? '', age(rc, now)],
    },
  },
};
