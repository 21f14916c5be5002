// core/v1 ResourceQuota: ValidateResourceQuota (resource names, non-negative quantities, scopes), status reset.
import { goQuote } from '../gofmt.js';
import { isQualifiedName, nameIsDNSSubdomain } from '../names.js';
import { parseQuantity, QuantityError, formatQuantity } from '../quantity.js';
import { type Errs, arr, invalid, IS_NEGATIVE, isObj, notSupported, sortedKeys, str } from './field.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

const SCOPES = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating'];

export function validateResourceQuantity(name: string, q: any, field: string): Errs {
  const errs: Errs = [];
  for (const m of isQualifiedName(name)) errs.push(invalid(field, goQuote(name), m));
  try {
    const p = parseQuantity(q);
    if (p.nanos < 0n) errs.push(invalid(field, goQuote(formatQuantity(p)), IS_NEGATIVE));
  } catch (e) { if (!(e instanceof QuantityError)) throw e; }
  return errs;
}

function validate(rq: any): Errs {
  const errs = validateObjectMeta(rq.metadata, true, nameIsDNSSubdomain);
  const hard = isObj(rq.spec?.hard) ? rq.spec.hard : {};
  for (const k of sortedKeys(hard)) errs.push(...validateResourceQuantity(k, hard[k], `spec.hard[${k}]`));
  arr(rq.spec?.scopes).forEach((s: any) => {
    if (!SCOPES.includes(str(s))) errs.push(notSupported('spec.scopes', goQuote(str(s)), SCOPES));
  });
  return errs;
}

export const resourceQuotaStrategy: Strategy = {
  goType: 'v1.ResourceQuota',
  prepareForCreate(rq) { rq.status = {}; },
  prepareForUpdate(rq, old) { rq.status = old.status; },
  validate,
};
