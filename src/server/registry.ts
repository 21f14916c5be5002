// What the API server does with a write before it reaches storage, in its order: decode (the kind's decoding
// errors) and default, mutating admission, the strategy's PrepareForCreate/PrepareForUpdate, allocation,
// validation with the API server's wording, validating admission, dry-run. Per-kind behaviour comes from the
// strategy table (src/api/strategies) and the admission chain (./admission.ts); nothing here names a kind.
// The CLI and `kubesim serve` are two doors into these same operations.
import type { UserInfo } from '../api/users.js';
import type { FieldError, KObject } from '../api/types.js';
import { StatusError, RawError } from '../api/errors.js';
import { applyDefaults } from '../api/defaults.js';
import { validateObject, validateObjectUpdate, formatInvalid } from '../api/validation.js';
import { strategyFor } from '../api/strategies/index.js';
import { qualifiedResource, type ResourceInfo } from '../api/resources.js';
import type { Cluster } from '../store/cluster.js';
import { addRootCA } from '../sim/bootstrap.js';
import { runMutating, runValidating, type Attributes } from './admission.js';
import { admitCreateInNamespace } from './namespace.js';
import { fromStorage, toStorage } from '../api/conversion.js';
import { recordUpdate } from './fieldmanager/update.js';
import { serverSideApply } from './fieldmanager/apply.js';
import { allocateServiceCreate, allocateServiceUpdate } from './allocators.js';
import { modelForKind } from '../api/openapi/data.js';
import { typeErrorFromSchema } from '../api/openapi/strict.js';

export class InvalidError extends RawError {
  /** the field errors, for the API server's Status causes (kubesim serve) */
  constructor(public kind: string, public override name: string, message: string, public errs: FieldError[] = []) {
    super(message);
  }
}

function invalidError(info: ResourceInfo, o: KObject, errs: FieldError[]): InvalidError {
  const name = o.metadata?.name || '';
  return new InvalidError(info.kind, name, formatInvalid(info.kind, name, errs), errs);
}

function prepare(info: ResourceInfo, obj: KObject, ns: string | undefined): KObject {
  const conv = strategyFor(obj)?.convertToStorage;
  const o: KObject = conv ? conv(obj) : JSON.parse(JSON.stringify(obj));
  o.metadata = o.metadata || {};
  if (info.namespaced) o.metadata.namespace = o.metadata.namespace || ns || 'default';
  else delete o.metadata.namespace;
  return o;
}

/** The decoder's failure for this object (`Secret in version "v1" cannot be handled as a Secret: ...`). */
function checkDecode(obj: KObject): void {
  // the JSON decoder's type errors first (decoding stops there), then the kind's own (base64 ...)
  const model = modelForKind(obj.apiVersion ?? '', obj.kind ?? '');
  const msg = (model ? typeErrorFromSchema(model, obj) : undefined) ?? strategyFor(obj)?.decodeError?.(obj);
  if (!msg) return;
  const version = (obj.apiVersion ?? '').split('/').pop();
  throw new StatusError(400, 'BadRequest', `${obj.kind} in version ${JSON.stringify(version)} cannot be handled as a ${obj.kind}: ${msg}`);
}

/** The registry's own allocators (beginCreate/beginUpdate hooks): Service addresses and node ports. */
const ALLOCATORS: Record<string, { create?(c: Cluster, o: KObject, dryRun: boolean): FieldError[]; update?(c: Cluster, o: KObject, old: KObject): FieldError[] }> = {
  '/services': { create: allocateServiceCreate, update: allocateServiceUpdate },
};

/** After-create hooks of the registry and the controllers that react at once (root CA publisher). */
const AFTER_CREATE: Record<string, (c: Cluster, o: KObject) => void> = {
  '/namespaces': (c, ns) => addRootCA(c, ns.metadata!.name!),
};

const key = (info: ResourceInfo) => `${info.group}/${info.resource}`;
/** The store bucket of a resource (events.k8s.io events live with the core ones). */
const bucket = (info: ResourceInfo) => info.storage;

/**
 * Defaulted and validated, without admission side effects (no allocation, no token volume), and for an existing
 * object with what PrepareForUpdate keeps of it: apply uses it to see whether an object changed. Throws
 * InvalidError with kubectl's rendering.
 */
export function admitCreate(cluster: Cluster, info: ResourceInfo, obj: KObject, ns?: string): KObject {
  checkDecode(obj);
  const o = applyDefaults(prepare(info, obj, ns));
  // for an object that exists, what an update would keep of it (allocated ports, status ...)
  const stored = cluster.get(bucket(info), info.namespaced ? o.metadata?.namespace : undefined, o.metadata?.name ?? '');
  if (stored) strategyFor(o)?.prepareForUpdate?.(o, fromStorage(info, stored));
  const errs = validateObject(o);
  if (errs.length) throw invalidError(info, o, errs);
  admitCreateInNamespace(cluster, info, o.metadata?.namespace, o.metadata?.name || '');
  return o;
}

/** How a write names its field manager (kubectl's --field-manager; the API server's default is the client's name). */
export interface ManagerOptions {
  fieldManager?: string;
  subresource?: string;
  /** metadata.managedFields were computed by server-side apply: store them as they are */
  managedFieldsSet?: boolean;
}

const writerOf = (opts: ManagerOptions) => ({ manager: opts.fieldManager || 'kubectl', subresource: opts.subresource });

