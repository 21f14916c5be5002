// storage.k8s.io/v1 handlers of pkg/printers/internalversion/printers.go AddHandlers.
import { age, ageCol, col, name, nameCol, quantityString, type HandlerGroup } from './common.js';

/** storageutil.IsDefaultAnnotation: the GA or the beta is-default-class annotation set to "true". */
function isDefaultClass(o: any): boolean {
  const a = o.metadata?.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

const bool = (v: any, dflt: boolean) => (v === undefined || v === null ? dflt : !!v);

export const STORAGE: HandlerGroup = {
  group: 'storage.k8s.io',
  handlers: {
    storageclasses: {
      columns: [nameCol, col('Provisioner'), col('ReclaimPolicy'), col('VolumeBindingMode'), col('AllowVolumeExpansion'), ageCol],
      row: (sc, now) => [
        isDefaultClass(sc) ? `${name(sc)} (default)` : name(sc),
        sc.provisioner ?? '',
        sc.reclaimPolicy ?? 'Delete',
        sc.volumeBindingMode ?? 'Immediate',
        bool(sc.allowVolumeExpansion, false),
        age(sc, now),
      ],
    },
    volumeattachments: {
      columns: [nameCol, col('Attacher', 'string', 0, 'name'), col('PV'), col('Node'), col('Attached', 'boolean'), ageCol],
      row: (va, now) => [
        name(va), va.spec?.attacher ?? '', va.spec?.source?.persistentVolumeName ?? '', va.spec?.nodeName ?? '',
        bool(va.status?.attached, false), age(va, now),
      ],
    },
    csinodes: {
      columns: [nameCol, col('Drivers', 'integer'), ageCol],
      row: (n, now) => [name(n), (n.spec?.drivers ?? []).length, age(n, now)],
    },
    csidrivers: {
      columns: [
        nameCol, col('AttachRequired', 'boolean'), col('PodInfoOnMount', 'boolean'), col('StorageCapacity', 'boolean'),
        col('TokenRequests'), col('RequiresRepublish', 'boolean'), col('Modes'), ageCol,
      ],
      row: (d, now) => {
        const s = d.spec ?? {};
        const modes = (s.volumeLifecycleModes ?? []).join(',');
        const tokens = s.tokenRequests === undefined || s.tokenRequests === null ? '<unset>' : s.tokenRequests.map((t: any) => t.audience ?? '').join(',');
        return [
          name(d), bool(s.attachRequired, true), bool(s.podInfoOnMount, false), bool(s.storageCapacity, false),
          tokens, bool(s.requiresRepublish, false), modes.length > 0 ? modes : '<none>', age(d, now),
        ];
      },
    },
    csistoragecapacities: {
      // no AGE column upstream
      columns: [nameCol, col('StorageClassName'), col('Capacity')],
      row: (c) => [name(c), c.storageClassName ?? '', c.capacity === undefined || c.capacity === null ? '<unset>' : quantityString(c.capacity)],
    },
  },
};
