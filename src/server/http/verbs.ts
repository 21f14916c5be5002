// The REST verbs on a resource (handlers/get.go, create.go, update.go, patch.go, delete.go), each a
// thin door into the registry (src/server/registry.ts) and the store: the same operations the CLI runs.
import type { KObject } from '../../api/types.js';
import { StatusError } from '../../api/errors.js';
import { qualifiedResource, type ResourceInfo } from '../../api/resources.js';
import { toStorage } from '../../api/conversion.js';
import { applyObject, createObject, updateObject } from '../registry.js';
import { yamlToJsonValue } from '../../api/decode.js';
import { admitDelete } from '../namespace.js';
import { applyPatch, type PatchType } from '../../kubectl/patch.js';
import { deleteWithPropagation, type Propagation } from '../../controllers/gc.js';
import { type Ctx, type Target, readBody, sendJson, sendBytes, jsonBytes, queryBool } from './request.js';
import { httpError, success } from './status.js';
import { checkFields, checkTarget, readObject, fieldValidation } from './decodebody.js';
import { listJson, listObject, listPage, parseFilter, partialMetadata, tableOf, versioned, matchesFilter } from './list.js';
import { representation, mediaType } from './negotiate.js';
import { PROTOBUF, decodeProtobuf } from './protobuf.js';
import { hasReadView } from '../../store/cluster.js';

