// client-go util/jsonpath (parser + evaluator) as kubectl v1.32 uses it for
// -o jsonpath, custom-columns and --sort-by. Values are plain JSON data.
import { toCompactJson, toJson } from './json.js';
import { goFormatFloat } from './yaml.js';
import { goStringLess } from './labels.js';

// ---------- nodes ----------

type Node =
  | { t: 'list'; nodes: Node[] }
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'array'; params: Param[] }
  | { t: 'filter'; left: Node; right: Node; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; nodes: Node[] }
  | { t: 'identifier'; name: string };

interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}

export class JsonPathParseError extends Error {}
export class JsonPathExecError extends Error {}

// ---------- parser (parser.go) ----------

const isSpace = (r: string) => r === ' ' || r === '\t';
const isEndOfLine = (r: string) => r === '\r' || r === '\n';
const isAlphaNumeric = (r: string) => r === '_' || /[\p{L}\p{Nd}]/u.test(r);
const isDigitR = (r: string) => /\p{Nd}/u.test(r);
const EOF = '';
const isTerminator = (r: string) => r === EOF || isSpace(r) || isEndOfLine(r) || '.,[]$@{}'.includes(r);

class Parser {
  input = '';
  pos = 0;
  start = 0;
  width = 0;
  root: Node & { t: 'list' } = { t: 'list', nodes: [] };

