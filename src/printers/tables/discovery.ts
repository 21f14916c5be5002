// discovery.k8s.io/v1 handlers of pkg/printers/internalversion/printers.go AddHandlers.
import { age, ageCol, col, listWithMoreString, name, nameCol, type HandlerGroup } from './common.js';

/** formatDiscoveryPorts: port numbers (or names, or "*"), the first 3. */
export function formatDiscoveryPorts(ports: any[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const p of ports ?? []) {
    if (list.length < max) {
      let n = '*';
      if (p?.port !== undefined && p?.port !== null) n = String(p.port);
      else if (p?.name !== undefined && p?.name !== null) n = p.name;
      list.push(n);
    } else if (list.length === max) {
      more = true;
    }
    count++;
  }
  return listWithMoreString(list, more, count, max);
}

/** formatDiscoveryEndpoints: every endpoint's addresses, the first 3. */
export function formatDiscoveryEndpoints(endpoints: any[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ep of endpoints ?? []) {
    for (const a of ep?.addresses ?? []) {
      if (list.length < max) list.push(a);
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMoreString(list, more, count, max);
}

export const DISCOVERY: HandlerGroup = {
  group: 'discovery.k8s.io',
  handlers: {
    endpointslices: {
      columns: [nameCol, col('AddressType'), col('Ports'), col('Endpoints'), ageCol],
      row: (es, now) => [
        name(es), es.addressType ?? '', formatDiscoveryPorts(es.ports), formatDiscoveryEndpoints(es.endpoints), age(es, now),
      ],
    },
  },
};
