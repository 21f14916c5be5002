// -f FILE|DIR|- for apply, create, delete, get and describe.
import { UserError } from '../api/errors.js';
import { readManifests } from '../api/decode.js';
import type { KObject } from '../api/types.js';
import { readStdin } from './io.js';

export function loadFiles(paths: string[] | undefined, recursive: boolean): { source: string; objects: KObject[] }[] {
  if (!paths || paths.length === 0) {
    throw new UserError('error: must specify one of -f and -k');
  }
  return readManifests(paths, { recursive, stdin: readStdin });
}
