// flowcontrol.apiserver.k8s.io/v1 handlers of pkg/printers/internalversion/printers.go AddHandlers.
import { age, ageCol, col, name, nameCol, type HandlerGroup } from './common.js';

/** FlowSchemaSequence.Less: lower matchingPrecedence first, then by name (printFlowSchemaList sorts). */
function flowSchemaLess(a: any, b: any): number {
  const pa = a.spec?.matchingPrecedence ?? 0;
  const pb = b.spec?.matchingPrecedence ?? 0;
  if (pa !== pb) return pa - pb;
  const na = name(a);
  const nb = name(b);
  return na < nb ? -1 : na > nb ? 1 : 0;
}

export const FLOWCONTROL: HandlerGroup = {
  group: 'flowcontrol.apiserver.k8s.io',
  handlers: {
    flowschemas: {
      columns: [nameCol, col('PriorityLevel'), col('MatchingPrecedence'), col('DistinguisherMethod'), ageCol, col('MissingPL')],
      order: flowSchemaLess,
      row: (fs, now) => {
        const dangling = (fs.status?.conditions ?? []).find((c: any) => c?.type === 'Dangling');
        return [
          name(fs),
          fs.spec?.priorityLevelConfiguration?.name ?? '',
          fs.spec?.matchingPrecedence ?? 0,
          fs.spec?.distinguisherMethod ? (fs.spec.distinguisherMethod.type ?? '') : '<none>',
          age(fs, now),
          dangling ? (dangling.status ?? '') : '?',
        ];
      },
    },
    prioritylevelconfigurations: {
      columns: [
        nameCol, col('Type'), col('NominalConcurrencyShares'), col('Queues'), col('HandSize'), col('QueueLengthLimit'), ageCol,
      ],
      row: (pl, now) => {
        const limited = pl.spec?.limited;
        const q = limited?.limitResponse?.queuing;
        return [
          name(pl),
          pl.spec?.type ?? '',
          limited ? (limited.nominalConcurrencyShares ?? 0) : '<none>',
          q ? (q.queues ?? 0) : '<none>',
          q ? (q.handSize ?? 0) : '<none>',
          q ? (q.queueLengthLimit ?? 0) : '<none>',
          age(pl, now),
        ];
      },
    },
  },
};
