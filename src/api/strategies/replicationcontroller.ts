// core/v1 ReplicationController: SetDefaults_ReplicationController (selector and labels from the template,
// replicas 1), ValidateReplicationController / ValidateReplicationControllerUpdate.
import { goMapStringString, goQuote } from '../gofmt.js';
import { nameIsDNSSubdomain } from '../names.js';
import { selectorFromSet, matches } from '../selectors.js';
import { roundTripTemplate } from '../goroundtrip.js';
import { type Errs, forbidden, invalid, isObj, nonNegative, notSupported, num, required, specOf, str } from './field.js';
import { validateObjectMeta } from './meta.js';
import { defaultTemplate } from './podspec-defaults.js';
import { validatePodTemplateSpec } from './podspec-validation.js';
import type { DefaultsOptions, Strategy } from './types.js';

function defaults(rc: any, opts: DefaultsOptions) {
  const spec = specOf(rc);
  if (spec.template != null) spec.template = roundTripTemplate(spec.template, opts.keepEmpty);
  const labels = spec.template?.metadata?.labels;
  if (isObj(labels)) {
    if (!isObj(spec.selector) || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
    const md = (rc.metadata = isObj(rc.metadata) ? rc.metadata : {});
    if (!isObj(md.labels) || Object.keys(md.labels).length === 0) md.labels = { ...labels };
  }
  if (spec.replicas == null) spec.replicas = 1;
  defaultTemplate(spec.template);
}

function validate(rc: any): Errs {
  const errs = validateObjectMeta(rc.metadata, true, nameIsDNSSubdomain);
  const spec = isObj(rc.spec) ? rc.spec : {};
  errs.push(...nonNegative(num(spec.minReadySeconds), 'spec.minReadySeconds'));
  const sel = isObj(spec.selector) ? spec.selector : {};
  const empty = Object.keys(sel).length === 0;
  if (empty) errs.push(required('spec.selector'));
  errs.push(...nonNegative(num(spec.replicas), 'spec.replicas'));
  const tpl = spec.template;
  if (!isObj(tpl)) errs.push(required('spec.template'));
  else {
    const labels = tpl.metadata?.labels;
    if (!empty && !matches(selectorFromSet(sel), labels ?? {})) {
      errs.push(invalid('spec.template.metadata.labels', goMapStringString(labels), '`selector` does not match template `labels`'));
    }
    errs.push(...validatePodTemplateSpec(tpl, 'spec.template'));
    const rp = str(tpl.spec?.restartPolicy);
    if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', goQuote(rp), ['Always']));
    if (tpl.spec?.activeDeadlineSeconds != null) errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicationController is not Supported'));
  }
  return errs;
}

export const replicationControllerStrategy: Strategy = {
  defaults,
  // ReplicationControllerStatus: replicas is not omitempty
  prepareForCreate(rc) { rc.status = { replicas: 0 }; },
  prepareForUpdate(rc, old) { rc.status = old.status; },
  validate,
};
