// kubectl create priorityclass NAME --value=N (create_priorityclass.go).
import type { KObject } from '../../api/types.js';
import { typedObject } from './typed.js';

export function buildPriorityClass(name: string, value: number, globalDefault: boolean, description: string, preemptionPolicy: string): KObject {
  return typedObject({ kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: { name }, value, globalDefault, description, preemptionPolicy });
}