export function createObject(cluster: Cluster, info: ResourceInfo, obj: KObject, opts: { dryRun?: boolean; ns?: string; user?: UserInfo } & ManagerOptions = {}): KObject {
  const dryRun = !!opts.dryRun;
  checkDecode(obj);
  // decoded as the API server does (empty maps kept: validation sees them), stored as encoded again (dropped)
  const o = applyDefaults(prepare(info, obj, opts.ns), { keepEmpty: true });
  // FillObjectMetaSystemFields: the uid exists before admission and PrepareForCreate (a Job's selector uses it)
  const uid = cluster.rng.uuid();
  o.metadata!.uid = uid;
  // the field manager sees the object before mutating admission: what admission adds belongs to no one
  const w = writerOf(opts);
  if (!opts.managedFieldsSet) recordUpdate(undefined, o, { manager: w.manager, subresource: w.subresource, time: cluster.nowRFC3339() });
  const attrs: Attributes = { cluster, info, obj: o, operation: 'CREATE', dryRun };
  runMutating(attrs);
  const strategy = strategyFor(o);
  strategy?.prepareForCreate?.(o, { user: opts.user });
  // rest.BeforeCreate names an object that asks for a generated name before it is validated
  cluster.generateName(bucket(info), o.metadata!);
  const allocErrs = ALLOCATORS[key(info)]?.create?.(cluster, o, dryRun) ?? [];
  if (allocErrs.length) throw invalidError(info, o, allocErrs);
  const errs = validateObject(o);
  if (errs.length) throw invalidError(info, o, errs);
  runValidating(attrs);
  const out = applyDefaults(o);
  if (dryRun) {
    if (cluster.get(bucket(info), out.metadata!.namespace, out.metadata!.name!)) {
      throw new StatusError(409, 'AlreadyExists', `${qualifiedResource(info)} "${out.metadata!.name}" already exists`);
    }
    // a server dry run answers with what would be stored: uid, creationTimestamp, generation
    out.metadata!.creationTimestamp = cluster.nowRFC3339();
    if (info.generation) out.metadata!.generation = 1;
    if (!('status' in out) && !strategy?.noStatus) out.status = {};
    return out;
  }
  const stored = cluster.create(bucket(info), toStorage(info, out), { uid, writer: { ...w, keepManagedFields: true } });
  AFTER_CREATE[key(info)]?.(cluster, stored);
  return fromStorage(info, stored);
}

/** Replace an object (update semantics: defaults, PrepareForUpdate, ValidateUpdate incl. immutable fields). */
export function updateObject(cluster: Cluster, info: ResourceInfo, obj: KObject, opts: { dryRun?: boolean } & ManagerOptions = {}): KObject {
  const ns = obj.metadata?.namespace;
  const stored = cluster.get(bucket(info), info.namespaced ? ns : undefined, obj.metadata!.name!);
  const old = stored && fromStorage(info, stored);
  if (!old) throw new StatusError(404, 'NotFound', `${qualifiedResource(info)} "${obj.metadata!.name}" not found`);
  checkResourceVersion(info, obj, old);
  checkDecode(obj);
  const o = applyDefaults(prepare(info, obj, ns), { keepEmpty: true });
  strategyFor(o)?.prepareForUpdate?.(o, old);
  const allocErrs = ALLOCATORS[key(info)]?.update?.(cluster, o, old) ?? [];
  if (allocErrs.length) throw invalidError(info, o, allocErrs);
  const errs = validateObjectUpdate(o, old);
  if (errs.length) throw invalidError(info, o, errs);
  runValidating({ cluster, info, obj: o, old, operation: 'UPDATE', dryRun: !!opts.dryRun });
  const out = applyDefaults(o);
  if (opts.dryRun) return out;
  return fromStorage(info, cluster.update(bucket(info), toStorage(info, out), { writer: { ...writerOf(opts), keepManagedFields: !!opts.managedFieldsSet }, status: opts.subresource === 'status' }));
}

/**
 * Optimistic concurrency (the storage's GuaranteedUpdate precondition), before anything else: an
 * update that names a resourceVersion must name the stored one.
 */
export function checkResourceVersion(info: ResourceInfo, obj: KObject, old: KObject): void {
  const rv = obj.metadata?.resourceVersion;
  if (rv && rv !== old.metadata?.resourceVersion) {
    throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(info)} "${obj.metadata!.name}": the object has been modified; please apply your changes to the latest version and try again`);
  }
}

/**
 * Server-side apply: what PATCH with Content-Type application/apply-patch+yaml does (`kubectl apply --server-side`).
 * `config` is the applied configuration (apiVersion, kind, metadata.name required). Creates the object when missing.
 * Throws ApplyConflictError (409 Conflict, the API server's message) when it would change fields other managers own
 * and `force` is not set; InvalidError/StatusError as create and update do. Returns the stored (or dry-run) object
 * and whether it was created.
 */
export function applyObject(cluster: Cluster, info: ResourceInfo, config: KObject, opts: { fieldManager: string; force?: boolean; dryRun?: boolean; ns?: string; subresource?: string }): { object: KObject; created: boolean } {
  const ns = info.namespaced ? config.metadata?.namespace || opts.ns || 'default' : undefined;
  const name = config.metadata?.name ?? '';
  const stored = cluster.get(bucket(info), ns, name);
  const live = stored && fromStorage(info, stored);
  const cfg: KObject = { ...config, metadata: { ...config.metadata } };
  if (info.namespaced) cfg.metadata!.namespace = ns;
  if (live) checkResourceVersion(info, cfg, live);
  const merged = serverSideApply(live, cfg, { manager: opts.fieldManager, force: opts.force, subresource: opts.subresource, time: cluster.nowRFC3339() });
  const mo = { dryRun: opts.dryRun, fieldManager: opts.fieldManager, subresource: opts.subresource, managedFieldsSet: true };
  if (!live) return { object: createObject(cluster, info, merged, { ...mo, ns }), created: true };
  // the stored resourceVersion is the one the merge started from
  merged.metadata!.resourceVersion = live.metadata!.resourceVersion;
  return { object: updateObject(cluster, info, merged, mo), created: false };
}
