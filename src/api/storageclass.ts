// The default StorageClass (k8s.io/component-helpers/storage/volume GetDefaultClass and the
// storageutil IsDefaultAnnotation): the class the DefaultStorageClass admission plugin gives a claim
// that names none, and what `get sc` marks "(default)".
import type { KObject } from './types.js';
import { parseTime } from '../sim/clock.js';

export const IsDefaultStorageClassAnnotation = 'storageclass.kubernetes.io/is-default-class';
export const BetaIsDefaultStorageClassAnnotation = 'storageclass.beta.kubernetes.io/is-default-class';

export function isDefaultAnnotation(sc: KObject): boolean {
  const a = sc.metadata?.annotations || {};
  return a[IsDefaultStorageClassAnnotation] === 'true' || a[BetaIsDefaultStorageClassAnnotation] === 'true';
}

/** GetDefaultClass: of several defaults, the newest (then the name first alphabetically). */
export function getDefaultClass(classes: KObject[]): KObject | undefined {
  const defaults = classes.filter(isDefaultAnnotation);
  if (!defaults.length) return undefined;
  defaults.sort((a, b) => {
    const ta = parseTime(a.metadata?.creationTimestamp) ?? 0;
    const tb = parseTime(b.metadata?.creationTimestamp) ?? 0;
    if (ta !== tb) return tb - ta;
    return a.metadata!.name! < b.metadata!.name! ? -1 : 1;
  });
  return defaults[0];
}

/** DefaultStorageClass admission: a claim without spec.storageClassName gets the default class's name. */
export function admitDefaultStorageClass(pvc: KObject, classes: KObject[]): void {
  const spec = pvc.spec ?? (pvc.spec = {});
  if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
  // the beta annotation also counts as a class request
  if (pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return;
  const def = getDefaultClass(classes);
  if (def) spec.storageClassName = def.metadata!.name;
}
