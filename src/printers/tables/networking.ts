// networking.k8s.io/v1 handlers of pkg/printers/internalversion/printers.go AddHandlers.
import { formatLabelSelector } from '../labels.js';
import { loadBalancerStatusStringer } from './core.js';
import { age, ageCol, col, name, nameCol, type HandlerGroup } from './common.js';

/** formatHosts: the first 3 hosts, "*" when no rule names one. */
export function formatHosts(rules: any[] | undefined): string {
  const rs = rules ?? [];
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rs) {
    if (list.length === max) more = true;
    if (!more && rule?.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${rs.length - max} more...` : ret;
}

/** formatPorts: 80, plus 443 when there is TLS. */
export const formatPorts = (tls: any[] | undefined): string => ((tls ?? []).length !== 0 ? '80, 443' : '80');

export const NETWORKING: HandlerGroup = {
  group: 'networking.k8s.io',
  handlers: {
    ingresses: {
      columns: [nameCol, col('Class'), col('Hosts'), col('Address'), col('Ports'), ageCol],
      row: (ing, now) => [
        name(ing),
        ing.spec?.ingressClassName ?? '<none>',
        formatHosts(ing.spec?.rules),
        // ingressLoadBalancerStatusStringer, with the server's Wide on
        loadBalancerStatusStringer(ing.status?.loadBalancer?.ingress, true),
        formatPorts(ing.spec?.tls),
        age(ing, now),
      ],
    },
    ingressclasses: {
      columns: [nameCol, col('Controller'), col('Parameters'), ageCol],
      row: (ic, now) => {
        const p = ic.spec?.parameters;
        let parameters = '<none>';
        if (p) parameters = `${p.kind ?? ''}${p.apiGroup !== undefined && p.apiGroup !== null ? '.' + p.apiGroup : ''}/${p.name ?? ''}`;
        return [name(ic), ic.spec?.controller ?? '', parameters, age(ic, now)];
      },
    },
    networkpolicies: {
      columns: [nameCol, col('Pod-Selector'), ageCol],
      row: (np, now) => [name(np), formatLabelSelector(np.spec?.podSelector ?? {}), age(np, now)],
    },
  },
};
