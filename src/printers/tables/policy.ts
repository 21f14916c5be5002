// policy/v1 handlers of pkg/printers/internalversion/printers.go AddHandlers.
import { age, ageCol, col, intOrString, name, nameCol, type HandlerGroup } from './common.js';

const orNA = (v: any) => (v === undefined || v === null ? 'N/A' : intOrString(v));

export const POLICY: HandlerGroup = {
  group: 'policy',
  handlers: {
    poddisruptionbudgets: {
      columns: [nameCol, col('Min Available'), col('Max Unavailable'), col('Allowed Disruptions', 'integer'), ageCol],
      row: (pdb, now) => [
        name(pdb), orNA(pdb.spec?.minAvailable), orNA(pdb.spec?.maxUnavailable), pdb.status?.disruptionsAllowed ?? 0, age(pdb, now),
      ],
    },
  },
};
