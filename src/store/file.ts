// Where clusters live on disk and how one is read and written: one JSON file per cluster, written
// as lowdb's DataFileSync writes (temp file + rename, so a reader never sees half a file), with a schema
// version. The text is laid out so that readers parse only what they use (src/store/sections.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../api/errors.js';
import { SCHEMA_VERSION, type ClusterState } from './state.js';
import { decodeStateFile, writeStateTo } from './sections.js';
import { checkStateHead, objectsCheck, StateShapeError } from './validate.js';
import { resourceByName } from '../api/resources.js';

export function kubesimHome(): string {
  return process.env.KUBESIM_HOME || path.join(os.homedir(), '.kubesim');
}

export function clusterName(flag?: string): string {
  return flag || process.env.KUBESIM_CLUSTER || 'default';
}

export function validClusterName(name: string): boolean {
  return /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/i.test(name) && name.length <= 63;
}

export function clusterFile(name: string): string {
  return path.join(kubesimHome(), 'clusters', `${name}.json`);
}

export function listClusterNames(): string[] {
  const dir = path.join(kubesimHome(), 'clusters');
  let names: string[] = [];
  try { names = fs.readdirSync(dir); } catch { return []; }
  return names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).sort();
}

function knownResource(resource: string): boolean {
  try {
    resourceByName(resource);
    return true;
  } catch {
    return false;
  }
}

function recoverHint(file: string, name: string): string {
  return `move it aside to keep it, or run 'kubesim cluster reset ${name}' to start this cluster afresh`;
}

/**
 * Read a cluster file; undefined when it does not exist. Corrupt or newer files are refused, never
 * rewritten. (Read directly rather than through lowdb, whose read is readFileSync + parse, so that
 * read-only commands load neither lowdb nor more of the file than they need.)
 */
/** A state file's identity: inode, mtime and size (a save renames a new file in, so any writer's save changes it). */
export function fileStamp(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.ino}:${st.mtimeMs}:${st.size}`;
  } catch {
    return '';
  }
}

export function readState(file: string, name: string): ClusterState | undefined {
  const corrupt = (e: SyntaxError) => new UserError(`error: the state file ${file} is corrupt (${e.message}); ${recoverHint(file, name)}`);
  let st: ClusterState | null | undefined;
  try {
    let fd: number;
    try {
      // a FIFO or a device would block the open or the read: only a regular file is a state file
      if (!fs.statSync(file).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG', path: file });
      fd = fs.openSync(file, 'r');
    } catch (e: any) {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    }
    st = decodeStateFile(fd, corrupt, objectsCheck(knownResource)) as ClusterState | null;
  } catch (e: any) {
    if (e instanceof SyntaxError) throw corrupt(e);
    throw e instanceof UserError ? e : homeError(e, file);
  }
  if (!st || typeof st !== 'object' || Array.isArray(st) || typeof (st as any).schemaVersion !== 'number' || !(st as any).objects) {
    throw new UserError(`error: the state file ${file} is not a kubesim cluster file; ${recoverHint(file, name)}`);
  }
  if (st.schemaVersion > SCHEMA_VERSION) {
    throw new UserError(`error: the state file ${file} was written by a newer kubesim (schema ${st.schemaVersion}, this one reads ${SCHEMA_VERSION}); upgrade kubesim, or ${recoverHint(file, name)}`);
  }
  try {
    checkStateHead(st as any);
  } catch (e) {
    if (e instanceof StateShapeError) throw corrupt(e);
    throw e;
  }
  return st;
}

/**
 * Write atomically: the text goes to `.NAME.json.tmp` beside the file, which is then renamed over it (what lowdb's
 * DataFileSync does, so a reader never sees half a file), in pieces rather than as one string: a big cluster's
 * text would otherwise double the command's peak memory.
 */
export async function writeState(file: string, state: ClusterState): Promise<void> {
  ensureDir(path.dirname(file));
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  const fd = fs.openSync(temp, 'w');
  try {
    writeStateTo(fd, state);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

const ERRNO_TEXT: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'not a directory',
  EEXIST: 'exists and is not a directory',
  EISDIR: 'is a directory',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'no such file or directory',
  ENOTREG: 'not a regular file',
  EIO: 'input/output error',
};

/** The state could not be saved: the command changed nothing, and prints none of its results. */
export class SaveError extends UserError {}

/** An error of the file system under KUBESIM_HOME as one clear line naming the path and what to do. */
export function homeError(e: any, fallbackPath: string, saving = false): Error {
  const text = ERRNO_TEXT[e?.code];
  if (!text) return saving ? new SaveError(`error: cannot save ${fallbackPath}: ${e?.message ?? e}`) : e;
  return new (saving ? SaveError : UserError)(`error: cannot use ${e.path ?? fallbackPath}: ${text}; kubesim keeps its clusters under ${kubesimHome()} (set KUBESIM_HOME to a directory you can write)`);
}

/**
 * mkdir -p without Node's recursive mkdir, which can spin forever on paths such as /proc/self/x;
 * each missing component is made in turn, and one that exists but is no directory is ENOTDIR.
 */
export function ensureDir(dir: string): void {
  const parts: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    let st: fs.Stats | undefined;
    try { st = fs.statSync(d); } catch (e: any) { if (e.code !== 'ENOENT') throw e; }
    if (st) {
      if (!st.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR', path: d });
      break;
    }
    parts.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of parts) {
    try { fs.mkdirSync(d); } catch (e: any) { if (e.code !== 'EEXIST') throw e; }
  }
}

export function removeState(file: string): boolean {
  let existed = false;
  try { fs.rmSync(file); existed = true; } catch { /* absent */ }
  return existed;
}
