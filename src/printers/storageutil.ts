// Volume helpers shared by the get tables and the describers (upstream's storageutil / helper).

/** GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, duplicates dropped. */
export function accessModesString(modes: string[] | undefined): string {
  const m = new Set(modes ?? []);
  const out: string[] = [];
  if (m.has('ReadWriteOnce')) out.push('RWO');
  if (m.has('ReadOnlyMany')) out.push('ROX');
  if (m.has('ReadWriteMany')) out.push('RWX');
  if (m.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** GetPersistentVolumeClass / GetPersistentVolumeClaimClass: the beta annotation wins. */
export function storageClassOf(o: any): string {
  const ann = o.metadata?.annotations ?? {};
  if (BETA_STORAGE_CLASS in ann) return ann[BETA_STORAGE_CLASS];
  return o.spec?.storageClassName ?? '';
}
