// kubectl create namespace NAME (create_namespace.go).
import type { KObject } from '../../api/types.js';
import { typedObject } from './typed.js';

export function buildNamespace(name: string): KObject {
  return typedObject({ kind: 'Namespace', apiVersion: 'v1', metadata: { name } });
}
