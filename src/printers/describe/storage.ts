// describePersistentVolume, describePersistentVolumeClaim and describeStorageClass (describe.go).
import { accessModesString, storageClassOf } from '../storageutil.js';
import type { KObject } from '../../api/types.js';
import { formatLabels } from '../labels.js';
import { translateTimestampSince } from '../duration.js';
import { PrefixWriter, LEVEL_0, LEVEL_1, LEVEL_2 } from './writer.js';
import { formatRFC1123Z, printLabelsMultiline, printAnnotationsMultiline, describeEventsInto } from './common.js';
import { PV_SOURCES, printVolumeSource, printPersistentVolumeClaim, quantityString, goList } from './volumes.js';
import type { DescribeContext } from './context.js';

/** printNodeSelectorTermsMultilineWithIndent */
function printNodeSelectorTerms(w: PrefixWriter, level: number, title: string, reqs: any[] | undefined): void {
  w.write(level, `${title}:\t`);
  if (!reqs || reqs.length === 0) {
    w.writeLine('<none>');
    return;
  }
  reqs.forEach((r, i) => {
    if (i !== 0) w.write(level, '\t');
    let s = `${r.key} ${String(r.operator ?? '').toLowerCase()}`;
    if ((r.values ?? []).length > 0) s += ` [${r.values.join(', ')}]`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** printVolumeNodeAffinity */
function printVolumeNodeAffinity(w: PrefixWriter, affinity: any): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  if (!affinity?.required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  const terms: any[] = affinity.required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((t, i) => printNodeSelectorTerms(w, LEVEL_2, `Term ${i}`, t.matchExpressions));
}

/** describePersistentVolume */
export function describePersistentVolume(pv: KObject, ctx: DescribeContext): string {
  const md = pv.metadata ?? {};
  const spec = pv.spec ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goList(md.finalizers)}\n`);
  w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pv)}\n`);
  if (md.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(md.deletionTimestamp, ctx.now)})\n`);
  else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
  w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
  w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(LEVEL_0, `Capacity:\t${quantityString(spec.capacity?.storage)}\n`);
  printVolumeNodeAffinity(w, spec.nodeAffinity);
  w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(LEVEL_0, 'Source:\n');
  printVolumeSource(PV_SOURCES, spec, w);
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}

/** getPodsForPVC: pods of the namespace mounting the claim, then pods owning it (ephemeral volumes). */
export function podsForPVC(pvc: KObject, pods: KObject[]): KObject[] {
  const name = pvc.metadata?.name;
  const out: KObject[] = [];
  for (const p of pods) {
    for (const v of p.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName === name) out.push(p);
  }
  for (const ref of pvc.metadata?.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = pods.find((p) => p.metadata?.uid === ref.uid);
    if (!owner || out.some((p) => p.metadata?.uid === owner.metadata?.uid)) continue;
    out.push(owner);
  }
  return out;
}

/** describePersistentVolumeClaim: the claim, the pods using it ("Used By"), conditions, events. */
export function describePersistentVolumeClaim(pvc: KObject, ctx: DescribeContext): string {
  const pods = podsForPVC(pvc, ctx.view.list('pods', pvc.metadata?.namespace));
  const w = new PrefixWriter();
  printPersistentVolumeClaim(w, pvc, true, ctx.now);
  // printPodsMultiline: sorted by name
  w.write(LEVEL_0, 'Used By:\t');
  if (pods.length === 0) w.writeLine('<none>');
  const names = pods.map((p) => p.metadata?.name ?? '').sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  names.forEach((n, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${n}\n`);
  });
  const conds: any[] = pvc.status?.conditions ?? [];
  if (conds.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastProbeTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}

/** storageutil.IsDefaultAnnotationText */
function isDefaultAnnotationText(md: any): string {
  const a = md.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true' ? 'Yes' : 'No';
}

const boolPtr = (x: any) => (x === undefined || x === null ? '<unset>' : x ? 'True' : 'False');

/** describeStorageClass */
export function describeStorageClass(sc: KObject, ctx: DescribeContext): string {
  const md = sc.metadata ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultAnnotationText(md)}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(md.annotations)}\n`);
  w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(LEVEL_0, `AllowVolumeExpansion:\t${boolPtr(sc.allowVolumeExpansion)}\n`);
  const opts: string[] = sc.mountOptions ?? [];
  if (opts.length === 0) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
  else {
    w.write(LEVEL_0, 'MountOptions:\n');
    for (const o of opts) w.write(LEVEL_1, `${o}\n`);
  }
  if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  if (sc.allowedTopologies) {
    w.write(LEVEL_0, 'AllowedTopologies:\t');
    const terms: any[] = sc.allowedTopologies;
    if (terms.length === 0) w.writeLine('<none>');
    else {
      w.writeLine('');
      terms.forEach((t, i) => {
        w.write(LEVEL_1, `Term ${i}:\t`);
        const reqs: any[] = t.matchLabelExpressions ?? [];
        if (reqs.length === 0) w.writeLine('<none>');
        reqs.forEach((r, j) => {
          if (j !== 0) w.write(LEVEL_1, '\t');
          let s = `${r.key} in`;
          if ((r.values ?? []).length > 0) s += ` [${r.values.join(', ')}]`;
          w.write(LEVEL_0, `${s}\n`);
        });
      });
    }
  }
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}

/** describeCSINode */
export function describeCSINode(csi: KObject, ctx: DescribeContext): string {
  const md = csi.metadata ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(md.creationTimestamp)}\n`);
  w.write(LEVEL_0, 'Spec:\n');
  const drivers: any[] | undefined = csi.spec?.drivers;
  if (drivers) {
    w.write(LEVEL_1, 'Drivers:\n');
    for (const d of drivers) {
      w.write(LEVEL_2, `${d.name ?? ''}:\n`);
      w.write(LEVEL_2 + 1, `Node ID:\t${d.nodeID ?? ''}\n`);
      if (d.allocatable?.count !== undefined && d.allocatable?.count !== null) {
        w.write(LEVEL_2 + 1, 'Allocatables:\n');
        w.write(LEVEL_2 + 2, `Count:\t${d.allocatable.count}\n`);
      }
      if (d.topologyKeys) w.write(LEVEL_2 + 1, `Topology Keys:\t${goList(d.topologyKeys)}\n`);
    }
  }
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}
