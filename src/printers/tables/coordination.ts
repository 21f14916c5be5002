// coordination.k8s.io/v1 handlers of pkg/printers/internalversion/printers.go AddHandlers.
import { age, ageCol, col, name, nameCol, type HandlerGroup } from './common.js';

export const COORDINATION: HandlerGroup = {
  group: 'coordination.k8s.io',
  handlers: {
    leases: {
      columns: [nameCol, col('Holder'), ageCol],
      row: (l, now) => [name(l), l.spec?.holderIdentity ?? '', age(l, now)],
    },
  },
};
