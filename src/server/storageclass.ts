// The DefaultStorageClass admission plugin (plugin/pkg/admission/storage/storageclass/setdefault).
import type { AdmissionPlugin } from './admission.js';
import { admitDefaultStorageClass } from '../api/storageclass.js';

export const defaultStorageClass: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  handles: (a) => a.info.resource === 'persistentvolumeclaims' && a.info.group === '' && a.operation === 'CREATE',
  admit: (a) => admitDefaultStorageClass(a.obj, a.cluster.list('storageclasses')),
};
