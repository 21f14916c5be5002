// kubectl taint's client-side logic (k8s.io/kubectl/pkg/cmd/taint: taint.go, utils.go): parse
// `key=value:Effect`, `key:Effect-` and `key-`, then merge with the node's taints and name the result
// tainted / untainted / modified.
import type { Taint } from '../api/scheduling.js';
import { isQualifiedName, isValidLabelValue } from '../api/names.js';

export const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export class TaintSpecError extends Error {}

/** Taint.ToString: key=value:effect, key:effect, key=value, key */
export function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** parseTaint: '<key>=<value>:<effect>', '<key>:<effect>' or '<key>'. */
export function parseTaint(st: string): Taint {
  const parts = st.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) {
    key = parts[0];
  } else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new TaintSpecError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new TaintSpecError(`invalid taint spec: ${st}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = isValidLabelValue(value);
      if (errs.length) throw new TaintSpecError(`invalid taint spec: ${st}, ${errs.join('; ')}`);
    }
  } else {
    throw new TaintSpecError(`invalid taint spec: ${st}`);
  }
  const errs = isQualifiedName(key);
  if (errs.length) throw new TaintSpecError(`invalid taint spec: ${st}, ${errs.join('; ')}`);
  return { key, value, effect };
}

/** Go's %v of a corev1.Taint: {key value effect <nil>} */
function goTaint(t: Taint): string {
  return `{${t.key} ${t.value ?? ''} ${t.effect} <nil>}`;
}

/** parseTaints: the taints to add and to remove. */
export function parseTaints(spec: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  const unique = new Map<string, Set<string>>();
  for (const s of spec) {
    if (s.endsWith('-')) {
      const t = parseTaint(s.slice(0, -1));
      remove.push({ key: t.key, effect: t.effect });
      continue;
    }
    const t = parseTaint(s);
    if (!t.effect) throw new TaintSpecError(`invalid taint spec: ${s}`);
    const set = unique.get(t.effect) ?? new Set<string>();
    if (set.has(t.key)) throw new TaintSpecError(`duplicated taints with the same key and effect: ${goTaint(t)}`);
    set.add(t.key);
    unique.set(t.effect, set);
    add.push(t);
  }
  return { add, remove };
}

/** Validate's conflict check: a taint both added and removed. */
export function conflictingTaints(add: Taint[], remove: Taint[]): string[] {
  const out: string[] = [];
  for (const a of add) {
    for (const r of remove) {
      if (a.key !== r.key) continue;
      if (!r.effect || a.effect === r.effect) out.push(`${r.key}=${r.effect}`);
    }
  }
  return out;
}

/** checkIfTaintsAlreadyExists */
export function existingTaints(old: Taint[], add: Taint[]): string {
  const out: string[] = [];
  for (const t of add) for (const o of old) if (t.key === o.key && t.effect === o.effect) out.push(t.key);
  return out.join(',');
}

/** MatchTaint: same key and effect. */
const matchTaint = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

/** reorganizeTaints -> [operation, new taints, errors] */
export function reorganizeTaints(old: Taint[], overwrite: boolean, add: Taint[], remove: Taint[]): { operation: string; taints: Taint[]; errors: string[] } {
  let taints: Taint[] = add.map((t) => ({ ...t }));
  for (const o of old) if (!taints.some((t) => matchTaint(t, o))) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    deleted = taints.length !== before;
    if (!deleted) errors.push(`taint "${taintString(r)}" not found`);
  }
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints, errors };
}

/** How a taint is stored: empty value dropped (omitempty), timeAdded kept. */
export function storedTaint(t: Taint): Taint {
  const out: any = { key: t.key };
  if (t.value) out.value = t.value;
  out.effect = t.effect;
  if (t.timeAdded) out.timeAdded = t.timeAdded;
  return out;
}
