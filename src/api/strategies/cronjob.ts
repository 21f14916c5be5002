// batch/v1 CronJob: SetDefaults_CronJob, ValidateCronJobCreate / ValidateCronJobUpdate (schedule parsed with
// robfig/cron's ParseStandard, whose error text the API server shows).
import { goLabelSelector, goQuote } from '../gofmt.js';
import { nameIsDNSSubdomain } from '../names.js';
import { cronParseError } from './cron.js';
import { type Errs, invalid, isObj, nonNegative, notSupported, num, required, specOf, str } from './field.js';
import { validateAnnotations, validateLabels, validateObjectMeta } from './meta.js';
import { defaultTemplate } from './podspec-defaults.js';
import { validateJobSpecCommon } from './job.js';
import type { DefaultsOptions, Strategy } from './types.js';
import { goRoundTrip, roundTripTemplate } from '../goroundtrip.js';
import { goType } from '../goschema.js';

function defaults(cj: any, opts: DefaultsOptions) {
  const spec = specOf(cj);
  if (isObj(spec.jobTemplate)) {
    // a JobTemplateSpec: its metadata and the pod template decoded as Go structs
    spec.jobTemplate.metadata = goRoundTrip(spec.jobTemplate.metadata ?? {}, goType('v1.ObjectMeta'), true, opts.keepEmpty);
    const js = spec.jobTemplate.spec;
    if (isObj(js) && js.template != null) js.template = roundTripTemplate(js.template, opts.keepEmpty);
  }
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  if (spec.suspend == null) spec.suspend = false;
  if (spec.successfulJobsHistoryLimit == null) spec.successfulJobsHistoryLimit = 3;
  if (spec.failedJobsHistoryLimit == null) spec.failedJobsHistoryLimit = 1;
  // only the nested pod spec defaulters run on the job template (SetDefaults_Job is for Job objects)
  defaultTemplate(spec.jobTemplate?.spec?.template);
}

const TZ_CHARS = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(tz: any): Errs {
  if (tz == null) return [];
  const f = 'spec.timeZone';
  if (tz === '') return [invalid(f, '""', 'timeZone must be nil or non-empty string')];
  for (const part of String(tz).split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TZ_CHARS.test(part)) return [invalid(f, goQuote(tz), `unknown time zone ${tz}`)];
  }
  if (String(tz).toLowerCase() === 'local') return [invalid(f, goQuote(tz), 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); } catch { return [invalid(f, goQuote(tz), `unknown time zone ${tz}`)]; }
  return [];
}

function validateSpec(spec: any, oldSpec: any | undefined): Errs {
  const errs: Errs = [];
  const sched = str(spec.schedule);
  if (!sched) errs.push(required('spec.schedule'));
  else {
    const e = cronParseError(sched);
    if (e) errs.push(invalid('spec.schedule', goQuote(sched), e));
    const allowTZ = oldSpec ? str(oldSpec.schedule).includes('TZ') : false;
    if (allowTZ && sched.includes('TZ') && spec.timeZone != null) errs.push(invalid('spec.schedule', goQuote(sched), 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    else if (!allowTZ && sched.includes('TZ')) errs.push(invalid('spec.schedule', goQuote(sched), 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  if (spec.startingDeadlineSeconds != null) errs.push(...nonNegative(num(spec.startingDeadlineSeconds), 'spec.startingDeadlineSeconds'));
  if (!oldSpec || oldSpec.timeZone !== spec.timeZone) errs.push(...validateTimeZone(spec.timeZone));
  const cp = str(spec.concurrencyPolicy);
  if (!cp) errs.push(required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported('spec.concurrencyPolicy', goQuote(cp), ['Allow', 'Forbid', 'Replace']));
  // ValidateJobTemplateSpec
  const jt = isObj(spec.jobTemplate) ? spec.jobTemplate : {};
  const js = isObj(jt.spec) ? jt.spec : {};
  errs.push(...validateJobSpecCommon(js, 'spec.jobTemplate.spec'));
  if (js.selector != null) errs.push(invalid('spec.jobTemplate.spec.selector', goLabelSelector(js.selector), '`selector` will be auto-generated'));
  if (js.manualSelector === true) errs.push(notSupported('spec.jobTemplate.spec.manualSelector', 'true', ['nil', 'false']));
  if (spec.successfulJobsHistoryLimit != null) errs.push(...nonNegative(num(spec.successfulJobsHistoryLimit), 'spec.successfulJobsHistoryLimit'));
  if (spec.failedJobsHistoryLimit != null) errs.push(...nonNegative(num(spec.failedJobsHistoryLimit), 'spec.failedJobsHistoryLimit'));
  return errs;
}

function validate(cj: any): Errs {
  const errs = validateObjectMeta(cj.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateSpec(isObj(cj.spec) ? cj.spec : {}, undefined));
  const name = str(cj.metadata?.name);
  // the controller appends an 11-character suffix to name its jobs
  if (name.length > 52) errs.push(invalid('metadata.name', goQuote(name), 'must be no more than 52 characters'));
  return errs;
}

export const cronJobStrategy: Strategy = {
  defaults,
  prepareForCreate(cj) { cj.status = {}; },
  prepareForUpdate(cj, old) { cj.status = old.status; },
  validate,
  validateUpdate: (cj, old) => [
    ...validateLabels(cj.metadata?.labels, 'metadata.labels'),
    ...validateAnnotations(cj.metadata?.annotations, 'metadata.annotations'),
    ...validateSpec(isObj(cj.spec) ? cj.spec : {}, old.spec ?? {}),
  ],
};
