// The resources kubesim serves, and how kubectl's names for them resolve
// (RESTMapper + shortcut expander: deploy, deployment.apps, deployment.v1.apps, rs, po, ...).

export interface ResourceInfo {
  /** plural resource name, e.g. "deployments" */
  resource: string;
  /** API group, "" for core */
  group: string;
  version: string;
  kind: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
}

export const RESOURCES: ResourceInfo[] = [
  { resource: 'deployments', group: 'apps', version: 'v1', kind: 'Deployment', singular: 'deployment', shortNames: ['deploy'], namespaced: true },
  { resource: 'replicasets', group: 'apps', version: 'v1', kind: 'ReplicaSet', singular: 'replicaset', shortNames: ['rs'], namespaced: true },
  { resource: 'pods', group: '', version: 'v1', kind: 'Pod', singular: 'pod', shortNames: ['po'], namespaced: true },
  { resource: 'services', group: '', version: 'v1', kind: 'Service', singular: 'service', shortNames: ['svc'], namespaced: true },
  { resource: 'configmaps', group: '', version: 'v1', kind: 'ConfigMap', singular: 'configmap', shortNames: ['cm'], namespaced: true },
  { resource: 'events', group: '', version: 'v1', kind: 'Event', singular: 'event', shortNames: ['ev'], namespaced: true },
  { resource: 'namespaces', group: '', version: 'v1', kind: 'Namespace', singular: 'namespace', shortNames: ['ns'], namespaced: false },
  { resource: 'nodes', group: '', version: 'v1', kind: 'Node', singular: 'node', shortNames: ['no'], namespaced: false },
];

/** "deployments.apps" / "pods": the key kubectl uses in messages like `deployments.apps "x" not found`. */
export function qualifiedResource(r: ResourceInfo): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** "deployment.apps" / "pod": the prefix of `-o name` and of `deployment.apps/x created`. */
export function kindPrefix(r: ResourceInfo): string {
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}

export function apiVersionOf(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** Resolve what a user typed (deploy, deployments, Deployment, deployment.apps, deployment.v1.apps, rs, po ...). */
export function resolveResource(typed: string): ResourceInfo | undefined {
  const t = typed.toLowerCase();
  const parts = t.split('.');
  const head = parts[0];
  const rest = parts.slice(1);
  for (const r of RESOURCES) {
    const names = [r.resource, r.singular, r.kind.toLowerCase(), ...r.shortNames];
    if (!names.includes(head)) continue;
    if (rest.length === 0) return r;
    // TYPE.GROUP or TYPE.VERSION.GROUP
    if (rest.length === 1 && rest[0] === (r.group || '')) return r;
    if (rest.length === 2 && rest[0] === r.version && rest[1] === r.group) return r;
    if (rest.length >= 1 && r.group === '' && rest.join('.') === r.version) return r;
  }
  return undefined;
}

/** Find the resource serving apiVersion + kind (for manifests). */
export function resourceForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => apiVersionOf(r) === apiVersion && r.kind === kind);
}

export function resourceByName(resource: string): ResourceInfo {
  const r = RESOURCES.find((x) => x.resource === resource);
  if (!r) throw new Error(`unknown resource ${resource}`);
  return r;
}
