// networking.k8s.io/v1 NetworkPolicy: SetDefaults_NetworkPolicy (port protocol TCP, policyTypes), ValidateNetworkPolicy.
import { goQuote } from '../gofmt.js';
import { isValidPortName, isValidPortNum, nameIsDNSSubdomain } from '../names.js';
import { type Errs, arr, forbidden, invalid, isObj, notSupported, num, required, specOf, str } from './field.js';
import { validateLabelSelector, validateObjectMeta } from './meta.js';
import { PORT_PROTOCOLS } from './podspec-validation.js';
import type { Strategy } from './types.js';

function defaults(np: any) {
  const spec = specOf(np);
  for (const rule of [...arr(spec.ingress), ...arr(spec.egress)]) {
    for (const p of arr(rule?.ports)) if (isObj(p) && !p.protocol) p.protocol = 'TCP';
  }
  if (arr(spec.policyTypes).length === 0) {
    spec.policyTypes = ['Ingress'];
    if (arr(spec.egress).length) spec.policyTypes.push('Egress');
  }
  if (!isObj(spec.podSelector)) spec.podSelector = {};
}

function validatePorts(ports: any[], field: string): Errs {
  const errs: Errs = [];
  ports.forEach((p: any, i: number) => {
    const f = `${field}[${i}]`;
    const proto = str(p?.protocol);
    if (proto && !PORT_PROTOCOLS.includes(proto)) errs.push(notSupported(`${f}.protocol`, goQuote(proto), PORT_PROTOCOLS));
    if (p?.port != null) {
      if (typeof p.port === 'number') for (const m of isValidPortNum(p.port)) errs.push(invalid(`${f}.port`, String(p.port), m));
      else {
        for (const m of isValidPortName(str(p.port))) errs.push(invalid(`${f}.port`, goQuote(str(p.port)), m));
        if (p.endPort != null) errs.push(forbidden(`${f}.endPort`, 'may not be specified when `port` is non-numeric'));
      }
      if (p.endPort != null && typeof p.port === 'number' && num(p.endPort) < p.port) errs.push(invalid(`${f}.endPort`, String(p.endPort), 'must be greater than or equal to `port`'));
    } else if (p?.endPort != null) errs.push(required(`${f}.port`, 'must be specified when `endPort` is specified'));
  });
  return errs;
}

function validatePeers(peers: any[], field: string): Errs {
  const errs: Errs = [];
  peers.forEach((peer: any, i: number) => {
    const f = `${field}[${i}]`;
    const n = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((k) => peer?.[k] != null).length;
    if (n === 0) errs.push(required(f, 'must specify a peer'));
    else if (peer.ipBlock != null && n > 1) errs.push(forbidden(f, 'may not specify both ipBlock and another peer'));
    if (peer?.podSelector != null) errs.push(...validateLabelSelector(peer.podSelector, `${f}.podSelector`));
    if (peer?.namespaceSelector != null) errs.push(...validateLabelSelector(peer.namespaceSelector, `${f}.namespaceSelector`));
    if (isObj(peer?.ipBlock) && !str(peer.ipBlock.cidr)) errs.push(required(`${f}.ipBlock.cidr`));
  });
  return errs;
}

function validate(np: any): Errs {
  const errs = validateObjectMeta(np.metadata, true, nameIsDNSSubdomain);
  const spec = isObj(np.spec) ? np.spec : {};
  errs.push(...validateLabelSelector(spec.podSelector, 'spec.podSelector'));
  arr(spec.ingress).forEach((r: any, i: number) => {
    errs.push(...validatePorts(arr(r?.ports), `spec.ingress[${i}].ports`), ...validatePeers(arr(r?.from), `spec.ingress[${i}].from`));
  });
  arr(spec.egress).forEach((r: any, i: number) => {
    errs.push(...validatePorts(arr(r?.ports), `spec.egress[${i}].ports`), ...validatePeers(arr(r?.to), `spec.egress[${i}].to`));
  });
  const types = arr(spec.policyTypes);
  types.forEach((t: any, i: number) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(`spec.policyTypes[${i}]`, goQuote(str(t)), ['Egress', 'Ingress']));
  });
  if (types.length > 2) errs.push(invalid('spec.policyTypes', `[]networking.PolicyType{${types.map((t: any) => goQuote(str(t))).join(', ')}}`, 'may not specify more than two policyTypes'));
  return errs;
}

export const networkPolicyStrategy: Strategy = { noStatus: true, defaults, validate };
