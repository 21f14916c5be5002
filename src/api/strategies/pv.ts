// core/v1 PersistentVolume: SetDefaults_PersistentVolume, ValidatePersistentVolume.
import { goQuote } from '../gofmt.js';
import { nameIsDNSSubdomain } from '../names.js';
import { type Errs, isObj, notSupported, required, specOf, str } from './field.js';
import { validateObjectMeta } from './meta.js';
import { validateAccessModes } from './pvc.js';
import type { Strategy } from './types.js';

// the volume sources a PersistentVolumeSpec may carry (exactly one)
const PV_SOURCES = ['gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'iscsi', 'cinder', 'cephfs',
  'fc', 'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume',
  'scaleIO', 'local', 'storageos', 'csi'];

function validate(pv: any): Errs {
  const errs = validateObjectMeta(pv.metadata, false, nameIsDNSSubdomain);
  const spec = isObj(pv.spec) ? pv.spec : {};
  errs.push(...validateAccessModes(spec.accessModes, 'spec.accessModes', ''));
  const cap = isObj(spec.capacity) ? spec.capacity : {};
  if (Object.keys(cap).length === 0) errs.push(required('spec.capacity'));
  if (!('storage' in cap) || Object.keys(cap).length > 1) {
    const v = `core.ResourceList{${Object.keys(cap).sort().map((k) => `${goQuote(k)}:resource.MustParse(${goQuote(str(cap[k]) || String(cap[k]))})`).join(', ')}}`;
    errs.push(notSupported('spec.capacity', v, ['storage']));
  }
  const rp = str(spec.persistentVolumeReclaimPolicy);
  if (rp && !['Delete', 'Recycle', 'Retain'].includes(rp)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', goQuote(rp), ['Delete', 'Recycle', 'Retain']));
  const n = PV_SOURCES.filter((k) => spec[k] != null).length;
  if (n === 0) errs.push(required('spec', 'must specify a volume type'));
  if (isObj(spec.hostPath) && !str(spec.hostPath.path)) errs.push(required('spec.hostPath.path'));
  if (isObj(spec.nfs)) {
    if (!str(spec.nfs.server)) errs.push(required('spec.nfs.server'));
    if (!str(spec.nfs.path)) errs.push(required('spec.nfs.path'));
  }
  return errs;
}

export const pvStrategy: Strategy = {
  defaults(pv) {
    const spec = specOf(pv);
    if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
    if (spec.volumeMode == null) spec.volumeMode = 'Filesystem';
    if (isObj(spec.hostPath) && spec.hostPath.type == null) spec.hostPath.type = '';
    const status = (pv.status = isObj(pv.status) ? pv.status : {});
    if (!status.phase) status.phase = 'Pending';
  },
  prepareForUpdate(pv, old) { pv.status = old.status; },
  validate,
};
