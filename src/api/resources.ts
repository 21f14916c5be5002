// The resources kubesim serves (built from the catalogue in ./catalogue.ts), and how kubectl's names
// for them resolve: its RESTMapper (discovery order, preferred versions first) behind the shortcut
// expander (deploy, cj, hpa, netpol ...) and the TYPE.GROUP / TYPE.VERSION.GROUP forms.
import { CATALOGUE, GENERATION_RESOURCES, STORED_AS, VERBS } from './catalogue.js';
import type { KObject } from './types.js';
import { customResourceInfos } from './crd/infos.js';

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
  /** served by a CustomResourceDefinition (src/api/crd): its name (`crontabs.stable.example.com`) */
  crd?: string;
  /** custom resources: the version objects are stored in (spec.versions[].storage) */
  storageVersion?: string;
  /** custom resources: whether status is a subresource (else the main resource writes it) */
  statusSubresource?: boolean;
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

/**
 * Every resource at its preferred version, in discovery order (core first, then /apis order), the built-in ones
 * followed by those the cluster's CustomResourceDefinitions serve (setCustomResources).
 */
export const RESOURCES: ResourceInfo[] = build();
const BUILT_IN = RESOURCES.length;
let customGroups: { group: string; versions: string[] }[] = [];

let builtInBuckets: Set<string> | undefined;

/** Serve these CRDs' resources (the Established ones), in place of the previous ones; their catalogue entries. */
export function serveCustomResourceInfos(crds: KObject[]): ResourceInfo[] {
  // a custom resource's plural never shares a built-in resource's bucket
  builtInBuckets ??= new Set(RESOURCES.slice(0, BUILT_IN).map((r) => r.storage));
  const { infos, groups } = customResourceInfos(crds, { builtInBuckets });
  setCustomResources(infos, groups);
  return infos;
}

/**
 * The served custom resources (src/api/crd/infos.ts builds them from the CRDs), replacing the previous ones: the
 * API server's crdHandler and discovery follow the CRDs as they change.
 */
export function setCustomResources(infos: ResourceInfo[], groups: { group: string; versions: string[] }[]): void {
  discovery = undefined;
  if (RESOURCES.length === BUILT_IN && infos.length === 0) return;
  RESOURCES.length = BUILT_IN;
  RESOURCES.push(...infos);
  customGroups = groups;
  byName.clear();
  for (const r of RESOURCES) if (!byName.has(r.storage)) byName.set(r.storage, r);
  for (const [k, v] of atVersion) if (v.crd) atVersion.delete(k);
}

/**
 * kubectl learns the server's resources by discovery before it opens anything: kubesim's CLI resolves names before it
 * opens the cluster, so a name the built-in catalogue lacks asks `fn` (set by the CLI) to register the cluster's
 * custom resources, once. Built-in names never pay for it.
 */
let discovery: (() => void) | undefined;
export function setDiscovery(fn: (() => void) | undefined): void {
  discovery = fn;
}

/** Run the pending discovery, if any: true when it ran (and may have added resources). */
export function discover(): boolean {
  const d = discovery;
  if (!d) return false;
  discovery = undefined;
  d();
  return true;
}

/** Group versions in discovery order, preferred version first within a group. */
export function groupVersions(): { group: string; versions: string[] }[] {
  discover();
  return [...CATALOGUE.map((g) => ({ group: g.group, versions: g.versions })), ...customGroups];
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
  return resolveOnce(typed) ?? (discover() ? resolveOnce(typed) : undefined);
}

function resolveOnce(typed: string): ResourceInfo | undefined {
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
  return kindOnce(apiVersion, kind) ?? (discover() ? kindOnce(apiVersion, kind) : undefined);
}

function kindOnce(apiVersion: string, kind: string): ResourceInfo | undefined {
  const i = apiVersion.indexOf('/');
  const group = i < 0 ? '' : apiVersion.slice(0, i);
  const version = i < 0 ? apiVersion : apiVersion.slice(i + 1);
  const r = RESOURCES.find((x) => x.kind === kind && x.group === group && x.versions.includes(version));
  return r && withVersion(r, version);
}

const byName = new Map<string, ResourceInfo>();
for (const r of RESOURCES) if (!byName.has(r.storage)) byName.set(r.storage, r);

/** The resource stored in bucket `resource` (a plural; the core group wins, as for `events`). */
export function resourceByName(resource: string): ResourceInfo {
  const r = byName.get(resource);
  if (!r) throw new Error(`unknown resource ${resource}`);
  return r;
}

/** Resources in a category (`all`), in discovery order: kubectl's category expander. */
export function resourcesInCategory(category: string): ResourceInfo[] {
  discover();
  return RESOURCES.filter((r) => r.categories.includes(category));
}
