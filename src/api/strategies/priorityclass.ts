// scheduling.k8s.io/v1 PriorityClass: SetDefaults_PriorityClass (preemptionPolicy), ValidatePriorityClass(Update).
import { goQuote } from '../gofmt.js';
import { nameIsDNSSubdomain } from '../names.js';
import { type Errs, forbidden, immutable, notSupported, num, str } from './field.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
const SYSTEM_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

function validate(pc: any): Errs {
  const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain);
  const name = str(pc.metadata?.name);
  if (name.startsWith('system-')) {
    let err = '';
    if (!(name in SYSTEM_CLASSES)) err = `${name} is not a known system priority class`;
    else if (SYSTEM_CLASSES[name] !== num(pc.value) || pc.globalDefault === true) err = `value of ${name} PriorityClass must be ${SYSTEM_CLASSES[name]}`;
    if (err) errs.push(forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${err}`));
  } else if (num(pc.value) > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  const pp = pc.preemptionPolicy;
  if (pp != null && pp !== 'Never' && pp !== 'PreemptLowerPriority') errs.push(notSupported('preemptionPolicy', goQuote(str(pp)), ['Never', 'PreemptLowerPriority']));
  return errs;
}

export const priorityClassStrategy: Strategy = {
  noStatus: true,
  defaults(pc) { if (!pc.preemptionPolicy) pc.preemptionPolicy = 'PreemptLowerPriority'; },
  validate,
  validateUpdate: (pc, old) => {
    const errs = validate(pc);
    if (num(pc.value) !== num(old.value)) errs.push(forbidden('value', 'may not be changed in an update.'));
    errs.push(...immutable(pc.preemptionPolicy, old.preemptionPolicy, 'preemptionPolicy', (v) => goQuote(str(v))));
    return errs;
  },
};
