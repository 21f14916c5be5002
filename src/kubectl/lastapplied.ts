// kubectl apply's client side: the last-applied-configuration annotation and the three-way merge
// (original = last applied, modified = the new manifest, current = live), with strategic-merge
// list keys for the lists a Deployment carries.
import type { KObject } from '../api/types.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Go's json.Marshal of an unstructured map: keys sorted at every level. */
export function sortedJson(v: any): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(sortedJson).join(',') + ']';
  const keys = Object.keys(v).sort();
  return '{' + keys.filter((k) => v[k] !== undefined).map((k) => JSON.stringify(k) + ':' + sortedJson(v[k])).join(',') + '}';
}

/** The annotation value kubectl computes: the manifest with `annotations: {}` kept empty of itself. */
export function lastAppliedFor(manifest: KObject, namespace: string | undefined): string {
  const o = JSON.parse(JSON.stringify(manifest));
  o.metadata = o.metadata || {};
  if (namespace !== undefined) o.metadata.namespace = namespace;
  const ann = { ...(o.metadata.annotations || {}) };
  delete ann[LAST_APPLIED];
  o.metadata.annotations = ann;
  return sortedJson(o) + '\n';
}

/** The manifest as kubectl sends it: with the last-applied annotation added. */
export function withLastApplied(manifest: KObject, namespace: string | undefined): KObject {
  const o = JSON.parse(JSON.stringify(manifest));
  o.metadata = o.metadata || {};
  if (namespace !== undefined) o.metadata.namespace = namespace;
  o.metadata.annotations = { ...(o.metadata.annotations || {}), [LAST_APPLIED]: lastAppliedFor(manifest, namespace) };
  return o;
}

// strategic merge patch list merge keys (patchMergeKey in k8s.io/api types)
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  tolerations: '',
  conditions: 'type',
};

/** Fields with patchStrategy retainKeys (DeploymentSpec.strategy; the items of PodSpec.volumes). */
const RETAIN_KEYS = new Set(['strategy', 'volumes']);

function isObj(v: any): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Three-way merge into `current`: fields set in `modified` win; fields present in `original` but
 * gone from `modified` are removed; everything else in `current` (defaults, controller-owned
 * fields) is kept.
 */
export function threeWayMerge(original: any, modified: any, current: any, field = '', retainKeys = false): any {
  if (isObj(modified) && isObj(current)) {
    const out: Record<string, any> = { ...current };
    const orig = isObj(original) ? original : {};
    for (const k of Object.keys(orig)) if (!(k in modified)) delete out[k];
    // patchStrategy retainKeys: only the keys the manifest gives survive (a strategy's rollingUpdate goes with type: Recreate)
    if (retainKeys) for (const k of Object.keys(out)) if (!(k in modified)) delete out[k];
    for (const k of Object.keys(modified)) {
      out[k] = threeWayMerge(orig[k], modified[k], current[k], k, RETAIN_KEYS.has(k));
    }
    return out;
  }
  if (Array.isArray(modified) && Array.isArray(current)) {
    const key = MERGE_KEYS[field];
    if (key && modified.every((m) => isObj(m) && key in m)) {
      const origList: any[] = Array.isArray(original) ? original : [];
      const out: any[] = [];
      for (const m of modified) {
        const cur = current.find((c) => isObj(c) && c[key] === m[key]);
        const org = origList.find((c) => isObj(c) && c[key] === m[key]);
        out.push(cur ? threeWayMerge(org, m, cur, '', RETAIN_KEYS.has(field)) : m);
      }
      // items the user never managed (not in original) stay, in their place after the managed ones
      for (const c of current) {
        if (!isObj(c)) continue;
        const inMod = modified.some((m) => m[key] === c[key]);
        const inOrig = origList.some((o) => isObj(o) && o[key] === c[key]);
        if (!inMod && !inOrig) out.push(c);
      }
      return out;
    }
    return modified;
  }
  return modified;
}
