// Finding and reading a kustomization, and kustomize's error wording for paths.
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { yamlToJsonValue } from '../../api/decode.js';

/** An error kustomize returns; kubectl prints it through klog as `"command failed" err="..."`. */
export class KustomizeError extends Error {}

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function resolveIn(dir: string, p: string): string {
  return isAbsolute(p) ? p : resolve(dir, p);
}

const lstatMissing = (p: string) => `evalsymlink failure on '${p}' : lstat ${p}: no such file or directory`;

/** Checks `dir` is a directory to build (loader.NewLoader / MakeFsInMemory's messages). */
export function mustBeDir(dir: string): void {
  let st;
  try { st = statSync(dir); } catch { throw new KustomizeError(`must build at directory: not a valid directory: ${lstatMissing(dir)}`); }
  if (!st.isDirectory()) throw new KustomizeError(`must build at directory: '${dir}': file is not directory`);
}

export function pathMissing(p: string): string | undefined {
  try { lstatSync(p); return undefined; } catch { return lstatMissing(p); }
}

/** The parsed kustomization of `dir`, with the error kubectl prints when there is none. */
export function readKustomization(dir: string): Record<string, any> {
  const file = KUSTOMIZATION_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`);
  const k = yamlToJsonValue(readFileSync(file, 'utf8'));
  const out = k && typeof k === 'object' ? k : {};
  checkStringMaps(out);
  return out;
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
