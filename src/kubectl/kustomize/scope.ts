// openapi.IsCertainlyClusterScoped: kinds kustomize knows are cluster scoped; unknown kinds are namespaced.
import type { KObject } from '../../api/types.js';
import { resourceForKind } from '../../api/resources.js';

export function isClusterScopedKind(obj: KObject): boolean {
  const info = resourceForKind(String(obj.apiVersion ?? ''), String(obj.kind ?? ''));
  return info ? !info.namespaced : false;
}
