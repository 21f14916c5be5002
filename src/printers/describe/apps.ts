// describeDaemonSet, describeStatefulSet and describeReplicationController (describe.go).
import { storageClassOf } from '../storageutil.js';
import type { KObject } from '../../api/types.js';
import { selectorString, formatLabels } from '../labels.js';
import { PrefixWriter, LEVEL_0, LEVEL_1 } from './writer.js';
import { formatRFC1123Z, printLabelsMultiline, printAnnotationsMultiline, describeEventsInto } from './common.js';
import { describePodTemplateInto } from './pod.js';
import { quantityString, goList } from './volumes.js';
import { podsMatching, podStatusForController, type DescribeContext } from './context.js';

const podsStatusLine = (s: ReturnType<typeof podStatusForController>) => `Pods Status:\t${s.running} Running / ${s.waiting} Waiting / ${s.succeeded} Succeeded / ${s.failed} Failed\n`;

/** describeDaemonSet */
export function describeDaemonSet(ds: KObject, ctx: DescribeContext): string {
  const md = ds.metadata ?? {};
  const spec = ds.spec ?? {};
  const st = ds.status ?? {};
  const counts = podStatusForController(podsMatching(ctx.view, md.namespace, spec.selector), md.uid);
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(spec.template?.spec?.nodeSelector)}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(LEVEL_0, podsStatusLine(counts));
  describePodTemplateInto(w, spec.template ?? {});
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}

/** describeVolumeClaimTemplates */
function describeVolumeClaimTemplates(w: PrefixWriter, templates: any[] | undefined): void {
  if (!templates || templates.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of templates) {
    w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_1, `StorageClass:\t${storageClassOf(pvc)}\n`);
    printLabelsMultiline(w, 'Labels', pvc.metadata?.labels, '  ');
    printLabelsMultiline(w, 'Annotations', pvc.metadata?.annotations, '  ');
    const storage = pvc.spec?.resources?.requests?.storage;
    w.write(LEVEL_1, `Capacity:\t${storage !== undefined ? quantityString(storage) : '<default>'}\n`);
    w.write(LEVEL_1, `Access Modes:\t${goList(pvc.spec?.accessModes)}\n`);
  }
}

/** describeStatefulSet */
export function describeStatefulSet(sts: KObject, ctx: DescribeContext): string {
  const md = sts.metadata ?? {};
  const spec = sts.spec ?? {};
  const counts = podStatusForController(podsMatching(ctx.view, md.namespace, spec.selector), md.uid);
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(md.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined && ru.partition !== null) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(LEVEL_0, podsStatusLine(counts));
  describePodTemplateInto(w, spec.template ?? {});
  describeVolumeClaimTemplates(w, spec.volumeClaimTemplates);
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}

/** describeReplicationController: pods found by its equality selector, counted when it controls them. */
export function describeReplicationController(rc: KObject, ctx: DescribeContext): string {
  const md = rc.metadata ?? {};
  const spec = rc.spec ?? {};
  const counts = podStatusForController(podsMatching(ctx.view, md.namespace, spec.selector, true), md.uid);
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${spec.replicas ?? 0} desired\n`);
  w.write(LEVEL_0, podsStatusLine(counts));
  describePodTemplateInto(w, spec.template);
  const conds: any[] = rc.status?.conditions ?? [];
  if (conds.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}
