// Validation pieces shared by the apps/v1 workload kinds (pkg/apis/apps/validation/validation.go).
import { goIntOrString, goLabelSelector } from '../gofmt.js';
import { isValidPercent } from '../names.js';
import { labelSelectorAsSelector, SelectorError, type Selector } from '../selectors.js';
import { type Errs, arr, invalid, nonNegative, num, required } from './field.js';
import { validateLabelSelector } from './meta.js';
import { validatePodTemplateSpecForReplicaSet } from './podspec-validation.js';

/** Selector required, non-empty, matching the template; template valid for a ReplicaSet-like controller. */
export function selectorAndTemplate(spec: any, kindWord = 'deployment'): Errs {
  const errs: Errs = [];
  if (spec.selector === undefined || spec.selector === null) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
    const n = Object.keys(spec.selector.matchLabels ?? {}).length + arr(spec.selector.matchExpressions).length;
    if (n === 0) errs.push(invalid('spec.selector', goLabelSelector(spec.selector), `empty selector is invalid for ${kindWord}`));
  }
  let selector: Selector;
  try { selector = labelSelectorAsSelector(spec.selector); } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    errs.push(invalid('spec.selector', goLabelSelector(spec.selector), 'invalid label selector'));
    return errs;
  }
  errs.push(...validatePodTemplateSpecForReplicaSet(spec.template, selector, num(spec.replicas), 'spec.template'));
  return errs;
}

export function percentValue(v: any): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length) return undefined;
  return parseInt(v.slice(0, -1), 10);
}

/** intstr.IntValue(): a string parses with Atoi (0 on error). */
export function intOrStringValue(v: any): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'string') return /^[+-]?[0-9]+$/.test(v) ? parseInt(v, 10) : 0;
  return num(v);
}

export function validatePositiveIntOrPercent(v: any, field: string): Errs {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(field, goIntOrString(v), m));
  return nonNegative(num(v), field);
}

/** IsNotMoreThan100Percent. */
export function notMoreThan100Percent(v: any, field: string): Errs {
  const pv = percentValue(v);
  return pv !== undefined && pv > 100 ? [invalid(field, goIntOrString(v), 'must not be greater than 100%')] : [];
}