export function notFound(t: Target, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualifiedResource(t.info)} "${name}" not found`);
}

export function storedObject(ctx: Ctx, t: Target): KObject {
  const o = ctx.host.cluster.get(t.info.storage, t.info.namespaced ? t.namespace : undefined, t.name!);
  if (!o) throw notFound(t, t.name!);
  return versioned(t.info, o);
}

/** ?dryRun=All (the only value the API server takes): nothing is stored. */
export function dryRunAll(ctx: Ctx): boolean {
  const v = ctx.query.getAll('dryRun');
  for (const d of v) if (d !== 'All') throw httpError(400, `Invalid dryRun parameter: ${d}`);
  return v.includes('All');
}

/** An object (or Table / metadata) as the client's Accept asks; `info` says whose table. */
export function respondObject(ctx: Ctx, info: ResourceInfo, code: number, o: KObject): void {
  const rep = representation(ctx.req.headers.accept, true);
  if (rep === 'table') {
    sendJson(ctx, code, tableOf(info, [o], ctx.host.cluster.now(), { resourceVersion: o.metadata?.resourceVersion }, ctx.query.get('includeObject')));
  } else if (rep === 'metadata') {
    sendJson(ctx, code, partialMetadata(o));
  } else {
    sendJson(ctx, code, o);
  }
}

export function get(ctx: Ctx, t: Target): void {
  ctx.host.syncFromDisk();
  respondObject(ctx, t.info, 200, storedObject(ctx, t));
}

export function list(ctx: Ctx, t: Target): void {
  const rep = representation(ctx.req.headers.accept, true);
  ctx.host.syncFromDisk();
  // the same LIST at the same generation of the cluster (and, for a Table's ages, the same instant) is the same answer
  const key = `${t.info.group}/${t.info.version}/${t.info.resource}|${t.namespace ?? ''}|${rep}|${ctx.query.toString()}${rep === 'table' || hasReadView(t.info.storage) ? `|${ctx.host.cluster.now()}` : ''}`;
  const hit = cachedList(ctx, key);
  if (hit) return sendBytes(ctx, 200, hit);
  const f = parseFilter(ctx.query, t.info, t.info.namespaced ? t.namespace : undefined);
  const page = listPage(ctx.host.cluster, t.info, f, ctx.query);
  let bytes: Buffer;
  if (rep === 'table') {
    bytes = jsonBytes(tableOf(t.info, page.items, ctx.host.cluster.now(), page, ctx.query.get('includeObject')));
  } else if (rep === 'metadata') {
    const l = listObject(t.info, page) as any;
    bytes = jsonBytes({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: l.metadata, items: page.items.map(partialMetadata) });
  } else {
    bytes = listJson(t.info, page);
  }
  rememberList(ctx, key, bytes);
  sendBytes(ctx, 200, bytes);
}

// LIST answers of the current generation (src/server/http/host.ts), by resource, namespace, representation and query
const listCache = { generation: -1, host: undefined as unknown, answers: new Map<string, Buffer>() };
const LIST_CACHE_ENTRIES = 64;

function cachedList(ctx: Ctx, key: string): Buffer | undefined {
  if (listCache.host !== ctx.host || listCache.generation !== ctx.host.generation) return undefined;
  return listCache.answers.get(key);
}

function rememberList(ctx: Ctx, key: string, bytes: Buffer): void {
  // a cluster without generations (a pod's in-process API) keeps nothing
  if (Number.isNaN(ctx.host.generation)) return;
  if (listCache.host !== ctx.host || listCache.generation !== ctx.host.generation) {
    listCache.host = ctx.host;
    listCache.generation = ctx.host.generation;
    listCache.answers.clear();
  }
  if (listCache.answers.size >= LIST_CACHE_ENTRIES) listCache.answers.delete(listCache.answers.keys().next().value!);
  listCache.answers.set(key, bytes);
}

export async function create(ctx: Ctx, t: Target): Promise<void> {
  representation(ctx.req.headers.accept, true);
  const obj = await readObject(ctx.req);
  checkTarget(t.info, obj, t.namespace);
  checkFields(obj, fieldValidation(ctx.query), ctx.warnings);
  const dryRun = dryRunAll(ctx);
  const out = await ctx.host.write((c) => createObject(c, t.info, obj, { dryRun, ns: t.namespace, user: ctx.user }));
  respondObject(ctx, t.info, 201, out);
}

export async function update(ctx: Ctx, t: Target): Promise<void> {
  representation(ctx.req.headers.accept, true);
  const obj = await readObject(ctx.req);
  checkTarget(t.info, obj, t.namespace, t.name);
  checkFields(obj, fieldValidation(ctx.query), ctx.warnings);
  const dryRun = dryRunAll(ctx);
  const out = await ctx.host.write((c) => updateObject(c, t.info, obj, { dryRun }));
  respondObject(ctx, t.info, 200, out);
}

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
};

export function patchTypeOf(contentType: string | undefined): PatchType {
  const mt = mediaType(contentType);
  const pt = PATCH_TYPES[mt];
  if (pt) return pt;
  throw httpError(415, `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`);
}

/** PATCH with application/apply-patch+yaml: server-side apply (field ownership, conflicts). */
async function serverSideApply(ctx: Ctx, t: Target): Promise<void> {
  const fieldManager = ctx.query.get('fieldManager');
  if (!fieldManager) throw httpError(400, 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  let config: KObject;
  try {
    config = yamlToJsonValue((await readBody(ctx.req)).toString('utf8'));
  } catch (e) {
    throw httpError(400, (e as Error).message);
  }
  checkTarget(t.info, config, t.namespace, t.name);
  const force = queryBool(ctx.query, 'force');
  const dryRun = dryRunAll(ctx);
  const r = await ctx.host.write((c) => applyObject(c, t.info, config, { fieldManager, force, dryRun, ns: t.namespace, subresource: t.subresource }));
  respondObject(ctx, t.info, r.created ? 201 : 200, r.object);
}

export async function patch(ctx: Ctx, t: Target): Promise<void> {
  representation(ctx.req.headers.accept, true);
  const mt = mediaType(ctx.req.headers['content-type']);
  if (mt === 'application/apply-patch+yaml') return serverSideApply(ctx, t);
  const type = patchTypeOf(ctx.req.headers['content-type']);
  const text = (await readBody(ctx.req)).toString('utf8');
  const mode = fieldValidation(ctx.query);
  const dryRun = dryRunAll(ctx);
  const out = await ctx.host.write((c) => {
    if (mode === 'Strict') {
      const probe = applyPatch(c, t.info, t.namespace, t.name!, type, text, { dryRun: true });
      if (probe.warnings.length) throw httpError(400, `strict decoding error: ${probe.warnings.join(', ')}`);
    }
    const r = applyPatch(c, t.info, t.namespace, t.name!, type, text, { dryRun });
    if (mode === 'Warn') ctx.warnings.push(...r.warnings);
    return r.object;
  });
  respondObject(ctx, t.info, 200, out);
}

interface DeleteOptions {
  propagationPolicy?: Propagation;
  gracePeriodSeconds?: number;
  dryRun?: string[];
  preconditions?: { uid?: string; resourceVersion?: string };
  orphanDependents?: boolean;
}

async function deleteOptions(ctx: Ctx): Promise<DeleteOptions> {
  const body = await readBody(ctx.req);
  let o: DeleteOptions = {};
  if (body.length && mediaType(ctx.req.headers['content-type']) === PROTOBUF) {
    // typed clients (kubectl drain's deletes) send DeleteOptions as protobuf
    o = (await decodeProtobuf(body)) as DeleteOptions;
  } else if (body.length) {
    try {
      o = JSON.parse(body.toString('utf8'));
    } catch (e) {
      throw httpError(400, `couldn't get version/kind; json parse error: ${(e as Error).message}`);
    }
    if (!o || typeof o !== 'object') throw httpError(400, 'invalid DeleteOptions');
  }
  const q = ctx.query;
  if (q.get('propagationPolicy')) o.propagationPolicy = q.get('propagationPolicy') as Propagation;
  if (q.get('gracePeriodSeconds') !== null) o.gracePeriodSeconds = Number(q.get('gracePeriodSeconds'));
  if (q.getAll('dryRun').length) o.dryRun = q.getAll('dryRun');
  if (o.orphanDependents !== undefined && !o.propagationPolicy) o.propagationPolicy = o.orphanDependents ? 'Orphan' : 'Background';
  const p = o.propagationPolicy;
  if (p !== undefined && p !== 'Background' && p !== 'Foreground' && p !== 'Orphan') {
    throw httpError(422, `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${p}": supported values: "Foreground", "Background", "Orphan"`);
  }
  for (const d of o.dryRun ?? []) if (d !== 'All') throw httpError(400, `Invalid dryRun parameter: ${d}`);
  return o;
}

