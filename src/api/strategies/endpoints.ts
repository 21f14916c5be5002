// core/v1 Endpoints: SetDefaults_Endpoints (port protocol TCP), ValidateEndpoints (subsets, addresses, ports).
import { goQuote } from '../gofmt.js';
import { isDNS1123Label, isValidPortNum, nameIsDNSSubdomain } from '../names.js';
import { type Errs, arr, duplicate, invalid, isObj, notSupported, num, required, str } from './field.js';
import { INVALID_IP, isIP, specialIPErrors } from './ip.js';
import { validateObjectMeta } from './meta.js';
import { PORT_PROTOCOLS } from './podspec-validation.js';
import type { Strategy } from './types.js';

/** validateEndpointPort, shared with EndpointSlice. */
export function validateEndpointPort(p: any, requireName: boolean, names: Set<string>, field: string, portRequired = true): Errs {
  const errs: Errs = [];
  const name = str(p?.name);
  if (requireName && !name) errs.push(required(`${field}.name`));
  else if (name) {
    errs.push(...isDNS1123Label(name).map((m) => invalid(`${field}.name`, goQuote(name), m)));
    if (names.has(name)) errs.push(duplicate(`${field}.name`, goQuote(name)));
    names.add(name);
  }
  if (portRequired || p?.port != null) for (const m of isValidPortNum(num(p?.port))) errs.push(invalid(`${field}.port`, String(num(p?.port)), m));
  const proto = str(p?.protocol);
  if (!proto) errs.push(required(`${field}.protocol`));
  else if (!PORT_PROTOCOLS.includes(proto)) errs.push(notSupported(`${field}.protocol`, goQuote(proto), PORT_PROTOCOLS));
  return errs;
}

function validateAddress(a: any, field: string): Errs {
  const ip = str(a?.ip);
  const errs: Errs = [];
  if (!isIP(ip)) errs.push(invalid(`${field}.ip`, goQuote(ip), INVALID_IP));
  else for (const m of specialIPErrors(ip)) errs.push(invalid(`${field}.ip`, goQuote(ip), m));
  if (str(a?.hostname)) for (const m of isDNS1123Label(a.hostname)) errs.push(invalid(`${field}.hostname`, goQuote(a.hostname), m));
  if (str(a?.nodeName)) for (const m of nameIsDNSSubdomain(a.nodeName, false)) errs.push(invalid(`${field}.nodeName`, goQuote(a.nodeName), m));
  return errs;
}

function validate(ep: any): Errs {
  const errs = validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain);
  arr(ep.subsets).forEach((ss: any, i: number) => {
    const f = `subsets[${i}]`;
    if (arr(ss?.addresses).length === 0 && arr(ss?.notReadyAddresses).length === 0) errs.push(required(f, 'must specify `addresses` or `notReadyAddresses`'));
    arr(ss?.addresses).forEach((a: any, j: number) => errs.push(...validateAddress(a, `${f}.addresses[${j}]`)));
    arr(ss?.notReadyAddresses).forEach((a: any, j: number) => errs.push(...validateAddress(a, `${f}.notReadyAddresses[${j}]`)));
    const names = new Set<string>();
    const ports = arr(ss?.ports);
    ports.forEach((p: any, j: number) => errs.push(...validateEndpointPort(p, ports.length > 1, names, `${f}.ports[${j}]`)));
  });
  return errs;
}

export const endpointsStrategy: Strategy = {
  noStatus: true,
  goType: 'v1.Endpoints',
  defaults(ep) {
    for (const ss of arr(ep.subsets)) for (const p of arr(ss?.ports)) if (isObj(p) && !p.protocol) p.protocol = 'TCP';
  },
  validate,
};
