// events.k8s.io/v1 Events print with core's printEvent after the API server's conversion to the
// internal core Event (Convert_v1_Event_To_core_Event).
import { eventColumns, eventRowCells } from './core.js';
import type { HandlerGroup } from './common.js';

/** The core/v1 view of an events.k8s.io/v1 Event (one already in core form, as stored, is kept). */
export function coreEventOf(ev: any): any {
  if (ev.involvedObject || (ev.apiVersion === 'v1' && !ev.regarding)) return ev;
  return {
    metadata: ev.metadata,
    involvedObject: ev.regarding ?? {},
    related: ev.related,
    message: ev.note,
    reason: ev.reason,
    type: ev.type,
    action: ev.action,
    source: ev.deprecatedSource ?? {},
    firstTimestamp: ev.deprecatedFirstTimestamp,
    lastTimestamp: ev.deprecatedLastTimestamp,
    count: ev.deprecatedCount,
    eventTime: ev.eventTime,
    series: ev.series,
    reportingComponent: ev.reportingController,
    reportingInstance: ev.reportingInstance,
  };
}

export const EVENTS: HandlerGroup = {
  group: 'events.k8s.io',
  handlers: {
    events: { columns: eventColumns, row: (ev, now) => eventRowCells(coreEventOf(ev), now) },
  },
};
