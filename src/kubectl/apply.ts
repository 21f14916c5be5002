// kubectl apply / create -f: map manifests to resources, strict field checking, then create or
// three-way-merge each object, collecting per-object errors as kubectl does (it goes on with the
// others and exits 1 at the end).
import { sortKeysDeep } from '../api/gojson.js';
import type { KObject } from '../api/types.js';
import { RawError, StatusError, UserError } from '../api/errors.js';
import { apiVersionOf, kindPrefix, qualifiedResource, resourceForKind, type ResourceInfo } from '../api/resources.js';
import { typeError, unknownFields } from '../api/decode.js';
import { fromStorage } from '../api/conversion.js';
import type { Cluster } from '../store/cluster.js';
import { createObject, updateObject, admitCreate, checkResourceVersion, InvalidError } from '../server/registry.js';
import { parseSelector, matches } from '../api/selectors.js';
import { LAST_APPLIED, lastAppliedFor, threeWayMerge, withLastApplied } from './lastapplied.js';

import { type DryRun, type Validate } from './flags.js';
export type { DryRun, Validate };

export interface ManifestObject {
  source: string;
  obj: KObject;
  info: ResourceInfo;
}

export interface ApplyResult {
  /** stdout lines / printed objects, in order */
  results: { info: ResourceInfo; obj: KObject; op: string }[];
  warnings: string[];
  errors: Error[];
}

