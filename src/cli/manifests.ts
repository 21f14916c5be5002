// -f FILE|DIR|- and -k DIR for apply, create, delete, get, diff and describe.
import { RawError, UserError } from '../api/errors.js';
import { readManifests } from '../api/decode.js';
import type { KObject } from '../api/types.js';
import { readStdin, stdio } from './io.js';
import { klogLine, klogValue } from './klog.js';
import { kustomizeBuild } from '../kubectl/kustomize/build.js';
import { KustomizeError } from '../kubectl/kustomize/files.js';

export function loadFiles(paths: string[] | undefined, recursive: boolean, kustomize?: string): { source: string; objects: KObject[] }[] {
  if (kustomize !== undefined && paths?.length) throw new UserError('error: only one of -f or -k can be specified');
  if (kustomize !== undefined && recursive) throw new UserError("error: the -k flag can't be used with -f or -R");
  if (kustomize !== undefined) return [{ source: kustomize, objects: buildKustomization(kustomize) }];
  if (!paths || paths.length === 0) {
    throw new UserError('error: must specify one of -f and -k');
  }
  return readManifests(paths, { recursive, stdin: readStdin });
}

/** Runs kustomize on `dir`: its deprecation warnings on stderr, its errors as kubectl's klog line. */
export function buildKustomization(dir: string): KObject[] {
  try {
    const { objects, warnings } = kustomizeBuild(dir);
    for (const w of warnings) stdio.err(w + '\n');
    return objects;
  } catch (e) {
    if (e instanceof KustomizeError) {
      for (const w of e.warnings) stdio.err(w + '\n');
      throw new RawError(klogLine('E', `"command failed" err=${klogValue(e.message)}`));
    }
    throw e;
  }
}
