// The one registry strategy of every custom resource (apiextensions-apiserver pkg/registry/customresource/strategy.go),
// parameterised by its CRD version: the decoder's pruning and the schema's defaults, status reset on create and kept on
// update when the status subresource is on, and validation of metadata and of the structural schema.
import type { KObject } from '../types.js';
import { StatusError } from '../errors.js';
import type { Strategy } from '../strategies/types.js';
import { validateObjectMeta } from '../strategies/meta.js';
import { nameIsDNSSubdomain } from '../names.js';
import { crdVersion } from './served.js';
import { applySchemaDefaults, dropNulls, prune, validateSchema } from './schema.js';

export function customResourceStrategy(crd: KObject, version: string): Strategy {
  const v = crdVersion(crd, version) ?? {};
  const schema = v.schema?.openAPIV3Schema;
  const statusSub = !!v.subresources?.status;
  const namespaced = (crd.spec as any)?.scope === 'Namespaced';
  return {
    // a custom resource has whatever top-level fields its schema allows: none is added
    noStatus: true,
    unknownFields(obj: KObject): string[] {
      return prune(structuredClone(obj), schema);
    },
    defaults(obj: any): void {
      prune(obj, schema);
      dropNulls(obj, schema);
      applySchemaDefaults(obj, schema);
    },
    prepareForCreate(obj: any): void {
      // the crdHandler refuses creates while the CRD is being deleted
      if (((crd.status as any)?.conditions ?? []).some((c: any) => c.type === 'Terminating' && c.status === 'True')) {
        throw new StatusError(405, 'MethodNotAllowed', 'create not allowed while custom resource definition is terminating');
      }
      if (statusSub) delete obj.status;
    },
    prepareForUpdate(obj: any, old: KObject): void {
      if (!statusSub) return;
      if ('status' in old) obj.status = (old as any).status;
      else delete obj.status;
    },
    validate(obj: KObject) {
      return [...validateObjectMeta(obj.metadata, namespaced, nameIsDNSSubdomain), ...validateSchema(obj, schema)];
    },
  };
}
