// batch/v1 Job: SetDefaults_Job (pkg/apis/batch/v1/defaults.go), the registry's PrepareForCreate (generated
// selector and labels, pkg/registry/batch/job/strategy.go), ValidateJob / ValidateJobUpdate
// (pkg/apis/batch/validation/validation.go).
import { goLabelSelector, goMapStringString, goQuote } from '../gofmt.js';
import { isDNS1123Label, nameIsDNSSubdomain } from '../names.js';
import { labelSelectorAsSelector, matches, SelectorError } from '../selectors.js';
import { type Errs, FIELD_IMMUTABLE, immutable, invalid, isObj, nonNegative, notSupported, num, required, semanticEqual, specOf, str } from './field.js';
import { goSharpV } from './gosharpv.js';
import { validateLabelSelector, validateObjectMeta } from './meta.js';
import { defaultTemplate } from './podspec-defaults.js';
import { validatePodTemplateSpec } from './podspec-validation.js';
import type { DefaultsOptions, Strategy } from './types.js';
import { roundTripTemplate } from '../goroundtrip.js';

export const LEGACY_CONTROLLER_UID = 'controller-uid';
export const LEGACY_JOB_NAME = 'job-name';
export const CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME = 'batch.kubernetes.io/job-name';

/** SetDefaults_Job on a JobSpec-carrying object (the template's pod spec defaults included). */
function defaults(job: any, opts: DefaultsOptions = {}) {
  const spec = specOf(job);
  if (spec.template != null) spec.template = roundTripTemplate(spec.template, opts.keepEmpty);
  if (spec.completions == null && spec.parallelism == null) { spec.completions = 1; spec.parallelism = 1; }
  if (spec.parallelism == null) spec.parallelism = 1;
  if (spec.backoffLimit == null) spec.backoffLimit = spec.backoffLimitPerIndex != null ? 2147483647 : 6;
  const tplLabels = spec.template?.metadata?.labels;
  const md = (job.metadata = isObj(job.metadata) ? job.metadata : {});
  // Go shares the map: the job's labels are the template's, later generated labels included (see prepareForCreate)
  if (isObj(tplLabels) && (!isObj(md.labels) || Object.keys(md.labels).length === 0)) md.labels = { ...tplLabels };
  if (spec.completionMode == null) spec.completionMode = 'NonIndexed';
  if (spec.suspend == null) spec.suspend = false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const p of rule?.onPodConditions ?? []) if (isObj(p) && !p.status) p.status = 'True';
  if (spec.podReplacementPolicy == null) spec.podReplacementPolicy = spec.podFailurePolicy != null ? 'Failed' : 'TerminatingOrFailed';
  if (spec.manualSelector == null) spec.manualSelector = false;
  defaultTemplate(spec.template);
}

/** generateSelector: the job-name and controller-uid labels on the template, the selector on controller-uid. */
function prepareForCreate(job: any) {
  const spec = specOf(job);
  job.status = {};
  if (spec.manualSelector === true) return;
  const md = job.metadata ?? {};
  const tpl = (spec.template = isObj(spec.template) ? spec.template : {});
  const tmd = (tpl.metadata = isObj(tpl.metadata) ? tpl.metadata : {});
  const before = isObj(tmd.labels) ? tmd.labels : undefined;
  const labels = { ...(before ?? {}) };
  for (const k of [LEGACY_JOB_NAME, JOB_NAME]) if (!(k in labels)) labels[k] = str(md.name);
  for (const k of [LEGACY_CONTROLLER_UID, CONTROLLER_UID]) if (!(k in labels)) labels[k] = str(md.uid);
  tmd.labels = labels;
  // the job's labels were defaulted from (are the same Go map as) the template's: they see the new labels too
  if (before && isObj(md.labels) && semanticEqual(md.labels, before)) md.labels = { ...labels };
  const sel = (spec.selector = isObj(spec.selector) ? spec.selector : {});
  sel.matchLabels = isObj(sel.matchLabels) ? sel.matchLabels : {};
  if (!(CONTROLLER_UID in sel.matchLabels)) sel.matchLabels[CONTROLLER_UID] = str(md.uid);
}

