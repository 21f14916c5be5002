// kubectl wait's --for conditions (kubectl/pkg/cmd/wait: wait.go conditionFuncFor, condition.go,
// json.go): parsing with kubectl's errors, and the check each makes on an object's current state.
import { UserError } from '../api/errors.js';
import type { KObject } from '../api/types.js';
import { evalJsonPath, goSprint, JsonPathParseError, parseJsonPath, relaxedJsonPathExpression } from '../printers/jsonpath.js';

export type Condition =
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'condition'; name: string; status: string }
  | { kind: 'jsonpath'; expr: string; value: string; matchAny: boolean };

/** splitJSONPathInput: split on single '=', keeping '==' (a filter's operator) inside the parts. */
export function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let el = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (i < input.length - 1 && input[i + 1] === '=') {
        el += '==';
        i++;
        continue;
      }
      out.push(el);
      el = '';
      continue;
    }
    el += input[i];
  }
  out.push(el);
  return out;
}

function trimQuotes(s: string): string {
  return s.replace(/^['"]+/, '').replace(/['"]+$/, '');
}

/** conditionFuncFor: `delete`, `create`, `condition=NAME[=VALUE]`, `jsonpath=EXPR[=VALUE]`. */
export function parseCondition(cond: string): Condition {
  const lower = cond.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (cond.startsWith('condition=')) {
    let name = cond.slice('condition='.length);
    let status = 'true';
    const eq = name.indexOf('=');
    if (eq !== -1) {
      status = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    return { kind: 'condition', name, status };
  }
  if (cond.startsWith('jsonpath=')) {
    const parts = splitJsonPathInput(cond.slice('jsonpath='.length));
    if (parts.length < 1 || parts.length > 2) {
      throw new UserError("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
    }
    let expr: string;
    try {
      expr = relaxedJsonPathExpression(parts[0]);
    } catch (e) {
      if (e instanceof JsonPathParseError) throw new UserError(`error: ${e.message}`);
      throw e;
    }
    let value = '';
    if (parts.length === 2) {
      value = trimQuotes(parts[1]);
      if (value === '') throw new UserError("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
    }
    if (expr === '') throw new UserError('error: jsonpath expression cannot be empty');
    try {
      parseJsonPath(expr);
    } catch (e) {
      if (e instanceof JsonPathParseError) throw new UserError(`error: ${e.message}`);
      throw e;
    }
    return { kind: 'jsonpath', expr, value, matchAny: value === '' };
  }
  throw new UserError(`error: unrecognized condition: ${goQuote(cond)}`);
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}

function toInt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/**
 * ConditionalWait.checkCondition: the first status.conditions entry of that type decides; a condition
 * observed for an older generation than metadata.generation does not count yet.
 */
function checkCondition(obj: any, name: string, status: string): boolean {
  const conditions = obj?.status?.conditions;
  if (!Array.isArray(conditions)) return false;
  for (const c of conditions) {
    if (c === null || typeof c !== 'object') return false;
    if (typeof c.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase()) continue;
    if (typeof c.status !== 'string') continue;
    const generation = toInt(obj?.metadata?.generation);
    if (generation !== undefined) {
      const observed = toInt(c.observedGeneration) ?? toInt(obj?.status?.observedGeneration);
      if (observed !== undefined && observed < generation) return false;
    }
    return c.status.toLowerCase() === status.toLowerCase();
  }
  return false;
}

/** JSONPathWait.checkCondition (errors are kubectl's, raised as UserErrors). */
function checkJsonPath(obj: any, c: Extract<Condition, { kind: 'jsonpath' }>): boolean {
  const res = evalJsonPath(c.expr, obj);
  if (res.length === 0) return false;
  if (res.length > 1) throw new UserError('error: given jsonpath expression matches more than one value');
  if (c.matchAny) return true;
  const v = res[0];
  if (v !== null && typeof v === 'object') throw new UserError('error: jsonpath leads to a nested object or list which is not supported');
  return goSprint(v).trim() === c.value.trim();
}

/** Whether `obj` (the object as stored now) satisfies a condition or jsonpath wait. */
export function conditionMet(c: Condition, obj: KObject): boolean {
  if (c.kind === 'condition') return checkCondition(obj, c.name, c.status);
  if (c.kind === 'jsonpath') return checkJsonPath(obj, c);
  throw new Error(`conditionMet: ${c.kind} is not checked on an object`);
}