/** Delete one object; the answer is the object while it lingers (graceful, finalizers), else a Success Status. */
function deleteOne(ctx: Ctx, t: Target, name: string, o: DeleteOptions, mgr: any): KObject {
  const target = { ...t, name };
  const cur = storedObject(ctx, target);
  const pre = o.preconditions;
  if (pre?.uid && pre.uid !== cur.metadata?.uid) {
    throw new StatusError(409, 'Conflict', `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata?.uid}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== cur.metadata?.resourceVersion) {
    throw new StatusError(409, 'Conflict', `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${cur.metadata?.resourceVersion}`);
  }
  admitDelete(t.info, name);
  if (o.dryRun?.includes('All')) return cur;
  deleteWithPropagation(mgr.ctx, t.info.storage, t.info.namespaced ? t.namespace : undefined, name, o.propagationPolicy ?? 'Background', { gracePeriodSeconds: o.gracePeriodSeconds });
  const after = ctx.host.cluster.get(t.info.storage, t.info.namespaced ? t.namespace : undefined, name);
  if (after) return versioned(t.info, after);
  const details: any = { name, group: t.info.group, kind: t.info.resource, uid: cur.metadata?.uid };
  if (!details.group) delete details.group;
  return success(details) as unknown as KObject;
}

export async function remove(ctx: Ctx, t: Target): Promise<void> {
  const o = await deleteOptions(ctx);
  const out = await ctx.host.write((_c, mgr) => deleteOne(ctx, t, t.name!, o, mgr));
  if (out.kind === 'Status') sendJson(ctx, 200, out);
  else respondObject(ctx, t.info, 200, out);
}

export async function removeCollection(ctx: Ctx, t: Target): Promise<void> {
  const o = await deleteOptions(ctx);
  const f = parseFilter(ctx.query, t.info, t.info.namespaced ? t.namespace : undefined);
  const out = await ctx.host.write((c, mgr) => {
    const names = c.list(t.info.storage, t.info.namespaced ? t.namespace : undefined)
      .map((x) => versioned(t.info, x)).filter((x) => matchesFilter(f, x));
    const deleted: KObject[] = [];
    for (const x of names) {
      const r = deleteOne(ctx, { ...t, namespace: x.metadata?.namespace ?? t.namespace }, x.metadata!.name!, o, mgr);
      deleted.push(r.kind === 'Status' ? x : r);
    }
    return listObject(t.info, { items: deleted, resourceVersion: String(c.state.resourceVersion) });
  });
  sendJson(ctx, 200, out);
}

/** Update of the status subresource: only status changes (and the stored resourceVersion must match). */
export function writeStatus(ctx: Ctx, t: Target, obj: KObject): KObject {
  const cur = storedObject(ctx, t);
  const rv = obj.metadata?.resourceVersion;
  if (rv && rv !== cur.metadata?.resourceVersion) {
    throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(t.info)} "${t.name}": the object has been modified; please apply your changes to the latest version and try again`);
  }
  const next = { ...cur, status: obj.status };
  const stored = ctx.host.cluster.updateStatus(t.info.storage, toStorage(t.info, next));
  return versioned(t.info, stored);
}

export { queryBool };
