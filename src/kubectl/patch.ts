// The three patch formats kubectl sends and the API server applies, with the API server's (and, for --local and
// --dry-run=client, kubectl's own) error texts:
//   strategic merge patch  (k8s.io/apimachinery/pkg/util/strategicpatch: merge keys and strategies from the Go
//                           struct tags, `$patch`, `$setElementOrder/`, `$deleteFromPrimitiveList/`, `$retainKeys`)
//   JSON merge patch       (RFC 7386, as evanphx/json-patch MergePatch does it)
//   JSON patch             (RFC 6902, as evanphx/json-patch applies it)
// Values are plain JSON; Go's map iteration order is unspecified, so where upstream depends on it we take key order.
import { checkJsonValue, JsonEOF, JsonSyntax } from '../api/gojson.js';
import { goType, KIND_TYPES, patchField, type GoType } from '../api/goschema.js';
import type { KObject } from '../api/types.js';
import { RawError, StatusError, UserError } from '../api/errors.js';
import { qualifiedResource, resourceForKind, type ResourceInfo } from '../api/resources.js';
import { fromStorage } from '../api/conversion.js';
import { unknownFields } from '../api/decode.js';
import { goFloat, goQuote } from '../api/gofmt.js';
import { formatInvalid } from '../api/validation.js';
import { InvalidError, updateObject } from '../server/registry.js';
import type { Cluster } from '../store/cluster.js';

export type PatchType = 'json' | 'merge' | 'strategic';

const isObj = (v: any): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/** An error while applying a patch; `status` says how the API server reports it (see handlers/patch.go). */
export class PatchError extends Error {
  constructor(message: string, public status: 'BadRequest' | 'Invalid' | 'Internal' = 'Internal') {
    super(message);
  }
}

// --- Go formatting -----------------------------------------------------------------------------------------------

/** fmt's %v of a decoded JSON value: `map[a:1 b:[x y]]` (keys sorted), `<nil>`. */
export function goValue(v: any): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isObj(v)) {
    const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${keys.map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
  }
  if (typeof v === 'number') return goFloat(v);
  return String(v);
}

/** reflect.TypeOf(x).String() of a decoded JSON value. */
function goTypeName(v: any): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return '[]interface {}';
  if (isObj(v)) return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

// --- JSON with encoding/json's errors ----------------------------------------------------------------------------

/** Checks `text` is one JSON value; encoding/json's SyntaxError text as a BadRequest. */
function checkJson(text: string): void {
  try {
    checkJsonValue(text);
  } catch (e) {
    if (e instanceof JsonEOF) throw new PatchError('unexpected end of JSON input', 'BadRequest');
    if (e instanceof JsonSyntax) throw new PatchError(e.message, 'BadRequest');
    throw e;
  }
}

/** json.Unmarshal(text, &v): the value, or encoding/json's error text (status BadRequest). */
export function parseJson(text: string): any {
  checkJson(text);
  return JSON.parse(text);
}

function jsonKind(v: any): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (isObj(v)) return 'object';
  return typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : 'string';
}

