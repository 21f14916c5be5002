// krusty's MakeKustomizer().Run: build a kustomization directory into resources, as
// `kubectl kustomize DIR` and `kubectl apply -k DIR` do.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseManifestText } from '../../api/decode.js';
import type { KObject } from '../../api/types.js';
import { KustomizeError, loadFile, mustBeDir, pathMissing, readKustomization, resolveIn } from './files.js';
import { runGenerators } from './generators.js';
import { resourceHash } from './hash.js';
import { applyImages } from './images.js';
import { fixNameReferences } from './namerefs.js';
import { legacySort } from './order.js';
import { runPatches } from './patches.js';
import { runReplacements } from './replacements.js';
import { newRes, nameOf, rename, type Res } from './resource.js';
import { addAnnotations, addLabels, prefixSuffix, setNamespace, setReplicas } from './transformers.js';

export interface BuildResult { objects: KObject[]; warnings: string[] }

const edit = "Run 'kustomize edit fix' to update your Kustomization automatically.";
/** CheckDeprecatedFields' warnings, in the order kubectl prints them. */
const DEPRECATED: [string, string][] = [
  ['bases', `# Warning: 'bases' is deprecated. Please use 'resources' instead. ${edit}`],
  ['commonLabels', `# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. ${edit}`],
  ['imageTags', `# Warning: 'imageTags' is deprecated. Please use 'images' instead. ${edit}`],
  ['patchesJson6902', `# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead. ${edit}`],
  ['patchesStrategicMerge', `# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. ${edit}`],
  ['vars', `# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] ${edit}`],
];

/** Accumulates one `resources:` entry: a file of manifests or a directory with its own kustomization. */
function accumulate(dir: string, entry: string, warnings: string[]): Res[] {
  const p = resolveIn(dir, entry);
  const missing = pathMissing(p);
  if (missing) throw new KustomizeError(`accumulation err='accumulating resources from '${entry}': ${missing}': must build at directory: not a valid directory: ${missing}`);
  if (statSync(p).isDirectory()) {
    // accumulateDirectory: loading the kustomization and accumulating it fail with different prefixes
    const fileErr = `accumulating resources from '${entry}': '${p}' must resolve to a file`;
    const wrap = (stage: string, e: unknown) => e instanceof KustomizeError
      ? new KustomizeError(`accumulation err='${fileErr}': ${stage}${e.message}`)
      : e;
    let k: Record<string, any>;
    try {
      k = loadKustomization(p, warnings);
    } catch (e) {
      throw wrap(`couldn't make target for path '${p}': `, e);
    }
    if (k.kind === 'Component') throw wrap('', new KustomizeError(`expected kind != 'Component' for path '${p}'`));
    try {
      return accumulateTarget(p, k, [], warnings);
    } catch (e) {
      throw wrap(`recursed accumulation of path '${p}': `, e);
    }
  }
  let text: string;
  try {
    text = loadFile(dir, entry).toString('utf8');
  } catch (e) {
    // accumulateFile failed, and a file is no base either (ldr.New)
    if (e instanceof KustomizeError) throw new KustomizeError(`accumulation err='accumulating resources from '${entry}': ${e.message}': must build at directory: '${p}': file is not directory`);
    throw e;
  }
  return parseManifestText(text, p, { validate: false }).map(newRes);
}

/**
 * Accumulates one `components:` entry: a directory whose kustomization (kind Component) works on what has been
 * accumulated so far, its own resources added to it (accumulateDirectory with isComponent).
 */
function accumulateComponent(dir: string, entry: string, acc: Res[], warnings: string[]): Res[] {
  const p = resolveIn(dir, entry);
  // fmt's %q of the inner error, as accumulateComponents wraps it
  const quoted = (m: string) => new KustomizeError(`accumulateDirectory: ${JSON.stringify(m)}`);
  const missing = pathMissing(p);
  if (missing) throw new KustomizeError(`loader.New "${`must build at directory: not a valid directory: ${missing}`.replace(/["\\]/g, '\\$&')}"`);
  if (!statSync(p).isDirectory()) throw new KustomizeError(`loader.New "must build at directory: '${p}': file is not directory"`);
  let k: Record<string, any>;
  try {
    k = loadKustomization(p, warnings);
  } catch (e) {
    if (e instanceof KustomizeError) throw quoted(`couldn't make target for path '${p}': ${e.message}`);
    throw e;
  }
  if (k.kind !== 'Component') throw quoted(`expected kind 'Component' for path '${p}' but got '${k.kind}'`);
  try {
    return accumulateTarget(p, k, acc, warnings);
  } catch (e) {
    if (e instanceof KustomizeError) throw quoted(`recursed accumulation of path '${p}': ${e.message}`);
    throw e;
  }
}

/** The kustomization of `dir`, its deprecation warnings noted (once per kustomization read). */
function loadKustomization(dir: string, warnings: string[]): Record<string, any> {
  const k = readKustomization(dir);
  for (const [field, w] of DEPRECATED) if (k[field] != null) warnings.push(w);
  return k;
}

/**
 * accumulateTarget: the kustomization's resources added to `acc` (empty for a kustomization, the parent's for a
 * component), its generators run, then its components, then its transformers over all of it.
 */
function accumulateTarget(dir: string, k: Record<string, any>, acc: Res[], warnings: string[]): Res[] {
  for (const entry of [...(k.resources ?? []), ...(k.bases ?? [])] as string[]) {
    try {
      acc.push(...accumulate(dir, entry, warnings));
    } catch (e) {
      if (e instanceof KustomizeError && !e.message.startsWith('accumulating resources:')) throw new KustomizeError(`accumulating resources: ${e.message}`);
      throw e;
    }
  }
  const global = k.generatorOptions ?? {};
  runGenerators('ConfigMap', dir, k.configMapGenerator, global, acc);
  runGenerators('Secret', dir, k.secretGenerator, global, acc);
  for (const entry of (k.components ?? []) as string[]) {
    try {
      acc = accumulateComponent(dir, entry, acc, warnings);
    } catch (e) {
      if (e instanceof KustomizeError) throw new KustomizeError(`accumulating components: ${e.message}`);
      throw e;
    }
  }
  acc = runPatches(dir, k, acc, 'early');
  if (k.namespace) setNamespace(acc, String(k.namespace));
  if (k.namePrefix || k.nameSuffix) prefixSuffix(acc, String(k.namePrefix ?? ''), String(k.nameSuffix ?? ''));
  addLabels(acc, k);
  addAnnotations(acc, k.commonAnnotations);
  acc = runPatches(dir, k, acc, 'json6902');
  setReplicas(acc, k.replicas);
  applyImages(acc.map((r) => r.obj), [...(k.images ?? []), ...(k.imageTags ?? [])]);
  runReplacements(dir, k.replacements, acc);
  fixNameReferences(acc);
  return acc;
}

/** Builds the kustomization in `dir` (relative to the working directory). */
export function kustomizeBuild(dirArg: string): BuildResult {
  const dir = resolve(dirArg);
  mustBeDir(dirArg, dir);
  const warnings: string[] = [];
  let acc: Res[];
  try {
    acc = accumulateTarget(dir, loadKustomization(dir, warnings), [], warnings);
  } catch (e) {
    // the warnings of what was read are printed before the error, as kubectl prints them
    if (e instanceof KustomizeError) e.warnings = warnings;
    throw e;
  }
  for (const r of acc) if (r.hashSuffix) rename(r, `${nameOf(r)}-${resourceHash(r.obj)}`);
  fixNameReferences(acc);
  return { objects: legacySort(acc).map((r) => r.obj), warnings };
}
