// The resources kubesim serves (built from the catalogue in ./catalogue.ts), and how kubectl's names
// for them resolve: its RESTMapper (discovery order, preferred versions first) behind the shortcut
// expander (deploy, cj, hpa, netpol ...) and the TYPE.GROUP / TYPE.VERSION.GROUP forms.
import { CATALOGUE, GENERATION_RESOURCES, STORED_AS, VERBS } from './catalogue.js';

export interface ResourceInfo {
  /** plural resource name, e.g. "deployments"; also the name of the bucket its objects are stored in */
  resource: string;
  /** API group, "" for core */
  group: string;
  /** the version this info speaks: the preferred one, unless a version was asked for */
  version: string;
  kind: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** discovery verbs */
  verbs: readonly string[];
  /** discovery categories (`all`, `api-extensions`) */
  categories: string[];
  /** every version of the group serving this resource, preferred first */
  versions: string[];
  /** the group's preferred version */
  preferredVersion: string;
  /** the bucket its objects live in (`events` for events.k8s.io events too) */
  storage: string;
  /** its registry strategy maintains metadata.generation */
  generation: boolean;
}

function build(): ResourceInfo[] {
  const out: ResourceInfo[] = [];
  for (const g of CATALOGUE) {
    for (const r of g.resources) {
      const versions = r.versions ?? g.versions;
      const stored = STORED_AS[g.group ? `${r.resource}.${g.group}` : r.resource];
      out.push({
        resource: r.resource,
        group: g.group,
        version: versions[0],
        kind: r.kind,
        singular: r.singular ?? r.kind.toLowerCase(),
        shortNames: r.shortNames ?? [],
        namespaced: r.namespaced,
        verbs: VERBS[r.verbs ?? 'std'],
        categories: r.categories ?? [],
        versions,
        preferredVersion: versions[0],
        storage: stored ? stored.resource : r.resource,
        generation: GENERATION_RESOURCES.has(`${g.group}/${r.resource}`),
      });
    }
  }
  return out;
}

/** Every resource at its preferred version, in discovery order (core first, then /apis order). */
export const RESOURCES: ResourceInfo[] = build();

/** Group versions in discovery order, preferred version first within a group. */
export function groupVersions(): { group: string; versions: string[] }[] {
  return CATALOGUE.map((g) => ({ group: g.group, versions: g.versions }));
}

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

/** The same resource spoken at another served version (one shared object per version, so `===` compares). */
const atVersion = new Map<string, ResourceInfo>();
export function withVersion(r: ResourceInfo, version: string): ResourceInfo {
  if (r.version === version) return r;
  const key = `${r.group}/${version}/${r.resource}`;
  let v = atVersion.get(key);
  if (!v) atVersion.set(key, (v = { ...r, version }));
  return v;
}

/** ParseResourceArg: `a.b.c...` is also tried as RESOURCE.VERSION.GROUP; always as RESOURCE.GROUP. */
function parseResourceArg(arg: string): { gvr?: { resource: string; version: string; group: string }; gr: { resource: string; group: string } } {
  let gvr;
  const dots = arg.split('.').length - 1;
  if (dots >= 2) {
    const i = arg.indexOf('.');
    const j = arg.indexOf('.', i + 1);
    gvr = { resource: arg.slice(0, i), version: arg.slice(i + 1, j), group: arg.slice(j + 1) };
  }
  const i = arg.indexOf('.');
  const gr = i < 0 ? { resource: arg, group: '' } : { resource: arg.slice(0, i), group: arg.slice(i + 1) };
  return { gvr, gr };
}

/** Where the shortcut expander's warnings go (kubectl: its warning printer, stderr); set by the CLI. */
let warningHandler: ((msg: string) => void) | undefined;
export function setShortcutWarningHandler(fn: ((msg: string) => void) | undefined): void {
  warningHandler = fn;
}

/**
 * The shortcut expander (restmapper.shortcutExpander.expandResourceShortcut): a full resource or
 * singular name is left alone; a short name becomes its resource (and group, first in discovery
 * order, warning when a lower-priority group has the same short name: `ev`); with a group given
 * that matches no short name exactly, a group prefix may (`hpa.autoscal`).
 */
