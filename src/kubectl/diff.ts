// kubectl diff: the LIVE and MERGED versions of each manifest's object, named and masked as
// upstream's pkg/cmd/diff does, ready to be written into two directories for diff(1).
import type { KObject } from '../api/types.js';
import type { ResourceInfo } from '../api/resources.js';
import type { Cluster } from '../store/cluster.js';
import { fromStorage } from '../api/conversion.js';
import { sortKeysDeep } from '../api/gojson.js';
import { apply, type ManifestObject, type Validate } from './apply.js';
import { checkFields, namespaceFor, type ApplyResult } from './apply.js';
import { SSA_MANAGER } from './serverside.js';
import { applyObject } from '../server/registry.js';

/** InfoObject.Merged with --server-side: an apply patch, dry run; a conflict is the API server's error as it is. */
function serverSideDryRun(cluster: Cluster, m: ManifestObject, o: { namespace?: string; explicitNs: boolean; validate: Validate; forceConflicts?: boolean; fieldManager?: string }): ApplyResult {
  const res: ApplyResult = { results: [], warnings: [], errors: [] };
  try {
    const ns = namespaceFor(m, o.namespace, o.explicitNs);
    const clean = checkFields(m, o.validate, 'patching', res.warnings);
    const r = applyObject(cluster, m.info, clean, { fieldManager: o.fieldManager || SSA_MANAGER, force: !!o.forceConflicts, dryRun: true, ns });
    res.results.push({ info: m.info, obj: r.object, op: 'serverside-applied' });
  } catch (e) {
    res.errors.push(e as Error);
  }
  return res;
}

export interface DiffPair { name: string; live: KObject | null; merged: KObject }

const MASK = '***';
const MASK_BEFORE = '*** (before)';
const MASK_AFTER = '*** (after)';

/** InfoObject.Name(): [group.]version.Kind.namespace.name */
export function diffFileName(info: ResourceInfo, ns: string | undefined, name: string): string {
  return `${info.group ? info.group + '.' : ''}${info.version}.${info.kind}.${ns ?? ''}.${name}`;
}

/** kubesim: objects go to the diff without managedFields, as kubectl shows them by default. */
function strip(o: KObject): KObject {
  const c = JSON.parse(JSON.stringify(o));
  if (c.metadata) delete c.metadata.managedFields;
  return c;
}

const same = (a: unknown, b: unknown) => JSON.stringify(sortKeysDeep(a ?? null)) === JSON.stringify(sortKeysDeep(b ?? null));

/**
 * kubesim: the registry's dry-run update answers before storage bumps metadata.generation; the
 * API server's dry run answers with the bumped value (spec changes; for Deployments, annotations too).
 */
function bumpGeneration(info: ResourceInfo, live: KObject, merged: KObject): void {
  if (!info.generation || live.metadata?.generation === undefined) return;
  const annChanged = info.resource === 'deployments' && !same(live.metadata?.annotations || {}, merged.metadata?.annotations || {});
  if (!same(live.spec, merged.spec) || annChanged) merged.metadata!.generation = live.metadata.generation + 1;
}

/** Masker: a Secret's data values become asterisks, with before/after where they differ. */
export function maskSecret(from: KObject | null, to: KObject): void {
  const f: Record<string, unknown> | undefined = (from as any)?.data;
  const t: Record<string, unknown> | undefined = (to as any)?.data;
  for (const k of Object.keys(f ?? {})) {
    if (t && k in t) {
      if (f![k] !== t[k]) { f![k] = MASK_BEFORE; t[k] = MASK_AFTER; continue; }
      t[k] = MASK;
    }
    f![k] = MASK;
  }
  for (const k of Object.keys(t ?? {})) if (!f || !(k in f)) t![k] = MASK;
}

/** The live object and what a server-side dry-run apply would store, manifest by manifest; the first error stops. */
export function diffPairs(
  cluster: Cluster, manifests: ManifestObject[],
  o: { namespace?: string; explicitNs: boolean; validate: Validate; serverSide?: boolean; forceConflicts?: boolean; fieldManager?: string; showManagedFields?: boolean },
): { pairs: DiffPair[]; warnings: string[] } {
  const pairs: DiffPair[] = [];
  const warnings: string[] = [];
  const keep = (x: KObject) => (o.showManagedFields ? JSON.parse(JSON.stringify(x)) : strip(x));
  for (const m of manifests) {
    // --server-side: the merged object is a server-side dry-run apply
    const res = o.serverSide
      ? serverSideDryRun(cluster, m, o)
      : apply(cluster, [m], { namespace: o.namespace, explicitNs: o.explicitNs, dryRun: 'server', validate: o.validate, fieldManager: o.fieldManager, warnMissingAnnotation: false });
    warnings.push(...res.warnings);
    if (res.errors.length) {
      const e = res.errors[0] as Error & { code?: number; keepsChanging?: string };
      // a Conflict is retried maxRetries times; the last try warns that the object `keeps changing`
      if (e.code === 409) e.keepsChanging = `${m.info.group}/${m.info.version}, Kind=${m.info.kind}: ${m.obj.metadata?.name}`;
      throw e;
    }
    const merged = keep(res.results[0].obj);
    const ns = m.info.namespaced ? merged.metadata?.namespace : undefined;
    const name = merged.metadata!.name!;
    const stored = cluster.get(m.info.storage, ns, name);
    const live = stored ? keep(fromStorage(m.info, stored)) : null;
    if (live) bumpGeneration(m.info, live, merged);
    if (m.info.kind === 'Secret' && m.info.version === 'v1' && !m.info.group) maskSecret(live, merged);
    pairs.push({ name: diffFileName(m.info, ns, name), live, merged });
  }
  return { pairs, warnings };
}
