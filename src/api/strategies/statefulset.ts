// apps/v1 StatefulSet: SetDefaults_StatefulSet (claim templates defaulted as PVCs), ValidateStatefulSet /
// ValidateStatefulSetUpdate (only some spec fields may change).
import { goLabelSelector, goMapStringString, goQuote } from '../gofmt.js';
import { nameIsDNSSubdomain } from '../names.js';
import { labelSelectorAsSelector, matches, SelectorError } from '../selectors.js';
import { notMoreThan100Percent, validatePositiveIntOrPercent } from './apps-util.js';
import { type Errs, arr, forbidden, invalid, isObj, nonNegative, notSupported, num, required, semanticEqual, specOf, str } from './field.js';
import { validateAnnotations, validateLabels, validateLabelSelector, validateObjectMeta } from './meta.js';
import { defaultTemplate } from './podspec-defaults.js';
import { defaultPVC } from './pvc.js';
import type { DefaultsOptions, Strategy } from './types.js';
import { goRoundTrip, roundTripTemplate } from '../goroundtrip.js';
import { goType } from '../goschema.js';

function defaults(sts: any, opts: DefaultsOptions) {
  const spec = specOf(sts);
  if (spec.template != null) spec.template = roundTripTemplate(spec.template, opts.keepEmpty);
  if (Array.isArray(spec.volumeClaimTemplates)) {
    spec.volumeClaimTemplates = spec.volumeClaimTemplates.map((pvc: any) => (isObj(pvc) ? {
      ...pvc,
      metadata: goRoundTrip(pvc.metadata ?? {}, goType('v1.ObjectMeta'), true, opts.keepEmpty),
      spec: goRoundTrip(pvc.spec ?? {}, goType('v1.PersistentVolumeClaimSpec'), true, opts.keepEmpty),
    } : pvc));
  }
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const us = (spec.updateStrategy = isObj(spec.updateStrategy) ? spec.updateStrategy : {});
  if (!us.type) {
    us.type = 'RollingUpdate';
    if (!isObj(us.rollingUpdate)) us.rollingUpdate = {};
  }
  if (us.type === 'RollingUpdate' && isObj(us.rollingUpdate) && us.rollingUpdate.partition == null) us.rollingUpdate.partition = 0;
  const pol = (spec.persistentVolumeClaimRetentionPolicy = isObj(spec.persistentVolumeClaimRetentionPolicy) ? spec.persistentVolumeClaimRetentionPolicy : {});
  if (!pol.whenDeleted) pol.whenDeleted = 'Retain';
  if (!pol.whenScaled) pol.whenScaled = 'Retain';
  if (spec.replicas == null) spec.replicas = 1;
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10;
  defaultTemplate(spec.template);
  for (const pvc of arr(spec.volumeClaimTemplates)) if (isObj(pvc)) defaultPVC(pvc);
}

const POLICIES = ['Delete', 'Retain'];

function validateSpec(spec: any): Errs {
  const errs: Errs = [];
  const pmp = str(spec.podManagementPolicy);
  if (!pmp) errs.push(required('spec.podManagementPolicy', ''));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalid('spec.podManagementPolicy', goQuote(pmp), `must be 'OrderedReady' or 'Parallel'`));
  const us = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  const ut = str(us.type);
  if (!ut) errs.push(required('spec.updateStrategy', ''));
  else if (ut === 'OnDelete') {
    if (us.rollingUpdate != null) errs.push(invalid('spec.updateStrategy.rollingUpdate', '', `only allowed for updateStrategy 'RollingUpdate'`));
  } else if (ut === 'RollingUpdate') {
    if (isObj(us.rollingUpdate)) {
      errs.push(...nonNegative(num(us.rollingUpdate.partition), 'spec.updateStrategy.rollingUpdate.partition'));
      if (us.rollingUpdate.maxUnavailable != null) {
        errs.push(...validatePositiveIntOrPercent(us.rollingUpdate.maxUnavailable, 'spec.updateStrategy.rollingUpdate.maxUnavailable'));
        errs.push(...notMoreThan100Percent(us.rollingUpdate.maxUnavailable, 'spec.updateStrategy.rollingUpdate.maxUnavailable'));
      }
    }
  } else errs.push(invalid('spec.updateStrategy', goQuote(ut), `must be 'RollingUpdate' or 'OnDelete'`));
  const pol = spec.persistentVolumeClaimRetentionPolicy;
  if (isObj(pol)) {
    for (const k of ['whenDeleted', 'whenScaled']) {
      const v = str(pol[k]);
      if (!POLICIES.includes(v)) errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, goQuote(v), POLICIES));
    }
  }
  errs.push(...nonNegative(num(spec.replicas), 'spec.replicas'));
  errs.push(...nonNegative(num(spec.minReadySeconds), 'spec.minReadySeconds'));
  if (spec.ordinals != null) errs.push(...nonNegative(num(spec.ordinals.start), 'spec.ordinals.start'));
  if (spec.selector == null) errs.push(required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
    if (Object.keys(spec.selector.matchLabels ?? {}).length + arr(spec.selector.matchExpressions).length === 0) {
      errs.push(invalid('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for statefulset'));
    }
  }
  try {
    const sel = labelSelectorAsSelector(spec.selector);
    const labels = spec.template?.metadata?.labels;
    if (!matches(sel, labels ?? {})) errs.push(invalid('spec.template.metadata.labels', goMapStringString(labels), '`selector` does not match template `labels`'));
    // ValidatePodTemplateSpecForStatefulSet: labels and annotations only (upstream leaves the pod spec
    // unchecked: its volumes would miss the claim templates' volumes)
    else errs.push(...validateLabels(spec.template?.metadata?.labels, 'spec.template.labels'), ...validateAnnotations(spec.template?.metadata?.annotations, 'spec.template.annotations'));
  } catch (e) { if (!(e instanceof SelectorError)) throw e; }
  const rp = str(spec.template?.spec?.restartPolicy);
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', goQuote(rp), ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds != null) errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  return errs;
}

function validate(sts: any): Errs {
  return [...validateObjectMeta(sts.metadata, true, nameIsDNSSubdomain), ...validateSpec(isObj(sts.spec) ? sts.spec : {})];
}

/** ValidateStatefulSetUpdate: beyond these fields, the spec is fixed at creation. */
function validateUpdate(sts: any, old: any): Errs {
  const errs = validateObjectMeta(sts.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateSpec(isObj(sts.spec) ? sts.spec : {}));
  const clone = { ...(sts.spec ?? {}) };
  const o = old.spec ?? {};
  for (const k of ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy']) {
    if (k in o) clone[k] = o[k]; else delete clone[k];
  }
  if (!semanticEqual(clone, o)) {
    errs.push(forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
  }
  return errs;
}

export const statefulSetStrategy: Strategy = {
  defaults,
  // StatefulSetStatus: replicas and availableReplicas are not omitempty
  prepareForCreate(sts) { sts.status = { replicas: 0, availableReplicas: 0 }; },
  prepareForUpdate(sts, old) { sts.status = old.status; },
  validate,
  validateUpdate,
};
