// discovery.k8s.io/v1 EndpointSlice: SetDefaults_EndpointPort (protocol TCP), ValidateEndpointSlice(Update).
import { goQuote } from '../gofmt.js';
import { isDNS1123Subdomain, nameIsDNSSubdomain } from '../names.js';
import { type Errs, arr, immutable, invalid, isObj, notSupported, required, str, tooMany } from './field.js';
import { INVALID_IP, isIP, isIPv4 } from './ip.js';
import { validateObjectMeta } from './meta.js';
import { validateEndpointPort } from './endpoints.js';
import type { Strategy } from './types.js';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

function validate(es: any): Errs {
  const errs = validateObjectMeta(es.metadata, true, nameIsDNSSubdomain);
  const at = str(es.addressType);
  if (!at) errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(at)) errs.push(notSupported('addressType', goQuote(at), ADDRESS_TYPES));
  const eps = arr(es.endpoints);
  if (eps.length > 1000) errs.push(tooMany('endpoints', eps.length, 1000));
  eps.forEach((e: any, i: number) => {
    const f = `endpoints[${i}].addresses`;
    const addrs = arr(e?.addresses);
    if (addrs.length === 0) errs.push(required(f, 'must contain at least 1 address'));
    else if (addrs.length > 100) errs.push(tooMany(f, addrs.length, 100));
    addrs.forEach((a: any, j: number) => {
      const s = str(a);
      if (at === 'IPv4' && !isIPv4(s)) errs.push(invalid(`${f}[${j}]`, goQuote(s), 'must be a valid IPv4 address'));
      else if (at === 'IPv6' && !(isIP(s) && !isIPv4(s))) errs.push(invalid(`${f}[${j}]`, goQuote(s), 'must be a valid IPv6 address'));
      else if (at === 'FQDN') for (const m of isDNS1123Subdomain(s)) errs.push(invalid(`${f}[${j}]`, goQuote(s), m));
    });
    void INVALID_IP;
  });
  const ports = arr(es.ports);
  if (ports.length > 20000) errs.push(tooMany('ports', ports.length, 20000));
  const names = new Set<string>();
  ports.forEach((p: any, i: number) => errs.push(...validateEndpointPort(p, false, names, `ports[${i}]`, false)));
  return errs;
}

export const endpointSliceStrategy: Strategy = {
  noStatus: true,
  defaults(es) {
    for (const p of arr(es.ports)) {
      if (!isObj(p)) continue;
      if (!p.protocol) p.protocol = 'TCP';
      if (p.name == null) p.name = '';
    }
  },
  validate,
  validateUpdate: (es, old) => [...validate(es), ...immutable(es.addressType, old.addressType, 'addressType', (v) => goQuote(str(v)))],
};
