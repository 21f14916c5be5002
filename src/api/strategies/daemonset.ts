// apps/v1 DaemonSet: SetDefaults_DaemonSet, ValidateDaemonSet / ValidateDaemonSetUpdate.
import { goIntOrString, goLabelSelector, goMapStringString, goQuote } from '../gofmt.js';
import { nameIsDNSSubdomain } from '../names.js';
import { labelSelectorAsSelector, matches, SelectorError } from '../selectors.js';
import { intOrStringValue, notMoreThan100Percent, validatePositiveIntOrPercent } from './apps-util.js';
import { type Errs, arr, immutable, semanticEqual, invalid, isObj, nonNegative, notSupported, num, required, specOf, str } from './field.js';
import { validateLabelSelector, validateObjectMeta } from './meta.js';
import { defaultTemplate } from './podspec-defaults.js';
import { validatePodTemplateSpec } from './podspec-validation.js';
import type { DefaultsOptions, Strategy } from './types.js';
import { roundTripTemplate } from '../goroundtrip.js';

function defaults(ds: any, opts: DefaultsOptions) {
  const spec = specOf(ds);
  if (spec.template != null) spec.template = roundTripTemplate(spec.template, opts.keepEmpty);
  const us = (spec.updateStrategy = isObj(spec.updateStrategy) ? spec.updateStrategy : {});
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    if (!isObj(us.rollingUpdate)) us.rollingUpdate = {};
    if (us.rollingUpdate.maxUnavailable == null) us.rollingUpdate.maxUnavailable = 1;
    if (us.rollingUpdate.maxSurge == null) us.rollingUpdate.maxSurge = 0;
  }
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10;
  defaultTemplate(spec.template);
}

function validateUpdateStrategy(us: any, field: string): Errs {
  const s = isObj(us) ? us : {};
  const t = str(s.type);
  if (t === 'OnDelete') return [];
  if (t !== 'RollingUpdate') return [notSupported(`${field}.type`, goQuote(t), ['OnDelete', 'RollingUpdate'])];
  const ru = s.rollingUpdate;
  if (!isObj(ru)) return [required(`${field}.rollingUpdate`)];
  const p = `${field}.rollingUpdate`;
  const errs: Errs = [];
  const mu = ru.maxUnavailable;
  const ms = ru.maxSurge;
  errs.push(...validatePositiveIntOrPercent(mu, `${p}.maxUnavailable`), ...notMoreThan100Percent(mu, `${p}.maxUnavailable`));
  errs.push(...validatePositiveIntOrPercent(ms, `${p}.maxSurge`), ...notMoreThan100Percent(ms, `${p}.maxSurge`));
  const zeroU = intOrStringValue(mu) === 0;
  const zeroS = intOrStringValue(ms) === 0;
  if (zeroU && zeroS) errs.push(invalid(`${p}.maxUnavailable`, goIntOrString(mu), 'may not be 0 when `maxSurge` is 0'));
  else if (!zeroU && !zeroS) errs.push(invalid(p, goIntOrString(mu), 'may not be set when maxSurge is non-zero'));
  return errs;
}

function validateSpec(spec: any): Errs {
  const errs = validateLabelSelector(spec.selector, 'spec.selector');
  try {
    const sel = labelSelectorAsSelector(spec.selector);
    const labels = spec.template?.metadata?.labels;
    if (!matches(sel, labels ?? {})) errs.push(invalid('spec.template.metadata.labels', goMapStringString(labels), '`selector` does not match template `labels`'));
  } catch (e) { if (!(e instanceof SelectorError)) throw e; }
  if (isObj(spec.selector) && Object.keys(spec.selector.matchLabels ?? {}).length + arr(spec.selector.matchExpressions).length === 0) {
    errs.push(invalid('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(spec.template, 'spec.template'));
  const rp = str(spec.template?.spec?.restartPolicy);
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', goQuote(rp), ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds != null) {
    errs.push(invalid('spec.template.spec.activeDeadlineSeconds', String(spec.template.spec.activeDeadlineSeconds), 'activeDeadlineSeconds must be nil for daemonsets'));
  }
  errs.push(...nonNegative(num(spec.minReadySeconds), 'spec.minReadySeconds'));
  errs.push(...nonNegative(num(spec.templateGeneration), 'spec.templateGeneration'));
  errs.push(...validateUpdateStrategy(spec.updateStrategy, 'spec.updateStrategy'));
  if (spec.revisionHistoryLimit != null) errs.push(...nonNegative(num(spec.revisionHistoryLimit), 'spec.revisionHistoryLimit'));
  return errs;
}

function validate(ds: any): Errs {
  return [...validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain), ...validateSpec(isObj(ds.spec) ? ds.spec : {})];
}

/** apps/v1 keeps the internal spec.templateGeneration in this annotation (the v1 conversion writes it). */
export const TemplateGenerationAnnotation = 'deprecated.daemonset.template.generation';

function templateGeneration(o: any): number {
  const v = o?.metadata?.annotations?.[TemplateGenerationAnnotation];
  const n = v === undefined ? 0 : Number.parseInt(String(v), 10);
  return Number.isNaN(n) ? 0 : n;
}

function setTemplateGeneration(ds: any, n: number): void {
  ds.metadata = ds.metadata || {};
  ds.metadata.annotations = { ...(ds.metadata.annotations || {}), [TemplateGenerationAnnotation]: String(n) };
}

export const daemonSetStrategy: Strategy = {
  defaults,
  // DaemonSetStatus: its four counters are not omitempty
  prepareForCreate(ds) {
    ds.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
    setTemplateGeneration(ds, Math.max(1, templateGeneration(ds)));
  },
  prepareForUpdate(ds, old) {
    ds.status = old.status;
    // update may not set TemplateGeneration; a new template bumps it
    const tg = templateGeneration(old);
    setTemplateGeneration(ds, semanticEqual(old.spec?.template, ds.spec?.template) ? tg : tg + 1);
  },
  validate,
  validateUpdate: (ds, old) => [
    ...immutable(ds.spec?.selector, old.spec?.selector, 'spec.selector', goLabelSelector),
    ...validate(ds),
  ],
};