/** Resolve every manifest's kind first: an unmapped kind stops the command before anything changes. */
export function mapManifests(files: { source: string; objects: KObject[] }[], ns: string | undefined): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const f of files) {
    for (const obj of f.objects) {
      const info = resourceForKind(obj.apiVersion || '', obj.kind || '');
      if (!info) {
        const nsShown = obj.metadata?.namespace || '';
        throw new UserError(
          `error: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "${nsShown}" from "${f.source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
        );
      }
      void ns;
      out.push({ source: f.source, obj, info });
    }
  }
  return out;
}

export function namespaceFor(m: ManifestObject, flagNs: string | undefined, explicitNs: boolean): string | undefined {
  if (!m.info.namespaced) return undefined;
  const own = m.obj.metadata?.namespace;
  if (own && explicitNs && flagNs && own !== flagNs) {
    throw new UserError(`error: the namespace from the provided object "${own}" does not match the namespace "${flagNs}". You must pass '--namespace=${own}' to perform this operation.`);
  }
  return own || flagNs || 'default';
}

/** Strict decoding: drop unknown fields, or fail with the API server's message. */
export function checkFields(m: ManifestObject, validate: Validate, verb: string, warnings: string[]): KObject {
  // a value of the wrong type fails the decoding whatever --validate says
  const te = typeError(m.obj);
  if (te) throw new StatusError(400, 'BadRequest', `error when ${verb} "${m.source}": ${m.info.kind} in version "${m.info.version}" cannot be handled as a ${m.info.kind}: ${te}`);
  const unknown = unknownFields(m.obj);
  if (unknown.length === 0) return m.obj;
  if (validate === 'strict') {
    const list = unknown.map((u: string) => `unknown field "${u}"`).join(', ');
    throw new StatusError(400, 'BadRequest', `error when ${verb} "${m.source}": ${m.info.kind} in version "${m.info.version}" cannot be handled as a ${m.info.kind}: strict decoding error: ${list}`);
  }
  if (validate === 'warn') for (const u of unknown) warnings.push(`unknown field "${u}"`);
  return stripFields(m.obj, unknown);
}

function stripFields(obj: KObject, paths: string[]): KObject {
  const o = JSON.parse(JSON.stringify(obj));
  for (const p of paths) {
    const parts = p.replace(/\[(\d+)\]/g, '.$1').split('.');
    let cur: any = o;
    for (let i = 0; i < parts.length - 1 && cur; i++) cur = cur[parts[i]];
    if (cur) delete cur[parts[parts.length - 1]];
  }
  return o;
}

function prefixError(e: unknown, verb: string, source: string): Error {
  if (e instanceof StatusError && !e.message.startsWith('error when')) {
    return new StatusError(e.code, e.reason, `error when ${verb} "${source}": ${e.message}`);
  }
  return e as Error;
}

export function apply(
  cluster: Cluster, manifests: ManifestObject[],
  o: { namespace?: string; explicitNs: boolean; dryRun: DryRun; validate: Validate; fieldManager?: string; warnMissingAnnotation?: boolean; recreate?: (info: ResourceInfo, ns: string | undefined, name: string) => void },
): ApplyResult {
  const res: ApplyResult = { results: [], warnings: [], errors: [] };
  for (const m of manifests) {
    try {
      const ns = namespaceFor(m, o.namespace, o.explicitNs);
      const name = m.obj.metadata?.name;
      // applyOneObject: a generateName cannot be applied (nothing would find the object again)
      if (!name && m.obj.metadata?.generateName) throw new UserError(`error: from ${m.obj.metadata.generateName}: cannot use generate name with apply`);
      if (!name) throw new UserError(`error: error when retrieving current configuration of:\nResource: "${m.info.resource}", GroupVersionKind: "${apiVersionOf(m.info)}, Kind=${m.info.kind}"\nName: "", Namespace: "${ns ?? ''}"\nfrom server for: "${m.source}": resource name may not be empty`);
      const stored = cluster.get(m.info.storage, ns, name);
      const live = stored && fromStorage(m.info, stored);
      const verb = live ? 'patching' : 'creating';
      const clean = checkFields(m, o.validate, verb, res.warnings);
      const desired = withLastApplied(clean, ns);
      if (!live) {
        if (o.dryRun === 'client') {
          res.results.push({ info: m.info, obj: desired, op: 'created' });
          continue;
        }
        try {
          const stored = createObject(cluster, m.info, desired, { dryRun: o.dryRun === 'server', ns, fieldManager: o.fieldManager || 'kubectl-client-side-apply' });
          res.results.push({ info: m.info, obj: stored, op: 'created' });
        } catch (e) {
          throw prefixError(e, 'creating', m.source);
        }
        continue;
      }
      // a client dry run sends no patch: kubectl says `configured` and prints the live object
      if (o.dryRun === 'client') {
        res.results.push({ info: m.info, obj: live, op: 'configured' });
        continue;
      }
      const original = live.metadata?.annotations?.[LAST_APPLIED];
      if (original === undefined && o.warnMissingAnnotation !== false) res.warnings.push(`resource ${m.info.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`);
      const origObj = original ? JSON.parse(original) : {};
      const merged = threeWayMerge(origObj, desired, live);
      merged.metadata.annotations = { ...(merged.metadata.annotations || {}), [LAST_APPLIED]: lastAppliedFor(clean, ns) };
      // kubesim: kubectl words this conflict with the three-way patch it sent (`error when applying patch: ...`)
      try { checkResourceVersion(m.info, merged, live); } catch (e) { throw prefixError(e, 'patching', m.source); }
      const candidate = admitCreate(cluster, m.info, merged, ns);
      const liveCmp = JSON.stringify(sortKeysDeep({ ...live, status: undefined, metadata: { ...live.metadata, resourceVersion: undefined, uid: undefined, creationTimestamp: undefined, generation: undefined } }));
      const candCmp = JSON.stringify(sortKeysDeep({ ...candidate, status: undefined, metadata: { ...candidate.metadata, resourceVersion: undefined, uid: undefined, creationTimestamp: undefined, generation: undefined } }));
      if (liveCmp === candCmp) {
        res.results.push({ info: m.info, obj: live, op: 'unchanged' });
        continue;
      }
      try {
        const stored = updateObject(cluster, m.info, merged, { dryRun: o.dryRun === 'server', fieldManager: o.fieldManager || 'kubectl-client-side-apply' });
        res.results.push({ info: m.info, obj: stored, op: 'configured' });
      } catch (e) {
        // --force: a patch the server refuses as a Conflict or Invalid is replaced by delete and create (patcher.deleteAndCreate)
        if (o.recreate && ((e instanceof StatusError && (e.code === 409 || e.code === 422)) || e instanceof InvalidError)) {
          o.recreate(m.info, ns, name);
          const stored = createObject(cluster, m.info, desired, { ns, fieldManager: o.fieldManager || 'kubectl-client-side-apply' });
          res.results.push({ info: m.info, obj: stored, op: 'configured' });
          continue;
        }
        throw e instanceof StatusError ? prefixError(e, 'patching', m.source) : e;
      }
    } catch (e) {
      res.errors.push(e as Error);
    }
  }
  return res;
}


/** kubectl create -f: plain creates, AlreadyExists reported per object. */
export function createAll(cluster: Cluster, manifests: ManifestObject[], o: { namespace?: string; explicitNs: boolean; dryRun: DryRun; validate: Validate; fieldManager?: string }): ApplyResult {
  const res: ApplyResult = { results: [], warnings: [], errors: [] };
  for (const m of manifests) {
    try {
      const ns = namespaceFor(m, o.namespace, o.explicitNs);
      const clean = checkFields(m, o.validate, 'creating', res.warnings);
      if (o.dryRun === 'client') {
        const c = JSON.parse(JSON.stringify(clean));
        if (m.info.namespaced) { c.metadata = c.metadata || {}; c.metadata.namespace = ns; }
        res.results.push({ info: m.info, obj: c, op: 'created' });
        continue;
      }
      try {
        const stored = createObject(cluster, m.info, clean, { dryRun: o.dryRun === 'server', ns, fieldManager: o.fieldManager || 'kubectl-create' });
        res.results.push({ info: m.info, obj: stored, op: 'created' });
      } catch (e) {
        throw prefixError(e, 'creating', m.source);
      }
    } catch (e) {
      res.errors.push(e as Error);
    }
  }
  return res;
}


/** The builder's LabelSelectorParam over files: objects whose labels do not match are skipped. */
export function filterBySelector(manifests: ManifestObject[], selector: string | undefined): ManifestObject[] {
  if (!selector) return manifests;
  const sel = parseSelector(selector);
  return manifests.filter((m) => matches(sel, m.obj.metadata?.labels || {}));
}

export { kindPrefix, qualifiedResource, RawError };