  parse(text: string): Node & { t: 'list' } {
    this.input = text;
    this.root = { t: 'list', nodes: [] };
    this.pos = 0;
    this.start = 0;
    this.parseText(this.root);
    return this.root;
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }
  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const cp = this.input.codePointAt(this.pos)!;
    const r = String.fromCodePoint(cp);
    this.width = r.length;
    this.pos += this.width;
    return r;
  }
  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }
  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(cur: Node & { t: 'list' }): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consumeText() });
        return this.parseLeftDelim(cur);
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consumeText() });
  }

  private parseLeftDelim(cur: Node & { t: 'list' }): void {
    this.pos += 1;
    this.consumeText();
    const n: Node & { t: 'list' } = { t: 'list', nodes: [] };
    cur.nodes.push(n);
    this.parseInsideAction(n);
  }

  private parseInsideAction(cur: Node & { t: 'list' }): void {
    // iterative where Go recurses, to keep deep templates off the JS stack
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consumeText();
        return this.parseText(this.root);
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new JsonPathParseError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') {
        this.consumeText();
      } else if (r === '[') {
        this.parseArray(cur);
      } else if (r === '"' || r === "'") {
        this.parseQuote(cur, r);
      } else if (r === '.') {
        this.parseField(cur);
      } else if (r === '+' || r === '-' || isDigitR(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else {
        const cp = r.codePointAt(0)!;
        throw new JsonPathParseError(`unrecognized character in action: U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${r}'`);
      }
    }
  }

  private parseIdentifier(cur: Node & { t: 'list' }): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'identifier', name: value });
  }

  private parseRecursive(cur: Node & { t: 'list' }): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.t === 'recursive') throw new JsonPathParseError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ t: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: Node & { t: 'list' }): void {
    let r = this.peek();
    if (r === '+' || r === '-') this.next();
    for (;;) {
      r = this.next();
      if (r !== '.' && !isDigitR(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?[0-9]+$/.test(value)) {
      cur.nodes.push({ t: 'int', value: parseInt(value, 10) });
      return;
    }
    if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) {
      cur.nodes.push({ t: 'float', value: parseFloat(value) });
      return;
    }
    throw new JsonPathParseError(`cannot parse number ${value}`);
  }

  private parseArray(cur: Node & { t: 'list' }): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathParseError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';
    const strs = text.split(',');
    if (strs.length > 1) {
      const union: Node[] = [];
      for (const s of strs) union.push(parseAction(`[${s.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ t: 'union', nodes: union });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      const p = parseAction(`.${dict[1]}`) as Node & { t: 'list' };
      cur.nodes.push(...p.nodes);
      return;
    }
    const m = /^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$/.exec(text);
    if (!m) throw new JsonPathParseError(`invalid array index ${text}`);
    const value = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: Param[] = [];
    for (let i = 0; i < 3; i++) {
      if (value[i] !== '') {
        if (i > 0) value[i] = value[i].slice(1);
        if (i > 0 && value[i] === '') {
          params.push({ value: 0, known: false, derived: false });
        } else {
          if (!/^[+-]?\d+$/.test(value[i])) throw new JsonPathParseError(`array index ${value[i]} is not a number`);
          params.push({ value: parseInt(value[i], 10), known: true, derived: false });
        }
      } else if (i === 1) {
        params.push({ value: params[0].value + 1, known: true, derived: true });
      } else {
        params.push({ value: 0, known: false, derived: false });
      }
    }
    cur.nodes.push({ t: 'array', params });
  }

  private parseFilter(cur: Node & { t: 'list' }): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathParseError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')') {
        if (begin === end) break;
      }
    }
    if (this.next() !== ']') throw new JsonPathParseError('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text);
    if (!m) {
      cur.nodes.push({ t: 'filter', left: parseAction(text), right: { t: 'list', nodes: [] }, op: 'exists' });
    } else {
      cur.nodes.push({ t: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
    }
  }

  private parseQuote(cur: Node & { t: 'list' }, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathParseError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    cur.nodes.push({ t: 'text', text: unquoteExtend(value) });
  }

  private parseField(cur: Node & { t: 'list' }): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        this.next();
      } else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', name: value.replace(/\\/g, '') });
  }
}

/** parseAction: parse `{text}` and return its single action list. */
function parseAction(text: string): Node {
  const p = new Parser();
  const root = p.parse(`{${text}}`);
  return root.nodes[0];
}

/** strconv.Unquote extended to single quotes. */
function unquoteExtend(s: string): string {
  const quote = s[0];
  let body = s.slice(1, -1);
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (n in simple) out += simple[n];
    else if (n === quote) out += quote;
    else if (n === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (n === 'u') {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (n === 'U') {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 9), 16));
      i += 8;
    } else if (n >= '0' && n <= '7') {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      throw new JsonPathParseError(`unquote string ${s} error invalid syntax`);
    }
  }
  body = out;
  return body;
}

export function parseJsonPath(template: string): Node & { t: 'list' } {
  return new Parser().parse(template);
}

// ---------- evaluator (jsonpath.go) ----------

/** A value slot; `undefined` never appears as a value, JSON null does. */
type V = unknown;

const isMap = (v: V): v is Record<string, V> => v !== null && typeof v === 'object' && !Array.isArray(v);
const sortedKeys = (m: Record<string, V>) => Object.keys(m).filter((k) => m[k] !== undefined).sort(goStringLess);

function goTypeName(v: V): string {
  if (isMap(v)) return 'map[string]interface {}';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'interface {}';
}

class Evaluator {
  beginRange = 0;
  inRange = 0;
  endRange = 0;
  lastEndNode: Node | undefined;
  constructor(private allowMissingKeys: boolean) {}

  findResults(data: V, nodes: Node[]): V[][] {
    const cur = [data];
    const full: V[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = node;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value, nodes.slice(i + 1)));
        } else {
          // still walk the range body so that the position advances to its end
          this.findResults(null, nodes.slice(i + 1));
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  walk(input: V[], node: Node): V[] {
    switch (node.t) {
      case 'list': {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'float':
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return this.evalWildcard(input);
      case 'recursive':
        return this.evalRecursive(input);
      case 'union': {
        const out: V[] = [];
        for (const n of node.nodes) out.push(...this.walk(input, n));
        return out;
      }
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  evalIdentifier(input: V[], name: string): V[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new JsonPathExecError('not in range, nothing to end');
    }
    throw new JsonPathExecError(`unrecognized identifier ${name}`);
  }

  evalField(input: V[], name: string): V[] {
    const results: V[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, name) && v[name] !== undefined) results.push(v[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathExecError(`${name} is not found`);
    return results;
  }

  evalArray(input: V[], params0: Param[]): V[] {
    const result: V[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JsonPathExecError(`${goTypeName(v)} is not array or slice`);
      const len = v.length;
      const p = params0.map((x) => ({ ...x }));
      if (!p[0].known) p[0].value = 0;
      if (p[0].value < 0) p[0].value += len;
      if (!p[1].known) p[1].value = len;
      if (p[1].value < 0 || (p[1].value === 0 && p[1].derived)) p[1].value += len;
      if (p[1].value !== p[0].value) {
        if (p[0].value >= len || p[0].value < 0) throw new JsonPathExecError(`array index out of bounds: index ${p[0].value}, length ${len}`);
        if (p[1].value > len || p[1].value < 0) throw new JsonPathExecError(`array index out of bounds: index ${p[1].value - 1}, length ${len}`);
        if (p[0].value > p[1].value) throw new JsonPathExecError(`starting index ${p[0].value} is greater than ending index ${p[1].value}`);
      } else {
        return result;
      }
      const slice = v.slice(p[0].value, p[1].value);
      let step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) throw new JsonPathExecError('step must be > 0');
        step = p[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private children(v: V): V[] {
    if (isMap(v)) return sortedKeys(v).map((k) => v[k]);
    if (Array.isArray(v)) return v.slice();
    return [];
  }

  evalWildcard(input: V[]): V[] {
    const out: V[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      out.push(...this.children(v));
    }
    return out;
  }

  evalRecursive(input: V[]): V[] {
    const result: V[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      const kids = this.children(v);
      if (kids.length !== 0) {
        result.push(v);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  evalFilter(input: V[], node: Node & { t: 'filter' }): V[] {
    const results: V[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new JsonPathExecError(`${goSharpV(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        const lefts = this.walk([item], node.left);
        if (node.op === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathExecError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length !== 1) throw new JsonPathExecError('can only compare one element at a time');
        if (compare(lefts[0], rights[0], node.op)) results.push(item);
      }
    }
    return results;
  }
}

function compare(a: V, b: V, op: string): boolean {
  const kind = (x: V) => (typeof x === 'number' ? 'number' : typeof x === 'string' ? 'string' : typeof x === 'boolean' ? 'bool' : 'other');
  const ka = kind(a);
  const kb = kind(b);
  if (op === '==' || op === '!=') {
    if (ka !== kb || ka === 'other') {
      if (ka === 'other' || kb === 'other') throw new JsonPathExecError('invalid type for comparison');
      throw new JsonPathExecError('incompatible types for comparison');
    }
    return op === '==' ? a === b : a !== b;
  }
  if (ka !== kb) throw new JsonPathExecError('incompatible types for comparison');
  if (ka !== 'number' && ka !== 'string') throw new JsonPathExecError('invalid type for comparison');
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case '<':
      return ka === 'string' ? goStringLess(x as string, y as string) < 0 : x < y;
    case '>':
      return ka === 'string' ? goStringLess(x as string, y as string) > 0 : x > y;
    case '<=':
      return ka === 'string' ? goStringLess(x as string, y as string) <= 0 : x <= y;
    case '>=':
      return ka === 'string' ? goStringLess(x as string, y as string) >= 0 : x >= y;
  }
  throw new JsonPathExecError(`unrecognized filter operator ${op}`);
}

/** fmt.Sprint of a JSON value: what evalToText and custom-columns print for scalars. */
export function goSprint(v: V): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? BigInt(v).toString() : goFmtFloat(v);
  if (Array.isArray(v)) return '[' + v.map(goSprint).join(' ') + ']';
  if (isMap(v)) return 'map[' + sortedKeys(v).map((k) => `${k}:${goSprint(v[k])}`).join(' ') + ']';
  return String(v);
}

