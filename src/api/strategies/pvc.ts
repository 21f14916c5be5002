// core/v1 PersistentVolumeClaim: SetDefaults_PersistentVolumeClaim(Spec), ValidatePersistentVolumeClaim(Update).
import { goQuote } from '../gofmt.js';
import { nameIsDNSSubdomain } from '../names.js';
import { type Errs, arr, forbidden, isObj, notSupported, required, specOf, str, semanticEqual } from './field.js';
import { goDiff } from './godiff.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/** Also applied to a StatefulSet's volumeClaimTemplates. */
export function defaultPVC(pvc: any) {
  const spec = specOf(pvc);
  if (spec.volumeMode == null) spec.volumeMode = 'Filesystem';
  const status = (pvc.status = isObj(pvc.status) ? pvc.status : {});
  if (!status.phase) status.phase = 'Pending';
}

export function validateAccessModes(modes: any, field: string, requiredDetail: string): Errs {
  const errs: Errs = [];
  const list = arr(modes);
  if (list.length === 0) errs.push(required(field, requiredDetail));
  for (const m of list) if (!ACCESS_MODES.includes(str(m))) errs.push(notSupported(field, goQuote(str(m)), ACCESS_MODES));
  if (list.includes('ReadWriteOncePod') && list.length > 1) errs.push(forbidden(field, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function validate(pvc: any): Errs {
  const errs = validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain);
  const spec = isObj(pvc.spec) ? pvc.spec : {};
  errs.push(...validateAccessModes(spec.accessModes, 'spec.accessModes', 'at least 1 access mode is required'));
  const storage = spec.resources?.requests?.storage;
  if (storage == null) errs.push(required('spec.resources[storage]'));
  const vm = spec.volumeMode;
  if (vm != null && vm !== 'Block' && vm !== 'Filesystem') errs.push(notSupported('spec.volumeMode', goQuote(str(vm)), ['Block', 'Filesystem']));
  return errs;
}

function validateUpdate(pvc: any, old: any): Errs {
  const errs = validate(pvc);
  const n = { ...(pvc.spec ?? {}) };
  const o = old.spec ?? {};
  // a bound claim may grow its storage request (and change its volumeAttributesClassName)
  const bound = old.status?.phase === 'Bound';
  if (bound) {
    n.resources = o.resources; n.volumeAttributesClassName = o.volumeAttributesClassName;
    if (o.volumeAttributesClassName === undefined) delete n.volumeAttributesClassName;
    if (o.resources === undefined) delete n.resources;
  }
  if (!semanticEqual(n, o)) {
    errs.push(forbidden('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${goDiff('core.PersistentVolumeClaimSpec', 'v1.PersistentVolumeClaimSpec', o, n)}`));
  }
  return errs;
}

export const pvcStrategy: Strategy = {
  defaults: defaultPVC,
  prepareForCreate(pvc) { pvc.status = { phase: 'Pending' }; },
  prepareForUpdate(pvc, old) { pvc.status = old.status; },
  validate,
  validateUpdate,
};
