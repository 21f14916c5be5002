// apiextensions.k8s.io/v1 CustomResourceDefinition: SetDefaults_CustomResourceDefinition(Spec), the registry strategy
// (status reset on create, kept on update, generation on spec changes) and ValidateCustomResourceDefinition
// (apiextensions-apiserver pkg/apis/apiextensions/validation/validation.go) for the mistakes people make: names,
// group, scope, versions and storage, schemas required and structural. Validation runs on the internal version,
// where per-version schemas that are all identical sit in spec.validation: error paths say so, as the server's do.
import { goQuote, goStringSlice } from '../gofmt.js';
import { isDNS1035Label, isDNS1123Subdomain, nameIsDNSSubdomain } from '../names.js';
import { type Errs, arr, forbidden, invalid, isObj, notSupported, required, str } from './field.js';
import { validateObjectMeta } from './meta.js';
import type { Strategy } from './types.js';

export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

export type Condition = { type: string; status: string; reason: string; message: string; lastTransitionTime?: string };

/** SetCRDCondition: a changed status moves lastTransitionTime; same status keeps it. Conditions keep their order. */
export function setCondition(conds: Condition[], c: Condition, now: string): Condition[] {
  const i = conds.findIndex((x) => x.type === c.type);
  if (i < 0) return [...conds, { lastTransitionTime: now, message: c.message, reason: c.reason, status: c.status, type: c.type }];
  const old = conds[i];
  const next = { lastTransitionTime: old.status === c.status ? old.lastTransitionTime : now, message: c.message, reason: c.reason, status: c.status, type: c.type };
  return conds.map((x, j) => (j === i ? next : x));
}

