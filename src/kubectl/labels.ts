// kubectl label / annotate: parse KEY=VALUE and KEY- arguments and apply them to a metadata map.
import { ChangeCauseAnnotation } from './rollout.js';
import { UserError } from '../api/errors.js';

export interface MapChange {
  set: Record<string, string>;
  remove: string[];
}

export function parseMapArgs(args: string[], what: 'label' | 'annotation'): MapChange {
  const change: MapChange = { set: {}, remove: [] };
  for (const a of args) {
    if (a.endsWith('-') && !a.includes('=')) {
      change.remove.push(a.slice(0, -1));
      continue;
    }
    const i = a.indexOf('=');
    if (i <= 0) throw new UserError(`error: invalid ${what} spec: ${a}`);
    change.set[a.slice(0, i)] = a.slice(i + 1);
  }
  return change;
}

/** Apply the change; returns the new map (undefined when it ends up empty) and whether anything changed. */
export function applyMapChange(current: Record<string, string> | undefined, change: MapChange, overwrite: boolean, what: 'label' | 'annotation'): { map: Record<string, string> | undefined; changed: boolean } {
  const map = { ...(current || {}) };
  const conflicts: string[] = [];
  for (const [k, v] of Object.entries(change.set)) {
    // upstream: the change-cause annotation can always be overwritten
    if (what === 'annotation' && k === ChangeCauseAnnotation) continue;
    if (!overwrite && k in map && map[k] !== v) conflicts.push(`'${k}' already has a value (${map[k]})`);
  }
  if (conflicts.length) {
    if (what === 'label') throw new UserError(`error: ${conflicts[0]}, and --overwrite is false`);
    throw new UserError(`error: --overwrite is false but found the following declared annotation(s): ${conflicts.join(', ')}`);
  }
  let changed = false;
  for (const [k, v] of Object.entries(change.set)) {
    if (map[k] !== v) changed = true;
    map[k] = v;
  }
  for (const k of change.remove) {
    if (k in map) { delete map[k]; changed = true; }
  }
  return { map: Object.keys(map).length ? map : undefined, changed };
}
