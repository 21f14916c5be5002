// Finding and reading a kustomization, and kustomize's error wording for paths.
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
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

/** --load-restrictor: kustomize's default keeps every file a kustomization loads in or below its own directory. */
let restrictToRoot = true;

export function setLoadRestrictor(v: string | undefined): void {
  if (v === undefined || v === 'LoadRestrictionsRootOnly') restrictToRoot = true;
  else if (v === 'LoadRestrictionsNone') restrictToRoot = false;
  else throw new KustomizeError(`illegal flag value --load-restrictor ${v}; legal values: [LoadRestrictionsRootOnly LoadRestrictionsNone]`);
}

/** A directory with its symlinks evaluated (ConfirmedDir). */
function confirmed(dir: string): string {
  try { return realpathSync(dir); } catch { return dir; }
}

/**
 * fileLoader.Load: the file `typed` names (relative to the kustomization directory `root`), its symlinks followed, under
 * the load restrictor; the errors are kustomize's (missing, a directory, outside the root).
 */
export function loadFile(root: string, typed: string): Buffer {
  const p = resolveIn(root, typed);
  let real: string;
  try { real = realpathSync(p); } catch { throw new KustomizeError(lstatMissing(p)); }
  if (statSync(real).isDirectory()) throw new KustomizeError(`'${p}' must resolve to a file`);
  if (restrictToRoot) {
    const r = confirmed(root);
    const d = dirname(real);
    if (!(r === sep || d === r || d.startsWith(r + sep))) throw new KustomizeError(`security; file '${p}' is not in or below '${r}'`);
  }
  return readFileSync(real);
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
  if (out.replacements !== undefined) checkGoValue(out.replacements, '[]types.ReplacementField', 'Kustomization', 'replacements', 'ReplacementField');
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

/** The Go types of the replacement fields, for encoding/json's type errors: field -> [Go type, struct it names]. */
type GoField = [type: string, struct?: string];
const STR: GoField = ['string'];
const RESID: Record<string, GoField> = { group: STR, version: STR, kind: STR, name: STR, namespace: STR };
const REPLACEMENT_TYPES: Record<string, Record<string, GoField>> = {
  ReplacementField: { path: STR, source: ['types.SourceSelector', 'SourceSelector'], targets: ['[]*types.TargetSelector', 'TargetSelector'] },
  SourceSelector: { ...RESID, fieldPath: STR, options: ['types.FieldOptions', 'FieldOptions'] },
  TargetSelector: { select: ['types.Selector', 'Selector'], reject: ['[]*types.Selector', 'Selector'], fieldPaths: ['[]string'], options: ['types.FieldOptions', 'FieldOptions'] },
  Selector: { ...RESID, labelSelector: STR, annotationSelector: STR },
  FieldOptions: { delimiter: STR, index: ['int'], encoding: STR, create: ['bool'] },
};

const typeError = (v: unknown, struct: string, path: string, type: string) =>
  new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${jsonKind(v) === 'number' && !Number.isInteger(v) && type === 'int' ? `number ${v}` : jsonKind(v)} into Go struct field ${struct}.${path} of type ${type}`);

/** One value against its Go type (null is always fine), fields in the sorted order sigs.k8s.io/yaml's JSON has them. */
function checkGoValue(v: unknown, type: string, struct: string, path: string, elemStruct?: string): void {
  if (v === null || v === undefined) return;
  if (type.startsWith('[]')) {
    if (!Array.isArray(v)) throw typeError(v, struct, path, type);
    for (const x of v) checkGoValue(x, type.slice(2).replace(/^\*/, ''), struct, path, elemStruct);
    return;
  }
  if (type === 'string' || type === 'bool' || type === 'int') {
    const ok = type === 'string' ? typeof v === 'string' : type === 'bool' ? typeof v === 'boolean' : typeof v === 'number' && Number.isInteger(v);
    if (!ok) throw typeError(v, struct, path, type);
    return;
  }
  if (typeof v !== 'object' || Array.isArray(v)) throw typeError(v, struct, path, type);
  const name = elemStruct ?? type.replace(/^types\./, '');
  const fields = REPLACEMENT_TYPES[name] ?? {};
  for (const k of Object.keys(v as object).sort()) {
    const f = fields[k];
    if (f) checkGoValue((v as any)[k], f[0], name, `${path}.${k}`, f[1]);
  }
}

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
