// policy/v1 PodDisruptionBudget: ValidatePodDisruptionBudget (minAvailable xor maxUnavailable, int or percent,
// selector), the registry's PrepareForCreate/Update (status).
import { goIntOrString, goQuote } from '../gofmt.js';
import { nameIsDNSSubdomain } from '../names.js';
import { notMoreThan100Percent, validatePositiveIntOrPercent } from './apps-util.js';
import { type Errs, invalid, isObj, notSupported, str } from './field.js';
import { validateLabelSelector, validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

const intOrStrPtr = (v: any) => (v == null ? '(*intstr.IntOrString)(nil)' : '(*intstr.IntOrString)(0xc000000000)');

function validate(pdb: any): Errs {
  const errs = validateObjectMeta(pdb.metadata, true, nameIsDNSSubdomain);
  const spec = isObj(pdb.spec) ? pdb.spec : {};
  if (spec.minAvailable != null && spec.maxUnavailable != null) {
    // kubesim: Go prints the pointers' addresses; see gosharpv.ts
    errs.push(invalid('spec', `policy.PodDisruptionBudgetSpec{MinAvailable:${intOrStrPtr(spec.minAvailable)}, Selector:(*v1.LabelSelector)(${spec.selector == null ? 'nil' : '0xc000000000'}), MaxUnavailable:${intOrStrPtr(spec.maxUnavailable)}, UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}`, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const k of ['minAvailable', 'maxUnavailable']) {
    if (spec[k] == null) continue;
    errs.push(...validatePositiveIntOrPercent(spec[k], `spec.${k}`), ...notMoreThan100Percent(spec[k], `spec.${k}`));
  }
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const up = spec.unhealthyPodEvictionPolicy;
  if (up != null && up !== 'AlwaysAllow' && up !== 'IfHealthyBudget') errs.push(notSupported('spec.unhealthyPodEvictionPolicy', goQuote(str(up)), ['AlwaysAllow', 'IfHealthyBudget']));
  void goIntOrString;
  return errs;
}

export const pdbStrategy: Strategy = {
  prepareForCreate(pdb) { pdb.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }; },
  prepareForUpdate(pdb, old) { pdb.status = old.status; },
  validate,
};
