// apps/v1 Deployment: SetDefaults_Deployment (pkg/apis/apps/v1/defaults.go), ValidateDeployment and
// ValidateDeploymentUpdate (pkg/apis/apps/validation).
import { goIntOrString, goLabelSelector, goQuote } from '../gofmt.js';
import { nameIsDNSSubdomain } from '../names.js';
import { intOrStringValue, notMoreThan100Percent, selectorAndTemplate, validatePositiveIntOrPercent } from './apps-util.js';
import { type Errs, forbidden, immutable, invalid, isObj, nonNegative, notSupported, num, required, specOf, str } from './field.js';
import { validateObjectMeta } from './meta.js';
import { defaultTemplate } from './podspec-defaults.js';
import type { Strategy } from './types.js';

function defaults(d: any) {
  const spec = specOf(d);
  if (spec.replicas == null) spec.replicas = 1;
  const st = (spec.strategy = isObj(spec.strategy) ? spec.strategy : {});
  if (!st.type) st.type = 'RollingUpdate';
  if (st.type === 'RollingUpdate') {
    if (!isObj(st.rollingUpdate)) st.rollingUpdate = {};
    if (st.rollingUpdate.maxUnavailable == null) st.rollingUpdate.maxUnavailable = '25%';
    if (st.rollingUpdate.maxSurge == null) st.rollingUpdate.maxSurge = '25%';
  }
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds == null) spec.progressDeadlineSeconds = 600;
  defaultTemplate(spec.template);
}

function validateDeploymentStrategy(st: any, field: string): Errs {
  const s = isObj(st) ? st : {};
  switch (s.type) {
    case 'Recreate':
      return s.rollingUpdate != null ? [forbidden(`${field}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!isObj(ru)) return [required(`${field}.rollingUpdate`, 'this should be defaulted and never be nil')];
      const p = `${field}.rollingUpdate`;
      const errs = [...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`), ...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`)];
      if (intOrStringValue(ru.maxUnavailable) === 0 && intOrStringValue(ru.maxSurge) === 0) {
        errs.push(invalid(`${p}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`));
      return errs;
    }
    default: {
      // kubesim: Go prints the internal struct with a pointer address for a set rollingUpdate; we print nil
      const v = `apps.DeploymentStrategy{Type:${goQuote(str(s.type))}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`;
      return [notSupported(field, v, ['Recreate', 'RollingUpdate'])];
    }
  }
}

function validate(d: any): Errs {
  const spec = isObj(d.spec) ? d.spec : {};
  const errs = validateObjectMeta(d.metadata, true, nameIsDNSSubdomain);
  errs.push(...nonNegative(num(spec.replicas), 'spec.replicas'));
  errs.push(...selectorAndTemplate(spec));
  errs.push(...validateDeploymentStrategy(spec.strategy, 'spec.strategy'));
  errs.push(...nonNegative(num(spec.minReadySeconds), 'spec.minReadySeconds'));
  if (spec.revisionHistoryLimit != null) errs.push(...nonNegative(num(spec.revisionHistoryLimit), 'spec.revisionHistoryLimit'));
  if (spec.progressDeadlineSeconds != null) {
    errs.push(...nonNegative(num(spec.progressDeadlineSeconds), 'spec.progressDeadlineSeconds'));
    if (num(spec.progressDeadlineSeconds) <= num(spec.minReadySeconds)) {
      errs.push(invalid('spec.progressDeadlineSeconds', String(num(spec.progressDeadlineSeconds)), 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export const deploymentStrategy: Strategy = {
  goType: 'v1.Deployment',
  defaults,
  validate,
  // apps/v1: the selector may not change
  validateUpdate: (d, old) => [...validate(d), ...immutable(d.spec?.selector, old.spec?.selector, 'spec.selector', goLabelSelector)],
};
