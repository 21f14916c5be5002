// core/v1 Event and events.k8s.io/v1 Event: ValidateEventCreate (legacy rules for v1, strict ones for
// events.k8s.io/v1: eventTime, reportingController, action, reason ...).
import { goQuote } from '../gofmt.js';
import { isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from '../names.js';
import { type Errs, invalid, isObj, required, str, tooLong } from './field.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

function validateCore(ev: any): Errs {
  const errs: Errs = [];
  const ns = str(ev.metadata?.namespace);
  const ins = str(ev.involvedObject?.namespace);
  if (!ev.eventTime) {
    if (!ins) { if (ns && ns !== 'default') errs.push(invalid('involvedObject.namespace', goQuote(ins), 'does not match event.namespace')); }
    else if (ns && ns !== ins) errs.push(invalid('involvedObject.namespace', goQuote(ins), 'does not match event.namespace'));
  }
  for (const m of isDNS1123Subdomain(ns)) if (ns) errs.push(invalid('namespace', goQuote(ns), m));
  return [...validateObjectMeta(ev.metadata, true, nameIsDNSSubdomain), ...errs];
}

function validateEventsV1(ev: any): Errs {
  const errs = validateObjectMeta(ev.metadata, true, nameIsDNSSubdomain);
  if (!ev.eventTime) errs.push(required('eventTime'));
  if (ev.type !== 'Normal' && ev.type !== 'Warning') errs.push(invalid('type', '""', `has invalid value: ${str(ev.type)}`));
  if (ev.deprecatedFirstTimestamp) errs.push(invalid('deprecatedFirstTimestamp', '""', 'needs to be unset'));
  if (ev.deprecatedLastTimestamp) errs.push(invalid('deprecatedLastTimestamp', '""', 'needs to be unset'));
  if (isObj(ev.deprecatedSource) && (ev.deprecatedSource.component || ev.deprecatedSource.host)) errs.push(invalid('deprecatedSource', '""', 'needs to be unset'));
  for (const m of isQualifiedName(str(ev.reportingController))) errs.push(invalid('reportingController', goQuote(str(ev.reportingController)), m));
  if (str(ev.reportingInstance).length > 128) errs.push(tooLong('reportingInstance', 128));
  if (!str(ev.action)) errs.push(required('action'));
  else if (str(ev.action).length > 128) errs.push(tooLong('action', 128));
  if (!str(ev.reason)) errs.push(required('reason'));
  else if (str(ev.reason).length > 128) errs.push(tooLong('reason', 128));
  if (str(ev.note).length > 1024) errs.push(tooLong('note', 1024));
  return errs;
}

export const eventStrategy: Strategy = { noStatus: true, validate: validateCore };
export const eventsV1EventStrategy: Strategy = { noStatus: true, validate: validateEventsV1 };
