// networking.k8s.io/v1 IngressClass: ValidateIngressClass(Update) (controller required, a domain-prefixed path, immutable).
import { goQuote } from '../gofmt.js';
import { isDNS1123Subdomain, nameIsDNSSubdomain } from '../names.js';
import { type Errs, immutable, invalid, str, tooLong } from './field.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

/** IsDomainPrefixedPath. */
function domainPrefixedPath(field: string, v: string): Errs {
  if (!v) return [{ type: 'Required', field, detail: '' }];
  const slash = v.indexOf('/');
  if (slash < 0) return [invalid(field, goQuote(v), 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const host = v.slice(0, slash);
  const errs = isDNS1123Subdomain(host).map((m) => invalid(field, goQuote(host), m));
  const path = v.slice(slash);
  if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(path)) errs.push(invalid(field, goQuote(path), "Invalid path: must only contain alphanumeric characters, '-', '.', '_', '~', '!', '$', '&', ''', '(', ')', '*', '+', ',', ';', '=', ':', '%', '/'"));
  return errs;
}

function validate(ic: any): Errs {
  const errs = validateObjectMeta(ic.metadata, false, nameIsDNSSubdomain);
  const c = str(ic.spec?.controller);
  errs.push(...domainPrefixedPath('spec.controller', c));
  if (c.length > 250) errs.push(tooLong('spec.controller', 250));
  return errs;
}

export const ingressClassStrategy: Strategy = {
  noStatus: true,
  validate,
  validateUpdate: (ic, old) => [...validate(ic), ...immutable(ic.spec?.controller, old.spec?.controller, 'spec.controller', (v) => goQuote(str(v)))],
};
