// What structured-merge-diff needs to know of a node: is it a leaf (scalar, atomic struct or list), a map/struct walked
// field by field, a list merged by keys (x-kubernetes-list-map-keys) or a set (x-kubernetes-list-type: set), and
// which fields the zero Go object already holds (non-omitempty fields, non-pointer structs: they are null or {} there,
// so a first value is a modification of them rather than an addition). The Go layouts of src/api/goschema.ts type the
// kinds kubesim describes field by field; other kinds fall back on the field-name tables below.
import { goType, jsonFields, type GoType } from '../../api/goschema.js';

export type Shape = { t: 'leaf' } | { t: 'map' } | { t: 'keyed'; keys: string[] } | { t: 'set' };

export interface Ctx {
  kind: string;
  /** JSON field name that led here ('' at the root and for list items) */
  field: string;
  go?: GoType;
  root?: boolean;
  /** the contexts of this one's fields and items, made once (contexts are never changed) */
  kids?: Map<string, Ctx>;
  item?: Ctx;
  /** inZero(parent, field) for a field's context, once asked */
  inZero?: boolean;
  /** a field's path element, `f:<field>` */
  pe?: string;
}

/** Go types marked `+structType=atomic` / `+mapType=atomic` (owned as one value). */
const ATOMIC_GO = new Set([
  'v1.LabelSelector', 'v1.LocalObjectReference', 'v1.ObjectReference', 'v1.ConfigMapKeySelector', 'v1.SecretKeySelector',
  'v1.ObjectFieldSelector', 'v1.ResourceFieldSelector', 'v1.TypedLocalObjectReference', 'v1.TypedObjectReference',
  'v1.NodeSelector', 'v1.TopologySelectorTerm', 'v1.OwnerReference',
]);

/** The same, by field name, for kinds without a Go layout here. */
const ATOMIC_FIELDS = new Set(['involvedObject', 'regarding', 'related', 'claimRef', 'roleRef', 'podSelector', 'namespaceSelector', 'labelSelector', 'configMapKeyRef', 'secretKeyRef', 'fieldRef', 'resourceFieldRef', 'nodeSelectorTerms']);

/** podIPs' list keys (the field manager also names a pod's IPs by them: index.ts) */
export const POD_IP_KEYS = ['ip'];
/** `+listType=map` lists and their `+listMapKey`s, by field name. */
const LIST_KEYS: Record<string, (item: any, ctx: Ctx) => string[] | undefined> = {};
for (const [f, keys] of Object.entries({
  containers: ['name'], initContainers: ['name'], ephemeralContainers: ['name'], env: ['name'], volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'], volumes: ['name'], imagePullSecrets: ['name'], hostAliases: ['ip'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'], conditions: ['type'], podIPs: POD_IP_KEYS,
  ownerReferences: ['uid'], resourceClaims: ['name'], schedulingGates: ['name'], resizePolicy: ['resourceName'],
  claims: ['name'], resourceClaimStatuses: ['name'],
})) LIST_KEYS[f] = () => keys;
// container ports are keyed by containerPort and protocol, a Service's by port and protocol; other `ports` are atomic
LIST_KEYS.ports = (item, ctx) => (item && typeof item === 'object' && 'containerPort' in item ? ['containerPort', 'protocol']
  : ctx.kind === 'Service' && ctx.go?.name !== 'v1.ServiceStatus' ? ['port', 'protocol'] : undefined);

const SET_FIELDS = new Set(['finalizers']);

const KIND_GO: Record<string, string> = {
  Deployment: 'v1.Deployment', ReplicaSet: 'v1.ReplicaSet', Pod: 'v1.Pod', Service: 'v1.Service', ConfigMap: 'v1.ConfigMap', Namespace: 'v1.Namespace',
};

const deref = (t: GoType | undefined): GoType | undefined => (t?.kind === 'ptr' ? deref(t.elem) : t);

const roots = new Map<string, Ctx>();

export function rootCtx(kind: string): Ctx {
  let c = roots.get(kind);
  if (!c) roots.set(kind, (c = { kind, field: '', root: true, go: KIND_GO[kind] ? goType(KIND_GO[kind]) : undefined }));
  return c;
}