/** json.Unmarshal into a Go map: `json: cannot unmarshal array into Go value of type map[string]interface {}`. */
export function parseJsonObject(text: string, goTypeName = 'map[string]interface {}'): Record<string, any> {
  const v = parseJson(text);
  if (v === null) return {};
  if (!isObj(v)) throw new PatchError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type ${goTypeName}`, 'BadRequest');
  return v;
}

// --- strategic merge patch ----------------------------------------------------------------------------------------

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

const ErrBadPatchFormatForPrimitiveList = () => new PatchError('invalid patch format of primitive list', 'BadRequest');
const ErrBadPatchFormatForRetainKeys = () => new PatchError('invalid patch format of retainKeys', 'BadRequest');
const ErrBadPatchFormatForSetElementOrderList = () => new PatchError('invalid patch format of setElementOrder list', 'BadRequest');
const ErrNoListOfLists = () => new PatchError('lists of lists are not supported', 'Invalid');
const ErrNoMergeKey = (m: any, k: string) => new PatchError(`map: ${goValue(m)} does not contain declared merge key: ${k}`);
const ErrBadPatchType = (t: any, m: any) => new PatchError(`unknown patch type: ${goValue(t)} in map: ${goValue(m)}`);
const ErrBadArgType = (expected: string, actual: any) => new PatchError(`expected a ${expected}, but received a ${goTypeName(actual)}`);

/** Type information for one level of the object (LookupPatchMetadata); `undefined` type: no schema below. */
interface Meta { type: GoType | undefined; strategy: string; mergeKey: string }

function deref(t: GoType | undefined): GoType | undefined {
  while (t && t.kind === 'ptr') t = t.elem;
  return t;
}

function lookup(t: GoType | undefined, key: string): Meta {
  t = deref(t);
  if (!t) return { type: undefined, strategy: '', mergeKey: '' };
  if (t.kind === 'map') return { type: t.elem, strategy: '', mergeKey: '' };
  if (t.kind !== 'struct') return { type: undefined, strategy: '', mergeKey: '' };
  const f = patchField(t, key);
  if (!f) throw new PatchError(`unable to find api field in struct ${t.name.replace(/^.*\./, '')} for the json field ${JSON.stringify(key)}`);
  // extractRetainKeysPatchStrategy: "retainKeys" alone is no list/map strategy
  const strategy = f.strategies.filter((s) => s !== 'retainKeys')[0] ?? '';
  return { type: f.type, strategy, mergeKey: f.mergeKey };
}

function elemOf(t: GoType | undefined): GoType | undefined {
  t = deref(t);
  return t && t.kind === 'slice' ? t.elem : undefined;
}

/** The shared kind of the elements of the given lists (sliceElementType). */
function elementKind(...lists: any[][]): 'map' | 'scalar' {
  let prev: string | undefined;
  for (const l of lists) {
    for (const v of l) {
      const k = v === null ? 'nil' : Array.isArray(v) ? 'slice' : isObj(v) ? 'map' : typeof v === 'number' ? (Number.isInteger(v) ? 'int64' : 'float64') : typeof v;
      if (prev === undefined) {
        prev = k;
        if (k === 'slice') throw ErrNoListOfLists();
      } else if (prev !== k) {
        throw new PatchError(`list element types are not identical: ${goValue(lists)}`);
      }
    }
  }
  if (prev === undefined) throw new PatchError('no elements in any of the given slices');
  return prev === 'map' ? 'map' : 'scalar';
}

function scalarEq(a: any, b: any): boolean {
  return a === b;
}

/** encoding/json-decoded values compare by `==` in Go: scalars only (merge keys are scalars). */
function keyOf(item: any, mergeKey: string, kind: 'map' | 'scalar'): any {
  if (kind === 'scalar') return item;
  return isObj(item) ? item[mergeKey] : undefined;
}

function indexIn(list: any[], item: any, mergeKey: string, kind: 'map' | 'scalar'): number {
  const v = keyOf(item, mergeKey, kind);
  for (let i = 0; i < list.length; i++) if (scalarEq(keyOf(list[i], mergeKey, kind), v)) return i;
  return -1;
}

function validateMergeKeyInLists(mergeKey: string, ...lists: any[][]): void {
  for (const l of lists) {
    for (const item of l) {
      if (!isObj(item)) throw ErrBadArgType('map[string]interface {}', item);
      if (!(mergeKey in item)) throw ErrNoMergeKey(item, mergeKey);
    }
  }
}

/** sort.SliceStable with upstream's comparator (an insertion sort gives the same order). */
function normalizeSliceOrder(toSort: any[], order: any[], mergeKey: string, kind: 'map' | 'scalar'): any[] {
  let items = [...toSort];
  let toDelete: any[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, items, order);
    toDelete = items.filter((v) => v[DIRECTIVE] === 'delete');
    items = items.filter((v) => v[DIRECTIVE] !== 'delete');
  }
  const less = (a: any, b: any) => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j], items[j - 1]); j--) [items[j], items[j - 1]] = [items[j - 1], items[j]];
  }
  return [...items, ...toDelete];
}

function mergeSortedSlice(left: any[], right: any[], serverOrder: any[], mergeKey: string, kind: 'map' | 'scalar'): any[] {
  const out: any[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function normalizeElementOrder(patch: any[], serverOnly: any[], patchOrder: any[], serverOrder: any[], mergeKey: string, kind: 'map' | 'scalar'): any[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

function partition(merged: any[], by: any[], mergeKey: string, kind: 'map' | 'scalar'): [any[], any[]] {
  const inPatch: any[] = [];
  const serverOnly: any[] = [];
  for (const v of merged) {
    if (kind === 'map') {
      if (!isObj(v)) throw ErrBadArgType('map[string]interface {}', v);
      if (!(mergeKey in v)) throw ErrNoMergeKey(v, mergeKey);
    }
    (indexIn(by, v, mergeKey, kind) >= 0 ? inPatch : serverOnly).push(v);
  }
  return [inPatch, serverOnly];
}

/** Go's deduplicateScalars: a duplicate is overwritten by the last element (order changes). */
function deduplicateScalars(s: any[]): any[] {
  s = [...s];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (scalarEq(s[i], s[j])) {
        s[j] = s[length];
        s = s.slice(0, length);
        length--;
        j--;
      }
    }
  }
  return s;
}

function mergeSlice(original: any[], patch: any[], elem: GoType | undefined, mergeKey: string, isDeleteList: boolean): any[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  let merged: any[];
  if (kind !== 'map') {
    if (isDeleteList) return original.filter((v) => !patch.some((p) => scalarEq(p, v)));
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw new PatchError(`cannot merge lists without merge key for type ${deref(elem)?.kind === 'struct' ? 'struct' : 'map'}`);
    // mergeSliceWithSpecialElements
    const plain: any[] = [];
    let replace = false;
    for (const v of patch) {
      if (!(DIRECTIVE in v)) { plain.push(v); continue; }
      const d = v[DIRECTIVE];
      if (d === 'delete') {
        if (!(mergeKey in v)) throw ErrNoMergeKey(v, mergeKey);
        original = original.filter((o) => !(isObj(o) && mergeKey in o && scalarEq(o[mergeKey], v[mergeKey])));
      } else if (d === 'replace') {
        replace = true;
      } else if (d === 'merge') {
        throw new PatchError('merging lists cannot yet be specified in the patch');
      } else {
        throw ErrBadPatchType(d, v);
      }
    }
    if (replace) { original = plain; patch = []; } else patch = plain;
    // mergeSliceWithoutSpecialElements
    merged = [...original];
    for (const v of patch) {
      if (!(mergeKey in v)) throw ErrNoMergeKey(v, mergeKey);
      const at = merged.findIndex((o) => {
        if (!isObj(o)) throw new PatchError(`value for key ${merged.indexOf(o)} is not a map.`);
        return mergeKey in o && scalarEq(o[mergeKey], v[mergeKey]);
      });
      if (at >= 0) merged[at] = mergeMap(merged[at], v, elem);
      else merged.push(v);
    }
  }
  const [inPatch, serverOnly] = partition(merged, patch, mergeKey, kind);
  return normalizeElementOrder(inPatch, serverOnly, patch, original, mergeKey, kind);
}

function mergeSliceHandler(original: any, patch: any, meta: Meta, isDeleteList: boolean): any[] {
  if (!Array.isArray(original)) throw ErrBadArgType('[]interface {}', original);
  if (!Array.isArray(patch)) throw ErrBadArgType('[]interface {}', patch);
  if (meta.strategy === 'merge') return mergeSlice(original, patch, elemOf(meta.type), meta.mergeKey, isDeleteList);
  return patch;
}

function extractKey(s: string, prefix: string): string {
  const i = s.indexOf('/');
  if (i < 0 || s.slice(0, i) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE) throw ErrBadPatchFormatForPrimitiveList();
    throw ErrBadPatchFormatForSetElementOrderList();
  }
  return s.slice(i + 1);
}

function applyRetainKeys(original: Record<string, any>, patch: Record<string, any>): void {
  if (!(RETAIN_KEYS in patch)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw ErrBadPatchFormatForRetainKeys();
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!list.includes(k)) throw ErrBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!list.includes(k)) delete original[k];
}

function validatePatchWithSetOrderList(patchList: any[], setOrder: any[], mergeKey: string): void {
  if (setOrder.length === 0 || patchList.length === 0) return;
  let nonDelete = patchList;
  if (mergeKey) {
    for (const v of patchList) if (!isObj(v)) throw ErrBadArgType('map[string]interface {}', v);
    nonDelete = patchList.filter((v) => v[DIRECTIVE] !== 'delete');
  }
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < setOrder.length) {
    if (isObj(nonDelete[p]) && DIRECTIVE in nonDelete[p]) { p++; continue; }
    let eq: boolean;
    if (!mergeKey) eq = scalarEq(nonDelete[p], setOrder[s]);
    else {
      if (!isObj(setOrder[s])) throw ErrBadArgType('map[string]interface {}', setOrder[s]);
      if (!(mergeKey in nonDelete[p])) throw ErrNoMergeKey(nonDelete[p], mergeKey);
      if (!(mergeKey in setOrder[s])) throw ErrNoMergeKey(setOrder[s], mergeKey);
      eq = scalarEq(nonDelete[p][mergeKey], setOrder[s][mergeKey]);
    }
    if (eq) p++;
    s++;
  }
  if (p < nonDelete.length && s >= setOrder.length) {
    throw new PatchError(`The order in patch list:\n${goValue(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goValue(setOrder)}\n`);
  }
}

/** mergePatchIntoOriginal: the `$setElementOrder/<list>` directives, with their lists. */
function mergeSetElementOrder(original: Record<string, any>, patch: Record<string, any>, t: GoType | undefined): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw ErrBadArgType('[]interface {}', order);
    const field = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = field in original;
    const foundPatch = field in patch;
    const origList = foundOriginal ? original[field] : [];
    const patchList = foundPatch ? patch[field] : [];
    if (foundOriginal && !Array.isArray(origList)) throw ErrBadArgType('[]interface {}', origList);
    if (foundPatch && !Array.isArray(patchList)) throw ErrBadArgType('[]interface {}', patchList);
    const meta = lookup(t, field);
    validatePatchWithSetOrderList(patchList, order, meta.mergeKey);
    let merged: any[];
    if (foundOriginal && !foundPatch) merged = origList;
    else if (!foundOriginal && foundPatch) merged = patchList;
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(origList, patchList, meta, false);
    else continue;
    const kind = meta.mergeKey ? 'map' : 'scalar';
    const [inPatch, serverOnly] = partition(merged, order, meta.mergeKey, kind);
    elementKind(origList, patchList);
    original[field] = normalizeElementOrder(inPatch, serverOnly, order, origList, meta.mergeKey, kind);
    delete patch[field];
  }
}

function mergeMap(original: Record<string, any> | null | undefined, patch: Record<string, any>, t: GoType | undefined): Record<string, any> {
  if (DIRECTIVE in patch) {
    const d = patch[DIRECTIVE];
    if (d === 'replace') { const p = { ...patch }; delete p[DIRECTIVE]; return p; }
    if (d === 'delete') return {};
    throw ErrBadPatchType(d, patch);
  }
  const orig: Record<string, any> = original ?? {};
  patch = { ...patch };
  applyRetainKeys(orig, patch);
  mergeSetElementOrder(orig, patch, t);
  for (let [k, pv] of Object.entries(patch)) {
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE)) {
      k = extractKey(k, DELETE_FROM_PRIMITIVE);
      isDeleteList = true;
    }
    if (pv === null) {
      delete orig[k];
      continue; // IgnoreUnmatchedNulls
    }
    if (!(k in orig)) { orig[k] = pv; continue; }
    const ov = orig[k];
    const okind = Array.isArray(ov) ? 'slice' : isObj(ov) ? 'map' : 'scalar';
    const pkind = Array.isArray(pv) ? 'slice' : isObj(pv) ? 'map' : 'scalar';
    if (okind !== pkind || okind === 'scalar') { orig[k] = pv; continue; }
    const meta = lookup(t, k);
    if (okind === 'map') orig[k] = meta.strategy === 'replace' ? pv : mergeMap(ov, pv, meta.type);
    else orig[k] = mergeSliceHandler(ov, pv, meta, isDeleteList);
  }
  return orig;
}

/**
 * kubesim: a kind whose Go type kubesim does not describe (yet) is patched as an unstructured object:
 * maps merge, lists are replaced (no merge keys), no field type checks.
 */
const UNSTRUCTURED: GoType = { name: 'map[string]interface {}', kind: 'map', key: 'string', elem: { name: 'interface {}', kind: 'raw' } };

/** The Go type to patch as: the kind's own, or UNSTRUCTURED. */
export function patchType(typeName: string | undefined): GoType {
  return typeName ? goType(typeName) : UNSTRUCTURED;
}

/** StrategicMergeMapPatch of `patch` onto `original` for the Go type `typeName` (e.g. `v1.Deployment`). */
export function strategicMergePatch(original: Record<string, any>, patch: Record<string, any>, typeName: string | undefined): Record<string, any> {
  return mergeMap(clone(original), clone(patch), patchType(typeName));
}

// --- JSON merge patch (RFC 7386) -------------------------------------------------------------------------------

function pruneNulls(v: any): any {
  if (Array.isArray(v)) return v.map((x) => (isObj(x) ? pruneNulls(x) : x));
  if (!isObj(v)) return v;
  const out: Record<string, any> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = pruneNulls(x);
  return out;
}

function mergeDocs(doc: Record<string, any>, patch: Record<string, any>): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) { delete doc[k]; continue; }
    const cur = doc[k];
    if (cur === undefined || cur === null) doc[k] = pruneNulls(v);
    else if (isObj(cur) && isObj(v)) mergeDocs(cur, v);
    else doc[k] = isObj(cur) ? v : pruneNulls(v);
  }
}

/** jsonpatch.MergePatch: a non-object patch replaces the document. */
export function jsonMergePatch(doc: any, patch: any): any {
  if (!isObj(patch)) return clone(patch);
  const d = isObj(doc) ? clone(doc) : {};
  mergeDocs(d, clone(patch));
  return d;
}

// --- JSON patch (RFC 6902) ------------------------------------------------------------------------------------

export interface JsonPatchOptions {
  /** kubectl's own json-patch copy (--local, --dry-run=client): `replace` may create an object member */
  client?: boolean;
}

function decodePointer(path: string): string[] {
  if (path === '') return [];
  return path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function missing(msg: string): PatchError {
  return new PatchError(`${msg}: missing value`, 'Invalid');
}

function arrayIndex(key: string, len: number, forAdd: boolean): number {
  if (!/^-?\d+$/.test(key)) return NaN;
  let i = parseInt(key, 10);
  if (i < 0) i += len;
  if (i < 0 || i > len || (!forAdd && i === len)) return NaN;
  return i;
}

/** findObject: the container holding the last path segment, and that segment. */
function findParent(doc: any, path: string): { con: any; key: string } | undefined {
  const parts = decodePointer(path);
  if (parts.length === 0) return undefined;
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = arrayIndex(p, cur.length, false);
      if (Number.isNaN(i)) return undefined;
      cur = cur[i];
    } else if (isObj(cur)) {
      if (!(p in cur)) return undefined;
      cur = cur[p];
    } else return undefined;
  }
  if (!Array.isArray(cur) && !isObj(cur)) return undefined;
  return { con: cur, key: parts[parts.length - 1] };
}

function getAt(con: any, key: string): { ok: boolean; value?: any } {
  if (Array.isArray(con)) {
    const i = arrayIndex(key, con.length, false);
    return Number.isNaN(i) ? { ok: false } : { ok: true, value: con[i] };
  }
  return key in con ? { ok: true, value: con[key] } : { ok: false };
}

function jsonEqual(a: any, b: any): boolean {
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  return a === b;
}

/** Decodes a JSON patch document (jsonpatch.DecodePatch). */
export function decodeJsonPatch(text: string): any[] {
  const v = parseJson(text);
  if (v === null) return [];
  if (!Array.isArray(v)) throw new PatchError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type jsonpatch.Patch`, 'BadRequest');
  for (const op of v) {
    if (op !== null && !isObj(op)) throw new PatchError(`json: cannot unmarshal ${jsonKind(op)} into Go value of type jsonpatch.Operation`, 'BadRequest');
  }
  return v;
}

