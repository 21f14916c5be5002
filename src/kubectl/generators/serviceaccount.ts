// kubectl create serviceaccount NAME (create_serviceaccount.go).
import type { KObject } from '../../api/types.js';
import { typedObject } from './typed.js';

export function buildServiceAccount(name: string, namespace: string | undefined): KObject {
  return typedObject({ kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name, namespace } });
}
