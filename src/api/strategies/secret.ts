// core/v1 Secret: decoding of `data` ([]byte: base64), Convert_v1_Secret_To_core_Secret (`stringData` merged into
// `data`), SetDefaults_Secret (type Opaque), ValidateSecret / ValidateSecretUpdate.
import { checkJsonValue, JsonEOF, JsonSyntax } from '../gojson.js';
import { goQuote } from '../gofmt.js';
import { isConfigMapKey, nameIsDNSSubdomain } from '../names.js';
import { bytesMapDecodeError } from './base64.js';
import { validateImmutableData } from './configmap.js';
import { type Errs, immutable, invalid, isObj, required, sortedKeys, str, tooLong } from './field.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

const MAX_SECRET_SIZE = 1024 * 1024;

/** The decoder's error for a `data` value that is not base64, as the API server words it. */
function decodeError(secret: any): string | undefined {
  return bytesMapDecodeError(secret.data, 'Secret.data');
}

const bytesOf = (b64: any) => Buffer.from(str(b64).replace(/[\r\n]/g, ''), 'base64');

/** json.Unmarshal(b, &map[string]interface{}{})'s error, or undefined. */
function jsonObjectError(b: Buffer): string | undefined {
  const text = b.toString('utf8');
  try { checkJsonValue(text); } catch (e) {
    if (e instanceof JsonEOF) return 'unexpected end of JSON input';
    if (e instanceof JsonSyntax) return e.message;
    throw e;
  }
  const v = JSON.parse(text);
  if (!isObj(v) && v !== null) return `json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'bool'} into Go value of type map[string]interface {}`;
  return undefined;
}

function validate(secret: any): Errs {
  const errs = validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain);
  const data = isObj(secret.data) ? secret.data : {};
  let size = 0;
  for (const k of sortedKeys(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(`data[${k}]`, goQuote(k), m));
    size += bytesOf(data[k]).length;
  }
  if (size > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE));
  const has = (k: string) => k in data;
  switch (str(secret.type)) {
    case 'kubernetes.io/service-account-token':
      if (!str(secret.metadata?.annotations?.['kubernetes.io/service-account.name'])) errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = secret.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!has(key)) { errs.push(required(`data[${key}]`)); break; }
      const e = jsonObjectError(bytesOf(data[key]));
      if (e) errs.push(invalid(`data[${key}]`, '"<secret contents redacted>"', e));
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) errs.push(required('data[username]'), required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (bytesOf(data['ssh-privatekey']).length === 0) errs.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required('data[tls.crt]'));
      if (!has('tls.key')) errs.push(required('data[tls.key]'));
      break;
  }
  return errs;
}

export const secretStrategy: Strategy = {
  noStatus: true,
  decodeError,
  defaults(secret) {
    // stringData is write-only: its values replace data's keys (as bytes), then it is dropped
    if (isObj(secret.stringData)) {
      const data = (secret.data = isObj(secret.data) ? secret.data : {});
      for (const [k, v] of Object.entries(secret.stringData)) data[k] = Buffer.from(str(v), 'utf8').toString('base64');
    }
    delete secret.stringData;
    if (isObj(secret.data) && Object.keys(secret.data).length === 0) delete secret.data;
    if (!secret.type) secret.type = 'Opaque';
  },
  validate,
  validateUpdate: (secret, old) => [
    ...immutable(secret.type, old.type, 'type', (v) => goQuote(str(v))),
    ...validateImmutableData(secret, old, ['data']),
    ...validate(secret),
  ],
};
