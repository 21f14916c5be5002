// Discovery documents from the resource catalogue: the legacy ones (/api, /apis, /apis/<g>,
// /api/v1, /apis/<g>/<v>) and the aggregated apidiscovery.k8s.io/v2 lists kubectl v1.32 asks for first.
import { RESOURCES, groupVersions, type ResourceInfo } from '../../api/resources.js';
import { subresourcesOf } from './subresources.js';

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function gv(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

function groupEntry(group: string, versions: string[]) {
  const vs = versions.map((v) => ({ groupVersion: gv(group, v), version: v }));
  return { name: group, versions: vs, preferredVersion: vs[0] };
}

export function apiVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

export function apiGroupList() {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupVersions().filter((g) => g.group).map((g) => groupEntry(g.group, g.versions)) };
}

export function apiGroup(group: string) {
  const g = groupVersions().find((x) => x.group === group && group);
  return g && { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(g.group, g.versions) };
}

/** The resources a group version serves, as catalogue entries speaking that version. */
export function resourcesOf(group: string, version: string): ResourceInfo[] {
  return RESOURCES.filter((r) => r.group === group && r.versions.includes(version)).map((r) => ({ ...r, version }));
}

export function servesGroupVersion(group: string, version: string): boolean {
  return !!groupVersions().find((g) => g.group === group && g.versions.includes(version));
}

export function apiResourceList(group: string, version: string) {
  const rows: any[] = [];
  for (const r of resourcesOf(group, version)) {
    const e: any = { name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: [...r.verbs] };
    if (r.shortNames.length) e.shortNames = r.shortNames;
    if (r.categories.length) e.categories = r.categories;
    rows.push(e);
    const subs = subresourcesOf(group, r.resource);
    for (const name of Object.keys(subs).sort()) {
      const s = subs[name];
      const se: any = { name: `${r.resource}/${name}`, singularName: '', namespaced: r.namespaced };
      if (s.group !== undefined) { se.group = s.group; se.version = s.version; }
      se.kind = s.kind || r.kind;
      se.verbs = s.verbs;
      rows.push(se);
    }
  }
  const out: any = { kind: 'APIResourceList', groupVersion: gv(group, version), resources: rows };
  if (group) return { kind: out.kind, apiVersion: 'v1', groupVersion: out.groupVersion, resources: rows };
  return out;
}

function aggregatedGroup(group: string, versions: string[]) {
  return {
    metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
    versions: versions.map((version) => ({
      version,
      resources: resourcesOf(group, version).map((r) => {
        const e: any = {
          resource: r.resource,
          responseKind: { group, version, kind: r.kind },
          scope: r.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: r.singular,
          verbs: [...r.verbs],
        };
        if (r.shortNames.length) e.shortNames = r.shortNames;
        if (r.categories.length) e.categories = r.categories;
        const subs = subresourcesOf(group, r.resource);
        const names = Object.keys(subs).sort();
        if (names.length) {
          e.subresources = names.map((n) => ({
            subresource: n,
            responseKind: { group: subs[n].group ?? group, version: subs[n].version ?? version, kind: subs[n].kind || r.kind },
            verbs: subs[n].verbs,
          }));
        }
        return e;
      }),
      freshness: 'Current',
    })),
  };
}

/** apidiscovery.k8s.io/v2 APIGroupDiscoveryList for /api (legacy) or /apis. */
export function aggregatedDiscovery(legacy: boolean) {
  const groups = groupVersions().filter((g) => (legacy ? !g.group : !!g.group));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items: groups.map((g) => aggregatedGroup(g.group, g.versions)) };
}
