// scheduling.k8s.io/v1 handlers of pkg/printers/internalversion/printers.go AddHandlers.
import { age, ageCol, col, name, nameCol, type HandlerGroup } from './common.js';

export const SCHEDULING: HandlerGroup = {
  group: 'scheduling.k8s.io',
  handlers: {
    priorityclasses: {
      // PreemptionPolicy has priority 0 upstream: it shows without -o wide
      columns: [nameCol, col('Value', 'integer'), col('Global-Default', 'boolean'), ageCol, col('PreemptionPolicy')],
      row: (pc, now) => [name(pc), pc.value ?? 0, !!pc.globalDefault, age(pc, now), pc.preemptionPolicy ?? ''],
    },
  },
};
