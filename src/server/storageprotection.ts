// The StorageObjectInUseProtection admission plugin (plugin/pkg/admission/storage/storageobjectinuseprotection):
// every new PersistentVolumeClaim gets the kubernetes.io/pvc-protection finalizer and every new
// PersistentVolume kubernetes.io/pv-protection, which the pvc-/pv-protection controllers remove once the
// object is no longer in use (src/controllers/volume/protection.ts).
import type { AdmissionPlugin } from './admission.js';
import { PVCProtectionFinalizer, PVProtectionFinalizer } from '../controllers/volume/protection.js';

const FINALIZER: Record<string, string> = {
  persistentvolumeclaims: PVCProtectionFinalizer,
  persistentvolumes: PVProtectionFinalizer,
};

export const storageObjectInUseProtection: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  handles: (a) => a.info.group === '' && a.operation === 'CREATE' && a.info.resource in FINALIZER,
  admit(a) {
    const f = FINALIZER[a.info.resource];
    const md = a.obj.metadata ?? (a.obj.metadata = {});
    const fins: string[] = Array.isArray(md.finalizers) ? md.finalizers : [];
    if (!fins.includes(f)) md.finalizers = [...fins, f];
  },
};
