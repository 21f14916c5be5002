// Server-side apply (structured-merge-diff Updater.Apply): merge the applied configuration into the live object,
// give the applier exactly the fields it applied, drop the fields it applied last time and no longer does (when no
// one else owns them), and refuse to change fields other managers own unless forced, with the API server's message.
import type { KObject } from '../../api/types.js';
import { StatusError } from '../../api/errors.js';
import { FieldSet, pathString } from './fieldset.js';
import { toFieldSet } from './compare.js';
import { fieldCtx, itemCtx, keyElement, rootCtx, shapeOf, type Ctx } from './schema.js';
import { compareObjects, dropFrom, takeOver, writeManagers, baseManagers, STRIP, resetFields } from './update.js';
import { identity, printManager, type Managed } from './managers.js';

export interface ApplyOptions {
  manager: string;
  force?: boolean;
  subresource?: string;
  /** RFC3339 now */
  time: string;
}

const isObj = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);
const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/** typed.Merge: the configuration's values win; maps merge field by field, keyed lists item by item, sets by value. */
function merge(live: unknown, config: unknown, ctx: Ctx): unknown {
  const shape = shapeOf(ctx, config);
  if (shape.t === 'map' && isObj(live) && isObj(config)) {
    const out: Record<string, unknown> = { ...live };
    for (const [k, v] of Object.entries(config)) out[k] = k in live ? merge(live[k], v, fieldCtx(ctx, k)) : clone(v);
    return out;
  }
  if (shape.t === 'keyed' && Array.isArray(live) && Array.isArray(config) && live.every(isObj)) {
    const byKey = new Map(config.map((it: any) => [keyElement(it, shape.keys), it]));
    const out: unknown[] = [];
    const seen = new Set<string>();
    for (const it of live) {
      const k = keyElement(it, shape.keys);
      seen.add(k);
      out.push(byKey.has(k) ? merge(it, byKey.get(k), itemCtx(ctx)) : it);
    }
    for (const [k, it] of byKey) if (!seen.has(k)) out.push(clone(it));
    return out;
  }
  if (shape.t === 'set' && Array.isArray(live) && Array.isArray(config)) {
    const have = new Set(live.map((v) => JSON.stringify(v)));
    return [...live, ...config.filter((v) => !have.has(JSON.stringify(v)))];
  }
  return clone(config);
}

/** Remove one path (a field or a list item) from an object, in place. */
function removePath(obj: unknown, path: string[], ctx: Ctx): void {
  let cur: any = obj;
  let c = ctx;
  for (let i = 0; i < path.length; i++) {
    const pe = path[i];
    const last = i === path.length - 1;
    if (pe.startsWith('f:')) {
      const k = pe.slice(2);
      if (!isObj(cur) || !(k in cur)) return;
      if (last) { delete cur[k]; return; }
      c = fieldCtx(c, k);
      cur = cur[k];
      continue;
    }
    if (!Array.isArray(cur)) return;
    const shape = shapeOf(c, cur);
    const idx = cur.findIndex((it: any) => (shape.t === 'keyed' ? keyElement(it, shape.keys) : 'v:' + JSON.stringify(it)) === pe);
    if (idx < 0) return;
    if (last) { cur.splice(idx, 1); return; }
    c = itemCtx(c);
    cur = cur[idx];
  }
}

/** The conflict error of the API server (409 Conflict, reason Conflict). */
export class ApplyConflictError extends StatusError {
  constructor(message: string, public conflicts: { manager: string; path: string }[]) {
    super(409, 'Conflict', message);
  }
}

function conflictError(managers: Map<string, Managed>, conflicts: Map<string, FieldSet>): ApplyConflictError {
  const list: { manager: string; path: string }[] = [];
  for (const id of [...conflicts.keys()].sort()) for (const p of conflicts.get(id)!.paths()) list.push({ manager: printManager(managers.get(id)!), path: pathString(p) });
  let msg: string;
  if (list.length === 1) msg = `Apply failed with 1 conflict: conflict with ${list[0].manager}: ${list[0].path}`;
  else {
    const lines: string[] = [];
    for (const id of [...conflicts.keys()].sort()) {
      lines.push(`conflicts with ${printManager(managers.get(id)!)}:`);
      for (const p of conflicts.get(id)!.paths()) lines.push(`- ${pathString(p)}`);
    }
    msg = `Apply failed with ${list.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApplyConflictError(msg, list);
}

/**
 * Apply `config` over `live` (undefined: the object does not exist yet) as `opts.manager`. Returns the merged object
 * with its metadata.managedFields; throws ApplyConflictError. Defaulting and validation are the caller's (the registry's).
 */
export function serverSideApply(live: KObject | undefined, config: KObject, opts: ApplyOptions): KObject {
  const kind = config.kind ?? live?.kind ?? '';
  const managers = baseManagers(live, live ?? config);
  const cfg = clone(config);
  if (cfg.metadata) delete cfg.metadata.managedFields;
  let merged = (live ? merge(live, cfg, rootCtx(kind)) : clone(cfg)) as KObject;
  if (live?.metadata?.managedFields) merged.metadata = { ...merged.metadata, managedFields: live.metadata.managedFields };
  const apiVersion = cfg.apiVersion ?? live?.apiVersion ?? '';
  const me = identity({ manager: opts.manager, operation: 'Apply', apiVersion, subresource: opts.subresource });
  const ignored = resetFields(opts.subresource, live, cfg);
  const set = toFieldSet(cfg, kind).difference(STRIP).recursiveDifference(ignored);
  const last = managers.get(me)?.set;
  managers.set(me, { manager: opts.manager, operation: 'Apply', apiVersion, set, time: opts.time, ...(opts.subresource ? { subresource: opts.subresource } : {}) });
  // prune what this manager applied before and applies no more, unless someone else owns it
  if (last && live) {
    let others = new FieldSet();
    for (const [id, m] of managers) if (id !== me) others = others.union(m.set);
    const gone = last.difference(set).difference(others);
    merged = clone(merged);
    for (const p of gone.paths().reverse()) removePath(merged, p, rootCtx(kind));
  }
  const c = compareObjects(live, merged, opts.subresource);
  const conflicts = takeOver(managers, me, c);
  if (conflicts.size && !opts.force) throw conflictError(managers, conflicts);
  dropFrom(managers, me, conflicts, c.removed);
  writeManagers(merged, managers);
  return merged;
}