function hasLabel(tmd: any, key: string, expected: string): Errs {
  const labels = tmd?.labels ?? {};
  const f = `spec.template.metadata.labels[${key}]`;
  if (!(key in labels)) return [required(f, `must be '${expected}'`)];
  if (labels[key] !== expected) return [invalid(f, goMapStringString(labels), `must be '${expected}'`)];
  return [];
}

/** validateGeneratedSelector. */
function validateGeneratedSelector(job: any, prefixed: boolean): Errs {
  const spec = job.spec ?? {};
  if (spec.manualSelector === true || spec.selector == null) return [];
  const errs: Errs = [];
  const uid = str(job.metadata?.uid);
  const name = str(job.metadata?.name);
  if (!uid) errs.push(required('metadata.uid'));
  const tmd = spec.template?.metadata;
  errs.push(...hasLabel(tmd, LEGACY_CONTROLLER_UID, uid), ...hasLabel(tmd, LEGACY_JOB_NAME, name));
  const expected: Record<string, string> = {};
  if (prefixed) {
    errs.push(...hasLabel(tmd, CONTROLLER_UID, uid), ...hasLabel(tmd, JOB_NAME, name));
    expected[CONTROLLER_UID] = uid;
    expected[JOB_NAME] = name;
  }
  expected[LEGACY_CONTROLLER_UID] = uid;
  expected[LEGACY_JOB_NAME] = name;
  try {
    if (!matches(labelSelectorAsSelector(spec.selector), expected)) errs.push(invalid('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  } catch (e) { if (!(e instanceof SelectorError)) throw e; }
  return errs;
}

/** validateJobSpec: counters, completion mode, pod template, restart policy (also for CronJob job templates). */
export function validateJobSpecCommon(spec: any, field: string): Errs {
  const errs: Errs = [];
  for (const k of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes']) {
    if (spec[k] != null) errs.push(...nonNegative(num(spec[k]), `${field}.${k}`));
  }
  if (spec.maxFailedIndexes != null && spec.backoffLimitPerIndex == null) errs.push(required(`${field}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  const mode = spec.completionMode;
  if (mode != null) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(`${field}.completionMode`, goQuote(str(mode)), ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (spec.completions == null) errs.push(required(`${field}.completions`, 'when completion mode is Indexed'));
      if (spec.parallelism != null && spec.parallelism > 100000) errs.push(invalid(`${field}.parallelism`, String(spec.parallelism), 'must be less than or equal to 100000 when completion mode is Indexed'));
    }
  }
  if (mode == null || mode === 'NonIndexed') {
    if (spec.backoffLimitPerIndex != null) errs.push(invalid(`${field}.backoffLimitPerIndex`, String(spec.backoffLimitPerIndex), 'requires indexed completion mode'));
    if (spec.maxFailedIndexes != null) errs.push(invalid(`${field}.maxFailedIndexes`, String(spec.maxFailedIndexes), 'requires indexed completion mode'));
  }
  const prp = spec.podReplacementPolicy;
  if (prp != null) {
    if (spec.podFailurePolicy != null) { if (prp !== 'Failed') errs.push(notSupported(`${field}.podReplacementPolicy`, goQuote(str(prp)), ['Failed'])); }
    else if (prp !== 'Failed' && prp !== 'TerminatingOrFailed') errs.push(notSupported(`${field}.podReplacementPolicy`, goQuote(str(prp)), ['Failed', 'TerminatingOrFailed']));
  }
  errs.push(...validatePodTemplateSpec(spec.template, `${field}.template`));
  // SetDefaults_PodSpec turns a missing restartPolicy into Always, so both mean "not set"
  const rp = str(spec.template?.spec?.restartPolicy);
  const rpField = `${field}.template.spec.restartPolicy`;
  if (rp === 'Always' || rp === '') errs.push(required(rpField, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(rpField, goQuote(rp), ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy != null && rp !== 'Never') errs.push(invalid(rpField, goQuote(rp), 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/** ValidateJobSpec: validateJobSpec plus the selector. */
function validateJobSpec(spec: any): Errs {
  const errs = validateJobSpecCommon(spec, 'spec');
  if (spec.selector == null) errs.push(required('spec.selector'));
  else errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  try {
    const sel = labelSelectorAsSelector(spec.selector);
    const labels = spec.template?.metadata?.labels;
    if (!matches(sel, labels ?? {})) errs.push(invalid('spec.template.metadata.labels', goMapStringString(labels), '`selector` does not match template `labels`'));
  } catch (e) { if (!(e instanceof SelectorError)) throw e; }
  return errs;
}

function validateWith(job: any, prefixed: boolean): Errs {
  const errs = validateObjectMeta(job.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateGeneratedSelector(job, prefixed));
  const spec = isObj(job.spec) ? job.spec : {};
  errs.push(...validateJobSpec(spec));
  if (spec.completionMode === 'Indexed' && num(spec.completions) > 0) {
    const host = `${str(job.metadata?.name)}-${num(spec.completions) - 1}`;
    if (isDNS1123Label(host).length) errs.push(invalid('metadata.name', goQuote(str(job.metadata?.name)), `will not able to create pod with invalid DNS label: ${host}`));
  }
  return errs;
}

function validateUpdate(job: any, old: any): Errs {
  const spec = job.spec ?? {};
  const o = old.spec ?? {};
  const errs = validateObjectMeta(job.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateJobSpec(spec));
  const ptr = (v: any) => (v == null ? '(*int32)(nil)' : String(v));
  errs.push(...immutable(spec.completions, o.completions, 'spec.completions', ptr));
  errs.push(...immutable(spec.selector, o.selector, 'spec.selector', goLabelSelector));
  // a suspended job that never started may change its scheduling directives
  let oldTpl = o.template;
  if (o.suspend === true && !old.status?.startTime) {
    oldTpl = structuredClone(o.template ?? {});
    const nt = spec.template ?? {};
    oldTpl.spec = { ...(oldTpl.spec ?? {}), nodeSelector: nt.spec?.nodeSelector, tolerations: nt.spec?.tolerations, schedulingGates: nt.spec?.schedulingGates };
    if (nt.spec?.affinity?.nodeAffinity || oldTpl.spec.affinity?.nodeAffinity) oldTpl.spec.affinity = { ...(oldTpl.spec.affinity ?? {}), nodeAffinity: nt.spec?.affinity?.nodeAffinity };
    oldTpl.metadata = { ...(oldTpl.metadata ?? {}), labels: nt.metadata?.labels, annotations: nt.metadata?.annotations };
  }
  if (!semanticEqual(spec.template, oldTpl)) errs.push(invalid('spec.template', goSharpV(spec.template, 'v1.PodTemplateSpec'), FIELD_IMMUTABLE));
  errs.push(...immutable(spec.completionMode, o.completionMode, 'spec.completionMode', (v) => (v == null ? '(*batch.CompletionMode)(nil)' : goQuote(v))));
  errs.push(...immutable(spec.podFailurePolicy, o.podFailurePolicy, 'spec.podFailurePolicy', () => '(*batch.PodFailurePolicy)(nil)'));
  errs.push(...immutable(spec.backoffLimitPerIndex, o.backoffLimitPerIndex, 'spec.backoffLimitPerIndex', ptr));
  errs.push(...immutable(spec.managedBy, o.managedBy, 'spec.managedBy', (v) => (v == null ? '(*string)(nil)' : goQuote(v))));
  return errs;
}

export const jobStrategy: Strategy = {
  defaults,
  prepareForCreate,
  // status is not changed by an update of the object
  prepareForUpdate(job, old) { job.status = old.status; },
  validate: (job) => validateWith(job, true),
  validateUpdate,
};

export { defaults as defaultJob };