function goFmtFloat(f: number): string {
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (Number.isNaN(f)) return 'NaN';
  return goFormatFloat(f);
}

/** Go strconv.Quote (close enough for printable text). */
function goQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (c === '\x07') out += '\\a';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (c === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else out += c;
  }
  return out + '"';
}

/** fmt's %#v of unstructured data, as kubectl's jsonpath error dumps the object. */
export function goSharpV(v: V, top = true): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean' || typeof v === 'number') return goSprint(v);
  if (Array.isArray(v)) return '[]interface {}{' + v.map((x) => goSharpV(x, false)).join(', ') + '}';
  if (isMap(v)) return 'map[string]interface {}{' + sortedKeys(v).map((k) => `${goQuote(k)}:${goSharpV(v[k], false)}`).join(', ') + '}';
  void top;
  return String(v);
}

/** PrintResults: maps and lists as compact JSON, scalars via fmt.Print, null as "null", joined by spaces. */
function printResults(results: V[], asJson: boolean): string {
  // json.MarshalIndent of the results: maps with sorted keys, Go's escaping
  if (asJson) return toJson(results);
  return results
    .map((r) => {
      if (isMap(r) || Array.isArray(r)) return toCompactJson(r);
      if (r === null || r === undefined) return 'null';
      return goSprint(r);
    })
    .join(' ');
}

export interface JsonPathOptions {
  /** --allow-missing-template-keys (default true) */
  allowMissingKeys?: boolean;
  /** -o jsonpath-as-json */
  asJson?: boolean;
}

/** Executes a parsed template; throws JsonPathExecError on evaluation errors. */
export function executeJsonPath(template: string, data: V, opts: JsonPathOptions = {}): string {
  const root = parseJsonPath(template);
  const ev = new Evaluator(opts.allowMissingKeys ?? true);
  return ev.findResults(data, root.nodes).map((r) => printResults(r, !!opts.asJson)).join('');
}

/**
 * The values one JSONPath expression selects (first result set), for --sort-by
 * and callers that need raw values. Missing keys give [].
 */
export function evalJsonPath(expr: string, data: V): V[] {
  const root = parseJsonPath(expr);
  const ev = new Evaluator(true);
  const res = ev.findResults(data, root.nodes);
  return res.length > 0 ? res[0] : [];
}

/** kubectl's RelaxedJSONPathExpression: `.a.b`, `a.b`, `{a.b}`, `{.a.b}` all become `{.a.b}`. */
export function relaxedJsonPathExpression(expr: string): string {
  if (expr.length === 0) return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) {
    throw new JsonPathParseError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  }
  return `{.${m[1] ?? m[2]}}`;
}
