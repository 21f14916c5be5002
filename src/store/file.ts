// Where clusters live on disk and how one is read and written: one JSON file per cluster through
// lowdb (DataFileSync: temp file + rename, so a reader never sees half a file), with a schema version.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LowSync } from 'lowdb';
import { DataFileSync } from 'lowdb/node';
import { UserError } from '../api/errors.js';
import { SCHEMA_VERSION, type ClusterState } from './state.js';

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

function recoverHint(file: string, name: string): string {
  return `move it aside to keep it, or run 'kubesim cluster reset ${name}' to start this cluster afresh`;
}

function adapter(file: string): DataFileSync<ClusterState> {
  return new DataFileSync<ClusterState>(file, {
    parse: (s) => JSON.parse(s),
    stringify: (d) => JSON.stringify(d),
  });
}

/** Read a cluster file; undefined when it does not exist. Corrupt or newer files are refused, never rewritten. */
export function readState(file: string, name: string): ClusterState | undefined {
  const db = new LowSync<ClusterState | null>(adapter(file) as any, null);
  try {
    db.read();
  } catch (e: any) {
    if (e instanceof SyntaxError) {
      throw new UserError(`error: the state file ${file} is corrupt (${e.message}); ${recoverHint(file, name)}`);
    }
    throw new UserError(`error: cannot read the state file ${file}: ${e.message}`);
  }
  const st = db.data;
  if (st === null || st === undefined) return undefined;
  if (typeof st !== 'object' || typeof (st as any).schemaVersion !== 'number' || !(st as any).objects) {
    throw new UserError(`error: the state file ${file} is not a kubesim cluster file; ${recoverHint(file, name)}`);
  }
  if (st.schemaVersion > SCHEMA_VERSION) {
    throw new UserError(`error: the state file ${file} was written by a newer kubesim (schema ${st.schemaVersion}, this one reads ${SCHEMA_VERSION}); upgrade kubesim, or ${recoverHint(file, name)}`);
  }
  return st;
}

/** Write atomically (temp file + rename). */
export function writeState(file: string, state: ClusterState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new LowSync<ClusterState>(adapter(file), state);
  db.data = state;
  db.write();
}

export function removeState(file: string): boolean {
  let existed = false;
  try { fs.rmSync(file); existed = true; } catch { /* absent */ }
  return existed;
}
