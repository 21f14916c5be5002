// -f FILE|DIR|- for apply, create, delete, get and describe.
import fs from 'node:fs';
import { UserError } from '../api/errors.js';
import { readManifests } from '../api/decode.js';
import type { KObject } from '../api/types.js';

export function loadFiles(paths: string[] | undefined, recursive: boolean): { source: string; objects: KObject[] }[] {
  if (!paths || paths.length === 0) {
    throw new UserError('error: must specify one of -f and -k');
  }
  return readManifests(paths, { recursive, stdin: () => fs.readFileSync(0, 'utf8') });
}
