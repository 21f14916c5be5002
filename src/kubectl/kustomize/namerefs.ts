// nameReference: fields that name another object follow that object's renames (prefix, suffix,
// generator hash), as kustomize's builtin nameReference fieldSpecs do for the common kinds.
import type { KObject } from '../../api/types.js';
import { containersOf, podSpecOf } from './podspecs.js';
import { nameOf, nsOf, type Res } from './resource.js';

/** a field naming another object; `ns` when the field says the referent's namespace itself */
type Slot = [parent: any, key: string, ns?: string];
const arr = (v: any): any[] => (Array.isArray(v) ? v : []);
const slot = (parent: any, key: string): Slot[] => (parent && typeof parent === 'object' && typeof parent[key] === 'string' ? [[parent, key]] : []);

function podRefs(spec: any, kind: string): Slot[] {
  if (!spec) return [];
  const cs = containersOf(spec);
  const vols = arr(spec.volumes);
  const projected = vols.flatMap((v) => arr(v?.projected?.sources));
  switch (kind) {
    case 'ConfigMap':
      return [
        ...vols.flatMap((v) => slot(v?.configMap, 'name')),
        ...projected.flatMap((s) => slot(s?.configMap, 'name')),
        ...cs.flatMap((c) => arr(c?.env).flatMap((e) => slot(e?.valueFrom?.configMapKeyRef, 'name'))),
        ...cs.flatMap((c) => arr(c?.envFrom).flatMap((e) => slot(e?.configMapRef, 'name'))),
      ];
    case 'Secret':
      return [
        ...vols.flatMap((v) => slot(v?.secret, 'secretName')),
        ...projected.flatMap((s) => slot(s?.secret, 'name')),
        ...cs.flatMap((c) => arr(c?.env).flatMap((e) => slot(e?.valueFrom?.secretKeyRef, 'name'))),
        ...cs.flatMap((c) => arr(c?.envFrom).flatMap((e) => slot(e?.secretRef, 'name'))),
        ...arr(spec.imagePullSecrets).flatMap((s) => slot(s, 'name')),
      ];
    case 'ServiceAccount':
      return slot(spec, 'serviceAccountName');
    case 'PersistentVolumeClaim':
      return vols.flatMap((v) => slot(v?.persistentVolumeClaim, 'claimName'));
    default:
      return [];
  }
}

/** The slots in `referrer` that name an object of kind `kind`. */
function refSlots(referrer: KObject, kind: string): Slot[] {
  const out = podRefs(podSpecOf(referrer), kind);
  const spec: any = referrer.spec;
  const rk = referrer.kind;
  if (kind === 'Service') {
    if (rk === 'StatefulSet') out.push(...slot(spec, 'serviceName'));
    if (rk === 'Ingress') {
      out.push(...slot(spec?.defaultBackend?.service, 'name'));
      for (const r of arr(spec?.rules)) for (const p of arr(r?.http?.paths)) out.push(...slot(p?.backend?.service, 'name'));
    }
  }
  if (kind === 'Secret' && rk === 'Ingress') for (const t of arr(spec?.tls)) out.push(...slot(t, 'secretName'));
  if ((rk === 'RoleBinding' || rk === 'ClusterRoleBinding') && (kind === 'Role' || kind === 'ClusterRole')) {
    const rr: any = (referrer as any).roleRef;
    if (rr?.kind === kind) out.push(...slot(rr, 'name'));
  }
  if ((rk === 'RoleBinding' || rk === 'ClusterRoleBinding') && kind === 'ServiceAccount') {
    for (const s of arr((referrer as any).subjects)) if (s?.kind === 'ServiceAccount' && typeof s.name === 'string') out.push([s, 'name', s.namespace ?? '']);
  }
  if (rk === 'HorizontalPodAutoscaler' && spec?.scaleTargetRef?.kind === kind) out.push(...slot(spec.scaleTargetRef, 'name'));
  return out;
}

const REFERENT_KINDS = ['ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'PersistentVolumeClaim', 'Role', 'ClusterRole', 'Deployment', 'StatefulSet', 'ReplicaSet'];
/** ResId.EffectiveNamespace: no namespace is the default one */
const effectiveNs = (ns: string) => ns || 'default';
const CLUSTER_SCOPED = new Set(['ClusterRole']);

/** Points every reference still naming an old name of a referent at its current name. */
export function fixNameReferences(all: Res[]): void {
  for (const kind of REFERENT_KINDS) {
    const referents = all.filter((r) => r.obj.kind === kind && (r.names.length > 1 || r.namespaces.length > 1));
    if (!referents.length) continue;
    for (const referrer of all) {
      for (const [parent, key, ns] of refSlots(referrer.obj, kind)) {
        const v = parent[key];
        if (ns !== undefined) {
          // a subject names its ServiceAccount's namespace: it follows both the name and the namespace
          const hit = referents.find((r) => r.namespaces.some((n) => effectiveNs(n) === effectiveNs(ns)) && r.names.includes(v));
          if (hit) { parent[key] = nameOf(hit); if (nsOf(hit)) parent.namespace = nsOf(hit); }
          continue;
        }
        const want = nsOf(referrer);
        const hit = referents.find((r) => (CLUSTER_SCOPED.has(kind) || effectiveNs(nsOf(r)) === effectiveNs(want)) && r.names.includes(v) && nameOf(r) !== v);
        if (hit) parent[key] = nameOf(hit);
      }
    }
  }
}
