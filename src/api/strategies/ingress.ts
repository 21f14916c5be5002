// networking.k8s.io/v1 Ingress: ValidateIngressCreate / ValidateIngressUpdate (rules, paths, backends), status kept.
import { goQuote } from '../gofmt.js';
import { isDNS1123Subdomain, isValidPortName, isValidPortNum, nameIsDNS1035Label, nameIsDNSSubdomain } from '../names.js';
import { type Errs, arr, invalid, isObj, notSupported, num, required, str } from './field.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validateBackend(b: any, field: string): Errs {
  const errs: Errs = [];
  const hasSvc = b?.service != null;
  const hasRes = b?.resource != null;
  if (hasSvc && hasRes) return [invalid(field, '""', 'cannot set both resource and service backends')];
  if (!hasSvc && !hasRes) return [invalid(field, '""', 'resource or service backend is required')];
  if (hasSvc) {
    const s = b.service;
    if (!str(s.name)) errs.push(required(`${field}.service.name`));
    else for (const m of nameIsDNS1035Label(s.name, false)) errs.push(invalid(`${field}.service.name`, goQuote(s.name), m));
    const p = s.port ?? {};
    const hasName = !!str(p.name);
    const hasNum = num(p.number) !== 0;
    if (hasName && hasNum) errs.push(invalid(`${field}.service.port`, '""', 'cannot set both port name & port number'));
    else if (hasName) for (const m of isValidPortName(p.name)) errs.push(invalid(`${field}.service.port.name`, goQuote(p.name), m));
    else if (hasNum) for (const m of isValidPortNum(p.number)) errs.push(invalid(`${field}.service.port.number`, String(p.number), m));
    else errs.push(required(`${field}.service.port`, 'port name or number is required'));
  }
  return errs;
}

function validatePath(p: any, field: string): Errs {
  const errs: Errs = [];
  const pt = p?.pathType;
  const path = str(p?.path);
  if (pt == null) return [required(`${field}.pathType`, 'pathType must be specified')];
  if (!PATH_TYPES.includes(pt)) return [notSupported(`${field}.pathType`, goQuote(str(pt)), PATH_TYPES)];
  if (pt === 'Exact' || pt === 'Prefix') {
    if (!path.startsWith('/')) errs.push(invalid(`${field}.path`, goQuote(path), 'must be an absolute path'));
    else {
      for (const bad of ['//', '/./', '/../', '%2f', '%2F']) if (path.includes(bad)) errs.push(invalid(`${field}.path`, goQuote(path), `must not contain '${bad}'`));
      for (const bad of ['/..', '/.']) if (path.endsWith(bad)) errs.push(invalid(`${field}.path`, goQuote(path), `cannot end with '${bad}'`));
    }
  } else if (path && !path.startsWith('/')) errs.push(invalid(`${field}.path`, goQuote(path), 'must be an absolute path'));
  errs.push(...validateBackend(p?.backend, `${field}.backend`));
  return errs;
}

function validate(ing: any): Errs {
  const errs = validateObjectMeta(ing.metadata, true, nameIsDNSSubdomain);
  const spec = isObj(ing.spec) ? ing.spec : {};
  const rules = arr(spec.rules);
  if (spec.defaultBackend == null && rules.length === 0) errs.push(invalid('spec.rules', '[]networking.IngressRule(nil)', 'either `defaultBackend` or `rules` must be specified'));
  if (spec.defaultBackend != null) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((r: any, i: number) => {
    const f = `spec.rules[${i}]`;
    const host = str(r?.host);
    if (host) {
      const h = host.startsWith('*.') ? host.slice(2) : host;
      for (const m of isDNS1123Subdomain(h)) errs.push(invalid(`${f}.host`, goQuote(host), m));
    }
    if (isObj(r?.http)) {
      const paths = arr(r.http.paths);
      if (paths.length === 0) errs.push(required(`${f}.http.paths`));
      paths.forEach((p: any, j: number) => errs.push(...validatePath(p, `${f}.http.paths[${j}]`)));
    }
  });
  arr(spec.tls).forEach((t: any, i: number) => {
    for (const h of arr(t?.hosts)) {
      const hh = str(h).startsWith('*.') ? str(h).slice(2) : str(h);
      for (const m of isDNS1123Subdomain(hh)) errs.push(invalid(`spec.tls[${i}].hosts`, goQuote(str(h)), m));
    }
  });
  if (spec.ingressClassName != null) for (const m of nameIsDNSSubdomain(str(spec.ingressClassName), false)) errs.push(invalid('spec.ingressClassName', goQuote(str(spec.ingressClassName)), m));
  return errs;
}

export const ingressStrategy: Strategy = {
  prepareForCreate(ing) { ing.status = { loadBalancer: {} }; },
  prepareForUpdate(ing, old) { ing.status = old.status; },
  validate,
};
