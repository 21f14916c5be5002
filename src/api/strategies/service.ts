// core/v1 Service: SetDefaults_Service (pkg/apis/core/v1/defaults.go), the registry's single-stack family
// defaulting, ValidateService / ValidateServiceUpdate (pkg/apis/core/validation). Address and port allocation
// happen in the registry (src/server/allocators.ts).
import { goQuote, goStringSlice } from '../gofmt.js';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortNum, nameIsDNS1035Label } from '../names.js';
import { type Errs, arr, duplicate, forbidden, invalid, isObj, notSupported, num, required, specOf, str } from './field.js';
import { validateLabels, validateObjectMeta } from './meta.js';
import { PORT_PROTOCOLS, validatePortNumOrName } from './podspec-validation.js';
import type { Strategy } from './types.js';

function defaults(svc: any) {
  const spec = specOf(svc);
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of arr(spec.ports)) {
    if (!isObj(p)) continue;
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (external && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy == null && (external || spec.type === 'ClusterIP')) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null) spec.allocateLoadBalancerNodePorts = true;
  // registry (single-stack IPv4 cluster): families are decided on create; clusterIP itself is allocated by the registry
  if (spec.type !== 'ExternalName') {
    if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = 'SingleStack';
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
    // normalizeClusterIPs: a single clusterIP is the primary of clusterIPs
    if (str(spec.clusterIP) && (!Array.isArray(spec.clusterIPs) || spec.clusterIPs.length === 0)) spec.clusterIPs = [spec.clusterIP];
  }
}

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function validate(svc: any): Errs {
  const spec = isObj(svc.spec) ? svc.spec : {};
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label);
  const headless = spec.clusterIP === 'None';
  const type = str(spec.type);
  const ports = arr(spec.ports);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports'));
  if (type === 'ExternalName') {
    if (str(spec.clusterIP)) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    const en = str(spec.externalName);
    if (!en) errs.push(required('spec.externalName'));
    else for (const m of isDNS1123Subdomain(en.replace(/\.$/, ''))) errs.push(invalid('spec.externalName', goQuote(en), m));
  }
  const names = new Set<string>();
  ports.forEach((p: any, i: number) => {
    const f = `spec.ports[${i}]`;
    const n = str(p?.name);
    if (ports.length > 1 && !n) errs.push(required(`${f}.name`));
    else if (n) {
      errs.push(...isDNS1123Label(n).map((m) => invalid(`${f}.name`, goQuote(n), m)));
      if (names.has(n)) errs.push(duplicate(`${f}.name`, goQuote(n)));
      else names.add(n);
    }
    for (const m of isValidPortNum(num(p?.port))) errs.push(invalid(`${f}.port`, String(num(p?.port)), m));
    const proto = str(p?.protocol);
    if (!proto) errs.push(required(`${f}.protocol`));
    else if (!PORT_PROTOCOLS.includes(proto)) errs.push(notSupported(`${f}.protocol`, goQuote(proto), PORT_PROTOCOLS));
    errs.push(...validatePortNumOrName(p?.targetPort, `${f}.targetPort`));
  });
  if (spec.selector != null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const aff = str(spec.sessionAffinity);
  if (!aff) errs.push(required('spec.sessionAffinity'));
  else if (!['ClientIP', 'None'].includes(aff)) errs.push(notSupported('spec.sessionAffinity', goQuote(aff), ['ClientIP', 'None']));
  if (aff === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (typeof t === 'number' && (t <= 0 || t > 86400)) {
      errs.push(invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', String(t), 'must be greater than 0 and less than 86400'));
    }
  } else if (aff === 'None' && spec.sessionAffinityConfig != null) {
    errs.push(forbidden('spec.sessionAffinityConfig', `must not be set when session affinity is None`));
  }
  if (str(spec.clusterIP) && spec.clusterIP !== 'None' && !IPV4.test(spec.clusterIP) && !spec.clusterIP.includes(':')) {
    errs.push(invalid('spec.clusterIPs[0]', goQuote(spec.clusterIP), 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  }
  if (!type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', goQuote(type), SERVICE_TYPES));
  if (type === 'ClusterIP' || type === 'ExternalName') {
    ports.forEach((p: any, i: number) => {
      if (num(p?.nodePort) !== 0) errs.push(forbidden(`spec.ports[${i}].nodePort`, `may not be used when \`type\` is '${type}'`));
    });
  }
  if (type === 'NodePort' || type === 'LoadBalancer') {
    if (headless) errs.push(invalid('spec.clusterIPs[0]', goQuote('None'), `may not be set to 'None' for ${type} services`));
    const seen = new Set<string>();
    ports.forEach((p: any, i: number) => {
      if (num(p?.nodePort) === 0) return;
      const k = `${p.nodePort}/${p.protocol}`;
      if (seen.has(k)) errs.push(duplicate(`spec.ports[${i}].nodePort`, String(p.nodePort)));
      seen.add(k);
    });
  }
  for (const k of ['externalTrafficPolicy']) {
    const v = str(spec[k]);
    if (v && !['Cluster', 'Local'].includes(v)) errs.push(notSupported(`spec.${k}`, goQuote(v), ['Cluster', 'Local']));
  }
  const itp = str(spec.internalTrafficPolicy);
  if (itp && !['Cluster', 'Local'].includes(itp)) errs.push(notSupported('spec.internalTrafficPolicy', goQuote(itp), ['Cluster', 'Local']));
  const ipp = str(spec.ipFamilyPolicy);
  if (ipp && !['SingleStack', 'PreferDualStack', 'RequireDualStack'].includes(ipp)) {
    errs.push(notSupported('spec.ipFamilyPolicy', goQuote(ipp), ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  return errs;
}

/** ValidateServiceUpdate: the allocated addresses may not change (validateClusterIPFlags / clusterIPs checks). */
function validateUpdate(svc: any, old: any): Errs {
  const errs = validate(svc);
  const o = old.spec ?? {};
  const n = svc.spec ?? {};
  if (o.type === 'ExternalName' || n.type === 'ExternalName') return errs;
  if (o.clusterIP === 'None' && n.clusterIP === 'None') return errs;
  const oldIPs: string[] = arr(o.clusterIPs).length ? o.clusterIPs : str(o.clusterIP) ? [o.clusterIP] : [];
  const newIPs: string[] = arr(n.clusterIPs).length ? n.clusterIPs : str(n.clusterIP) ? [n.clusterIP] : [];
  if (oldIPs.length && newIPs.length === 0) errs.push(invalid('spec.clusterIPs[0]', goStringSlice(newIPs.length ? newIPs : null), 'primary clusterIP can not be unset'));
  oldIPs.forEach((ip, i) => {
    if (newIPs[i] !== undefined && newIPs[i] !== ip) errs.push(invalid(`spec.clusterIPs[${i}]`, goStringSlice(newIPs), 'may not change once set'));
  });
  return errs;
}

export const serviceStrategy: Strategy = {
  goType: 'v1.Service',
  defaults,
  // PrepareForUpdate: an update that leaves the addresses out keeps the allocated ones
  prepareForUpdate(svc, old) {
    const spec = specOf(svc);
    const o = old.spec ?? {};
    if (!str(spec.clusterIP) && str(o.clusterIP) && spec.type !== 'ExternalName') { spec.clusterIP = o.clusterIP; spec.clusterIPs = o.clusterIPs; }
    if (spec.type === o.type && (spec.type === 'NodePort' || spec.type === 'LoadBalancer')) {
      for (const p of arr(spec.ports)) {
        if (!isObj(p) || num(p.nodePort)) continue;
        const was = arr(o.ports).find((q: any) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
        if (was?.nodePort) p.nodePort = was.nodePort;
      }
    }
  },
  validate,
  validateUpdate,
};
