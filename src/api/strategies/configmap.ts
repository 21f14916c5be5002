// core/v1 ConfigMap: ValidateConfigMap / ValidateConfigMapUpdate (keys, size, immutable).
import { goQuote } from '../gofmt.js';
import { isConfigMapKey, nameIsDNSSubdomain } from '../names.js';
import { type Errs, forbidden, invalid, isObj, semanticEqual, sortedKeys, str, tooLong } from './field.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';
import { bytesMapDecodeError } from './base64.js';

const MAX_CONFIGMAP_SIZE = 1024 * 1024;

function validate(cm: any): Errs {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain);
  let size = 0;
  const binary = isObj(cm.binaryData) ? cm.binaryData : {};
  for (const k of sortedKeys(cm.data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(`data[${k}]`, goQuote(k), m));
    if (k in binary) errs.push(invalid(`data[${k}]`, goQuote(k), 'duplicate of key present in binaryData'));
    size += Buffer.byteLength(str(cm.data[k]));
  }
  for (const k of sortedKeys(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(`binaryData[${k}]`, goQuote(k), m));
    size += Buffer.from(str(binary[k]), 'base64').length;
  }
  if (size > MAX_CONFIGMAP_SIZE) errs.push(tooLong('', MAX_CONFIGMAP_SIZE));
  return errs;
}

/** The immutable flag of ConfigMaps and Secrets: once true, data and the flag itself are fixed. */
export function validateImmutableData(obj: any, old: any, dataFields: string[]): Errs {
  const errs: Errs = [];
  if (old.immutable !== true) return errs;
  if (obj.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of dataFields) {
    if (!semanticEqual(obj[f], old[f])) errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

export const configMapStrategy: Strategy = {
  noStatus: true,
  decodeError: (cm) => bytesMapDecodeError(cm.binaryData, 'ConfigMap.binaryData'),
  goType: 'v1.ConfigMap',
  validate,
  validateUpdate: (cm, old) => [...validateImmutableData(cm, old, ['data', 'binaryData']), ...validate(cm)],
};
