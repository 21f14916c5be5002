// storage.k8s.io/v1 StorageClass: SetDefaults_StorageClass, ValidateStorageClass(Update).
import { goQuote } from '../gofmt.js';
import { nameIsDNSSubdomain } from '../names.js';
import { type Errs, forbidden, immutable, notSupported, required, semanticEqual, str } from './field.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

function validate(sc: any): Errs {
  const errs = validateObjectMeta(sc.metadata, false, nameIsDNSSubdomain);
  if (!str(sc.provisioner)) errs.push(required('provisioner'));
  const rp = str(sc.reclaimPolicy);
  if (rp && !['Delete', 'Retain'].includes(rp)) errs.push(notSupported('reclaimPolicy', goQuote(rp), ['Delete', 'Retain']));
  const bm = str(sc.volumeBindingMode);
  if (!bm) errs.push(required('volumeBindingMode'));
  else if (!['Immediate', 'WaitForFirstConsumer'].includes(bm)) errs.push(notSupported('volumeBindingMode', goQuote(bm), ['Immediate', 'WaitForFirstConsumer']));
  return errs;
}

export const storageClassStrategy: Strategy = {
  noStatus: true,
  defaults(sc) {
    if (!sc.reclaimPolicy) sc.reclaimPolicy = 'Delete';
    if (!sc.volumeBindingMode) sc.volumeBindingMode = 'Immediate';
  },
  validate,
  validateUpdate: (sc, old) => {
    const errs = validate(sc);
    if (!semanticEqual(sc.parameters, old.parameters)) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
    if (str(sc.provisioner) !== str(old.provisioner)) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (str(sc.reclaimPolicy) !== str(old.reclaimPolicy)) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    errs.push(...immutable(sc.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode', (v) => goQuote(str(v))));
    return errs;
  },
};