/** Patch.Apply: every failure is an error the API server answers with 422 (status Invalid). */
export function applyJsonPatch(doc: any, ops: any[], opts: JsonPatchOptions = {}): any {
  let root = clone(doc);
  for (const raw of ops) {
    const op = raw ?? {};
    const kind = op.op;
    const path: string = typeof op.path === 'string' ? op.path : '';
    if (typeof op.path !== 'string' && ['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(kind)) {
      throw new PatchError(`${kind} operation failed to decode path: operation missing path field: missing value`, 'Invalid');
    }
    switch (kind) {
      case 'add': {
        if (path === '') { root = clone(op.value); break; }
        const f = findParent(root, path);
        if (!f) throw missing(`add operation does not apply: doc is missing path: ${JSON.stringify(path)}`);
        if (Array.isArray(f.con)) {
          const i = f.key === '-' ? f.con.length : arrayIndex(f.key, f.con.length, true);
          if (Number.isNaN(i)) throw new PatchError(`error in add for path: '${path}': Unable to access invalid index: ${f.key}: invalid index referenced`, 'Invalid');
          f.con.splice(i, 0, clone(op.value ?? null));
        } else f.con[f.key] = clone(op.value ?? null);
        break;
      }
      case 'remove': {
        const f = findParent(root, path);
        if (!f) throw missing(`remove operation does not apply: doc is missing path: ${JSON.stringify(path)}`);
        if (Array.isArray(f.con)) {
          const i = arrayIndex(f.key, f.con.length, false);
          if (Number.isNaN(i)) throw new PatchError(`error in remove for path: '${path}': Unable to remove invalid index: ${f.key}: invalid index referenced`, 'Invalid');
          f.con.splice(i, 1);
        } else {
          if (!(f.key in f.con)) throw missing(`error in remove for path: '${path}': Unable to remove nonexistent key: ${f.key}`);
          delete f.con[f.key];
        }
        break;
      }
      case 'replace': {
        if (path === '') { root = clone(op.value); break; }
        const f = findParent(root, path);
        if (!f) throw missing(`replace operation does not apply: doc is missing path: ${path}`);
        const cur = getAt(f.con, f.key);
        if (!cur.ok && !(opts.client && isObj(f.con))) throw missing(`replace operation does not apply: doc is missing key: ${path}`);
        if (Array.isArray(f.con)) f.con[arrayIndex(f.key, f.con.length, false)] = clone(op.value ?? null);
        else f.con[f.key] = clone(op.value ?? null);
        break;
      }
      case 'move':
      case 'copy': {
        const from: string = typeof op.from === 'string' ? op.from : '';
        const src = findParent(root, from);
        if (!src) throw missing(`${kind} operation does not apply: doc is missing from path: ${from}`);
        const got = getAt(src.con, src.key);
        if (!got.ok) throw missing(`error in ${kind} for path: '${src.key}'`);
        if (kind === 'move') {
          if (Array.isArray(src.con)) src.con.splice(arrayIndex(src.key, src.con.length, false), 1);
          else delete src.con[src.key];
        }
        root = applyJsonPatch(root, [{ op: 'add', path, value: got.value }], opts);
        break;
      }
      case 'test': {
        let cur: { ok: boolean; value?: any };
        if (path === '') cur = { ok: true, value: root };
        else {
          const f = findParent(root, path);
          if (!f) throw missing(`test operation does not apply: is missing path: ${path}`);
          cur = getAt(f.con, f.key);
        }
        const want = op.value ?? null;
        if (!cur.ok ? want !== null : !jsonEqual(cur.value, want)) throw new PatchError(`testing value ${path} failed: test failed`, 'Invalid');
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${kind ?? 'unknown'}`, 'Invalid');
    }
  }
  return root;
}

// --- decoding the patched map into the Go type ----------------------------------------------------------------

/**
 * runtime.DefaultUnstructuredConverter.FromUnstructured's type errors for the patched object (`unrecognized type:
 * int32`), or undefined when it decodes. Unknown fields are not errors here (see decode.unknownFields).
 */
export function unstructuredTypeError(v: any, t: GoType): string | undefined {
  if (v === null || v === undefined) return undefined;
  switch (t.kind) {
    case 'ptr':
      return unstructuredTypeError(v, t.elem!);
    case 'struct': {
      if (!isObj(v)) return `cannot restore struct from: ${Array.isArray(v) ? 'slice' : goKindOf(v)}`;
      for (const f of t.fields ?? []) {
        const e = f.inline ? unstructuredTypeError(v, goType(f.type)) : unstructuredTypeError(v[f.json], goType(f.type));
        if (e) return e;
      }
      return undefined;
    }
    case 'slice':
      if (!Array.isArray(v)) return `cannot restore slice from ${isObj(v) ? 'map' : goKindOf(v)}`;
      for (const x of v) { const e = unstructuredTypeError(x, t.elem!); if (e) return e; }
      return undefined;
    case 'map':
      if (!isObj(v)) return `cannot restore map from ${Array.isArray(v) ? 'slice' : goKindOf(v)}`;
      for (const x of Object.values(v)) { const e = unstructuredTypeError(x, t.elem!); if (e) return e; }
      return undefined;
    case 'string':
      return typeof v === 'string' ? undefined : `unrecognized type: string`;
    case 'bool':
      return typeof v === 'boolean' ? undefined : `unrecognized type: bool`;
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) ? undefined : `unrecognized type: ${t.name === 'int' ? 'int' : t.name.replace(/^\*/, '')}`;
    default:
      return undefined;
  }
}

function goKindOf(v: any): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

// --- the API server's PATCH, and kubectl's local one -----------------------------------------------------------

function sortedJson(v: any): string {
  const norm = (x: any): any => {
    if (Array.isArray(x)) return x.map(norm);
    if (isObj(x)) {
      const o: Record<string, any> = {};
      for (const k of Object.keys(x).sort()) o[k] = norm(x[k]);
      return o;
    }
    return x;
  };
  return JSON.stringify(norm(v));
}

function goJsonTypeError(v: any, target: string): string {
  return `json: cannot unmarshal ${jsonKind(v)} into Go value of type ${target}`;
}

/** The patched object, as kubectl computes it without a server (--local, --dry-run=client): getPatchedJSON. */
export function localPatch(obj: KObject, type: PatchType, patchText: string): KObject {
  const fail = (m: string) => new UserError(`error: ${m}`);
  let result: any;
  if (type === 'json') {
    let ops: any[];
    try { ops = decodeJsonPatch(patchText); } catch (e) { throw fail((e as Error).message); }
    try {
      result = applyJsonPatch(obj, ops, { client: true });
    } catch (e) {
      const m = (e as Error).message;
      const i = m.indexOf('doc is missing key: ');
      if (i >= 0) throw fail(`Object to be patched is missing field (${m.slice(i + 'doc is missing key: '.length)})`);
      throw fail(m);
    }
  } else if (type === 'merge') {
    let p: any;
    try { p = parseJson(patchText); } catch { throw fail('Invalid JSON Patch'); }
    result = jsonMergePatch(obj, p);
  } else {
    let p: any;
    try { p = parseJson(patchText); } catch { throw fail('invalid JSON document'); }
    if (p !== null && !isObj(p)) throw fail('invalid JSON document');
    const typeName = KIND_TYPES[`${obj.apiVersion}/${obj.kind}`];
    // gvk.String(): `apps/v1, Kind=Deployment`, `/v1, Kind=Pod`
    const gv = obj.apiVersion?.includes('/') ? obj.apiVersion : `/${obj.apiVersion ?? ''}`;
    if (!typeName && !resourceForKind(obj.apiVersion ?? '', obj.kind ?? '')) throw fail(`strategic merge patch is not supported for ${gv}, Kind=${obj.kind} locally, try --type merge`);
    try { result = strategicMergePatch(obj, p ?? {}, typeName); } catch (e) { throw fail((e as Error).message); }
  }
  // runtime.Decode(unstructured.UnstructuredJSONScheme, ...)
  if (!isObj(result)) throw fail(goJsonTypeError(result, 'unstructured.detector'));
  if (!result.kind) throw fail(`Object 'Kind' is missing in '${JSON.stringify(result)}'`);
  return result as KObject;
}

export interface ServerPatchResult {
  object: KObject;
  warnings: string[];
}

function serverError(e: unknown): Error {
  if (!(e instanceof PatchError)) return e as Error;
  if (e.status === 'BadRequest') return new StatusError(400, 'BadRequest', e.message);
  // NewGenericServerResponse(422, ...) carries no causes: kubectl prints only the generic text
  if (e.status === 'Invalid') return new RawError('The request is invalid: the server rejected our request due to an error in our request');
  return new RawError(`Error from server: ${e.message}`);
}

/**
 * PATCH on the API server: apply the patch to the stored object, decode it into the Go type (unknown fields are
 * warnings: kubectl sends no fieldValidation, the server defaults to Warn), then update it like a PUT would
 * (defaults, validation, generation); `dryRun` stores nothing. `base` replaces the stored object as the patch's
 * starting point (a dry run's follow-up patch).
 */
export function applyPatch(cluster: Cluster, info: ResourceInfo, namespace: string | undefined, name: string, type: PatchType, patchText: string, opts: { dryRun?: boolean; base?: KObject; fieldManager?: string } = {}): ServerPatchResult {
  const stored = cluster.get(info.storage, info.namespaced ? namespace : undefined, name);
  const live = stored && fromStorage(info, stored);
  if (!live) throw new StatusError(404, 'NotFound', `${qualifiedResource(info)} "${name}" not found`);
  if (type === 'strategic' && info.crd) {
    // the crdHandler takes no strategic merge patch (415 UnsupportedMediaType)
    throw new StatusError(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
  }
  const current = opts.base ?? live;
  const typeName = KIND_TYPES[`${current.apiVersion}/${current.kind}`];
  let patched: any;
  let shown: string;
  try {
    if (type === 'strategic') {
      const p = parseJsonObject(patchText);
      shown = goValue(p);
      patched = strategicMergePatch(current, p, typeName);
    } else {
      let v: any;
      try {
        v = parseJson(patchText);
      } catch (e) {
        throw new PatchError(`error decoding patch: ${(e as Error).message}`, 'BadRequest');
      }
      if (type === 'json') {
        if (v !== null && !Array.isArray(v)) throw new PatchError(`error decoding patch: ${goJsonTypeError(v, '[]handlers.jsonPatchOp')}`, 'BadRequest');
        patched = applyJsonPatch(current, decodeJsonPatch(patchText));
      } else {
        if (v !== null && !isObj(v)) throw new PatchError(`error decoding patch: ${goJsonTypeError(v, 'map[string]interface {}')}`, 'BadRequest');
        patched = jsonMergePatch(current, v);
      }
      shown = JSON.stringify(patched);
    }
  } catch (e) {
    throw serverError(e);
  }
  // decoding into the typed object
  const invalid = (detail: string) =>
    new InvalidError('', '', formatInvalid('', '', [{ type: 'Invalid', field: 'patch', value: goQuote(shown), detail }]));
  if (!isObj(patched)) throw invalid(goJsonTypeError(patched, `v1.${info.kind}`));
  const typeErr = unstructuredTypeError(patched, patchType(typeName));
  if (typeErr) throw invalid(typeErr);
  patched.apiVersion = current.apiVersion;
  patched.kind = current.kind;
  const md = isObj(patched.metadata) ? patched.metadata : (patched.metadata = {});
  // rest.EnsureObjectNamespaceMatchesRequestNamespace, then checkName
  if (info.namespaced) {
    if (!md.namespace) md.namespace = namespace;
    else if (md.namespace !== namespace) throw new StatusError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
  }
  if ((md.name ?? '') !== name) throw new StatusError(400, 'BadRequest', `the name of the object (${md.name ?? ''}) does not match the name on the URL (${name})`);
  if (md.resourceVersion && md.resourceVersion !== live.metadata?.resourceVersion) {
    throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(info)} "${name}": the object has been modified; please apply your changes to the latest version and try again`);
  }
  const unknown = unknownFields(patched as KObject);
  const warnings = (type === 'strategic' ? [...unknown].sort() : unknown).map((u) => `unknown field ${JSON.stringify(u)}`);
  // admission and validation run even when nothing changes; an unchanged object is not written (GuaranteedUpdate)
  const admitted = updateObject(cluster, info, patched as KObject, { dryRun: true });
  const withLiveStatus: KObject = { ...admitted };
  if ('status' in live) withLiveStatus.status = live.status;
  else delete withLiveStatus.status;
  if (sortedJson(withLiveStatus) === sortedJson(live)) return { object: live, warnings };
  if (opts.dryRun) return { object: withLiveStatus, warnings };
  return { object: updateObject(cluster, info, patched as KObject, { fieldManager: opts.fieldManager }), warnings };
}

// --- two-way strategic merge patch (what `kubectl edit` sends) -------------------------------------------------

function deepEqual(a: any, b: any): boolean {
  return jsonEqual(a, b);
}

/** Go's `fmt.Sprintf("%v", x)` string of a merge key value, for the sorted diff of two lists. */
const keyString = (v: any) => goValue(v);

function byKeyString(mergeKey: string) {
  return (a: any, b: any) => {
    const x = keyString(a[mergeKey]);
    const y = keyString(b[mergeKey]);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

function diffListsOfMaps(original: any[], modified: any[], elem: GoType | undefined, mergeKey: string): { patch: any[]; deletions: any[] } {
  for (const l of [original, modified]) for (const m of l) if (!isObj(m)) throw ErrBadArgType('map[string]interface {}', m); else if (!(mergeKey in m)) throw ErrNoMergeKey(m, mergeKey);
  const o = [...original].sort(byKeyString(mergeKey));
  const m = [...modified].sort(byKeyString(mergeKey));
  const patch: any[] = [];
  const deletions: any[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const ok = i < o.length;
    const mk = j < m.length;
    const os = ok ? keyString(o[i][mergeKey]) : '';
    const ms = mk ? keyString(m[j][mergeKey]) : '';
    if (ok && mk && os === ms) {
      const p = diffMaps(o[i], m[j], elem);
      if (Object.keys(p).length) { p[mergeKey] = m[j][mergeKey]; patch.push(p); }
      i++; j++;
    } else if (!ok || (ok && mk && os > ms)) {
      patch.push(m[j]); j++;
    } else {
      deletions.push({ [mergeKey]: o[i][mergeKey], [DIRECTIVE]: 'delete' }); i++;
    }
  }
  return { patch, deletions };
}

function diffLists(original: any[], modified: any[], elem: GoType | undefined, mergeKey: string): { patch?: any[]; deletions?: any[]; order?: any[] } {
  if (original.length === 0) return modified.length === 0 ? {} : { patch: modified };
  const kind = elementKind(original, modified);
  if (kind === 'map') {
    const d = diffListsOfMaps(original, modified, elem, mergeKey);
    const patch = [...normalizeSliceOrder(d.patch, modified, mergeKey, 'map'), ...d.deletions];
    const orderSame = original.length === modified.length && modified.every((x, i) => scalarEq(original[i][mergeKey], x[mergeKey]));
    const order = patch.length > 0 || !orderSame ? modified.map((x) => ({ [mergeKey]: x[mergeKey] })) : undefined;
    return { patch, order };
  }
  const o = [...original].map(keyString).sort();
  const adds = modified.filter((x) => !o.includes(keyString(x)));
  const dels = deduplicateScalars(original.filter((x) => !modified.some((y) => keyString(y) === keyString(x))));
  const patch = normalizeSliceOrder(adds, modified, mergeKey, 'scalar');
  const order = dels.length > 0 || !deepEqual(original, modified) ? modified : undefined;
  return { patch, deletions: dels, order };
}

function diffMaps(original: Record<string, any>, modified: Record<string, any>, t: GoType | undefined): Record<string, any> {
  const patch: Record<string, any> = {};
  for (const [k, mv] of Object.entries(modified)) {
    if (!(k in original)) { patch[k] = mv; continue; }
    const ov = original[k];
    const okind = Array.isArray(ov) ? 'slice' : isObj(ov) ? 'map' : 'scalar';
    const mkind = Array.isArray(mv) ? 'slice' : isObj(mv) ? 'map' : 'scalar';
    if (okind !== mkind) { patch[k] = mv; continue; }
    if (okind === 'map') {
      const meta = lookup(t, k);
      if (meta.strategy === 'replace') { if (!deepEqual(ov, mv)) patch[k] = mv; continue; }
      const p = diffMaps(ov, mv, meta.type);
      if (Object.keys(p).length) patch[k] = p;
    } else if (okind === 'slice') {
      const meta = lookup(t, k);
      if (meta.strategy !== 'merge') { if (!deepEqual(ov, mv)) patch[k] = mv; continue; }
      const d = diffLists(ov, mv, elemOf(meta.type), meta.mergeKey);
      if (d.patch && d.patch.length) patch[k] = d.patch;
      if (d.deletions && d.deletions.length) patch[`${DELETE_FROM_PRIMITIVE}/${k}`] = d.deletions;
      if (d.order) patch[`${SET_ELEMENT_ORDER}/${k}`] = d.order;
    } else if (!deepEqual(ov, mv)) patch[k] = mv;
  }
  for (const k of Object.keys(original)) if (!(k in modified)) patch[k] = null;
  return patch;
}

/** strategicpatch.CreateTwoWayMergePatch(original, modified, <typeName>) as a map. */
export function createTwoWayMergePatch(original: Record<string, any>, modified: Record<string, any>, typeName: string | undefined): Record<string, any> {
  return diffMaps(original, modified, patchType(typeName));
}

/** encoding/json.Marshal of a map: keys sorted, no spaces, HTML-safe escapes. */
export function goJsonMarshal(v: any): string {
  if (Array.isArray(v)) return `[${v.map(goJsonMarshal).join(',')}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${goJsonString(k)}:${goJsonMarshal(v[k])}`).join(',')}}`;
  if (typeof v === 'string') return goJsonString(v);
  return JSON.stringify(v);
}

function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
