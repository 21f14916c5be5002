// kubectl create configmap NAME --from-literal|--from-file|--from-env-file [--append-hash]
// (create_configmap.go: createConfigMap and its handle*Sources helpers).
import type { KObject } from '../../api/types.js';
import { UserError } from '../../api/errors.js';
import { configMapHash, envFilePairs, fileSourceEntries, isConfigMapKey, parseLiteralSource, readSourceFile, validUtf8 } from './sources.js';
import { typedObject } from './typed.js';

export interface DataSources {
  name: string;
  namespace?: string;
  fromFile: string[];
  fromLiteral: string[];
  fromEnvFile: string[];
  appendHash: boolean;
}

/** ConfigMapOptions.Validate / CreateSecretOptions.Validate */
export function validateSources(o: DataSources): void {
  if (!o.name) throw new UserError('name must be specified');
  if (o.fromEnvFile.length && (o.fromFile.length || o.fromLiteral.length)) {
    throw new UserError('from-env-file cannot be combined with from-file or from-literal');
  }
}

export function buildConfigMap(o: DataSources): KObject {
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  const validateNew = (key: string) => {
    const errs = isConfigMapKey(key);
    if (errs.length) throw new UserError(`${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
    if (key in data) throw new UserError(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(o.name)}`);
    if (key in binaryData) throw new UserError(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in BinaryData for ConfigMap ${JSON.stringify(o.name)}`);
  };
  const addLiteral = (key: string, value: string) => { validateNew(key); data[key] = value; };
  for (const src of o.fromFile) {
    for (const { key, file } of fileSourceEntries(src)) {
      const bytes = readSourceFile(file);
      if (validUtf8(bytes)) addLiteral(key, bytes.toString('utf8'));
      else { validateNew(key); binaryData[key] = bytes.toString('base64'); }
    }
  }
  for (const src of o.fromLiteral) addLiteral(...parseLiteralSource(src));
  for (const file of o.fromEnvFile) {
    for (const [k, v] of envFilePairs(file, 'env config file cannot be a directory')) addLiteral(k, v);
  }
  const cm = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: o.name, namespace: o.namespace }, data, binaryData };
  if (o.appendHash) cm.metadata.name = `${o.name}-${configMapHash(cm)}`;
  return typedObject(cm);
}
