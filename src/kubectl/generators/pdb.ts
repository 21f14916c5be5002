// kubectl create poddisruptionbudget NAME --selector=... --min-available|--max-unavailable (create_pdb.go).
import type { KObject } from '../../api/types.js';
import { UserError } from '../../api/errors.js';
import { parseSelector } from '../../api/selectors.js';
import { typedObject } from './typed.js';

export interface PDBOptions { name: string; namespace?: string; selector: string; minAvailable: string; maxUnavailable: string }

export function validatePDB(o: PDBOptions): void {
  if (!o.name) throw new UserError('name must be specified');
  if (!o.selector) throw new UserError('a selector must be specified');
  if (!o.maxUnavailable && !o.minAvailable) throw new UserError('one of min-available or max-unavailable must be specified');
  if (o.maxUnavailable && o.minAvailable) throw new UserError('min-available and max-unavailable cannot be both specified');
  if (o.minAvailable && !/^[0-9]+%?$/.test(o.minAvailable)) throw new UserError('invalid format specified for min-available');
  if (o.maxUnavailable && !/^[0-9]+%?$/.test(o.maxUnavailable)) throw new UserError('invalid format specified for max-unavailable');
}

const OPS: Record<string, string> = { in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist' };

/** metav1.ParseToLabelSelector */
export function parseToLabelSelector(selector: string): { matchLabels: Record<string, string>; matchExpressions: any[] } {
  let reqs;
  try {
    reqs = parseSelector(selector).requirements;
  } catch (e) {
    throw new UserError(`couldn't parse the selector string "${selector}": ${(e as Error).message}`);
  }
  const out = { matchLabels: {} as Record<string, string>, matchExpressions: [] as any[] };
  for (const r of reqs) {
    if (r.operator === '=' || r.operator === '==') { out.matchLabels[r.key] = r.values[0]; continue; }
    if (r.operator === 'gt' || r.operator === 'lt') throw new UserError(`"${r.operator}" isn't supported in label selectors`);
    const op = OPS[r.operator];
    if (!op) throw new UserError(`"${r.operator}" is not a valid label selector operator`);
    out.matchExpressions.push({ key: r.key, operator: op, values: [...r.values].sort() });
  }
  return out;
}

/** intstr.Parse: an int when the whole string is one, else a string. */
export function intstrParse(v: string): number | string {
  return /^[+-]?[0-9]+$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : v;
}

export function buildPDB(o: PDBOptions): KObject {
  const spec: Record<string, unknown> = { selector: parseToLabelSelector(o.selector) };
  if (o.minAvailable) spec.minAvailable = intstrParse(o.minAvailable);
  else if (o.maxUnavailable) spec.maxUnavailable = intstrParse(o.maxUnavailable);
  return typedObject({ kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', metadata: { name: o.name, namespace: o.namespace }, spec });
}
