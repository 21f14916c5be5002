// Label selectors as apimachinery has them (pkg/labels/selector.go, pkg/apis/meta/v1/helpers.go):
// the `-l` string grammar with the parser's own error messages, LabelSelector objects, matching and printing.
import { isQualifiedName, isValidLabelValue } from './names.js';
import { goQuote } from './gofmt.js';

export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement { key: string; operator: Operator; values: string[] }

/** A parsed selector. `nothing` is labels.Nothing() (what a nil LabelSelector becomes): it matches no object. */
export interface Selector { requirements: Requirement[]; nothing?: boolean }

export class SelectorError extends Error {}

export const everything = (): Selector => ({ requirements: [] });
export const nothing = (): Selector => ({ requirements: [], nothing: true });

// --- NewRequirement validation ---------------------------------------------------------------------------------

function fieldInvalid(path: string, value: string, detail: string): string {
  return `${path}: Invalid value: ${value}: ${detail}`;
}

function goStringSlice(vals: string[]): string {
  return `[]string{${vals.map(goQuote).join(', ')}}`;
}

/** labels.NewRequirement: returns the requirement or throws with the aggregated field errors. */
export function newRequirement(key: string, operator: Operator, values: string[]): Requirement {
  const errs: string[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length) errs.push(fieldInvalid('key', goQuote(key), keyErrs.join('; ')));
  switch (operator) {
    case 'in': case 'notin':
      if (values.length === 0) errs.push(fieldInvalid('values', goStringSlice(values), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=': case '==': case '!=':
      if (values.length !== 1) errs.push(fieldInvalid('values', goStringSlice(values), 'exact-match compatibility requires one single value'));
      break;
    case 'exists': case '!':
      if (values.length !== 0) errs.push(fieldInvalid('values', goStringSlice(values), 'values set must be empty for exists and does not exist'));
      break;
    case 'gt': case 'lt':
      if (values.length !== 1) errs.push(fieldInvalid('values', goStringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (!/^[+-]?[0-9]+$/.test(v)) errs.push(fieldInvalid(`values[${i}]`, goQuote(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
  }
  values.forEach((v, i) => {
    const m = isValidLabelValue(v);
    if (m.length) errs.push(fieldInvalid(`values[${i}][${key}]`, goQuote(v), m.join('; ')));
  });
  if (errs.length === 1) throw new SelectorError(errs[0]);
  if (errs.length > 1) throw new SelectorError(`[${[...new Set(errs)].join(', ')}]`);
  return { key, operator, values };
}

// --- the string grammar ------------------------------------------------------------------------------------------

type Tok = 'id' | 'in' | 'notin' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<' | 'end' | 'error';
const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const SYMBOLS: Record<string, Tok> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', '(': '(', '<': '<', '!=': '!=' };
const WS = new Set([' ', '\t', '\r', '\n']);

function lex(s: string): { tok: Tok; lit: string }[] {
  const out: { tok: Tok; lit: string }[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && WS.has(s[i])) i++;
    if (i >= s.length) { out.push({ tok: 'end', lit: '' }); return out; }
    if (SPECIAL.has(s[i])) {
      let buf = '';
      let last: { tok: Tok; lit: string } | undefined;
      while (i < s.length && SPECIAL.has(s[i])) {
        buf += s[i];
        if (SYMBOLS[buf]) { last = { tok: SYMBOLS[buf], lit: buf }; i++; }
        else if (last) break;
        else i++;
      }
      out.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let j = i;
    while (j < s.length && !WS.has(s[j]) && !SPECIAL.has(s[j])) j++;
    const word = s.slice(i, j);
    i = j;
    out.push({ tok: word === 'in' ? 'in' : word === 'notin' ? 'notin' : 'id', lit: word });
  }
}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

/** labels.Parse: `a=b,c!=d,e in (x,y),!f,g`. Throws SelectorError with apimachinery's message. */
export function parseSelector(selector: string): Selector {
  const items = lex(selector);
  let pos = 0;
  // in the Values context the keywords in/notin are plain identifiers
  const look = (values: boolean) => {
    const it = items[Math.min(pos, items.length - 1)];
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id' as Tok, lit: it.lit } : it;
  };
  const take = (values: boolean) => { const it = look(values); if (pos < items.length - 1) pos++; return it; };

  const parseValues = (): string[] => {
    let t = take(true);
    if (t.tok !== '(') throw new SelectorError(`found '${t.lit}' expected: '('`);
    t = look(true);
    if (t.tok === 'id' || t.tok === ',') {
      const s = new Set<string>();
      for (;;) {
        const c = take(true);
        if (c.tok === 'id') {
          s.add(c.lit);
          const n = look(true);
          if (n.tok === ',') continue;
          if (n.tok === ')') break;
          throw new SelectorError(`found '${n.lit}', expected: ',' or ')'`);
        } else if (c.tok === ',') {
          if (s.size === 0) s.add('');
          const n = look(true);
          if (n.tok === ')') { s.add(''); break; }
          if (n.tok === ',') { take(true); s.add(''); }
        } else throw new SelectorError(`found '${c.lit}', expected: ',', or identifier`);
      }
      const close = take(true);
      if (close.tok !== ')') throw new SelectorError(`found '${t.lit}', expected: ')'`);
      return [...s];
    }
    if (t.tok === ')') { take(true); return ['']; }
    throw new SelectorError(`found '${t.lit}', expected: ',', ')' or identifier`);
  };

  const parseRequirement = (): Requirement => {
    let op: Operator | undefined;
    let t = take(true);
    if (t.tok === '!') { op = '!'; t = take(true); }
    if (t.tok !== 'id') throw new SelectorError(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length) throw new SelectorError(fieldInvalid('key', goQuote(key), keyErrs.join('; ')));
    const n = look(true);
    if (n.tok === 'end' || n.tok === ',') return newRequirement(key, op ?? 'exists', []);
    if (op === '!') return newRequirement(key, '!', []);
    const o = take(false);
    let values: string[];
    switch (o.tok) {
      case 'in': op = 'in'; break;
      case 'notin': op = 'notin'; break;
      case '=': op = '='; break;
      case '==': op = '=='; break;
      case '!=': op = '!='; break;
      case '>': op = 'gt'; break;
      case '<': op = 'lt'; break;
      default: throw new SelectorError(`found '${o.lit}', expected: ${BINARY_OPERATORS}`);
    }
    if (op === 'in' || op === 'notin') values = parseValues();
    else {
      const v = look(true);
      if (v.tok === 'end' || v.tok === ',') values = [''];
      else {
        const c = take(true);
        if (c.tok !== 'id') throw new SelectorError(`found '${c.lit}', expected: identifier`);
        values = [c.lit];
      }
    }
    return newRequirement(key, op, [...new Set(values)].sort());
  };

  const reqs: Requirement[] = [];
  for (;;) {
    const t = look(true);
    if (t.tok === 'id' || t.tok === '!') {
      try { reqs.push(parseRequirement()); } catch (e) {
        if (e instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const c = take(true);
      if (c.tok === 'end') break;
      if (c.tok === ',') {
        const n = look(true);
        if (n.tok !== 'id' && n.tok !== '!') throw new SelectorError(`found '${n.lit}', expected: identifier after ','`);
        continue;
      }
      throw new SelectorError(`found '${c.lit}', expected: ',' or 'end of string'`);
    }
    if (t.tok === 'end') break;
    throw new SelectorError(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
  }
  return { requirements: sortByKey(reqs) };
}

function sortByKey(reqs: Requirement[]): Requirement[] {
  return [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

// --- LabelSelector objects ---------------------------------------------------------------------------------------

export interface LabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: { key: string; operator: string; values?: string[] | null }[] | null;
}

const EXPR_OPS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/** metav1.LabelSelectorAsSelector: nil -> Nothing, empty -> Everything. Throws SelectorError when invalid. */
export function labelSelectorAsSelector(ps: LabelSelector | null | undefined): Selector {
  if (ps === null || ps === undefined) return nothing();
  const ml = ps.matchLabels ?? {};
  const me = ps.matchExpressions ?? [];
  if (Object.keys(ml).length + me.length === 0) return everything();
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(ml)) reqs.push(newRequirement(k, '=', [v]));
  for (const e of me) {
    const op = EXPR_OPS[e.operator];
    if (!op) throw new SelectorError(`${goQuote(e.operator)} is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, [...(e.values ?? [])]));
  }
  return { requirements: sortByKey(reqs) };
}

/** labels.SelectorFromSet / Set.AsSelector. */
export function selectorFromSet(set: Record<string, string> | null | undefined): Selector {
  return { requirements: sortByKey(Object.entries(set ?? {}).map(([k, v]) => ({ key: k, operator: '=' as Operator, values: [v] }))) };
}

function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  switch (r.operator) {
    case '=': case '==': case 'in': return has && r.values.includes(v);
    case '!=': case 'notin': return !has || !r.values.includes(v);
    case 'exists': return has;
    case '!': return !has;
    case 'gt': case 'lt': {
      if (!has || !/^[+-]?[0-9]+$/.test(v)) return false;
      const lv = BigInt(v);
      const rv = BigInt(r.values[0]);
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

/** Selector.Matches. Accepts a parsed Selector, a `-l` string or a LabelSelector object. */
export function matches(selector: Selector | LabelSelector | string | null | undefined, labels: Record<string, string> | null | undefined): boolean {
  const sel = toSelector(selector);
  if (sel.nothing) return false;
  const l = labels ?? {};
  return sel.requirements.every((r) => requirementMatches(r, l));
}

function toSelector(s: Selector | LabelSelector | string | null | undefined): Selector {
  if (typeof s === 'string') return parseSelector(s);
  if (s && 'requirements' in s) return s as Selector;
  return labelSelectorAsSelector(s as LabelSelector | null | undefined);
}

export function isEmpty(s: Selector): boolean {
  return !s.nothing && s.requirements.length === 0;
}

function requirementString(r: Requirement): string {
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',');
  switch (r.operator) {
    case '!': return '!' + r.key;
    case 'exists': return r.key;
    case 'in': return `${r.key} in (${vals})`;
    case 'notin': return `${r.key} notin (${vals})`;
    case 'gt': return `${r.key}>${vals}`;
    case 'lt': return `${r.key}<${vals}`;
    default: return r.key + r.operator + vals;
  }
}

/** Selector.String(): requirements sorted by key, joined by ','. */
export function formatSelector(s: Selector): string {
  return s.requirements.map(requirementString).join(',');
}

/** metav1.FormatLabelSelector: `app=nginx,pod-template-hash=647677fc66`, `<none>` when empty, `<error>` if invalid. */
export function selectorToString(sel: LabelSelector | Selector | null | undefined): string {
  let s: Selector;
  try { s = sel && 'requirements' in sel ? (sel as Selector) : labelSelectorAsSelector(sel as LabelSelector); } catch { return '<error>'; }
  const out = formatSelector(s);
  return out.length === 0 ? '<none>' : out;
}