/** The registry's Delete of a CRD (customresourcedefinition/etcd.go): finalizer and Terminating condition first. */
function beforeDelete(crd: any, now: string): any {
  crd.metadata.deletionTimestamp = now;
  crd.metadata.deletionGracePeriodSeconds = 0;
  const fin: string[] = crd.metadata.finalizers ?? [];
  if (!fin.includes(CLEANUP_FINALIZER)) crd.metadata.finalizers = [...fin, CLEANUP_FINALIZER];
  crd.status = { ...(crd.status ?? {}) };
  crd.status.conditions = setCondition(crd.status.conditions ?? [], { type: 'Terminating', status: 'True', reason: 'InstanceDeletionPending', message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon' }, now);
  return crd;
}

function defaults(crd: any): void {
  const spec = isObj(crd.spec) ? crd.spec : (crd.spec = {});
  const names = isObj(spec.names) ? spec.names : (spec.names = {});
  if (!str(names.singular) && str(names.kind)) names.singular = names.kind.toLowerCase();
  if (!str(names.listKind) && str(names.kind)) names.listKind = `${names.kind}List`;
  if (!isObj(spec.conversion)) spec.conversion = { strategy: 'None' };
  if (spec.conversion.strategy === 'Webhook' && !arr(spec.conversion.conversionReviewVersions).length) spec.conversion.conversionReviewVersions = ['v1'];
  const status = isObj(crd.status) ? crd.status : (crd.status = {});
  if (!arr(status.storedVersions).length) {
    const st = arr(spec.versions).find((v: any) => v?.storage);
    if (st) status.storedVersions = [st.name];
  }
}

function prepareForCreate(crd: any): void {
  const spec = crd.spec ?? {};
  // the AcceptedNames struct's plural and kind have no omitempty: the naming controller fills them in
  crd.status = { acceptedNames: { kind: '', plural: '' } };
  const st = arr(spec.versions).find((v: any) => v?.storage);
  if (st) crd.status.storedVersions = [st.name];
}

function prepareForUpdate(crd: any, old: any): void {
  crd.status = structuredClone(old.status ?? {});
  const st = arr(crd.spec?.versions).find((v: any) => v?.storage);
  const stored: string[] = arr(crd.status.storedVersions);
  if (st && !stored.includes(st.name)) crd.status.storedVersions = [...stored, st.name];
}

/** Go's %#v of the internal versions slice (pointers print as addresses upstream; kubesim prints a fixed one). */
function goVersions(versions: any[]): string {
  if (!versions.length) return '[]apiextensions.CustomResourceDefinitionVersion(nil)';
  const ptr = (t: string, v: any) => (v == null ? `(*${t})(nil)` : `(*${t})(0xc000000000)`);
  const one = (v: any) =>
    `apiextensions.CustomResourceDefinitionVersion{Name:${goQuote(str(v.name))}, Served:${!!v.served}, Storage:${!!v.storage}, ` +
    `Deprecated:${!!v.deprecated}, DeprecationWarning:${ptr('string', v.deprecationWarning)}, ` +
    `Schema:${ptr('apiextensions.CustomResourceValidation', v.schema)}, Subresources:${ptr('apiextensions.CustomResourceSubresources', v.subresources)}, ` +
    `AdditionalPrinterColumns:${arr(v.additionalPrinterColumns).length ? '[]apiextensions.CustomResourceColumnDefinition{...}' : '[]apiextensions.CustomResourceColumnDefinition(nil)'}, ` +
    `SelectableFields:[]apiextensions.SelectableField(nil)}`;
  return `[]apiextensions.CustomResourceDefinitionVersion{${versions.map(one).join(', ')}}`;
}

const SCHEMA_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

/** The structural-schema rules people trip over: every specified field has a type, and the types are valid. */
function validateStructural(s: any, path: string, root: boolean, errs: Errs): void {
  if (!isObj(s)) return;
  if (!str(s.type) && !s['x-kubernetes-int-or-string'] && !s['x-kubernetes-preserve-unknown-fields']) {
    errs.push(required(`${path}.type`, root ? 'must not be empty at the root' : 'must not be empty for specified object fields'));
  } else if (str(s.type) && !SCHEMA_TYPES.includes(s.type)) {
    errs.push(notSupported(`${path}.type`, goQuote(s.type), SCHEMA_TYPES));
  }
  if (root && str(s.type) && s.type !== 'object') errs.push(invalid(`${path}.type`, goQuote(s.type), 'must be object at the root'));
  if (isObj(s.properties)) for (const k of Object.keys(s.properties).sort()) validateStructural(s.properties[k], `${path}.properties[${k}]`, false, errs);
  if (isObj(s.items)) validateStructural(s.items, `${path}.items`, false, errs);
  if (isObj(s.additionalProperties)) validateStructural(s.additionalProperties, `${path}.additionalProperties`, false, errs);
}

function validateNames(names: any, errs: Errs): void {
  const p = 'spec.names';
  const dns = (v: string) => isDNS1035Label(v).join(',');
  if (str(names.plural) && dns(names.plural)) errs.push(invalid(`${p}.plural`, goQuote(names.plural), dns(names.plural)));
  if (str(names.singular) && dns(names.singular)) errs.push(invalid(`${p}.singular`, goQuote(names.singular), dns(names.singular)));
  if (str(names.kind) && dns(names.kind.toLowerCase())) errs.push(invalid(`${p}.kind`, goQuote(names.kind), `may have mixed case, but should otherwise match: ${dns(names.kind.toLowerCase())}`));
  if (str(names.listKind) && dns(names.listKind.toLowerCase())) errs.push(invalid(`${p}.listKind`, goQuote(names.listKind), `may have mixed case, but should otherwise match: ${dns(names.listKind.toLowerCase())}`));
  arr(names.shortNames).forEach((s: any, i: number) => { if (dns(str(s))) errs.push(invalid(`${p}.shortNames[${i}]`, goQuote(str(s)), dns(str(s)))); });
  if (str(names.kind) && names.kind === names.listKind) errs.push(invalid(`${p}.listKind`, goQuote(names.listKind), 'kind and listKind may not be the same'));
  arr(names.categories).forEach((s: any, i: number) => { if (dns(str(s))) errs.push(invalid(`${p}.categories[${i}]`, goQuote(str(s)), dns(str(s)))); });
}

function validate(crd: any): Errs {
  const spec = isObj(crd.spec) ? crd.spec : {};
  const names = isObj(spec.names) ? spec.names : {};
  const nameFn = (n: string, prefix: boolean) => {
    const msgs = nameIsDNSSubdomain(n, prefix);
    if (n !== `${str(names.plural)}.${str(spec.group)}`) msgs.push('must be spec.names.plural+"."+spec.group');
    return msgs;
  };
  const errs = validateObjectMeta(crd.metadata, false, nameFn);
  const group = str(spec.group);
  if (!group) errs.push(required('spec.group'));
  else if (isDNS1123Subdomain(group).length) errs.push(invalid('spec.group', goQuote(group), isDNS1123Subdomain(group).join(',')));
  else if (group.split('.').length < 2) errs.push(invalid('spec.group', goQuote(group), 'should be a domain with at least one dot'));
  const scope = str(spec.scope);
  if (!scope) errs.push(required('spec.scope'));
  else if (scope !== 'Cluster' && scope !== 'Namespaced') errs.push(notSupported('spec.scope', goQuote(scope), ['Cluster', 'Namespaced']));

  const versions: any[] = arr(spec.versions);
  // v1 -> internal: schemas identical in every version become the top-level spec.validation
  const schemas = versions.map((v) => v?.schema?.openAPIV3Schema);
  const lifted = versions.length > 0 && schemas.every((s) => isObj(s) && JSON.stringify(s) === JSON.stringify(schemas[0]));
  if (!lifted) {
    versions.forEach((v, i) => { if (!isObj(v?.schema?.openAPIV3Schema)) errs.push(required(`spec.versions[${i}].schema.openAPIV3Schema`, 'schemas are required')); });
  }
  let storage = 0;
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    if (v?.storage) storage++;
    if (seen.has(str(v?.name))) unique = false;
    seen.add(str(v?.name));
    const e = isDNS1035Label(str(v?.name));
    if (e.length) errs.push(invalid(`spec.versions[${i}].name`, goQuote(str(v?.name)), e.join(',')));
    if (!lifted) validateStructural(v?.schema?.openAPIV3Schema, `spec.versions[${i}].schema.openAPIV3Schema`, true, errs);
    arr(v?.additionalPrinterColumns).forEach((c: any, j: number) => {
      const cp = `spec.versions[${i}].additionalPrinterColumns[${j}]`;
      if (!str(c?.name)) errs.push(required(`${cp}.name`));
      if (!str(c?.type)) errs.push(required(`${cp}.type`));
      else if (!['integer', 'number', 'string', 'boolean', 'date'].includes(c.type)) errs.push(notSupported(`${cp}.type`, goQuote(c.type), ['integer', 'number', 'string', 'boolean', 'date']));
      if (!str(c?.jsonPath)) errs.push(required(`${cp}.JSONPath`));
    });
  });
  if (!unique) errs.push(invalid('spec.versions', goVersions(versions), 'must contain unique version names'));
  if (storage !== 1) errs.push(invalid('spec.versions', goVersions(versions), 'must have exactly one version marked as storage version'));
  if (!str(names.plural)) errs.push(required('spec.names.plural'));
  if (!str(names.singular)) errs.push(required('spec.names.singular'));
  if (!str(names.kind)) errs.push(required('spec.names.kind'));
  if (!str(names.listKind)) errs.push(required('spec.names.listKind'));
  validateNames(names, errs);
  if (lifted) validateStructural(schemas[0], 'spec.validation.openAPIV3Schema', true, errs);
  const conv = isObj(spec.conversion) ? spec.conversion : undefined;
  if (conv) {
    if (!str(conv.strategy)) errs.push(required('spec.conversion.strategy'));
    else if (conv.strategy !== 'None' && conv.strategy !== 'Webhook') errs.push(notSupported('spec.conversion.strategy', goQuote(conv.strategy), ['None', 'Webhook']));
    if (conv.strategy === 'Webhook' && !isObj(conv.webhook?.clientConfig)) errs.push(required('spec.conversion.webhookClientConfig', 'required when strategy is set to Webhook'));
    if (conv.strategy === 'None' && isObj(conv.webhook)) errs.push(forbidden('spec.conversion.webhookClientConfig', 'should not be set when strategy is not set to Webhook'));
  }
  const stored: string[] = arr((crd.status ?? {}).storedVersions);
  if (!stored.length) errs.push(invalid('status.storedVersions', goStringSlice(stored.length ? stored : null), 'must have at least one stored version'));
  return errs;
}

function validateUpdate(crd: any, old: any): Errs {
  const errs = validate(crd);
  const established = arr(old.status?.conditions).some((c: any) => c.type === 'Established' && c.status === 'True');
  const imm = (p: string, a: any, b: any) => { if (a !== b) errs.push(invalid(p, goQuote(str(a)), 'field is immutable')); };
  if (established) {
    imm('spec.scope', crd.spec?.scope, old.spec?.scope);
    imm('spec.names.kind', crd.spec?.names?.kind, old.spec?.names?.kind);
  }
  imm('spec.group', crd.spec?.group, old.spec?.group);
  imm('spec.names.plural', crd.spec?.names?.plural, old.spec?.names?.plural);
  return errs;
}

export const crdStrategy: Strategy = { defaults, prepareForCreate, prepareForUpdate, validate, validateUpdate, beforeDelete };
