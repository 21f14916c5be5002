// What the API server serves for the cluster's CustomResourceDefinitions, as catalogue entries (ResourceInfo): the
// discovery controller's view (apiextensions-apiserver pkg/apiserver/customresource_discovery_controller.go) and the
// crdHandler's (only Established CRDs are served). Small and dependency-free: the CLI's pre-open discovery loads it.
import type { KObject } from '../types.js';
import type { ResourceInfo } from '../resources.js';

/** apimachinery version.CompareKubeAwareVersionStrings' parse: v1 > v1beta2 > v1alpha1 > anything else. */
const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

function versionRank(v: string): [number, number, number] | undefined {
  const m = KUBE_VERSION.exec(v);
  if (!m) return undefined;
  return [Number(m[1]), m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2, m[3] ? Number(m[3]) : 0];
}

/** Kube-aware version order, highest priority first (GA before beta before alpha, then others alphabetically). */
export function compareKubeAwareVersions(a: string, b: string): number {
  const ra = versionRank(a);
  const rb = versionRank(b);
  if (ra && rb) {
    // stability first (GA > beta > alpha), then the major version, then the pre-release number
    if (ra[1] !== rb[1]) return rb[1] - ra[1];
    if (ra[0] !== rb[0]) return rb[0] - ra[0];
    return rb[2] - ra[2];
  }
  if (ra) return -1;
  if (rb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function conditionTrue(crd: KObject, type: string): boolean {
  return ((crd.status as any)?.conditions ?? []).some((c: any) => c.type === type && c.status === 'True');
}

/** The CRD's served version names, highest priority first. */
export function servedVersions(crd: KObject): string[] {
  const spec: any = crd.spec ?? {};
  return (spec.versions ?? []).filter((v: any) => v.served).map((v: any) => String(v.name)).sort(compareKubeAwareVersions);
}

/** The buckets of the built-in resources a custom resource's plural must not share. */
export interface InfoOptions {
  builtInBuckets: Set<string>;
}

/**
 * The served custom resources (Established CRDs with a served version), in discovery order: groups after the
 * built-in ones, sorted by name (the aggregator's order for equal group priority, 1000 for every CRD group), resources
 * sorted by plural within a group; and each group's served versions, preferred first.
 */
export function customResourceInfos(crds: KObject[], opts: InfoOptions): { infos: ResourceInfo[]; groups: { group: string; versions: string[] }[] } {
  const served = crds.filter((c) => conditionTrue(c, 'Established') && servedVersions(c).length > 0);
  const byGroup = new Map<string, KObject[]>();
  for (const c of served) {
    const g = String((c.spec as any).group);
    if (!byGroup.has(g)) byGroup.set(g, []);
    byGroup.get(g)!.push(c);
  }
  const infos: ResourceInfo[] = [];
  const groups: { group: string; versions: string[] }[] = [];
  const plurals = new Map<string, number>();
  for (const c of served) {
    const p = String((c.status as any)?.acceptedNames?.plural ?? (c.spec as any).names?.plural);
    plurals.set(p, (plurals.get(p) ?? 0) + 1);
  }
  for (const group of [...byGroup.keys()].sort()) {
    const list = byGroup.get(group)!;
    const versions = [...new Set(list.flatMap(servedVersions))].sort(compareKubeAwareVersions);
    groups.push({ group, versions });
    const rows: ResourceInfo[] = [];
    for (const c of list) {
      const spec: any = c.spec;
      // the crdHandler serves the accepted names (the naming controller's), not what spec asks for
      const names: any = (c.status as any)?.acceptedNames ?? spec.names;
      const plural = String(names.plural);
      const vs = servedVersions(c);
      // a plural another resource stores under gets a bucket of its own (the group keeps them apart)
      const shared = opts.builtInBuckets.has(plural) || (plurals.get(plural) ?? 0) > 1;
      rows.push({
        resource: plural,
        group,
        version: vs[0],
        kind: String(names.kind),
        singular: String(names.singular || String(names.kind).toLowerCase()),
        shortNames: names.shortNames ?? [],
        namespaced: spec.scope === 'Namespaced',
        verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
        categories: names.categories ?? [],
        versions: vs,
        preferredVersion: versions[0],
        storage: shared ? `${plural}.${group}` : plural,
        generation: true,
        crd: c.metadata!.name!,
        storageVersion: String((spec.versions ?? []).find((v: any) => v.storage)?.name ?? vs[0]),
        statusSubresource: (spec.versions ?? []).some((v: any) => v.served && v.subresources?.status),
      });
    }
    rows.sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
    infos.push(...rows);
  }
  return { infos, groups };
}
