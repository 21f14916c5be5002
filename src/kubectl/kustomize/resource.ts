// A resource while a kustomization builds: the object plus the names it has had, so name
// references written against an older name can follow it (kustomize's ResId history).
import type { KObject } from '../../api/types.js';

export interface Res {
  obj: KObject;
  /** every name it had, oldest first (the current one last) */
  names: string[];
  /** every namespace it had, oldest first */
  namespaces: string[];
  /** generated ConfigMap/Secret: the hash suffix is added at the end of its kustomization */
  hashSuffix?: boolean;
}

export const nameOf = (r: Res) => String(r.obj.metadata?.name ?? '');
export const nsOf = (r: Res) => String(r.obj.metadata?.namespace ?? '');

export function rename(r: Res, name: string): void {
  r.obj.metadata = { ...(r.obj.metadata ?? {}), name };
  if (r.names[r.names.length - 1] !== name) r.names.push(name);
}

export function setNs(r: Res, namespace: string): void {
  r.obj.metadata = { ...(r.obj.metadata ?? {}), namespace };
  if (r.namespaces[r.namespaces.length - 1] !== namespace) r.namespaces.push(namespace);
}

export function newRes(obj: KObject): Res {
  return { obj, names: [String(obj.metadata?.name ?? '')], namespaces: [String(obj.metadata?.namespace ?? '')] };
}
