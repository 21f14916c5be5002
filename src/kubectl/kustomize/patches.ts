// patches, patchesStrategicMerge and patchesJson6902, applied with kubesim's own strategic merge
// and JSON patch code (src/kubectl/patch.ts).
import { isMap, parseAllDocuments } from 'yaml';
import { yamlToJsonValue, parseManifestText } from '../../api/decode.js';
import { KIND_TYPES } from '../../api/goschema.js';
import { matches } from '../../api/selectors.js';
import { applyJsonPatch, strategicMergePatch } from '../patch.js';
import { groupOf, versionOf } from './fieldspec.js';
import { KustomizeError, loadFile } from './files.js';
import { toYaml } from '../../printers/yaml.js';
import { nameOf, nsOf, type Res } from './resource.js';

export interface Target { group?: string; version?: string; kind?: string; name?: string; namespace?: string; labelSelector?: string; annotationSelector?: string }
export interface PatchArgs { path?: string; patch?: string; target?: Target }

const anchored = (re: string, v: string) => { try { return new RegExp(`^(?:${re})$`).test(v); } catch { return re === v; } };

/** ResId selection: empty fields match anything; name and namespace are anchored regexps. */
function selected(r: Res, t: Target): boolean {
  if (t.group !== undefined && t.group !== '' && t.group !== groupOf(r.obj)) return false;
  if (t.version && t.version !== versionOf(r.obj)) return false;
  if (t.kind && t.kind !== r.obj.kind) return false;
  if (t.name && !r.names.some((n) => anchored(t.name!, n))) return false;
  if (t.namespace && !anchored(t.namespace, nsOf(r))) return false;
  if (t.labelSelector && !matches(t.labelSelector, r.obj.metadata?.labels ?? {})) return false;
  if (t.annotationSelector && !matches(t.annotationSelector, r.obj.metadata?.annotations ?? {})) return false;
  return true;
}

/** A patchesStrategicMerge entry: patch content itself when it reads as YAML objects (for legacy reasons), else a path. */
function smpEntryText(dir: string, p: string): string {
  let inline = false;
  try { inline = parseAllDocuments(p).some((d) => isMap(d.contents)); } catch { inline = false; }
  return inline ? p : loadFile(dir, p).toString('utf8');
}

/** The `trouble configuring builtin X with config` wrapping of a patch's load error (the config as YAML). */
function trouble(plugin: string, config: unknown, prefix: string, fn: () => string): string {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof KustomizeError)) throw e;
    throw new KustomizeError(`trouble configuring builtin ${plugin} with config: \`\n${toYaml(config)}\`: ${prefix}${e.message}`);
  }
}

function smpOnto(r: Res, patch: Record<string, any>): boolean {
  if (patch.$patch === 'delete') return false;
  const typeName = KIND_TYPES[`${r.obj.apiVersion}/${r.obj.kind}`];
  const p = { ...patch, metadata: { ...(patch.metadata ?? {}), name: nameOf(r) } };
  if (r.obj.metadata?.namespace) p.metadata.namespace = r.obj.metadata.namespace;
  r.obj = strategicMergePatch(r.obj, p, typeName) as any;
  return true;
}

function jsonOnto(r: Res, ops: any[]): void {
  try { r.obj = applyJsonPatch(r.obj, ops, { client: true }); } catch (e) { throw new KustomizeError((e as Error).message); }
}

/** resid String(): `Kind.version.group/name.namespace` with kustomize's placeholders. */
function noMatch(doc: any): string {
  const av = String(doc.apiVersion ?? '');
  const [g, v] = av.includes('/') ? av.split('/') : ['[noGrp]', av || '[noVer]'];
  const id = `${doc.kind}.${v}.${g}/${doc.metadata?.name}.${doc.metadata?.namespace ?? '[noNs]'}`;
  return `no resource matches strategic merge patch "${id}": no matches for Id ${id}; failed to find unique target for patch ${id}`;
}

function firstDoc(text: string): unknown {
  try { return yamlToJsonValue(text); } catch { return undefined; }
}

/** Applies one patch to the resources it targets; returns the list without deleted ones. */
function applyOne(acc: Res[], text: string, target: Target | undefined, forceJson: boolean): Res[] {
  // a YAML or JSON list is a JSON 6902 patch; anything else strategic merge documents
  const parsed = forceJson || !/^\s*---/m.test(text) ? firstDoc(text) : undefined;
  if (Array.isArray(parsed)) {
    if (!target) throw new KustomizeError('must specify a target for patch ' + text);
    for (const r of acc.filter((x) => selected(x, target))) jsonOnto(r, parsed);
    return acc;
  }
  // kyaml reads the patch as YAML: a one-line flow mapping too (kubectl's manifest reader would take it for JSON)
  const docs = parsed && typeof parsed === 'object' && /^\s*\{/.test(text) ? [parsed as any] : parseManifestText(text, 'patch', { validate: false });
  let out = acc;
  for (const doc of docs) {
    const t: Target = target ?? { kind: doc.kind, name: doc.metadata?.name, namespace: doc.metadata?.namespace };
    if (!target && t.name) t.name = t.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const hits = out.filter((x) => selected(x, t));
    if (!target && !hits.length) throw new KustomizeError(noMatch(doc));
    const dropped = new Set(hits.filter((r) => !smpOnto(r, doc as any)));
    out = out.filter((r) => !dropped.has(r));
  }
  return out;
}

/** patchesStrategicMerge and patches run before the other transformers; patchesJson6902 after labels. */
export function runPatches(dir: string, k: Record<string, any>, acc: Res[], phase: 'early' | 'json6902'): Res[] {
  let out = acc;
  if (phase === 'early') {
    const smp = (k.patchesStrategicMerge ?? []) as string[];
    for (const p of smp) out = applyOne(out, trouble('PatchStrategicMergeTransformer', { paths: smp }, '', () => smpEntryText(dir, p)), undefined, false);
    for (const p of (k.patches ?? []) as PatchArgs[]) {
      const text = p.path ? trouble('PatchTransformer', p, `failed to get the patch file from path(${p.path}): `, () => loadFile(dir, p.path!).toString('utf8')) : p.patch ?? '';
      out = applyOne(out, text, p.target, false);
    }
  } else {
    for (const p of (k.patchesJson6902 ?? []) as PatchArgs[]) {
      const text = p.path ? trouble('PatchJson6902Transformer', p, '', () => loadFile(dir, p.path!).toString('utf8')) : p.patch ?? '';
      out = applyOne(out, text, p.target, true);
    }
  }
  return out;
}
