// apiregistration.k8s.io/v1: APIServices are printed by kube-aggregator's own table convertor
// (pkg/registry/apiservice/etcd), not printers.go.
import { age, ageCol, col, name, nameCol, type HandlerGroup } from './common.js';

/** AVAILABLE: the Available condition's status, "(reason)" added when not True; Unknown without one. */
function availableCell(as: any): string {
  const c = (as.status?.conditions ?? []).find((x: any) => x?.type === 'Available');
  if (!c) return 'Unknown';
  if (c.status === 'True') return c.status;
  return c.reason ? `${c.status} (${c.reason})` : (c.status ?? '');
}

export const APIREGISTRATION: HandlerGroup = {
  group: 'apiregistration.k8s.io',
  handlers: {
    apiservices: {
      columns: [nameCol, col('Service'), col('Available'), ageCol],
      row: (as, now) => {
        const svc = as.spec?.service;
        return [name(as), svc ? `${svc.namespace ?? ''}/${svc.name ?? ''}` : 'Local', availableCell(as), age(as, now)];
      },
    },
  },
};