function expandShortcut(resource: string, group: string): { resource: string; group: string; short?: boolean } {
  for (const r of RESOURCES) {
    if (group && r.group !== group) continue;
    if (r.resource === resource || r.singular === resource) return { resource, group };
  }
  let found: ResourceInfo | undefined;
  for (const r of RESOURCES) {
    if (group && r.group !== group) continue;
    if (!r.shortNames.includes(resource)) continue;
    if (!found) { found = r; continue; }
    if (r.group !== found.group || r.resource !== found.resource) {
      warningHandler?.(`short name ${JSON.stringify(resource)} could also match lower priority resource ${qualifiedResource(r)}`);
    }
  }
  if (found) return { resource: found.resource, group: group || found.group, short: true };
  if (!group) return { resource, group };
  for (const r of RESOURCES) {
    if (r.group.startsWith(group) && r.shortNames.includes(resource)) return { resource: r.resource, group: r.group, short: true };
  }
  return { resource, group };
}

/** DefaultRESTMapper.ResourcesFor + the priority mapper: plural or singular names, lower-cased, first match in discovery order. */
function resourceFor(resource: string, group: string, version: string): ResourceInfo | undefined {
  const expanded = expandShortcut(resource, group);
  // an expanded short name keeps its group but not the version asked for (hpa.v1.autoscaling is autoscaling/v2)
  if (expanded.short) version = '';
  const res = expanded.resource.toLowerCase();
  const grp = expanded.group;
  for (const r of RESOURCES) {
    if (grp && r.group !== grp) continue;
    if (version && !r.versions.includes(version)) continue;
    if (r.resource === res || r.singular === res) return version ? withVersion(r, version) : r;
  }
  return undefined;
}

/** ParseKindArg + RESTMapping: `Deployment`, `Deployment.apps`, `Deployment.v1.apps` (kinds match exactly). */
function kindFor(arg: string): ResourceInfo | undefined {
  const parts = arg.split('.');
  if (parts.length >= 3) {
    const kind = parts[0];
    const version = parts[1];
    const group = parts.slice(2).join('.');
    const r = RESOURCES.find((x) => x.kind === kind && x.group === group && x.versions.includes(version));
    if (r) return withVersion(r, version);
  }
  const kind = parts[0];
  const group = parts.slice(1).join('.');
  return RESOURCES.find((x) => x.kind === kind && x.group === group);
}

/**
 * Resolve what a user typed (deploy, deployments, Deployment, deployment.apps, deployment.v1.apps,
 * rs, po, cj, hpa, ingresses.v1.networking.k8s.io ...) as kubectl's builder (mappingFor) does.
 */
export function resolveResource(typed: string): ResourceInfo | undefined {
  const { gvr, gr } = parseResourceArg(typed);
  if (gvr) {
    const r = resourceFor(gvr.resource, gvr.group, gvr.version);
    if (r) return r;
  }
  return resourceFor(gr.resource, gr.group, '') ?? kindFor(typed);
}

/** The resource name kubectl's "the server doesn't have a resource type" message quotes (ParseGroupResource). */
export function typedResourceName(typed: string): string {
  return parseResourceArg(typed).gr.resource;
}

/** Find the resource serving apiVersion + kind (for manifests), at that version. */
export function resourceForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  const i = apiVersion.indexOf('/');
  const group = i < 0 ? '' : apiVersion.slice(0, i);
  const version = i < 0 ? apiVersion : apiVersion.slice(i + 1);
  const r = RESOURCES.find((x) => x.kind === kind && x.group === group && x.versions.includes(version));
  return r && withVersion(r, version);
}

const byName = new Map<string, ResourceInfo>();
for (const r of RESOURCES) if (!byName.has(r.resource)) byName.set(r.resource, r);

/** The resource stored in bucket `resource` (a plural; the core group wins, as for `events`). */
export function resourceByName(resource: string): ResourceInfo {
  const r = byName.get(resource);
  if (!r) throw new Error(`unknown resource ${resource}`);
  return r;
}

/** Resources in a category (`all`), in discovery order: kubectl's category expander. */
export function resourcesInCategory(category: string): ResourceInfo[] {
  return RESOURCES.filter((r) => r.categories.includes(category));
}
