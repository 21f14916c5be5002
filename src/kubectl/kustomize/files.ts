// Finding and reading a kustomization, and kustomize's error wording for paths.
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { yamlToJsonValue } from '../../api/decode.js';

/** An error kustomize returns; kubectl prints it through klog as `"command failed" err="..."`. */
export class KustomizeError extends Error {
  /** the deprecation warnings of the kustomizations read before it failed */
  warnings: string[] = [];
}

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function resolveIn(dir: string, p: string): string {
  return isAbsolute(p) ? p : resolve(dir, p);
}

const lstatMissing = (p: string) => `evalsymlink failure on '${p}' : lstat ${p}: no such file or directory`;

/** Checks `dir` is a directory to build; the messages name the path as typed, lstat the absolute one. */
export function mustBeDir(typed: string, dir: string): void {
  let st;
  try { st = statSync(dir); } catch { throw new KustomizeError(`must build at directory: not a valid directory: evalsymlink failure on '${typed}' : lstat ${dir}: no such file or directory`); }
  if (!st.isDirectory()) throw new KustomizeError(`must build at directory: '${typed}': file is not directory`);
}

export function pathMissing(p: string): string | undefined {
  try { lstatSync(p); return undefined; } catch { return lstatMissing(p); }
}

/** The parsed kustomization of `dir`, with the error kubectl prints when there is none. */
export function readKustomization(dir: string): Record<string, any> {
  const file = KUSTOMIZATION_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`);
  let k: any;
  try {
    k = yamlToJsonValue(readFileSync(file, 'utf8'), { lineOne: true });
  } catch (e) {
    throw new KustomizeError(`invalid Kustomization: ${(e as Error).message}`);
  }
  const out = k && typeof k === 'object' ? k : {};
  checkFields(out);
  checkStringMaps(out);
  // FixKustomization, CheckEmpty, EnforceFields (Load's checks, in its order)
  out.kind ||= 'Kustomization';
  if (Object.keys(out).every((f) => f === 'apiVersion' || f === 'kind' || out[f] === null || out[f] === undefined)) {
    throw new KustomizeError('kustomization.yaml is empty');
  }
  const errs: string[] = [];
  if (out.kind !== 'Kustomization' && out.kind !== 'Component') errs.push('kind should be Kustomization or Component');
  const version = out.kind === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1';
  if (out.apiVersion && out.apiVersion !== version) errs.push(`apiVersion for ${out.kind} should be ${version}`);
  if (errs.length) throw new KustomizeError(`Failed to read kustomization file under ${dir}:\n${errs.join('\n')}`);
  return out;
}

/** The Kustomization struct's JSON fields: anything else is refused (DisallowUnknownFields). */
const KNOWN_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'openapi', 'namePrefix', 'nameSuffix', 'namespace', 'commonLabels',
  'labels', 'commonAnnotations', 'patchesStrategicMerge', 'patchesJson6902', 'patches', 'images', 'imageTags', 'replacements',
  'replicas', 'vars', 'sortOptions', 'resources', 'components', 'crds', 'bases', 'configMapGenerator', 'secretGenerator',
  'helmGlobals', 'helmCharts', 'helmChartInflationGenerator', 'generatorOptions', 'configurations', 'generators',
  'transformers', 'validators', 'inventory', 'buildMetadata']);

function checkFields(k: Record<string, any>): void {
  // sigs.k8s.io/yaml goes through a Go map, so the decoder meets the keys sorted
  const unknown = Object.keys(k).sort().find((f) => !KNOWN_FIELDS.has(f));
  if (unknown !== undefined) throw new KustomizeError(`invalid Kustomization: json: unknown field ${JSON.stringify(unknown)}`);
}

const jsonKind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v);

/** The Kustomization struct's map[string]string fields refuse other values, as encoding/json words it. */
function checkStringMaps(k: Record<string, any>): void {
  for (const field of ['commonLabels', 'commonAnnotations']) {
    const m = k[field];
    if (!m || typeof m !== 'object') continue;
    // sigs.k8s.io/yaml goes through a Go map, so JSON decoding meets the keys sorted
    for (const v of Object.keys(m).sort().map((key) => m[key])) {
      if (typeof v !== 'string' && v !== null) throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${jsonKind(v)} into Go struct field Kustomization.${field} of type string`);
    }
  }
}
