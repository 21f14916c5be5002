// kustomize's FieldSpecs: a path (`spec/template/metadata/labels`) on resources of a group/kind,
// created when missing only when `create` says so. Arrays on the way are walked element by element.
import type { KObject } from '../../api/types.js';

export interface FieldSpec { path: string; kind?: string; group?: string; create?: boolean }

export function groupOf(obj: KObject): string {
  const av = String(obj.apiVersion ?? '');
  const i = av.indexOf('/');
  return i < 0 ? '' : av.slice(0, i);
}

/** The version part of an object's apiVersion (`apps/v1` -> v1, `v1` -> v1). */
export function versionOf(obj: KObject): string {
  const av = String(obj.apiVersion ?? '');
  return av.includes('/') ? av.split('/')[1]! : av;
}

export function specMatches(fs: FieldSpec, obj: KObject): boolean {
  if (fs.kind && fs.kind !== obj.kind) return false;
  if (fs.group !== undefined && fs.group !== groupOf(obj)) return false;
  return true;
}

/** Calls `fn(parent, key)` at every place the path reaches on obj; `create` makes missing maps. */
export function visitPath(obj: any, path: string, create: boolean, fn: (parent: any, key: string) => void): void {
  const segs = path.split('/').map((s) => s.replace(/\[\]$/, ''));
  const walk = (node: any, i: number) => {
    if (Array.isArray(node)) { for (const el of node) walk(el, i); return; }
    if (node === null || typeof node !== 'object') return;
    const key = segs[i]!;
    if (i === segs.length - 1) {
      if (node[key] === undefined && !create) return;
      fn(node, key);
      return;
    }
    if (node[key] === undefined || node[key] === null) {
      if (!create) return;
      node[key] = {};
    }
    walk(node[key], i + 1);
  };
  walk(obj, 0);
}

/** Merges `values` into the map at each of the specs' paths that apply to obj. */
export function addMapEntries(obj: KObject, specs: FieldSpec[], values: Record<string, string>): void {
  for (const fs of specs) {
    if (!specMatches(fs, obj)) continue;
    visitPath(obj, fs.path, !!fs.create, (parent, key) => {
      if (parent[key] === null || typeof parent[key] !== 'object') parent[key] = {};
      Object.assign(parent[key], values);
    });
  }
}

const APPS = 'apps', BATCH = 'batch';
const AFFINITY = [
  'podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm',
  'podAffinity/requiredDuringSchedulingIgnoredDuringExecution',
  'podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm',
  'podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution',
];
const podSelectorSpecs = (kind: string): FieldSpec[] => [
  ...AFFINITY.map((a) => ({ path: `spec/template/spec/affinity/${a}/labelSelector/matchLabels`, group: APPS, kind })),
  { path: 'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels', group: APPS, kind },
];

/** builtinpluginconsts metadataLabelsFieldSpecs: object labels and pod-template labels. */
export const TEMPLATE_LABEL_SPECS: FieldSpec[] = [
  { path: 'spec/template/metadata/labels', create: true, kind: 'ReplicationController' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'Deployment' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'DaemonSet' },
  { path: 'spec/template/metadata/labels', create: true, group: APPS, kind: 'StatefulSet' },
  { path: 'spec/template/metadata/labels', create: true, group: BATCH, kind: 'Job' },
  { path: 'spec/jobTemplate/metadata/labels', create: true, group: BATCH, kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/metadata/labels', create: true, group: BATCH, kind: 'CronJob' },
];
export const METADATA_LABEL_SPECS: FieldSpec[] = [{ path: 'metadata/labels', create: true }];

/** builtinpluginconsts commonLabelFieldSpecs (selectors) without the metadata ones. */
export const SELECTOR_LABEL_SPECS: FieldSpec[] = [
  { path: 'spec/selector', create: true, kind: 'Service' },
  { path: 'spec/selector', create: true, kind: 'ReplicationController' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'Deployment' },
  ...podSelectorSpecs('Deployment'),
  { path: 'spec/selector/matchLabels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'DaemonSet' },
  { path: 'spec/selector/matchLabels', create: true, group: APPS, kind: 'StatefulSet' },
  { path: 'spec/volumeClaimTemplates[]/metadata/labels', create: true, group: APPS, kind: 'StatefulSet' },
  ...podSelectorSpecs('StatefulSet'),
  { path: 'spec/selector/matchLabels', group: BATCH, kind: 'Job' },
  { path: 'spec/jobTemplate/spec/selector/matchLabels', group: BATCH, kind: 'CronJob' },
  { path: 'spec/selector/matchLabels', group: 'policy', kind: 'PodDisruptionBudget' },
  { path: 'spec/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/ingress/from/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/egress/to/podSelector/matchLabels', group: 'networking.k8s.io', kind: 'NetworkPolicy' },
];

/** commonAnnotations: object annotations and pod-template annotations. */
export const ANNOTATION_SPECS: FieldSpec[] = [
  { path: 'metadata/annotations', create: true },
  ...TEMPLATE_LABEL_SPECS.map((s) => ({ ...s, path: s.path.replace(/labels$/, 'annotations') })),
];
