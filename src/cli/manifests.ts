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

/**
 * -f/-k on a verb that also takes resource arguments (get, describe, label ...): the files' objects, or
 * undefined when neither flag is given. The builder refuses files and resource arguments together.
 * `aggregated`: the verb reports the builder's errors as an aggregate (get, describe).
 */
export function fileArgs(args: string[], opts: { filename?: string[]; kustomize?: string; recursive?: boolean }, o: { aggregated?: boolean } = {}): { source: string; objects: KObject[] }[] | undefined {
  if (!opts.filename?.length && opts.kustomize === undefined) return undefined;
  let files;
  try {
    files = loadFiles(opts.filename, !!opts.recursive, opts.kustomize);
  } catch (e) {
    // get and describe hand kustomize's error back inside the builder's aggregate: printed bare
    if (o.aggregated && e instanceof KustomizeBuildError) throw new RawError(e.detail);
    throw e;
  }
  if (args.length) throw new UserError('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  return files;
}

/** kustomize's failure as a verb's builder reports it: `error: <message>` (only `kubectl kustomize` logs it through klog). */
export class KustomizeBuildError extends UserError {
  constructor(readonly detail: string) {
    super(`error: ${detail}`);
  }
}

/**
 * Runs kustomize on `dir`: its deprecation warnings on stderr (before any error). `kubectl kustomize`
 * (klog) fails with klog's "command failed" line; the verbs' builders with a KustomizeBuildError.
 */
export function buildKustomization(dir: string, klog = false): KObject[] {
  try {
    const { objects, warnings } = kustomizeBuild(dir);
    for (const w of warnings) stdio.err(w + '\n');
    return objects;
  } catch (e) {
    if (e instanceof KustomizeError) {
      for (const w of e.warnings) stdio.err(w + '\n');
      if (!klog) throw new KustomizeBuildError(e.message);
      throw new RawError(klogLine('E', `"command failed" err=${klogValue(e.message)}`));
    }
    throw e;
  }
}