// Shapes are shared constants (a comparison asks for one at every node it walks).
const LEAF: Shape = { t: 'leaf' };
const MAP: Shape = { t: 'map' };
const SET: Shape = { t: 'set' };
const keyedShapes = new Map<string, Shape>();
function keyed(keys: string[]): Shape {
  const id = keys.join('\0');
  let s = keyedShapes.get(id);
  if (!s) keyedShapes.set(id, (s = { t: 'keyed', keys }));
  return s;
}

const isObj = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);

export function shapeOf(ctx: Ctx, v: unknown): Shape {
  const go = deref(ctx.go);
  if (Array.isArray(v)) {
    if (SET_FIELDS.has(ctx.field)) return SET;
    const keys = LIST_KEYS[ctx.field]?.(v.find(isObj), ctx);
    return keys && v.every(isObj) ? (Array.isArray(keys) ? keyed(keys) : { t: 'keyed', keys }) : LEAF;
  }
  if (!isObj(v)) return LEAF;
  if (go && (ATOMIC_GO.has(go.name) || go.kind === 'raw' || go.kind === 'quantity' || go.kind === 'intstr')) return LEAF;
  if (!go && ATOMIC_FIELDS.has(ctx.field)) return LEAF;
  if (!go && ctx.field === 'selector' && ('matchLabels' in v || 'matchExpressions' in v)) return LEAF;
  return MAP;
}

/** The context of a map/struct child. */
export function fieldCtx(ctx: Ctx, key: string): Ctx {
  const kids = (ctx.kids ??= new Map());
  let c = kids.get(key);
  if (!c) {
    c = newFieldCtx(ctx, key);
    // a map's keys are data (labels, a ConfigMap's keys): only so many are kept
    if (kids.size < 512) kids.set(key, c);
  }
  return c;
}

function newFieldCtx(ctx: Ctx, key: string): Ctx {
  const go = deref(ctx.go);
  let t: GoType | undefined;
  if (go?.kind === 'struct') t = jsonFields(go).get(key) && goType(jsonFields(go).get(key)!.type);
  else if (go?.kind === 'map') t = go.elem;
  else if (!go && ctx.root && key === 'metadata') t = goType('v1.ObjectMeta');
  return { kind: ctx.kind, field: key, go: t };
}

/** The context of a list item. */
export function itemCtx(ctx: Ctx): Ctx {
  if (!ctx.item) {
    const go = deref(ctx.go);
    ctx.item = { kind: ctx.kind, field: '', go: go?.kind === 'slice' ? go.elem : undefined };
  }
  return ctx.item;
}

/** Whether the zero value of this struct holds the field (encoding/json writes it: not omitempty, or a struct). */
export function inZero(ctx: Ctx, key: string): boolean {
  const go = deref(ctx.go);
  if (!go) return !!ctx.root && (key === 'metadata' || key === 'spec' || key === 'status');
  if (go.kind !== 'struct') return false;
  const f = jsonFields(go).get(key);
  if (!f) return false;
  return !f.omitempty || goType(f.type).kind === 'struct' || goType(f.type).kind === 'time' && !f.type.startsWith('*');
}

const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

/** Items' elements, by item: compared objects are stored ones, never changed in place (a write's old side was the last's new). */
const elements = new WeakMap<object, { keys: string[]; el: string }>();

/** keyElement of an item of a stored object (or one about to be), remembered. */
export function storedKeyElement(item: Record<string, any>, keys: string[]): string {
  const known = elements.get(item);
  if (known && known.keys === keys) return known.el;
  const el = keyElement(item, keys);
  elements.set(item, { keys, el });
  return el;
}

/** A path element for a list item. */
export function keyElement(item: Record<string, any>, keys: string[]): string {
  const k: Record<string, unknown> = {};
  for (const name of keys.length > 1 ? [...keys].sort() : keys) {
    if (name in item) k[name] = item[name];
    // a key field the schema defaults (ports' protocol) keys by its default
    else if (name in KEY_DEFAULTS) k[name] = KEY_DEFAULTS[name];
  }
  return 'k:' + JSON.stringify(k);
}
