// describeDeployment and describeReplicaSet (describe.go).
import type { KObject } from '../../api/types.js';
import { selectorString, formatLabelSelector } from '../labels.js';
import { parseTime } from '../duration.js';
import { PrefixWriter, LEVEL_0, LEVEL_1 } from './writer.js';
import { formatRFC1123Z, printLabelsMultiline, printAnnotationsMultiline, printController, describeEventsInto } from './common.js';
import { describePodTemplateInto } from './pod.js';

/** apiequality.Semantic.DeepEqual on JSON data: nil and empty maps/slices are equal. */
export function semanticEqual(a: any, b: any): boolean {
  const isEmpty = (x: any) =>
    x === undefined || x === null || (Array.isArray(x) && x.length === 0) || (typeof x === 'object' && !Array.isArray(x) && Object.keys(x).every((k) => x[k] === undefined));
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b) && (typeof a === 'object' || a === undefined) && (typeof b === 'object' || b === undefined)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

function withoutHash(t: any): any {
  const c = JSON.parse(JSON.stringify(t ?? {}));
  if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
  return c;
}

/** deploymentutil.EqualIgnoreHash */
export function equalIgnoreHash(t1: any, t2: any): boolean {
  return semanticEqual(withoutHash(t1), withoutHash(t2));
}

/** ReplicaSetsByCreationTimestamp: oldest first, ties by name. */
export function sortByCreation<T extends KObject>(rss: T[]): T[] {
  return [...rss].sort((a, b) => {
    const ta = parseTime(a.metadata?.creationTimestamp) ?? 0;
    const tb = parseTime(b.metadata?.creationTimestamp) ?? 0;
    if (ta !== tb) return ta - tb;
    const na = a.metadata?.name ?? '';
    const nb = b.metadata?.name ?? '';
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
}

/**
 * FindNewReplicaSet / FindOldReplicaSets (second result: all old RSs, 0/0
 * included), in creation order as deploymentutil leaves them.
 */
export function splitReplicaSets(d: KObject, rss: KObject[]): { newRS?: KObject; oldRSs: KObject[] } {
  const sorted = sortByCreation(rss);
  const newRS = sorted.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  const oldRSs = sorted.filter((rs) => rs !== newRS);
  return { newRS, oldRSs };
}

function printReplicaSetsByLabels(rss: KObject[]): string {
  const list = rss.map((rs) => `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
  return list === '' ? '<none>' : list;
}

const intStr = (v: any) => (v === undefined || v === null ? '<nil>' : String(v));

/** describeDeployment: `rss` are all ReplicaSets the deployment controls (any order). */
export function describeDeployment(d: KObject, rss: KObject[], events: KObject[] | undefined | null, now: number): string {
  const { newRS, oldRSs } = splitReplicaSets(d, rss);
  const w = new PrefixWriter();
  const md = d.metadata ?? {};
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(md.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intStr(ru.maxUnavailable)} max unavailable, ${intStr(ru.maxSurge)} max surge\n`);
  describePodTemplateInto(w, spec.template);
  const conds: any[] = st.conditions ?? [];
  if (conds.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  if (oldRSs.length > 0 || newRS) {
    w.write(LEVEL_0, `OldReplicaSets:\t${printReplicaSetsByLabels(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${printReplicaSetsByLabels(newRS ? [newRS] : [])}\n`);
  }
  if (events) describeEventsInto(w, events, now);
  return w.toString();
}

/** describeReplicaSet: `pods` are the pods it controls (counted by phase). */
export function describeReplicaSet(rs: KObject, pods: KObject[], events: KObject[] | undefined | null, now: number): string {
  const uid = rs.metadata?.uid;
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const p of pods) {
    const ref = (p.metadata?.ownerReferences ?? []).find((r) => r.controller);
    if (uid && (!ref || ref.uid !== uid)) continue;
    switch (p.status?.phase) {
      case 'Running':
        running++;
        break;
      case 'Pending':
        waiting++;
        break;
      case 'Succeeded':
        succeeded++;
        break;
      case 'Failed':
        failed++;
        break;
    }
  }
  const w = new PrefixWriter();
  const md = rs.metadata ?? {};
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  const cb = printController(rs);
  if (cb) w.write(LEVEL_0, `Controlled By:\t${cb}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(LEVEL_0, 'Pods Status:\t');
  w.write(LEVEL_0, `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed\n`);
  describePodTemplateInto(w, rs.spec?.template);
  const conds: any[] = rs.status?.conditions ?? [];
  if (conds.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  if (events) describeEventsInto(w, events, now);
  return w.toString();
}
