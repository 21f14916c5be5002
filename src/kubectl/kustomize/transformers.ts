// The kustomization fields that transform every resource: namespace, namePrefix/nameSuffix,
// commonLabels/labels, commonAnnotations, replicas (images are in images.ts).
import { isClusterScopedKind } from './scope.js';
import { addMapEntries, ANNOTATION_SPECS, METADATA_LABEL_SPECS, SELECTOR_LABEL_SPECS, TEMPLATE_LABEL_SPECS, type FieldSpec } from './fieldspec.js';
import { nameOf, rename, setNs, type Res } from './resource.js';

/**
 * NamespaceTransformer: every namespaced object moves; a Namespace object takes the name. Subjects
 * are left alone here: the name references move those naming a ServiceAccount of the build.
 */
export function setNamespace(acc: Res[], ns: string): void {
  for (const r of acc) {
    if (r.obj.kind === 'Namespace') { rename(r, ns); continue; }
    if (!isClusterScopedKind(r.obj)) setNs(r, ns);
  }
}

/** PrefixSuffixTransformer skips these kinds (prefixSuffixFieldSpecsToSkip). */
const NO_PREFIX = new Set(['CustomResourceDefinition', 'APIService', 'Namespace']);

export function prefixSuffix(acc: Res[], prefix: string, suffix: string): void {
  for (const r of acc) {
    if (NO_PREFIX.has(String(r.obj.kind))) continue;
    rename(r, `${prefix}${nameOf(r)}${suffix}`);
  }
}

/** commonLabels (deprecated) and each `labels` entry with includeSelectors / includeTemplates. */
export function addLabels(acc: Res[], k: Record<string, any>): void {
  const apply = (pairs: Record<string, string> | undefined, specs: FieldSpec[]) => {
    if (!pairs || !Object.keys(pairs).length) return;
    const values = Object.fromEntries(Object.entries(pairs).map(([a, b]) => [a, String(b ?? '')]));
    for (const r of acc) addMapEntries(r.obj, specs, values);
  };
  apply(k.commonLabels, [...METADATA_LABEL_SPECS, ...SELECTOR_LABEL_SPECS, ...TEMPLATE_LABEL_SPECS]);
  for (const l of (k.labels ?? []) as any[]) {
    const specs = [...METADATA_LABEL_SPECS];
    if (l?.includeSelectors) specs.push(...SELECTOR_LABEL_SPECS, ...TEMPLATE_LABEL_SPECS);
    else if (l?.includeTemplates) specs.push(...TEMPLATE_LABEL_SPECS);
    apply(l?.pairs, specs);
  }
}

export function addAnnotations(acc: Res[], ann: Record<string, string> | undefined): void {
  if (!ann || !Object.keys(ann).length) return;
  const values = Object.fromEntries(Object.entries(ann).map(([a, b]) => [a, String(b ?? '')]));
  for (const r of acc) addMapEntries(r.obj, ANNOTATION_SPECS, values);
}

const REPLICA_KINDS = new Set(['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet']);

export function setReplicas(acc: Res[], list: { name: string; count: number }[] | undefined): void {
  for (const rep of list ?? []) {
    for (const r of acc) {
      if (!REPLICA_KINDS.has(String(r.obj.kind)) || !r.names.includes(rep.name)) continue;
      r.obj.spec = { ...(r.obj.spec ?? {}), replicas: Number(rep.count) };
    }
  }
}
