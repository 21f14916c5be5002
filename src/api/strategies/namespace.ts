// core/v1 Namespace: the name label (SetDefaults_Namespace), PrepareForCreate's finalizer and phase,
// ValidateNamespace / ValidateNamespaceUpdate.
import { goQuote } from '../gofmt.js';
import { isQualifiedName, nameIsDNSLabel } from '../names.js';
import { type Errs, arr, invalid, isObj, specOf, str } from './field.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

function validate(ns: any): Errs {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
  for (const f of arr(ns.spec?.finalizers)) for (const m of isQualifiedName(str(f))) errs.push(invalid('spec.finalizers', goQuote(str(f)), m));
  return errs;
}

export const namespaceStrategy: Strategy = {
  goType: 'v1.Namespace',
  defaults(ns) {
    const name = ns.metadata?.name;
    if (name) ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
    const spec = specOf(ns);
    // namespace registry PrepareForCreate
    if (!Array.isArray(spec.finalizers) || spec.finalizers.length === 0) spec.finalizers = ['kubernetes'];
    const status = (ns.status = isObj(ns.status) ? ns.status : {});
    if (!status.phase) status.phase = 'Active';
  },
  // PrepareForUpdate: finalizers and status are not changed by an update of the object
  prepareForUpdate(ns, old) {
    ns.spec = old.spec;
    ns.status = old.status;
  },
  validate,
};
