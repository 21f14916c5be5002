// coordination.k8s.io/v1 Lease: ValidateLease (non-negative durations and transitions).
import { nameIsDNSSubdomain } from '../names.js';
import { type Errs, invalid, isObj } from './field.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

function validate(lease: any): Errs {
  const errs = validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain);
  const spec = isObj(lease.spec) ? lease.spec : {};
  if (spec.leaseDurationSeconds != null && spec.leaseDurationSeconds <= 0) errs.push(invalid('spec.leaseDurationSeconds', String(spec.leaseDurationSeconds), 'must be greater than 0'));
  if (spec.leaseTransitions != null && spec.leaseTransitions < 0) errs.push(invalid('spec.leaseTransitions', String(spec.leaseTransitions), 'must be greater than or equal to 0'));
  return errs;
}

export const leaseStrategy: Strategy = { noStatus: true, validate };
