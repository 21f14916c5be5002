// encoding/json's scanner, for its exact error texts (`invalid character 'x' after object key`):
// kubectl reports them for JSON manifests, and the API server for JSON patches.

/** Go's quoteChar for scanner errors: 'x', '\'', '"', '\n'. */
export function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

export class JsonSyntax extends Error {
  constructor(public offset: number, msg: string) { super(msg); }
}
export class JsonEOF extends Error {}

/** A scanner over `text` with encoding/json's error texts; `value()` consumes one JSON value. */
function scanner(text: string) {
  let i = 0;
  const n = text.length;
  const ws = () => { while (i < n && ' \t\r\n'.includes(text[i])) i++; };
  const bad = (ctx: string): never => { throw new JsonSyntax(i + 1, `invalid character ${quoteChar(text[i])} ${ctx}`); };
  const need = () => { if (i >= n) throw new JsonEOF(); };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) {
      need();
      if (text[i] !== word[k]) bad(`in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
  };
  const str = () => {
    i++; // opening quote
    for (;;) {
      need();
      const c = text[i];
      if (c === '"') { i++; return; }
      if (c === '\\') {
        i++; need();
        if ('"\\/bfnrt'.includes(text[i])) { i++; continue; }
        if (text[i] === 'u') {
          i++;
          for (let k = 0; k < 4; k++, i++) { need(); if (!/[0-9a-fA-F]/.test(text[i])) bad('in \\u hexadecimal character escape'); }
          continue;
        }
        bad('in string escape code');
      }
      if (c < ' ') bad('in string literal');
      i++;
    }
  };
  const number = () => {
    if (text[i] === '-') { i++; need(); if (!/[0-9]/.test(text[i])) bad('in numeric literal'); }
    if (text[i] === '0') i++;
    else while (i < n && /[0-9]/.test(text[i])) i++;
    if (text[i] === '.') { i++; need(); if (!/[0-9]/.test(text[i])) bad('after decimal point in numeric literal'); while (i < n && /[0-9]/.test(text[i])) i++; }
    if (text[i] === 'e' || text[i] === 'E') {
      i++; need();
      if (text[i] === '+' || text[i] === '-') { i++; need(); }
      if (!/[0-9]/.test(text[i])) bad('in exponent of numeric literal');
      while (i < n && /[0-9]/.test(text[i])) i++;
    }
  };
  // encoding/json's maxNestingDepth: the 10,001st open object or array is an error
  let depth = 0;
  const open = () => { if (++depth > 10000) bad('exceeded max depth'); i++; };
  const value = (): void => {
    ws(); need();
    const c = text[i];
    if (c === '{') {
      open(); ws(); need();
      if (text[i] === '}') { i++; depth--; return; }
      for (;;) {
        ws(); need();
        if (text[i] !== '"') bad('looking for beginning of object key string');
        str(); ws(); need();
        if (text[i] !== ':') bad('after object key');
        i++;
        value(); ws(); need();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; depth--; return; }
        bad('after object key:value pair');
      }
    }
    if (c === '[') {
      open(); ws(); need();
      if (text[i] === ']') { i++; depth--; return; }
      for (;;) {
        value(); ws(); need();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; depth--; return; }
        bad('after array element');
      }
    }
    if (c === '"') return str();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    bad('looking for beginning of value');
  };
  return { value, ws, bad, pos: () => i, done: () => i >= n };
}

/** Splits a JSON text into its top-level values, failing like encoding/json's Decoder would. */
export function scanJsonStream(text: string): string[] {
  const sc = scanner(text);
  const out: string[] = [];
  for (;;) {
    sc.ws();
    if (sc.done()) return out;
    const start = sc.pos();
    sc.value();
    out.push(text.slice(start, sc.pos()));
  }
}

/** Checks that `text` is exactly one JSON value, as json.Unmarshal's scanner does. */
export function checkJsonValue(text: string): void {
  const sc = scanner(text);
  sc.value();
  sc.ws();
  if (!sc.done()) sc.bad('after top-level value');
}

/**
 * A copy with every object's keys sorted, as encoding/json orders a map's keys (undefined values
 * dropped, as JSON.stringify drops them): equal JSON texts then mean equal values.
 */
export function sortKeysDeep(v: any): any {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (v && typeof v === 'object') {
    const out: any = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = sortKeysDeep(v[k]);
    return out;
  }
  return v;
}

/** Equal as JSON values, whatever the key order. */
export function sameJsonValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeysDeep(a)) === JSON.stringify(sortKeysDeep(b));
}

const GO_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** encoding/json's string encoding: JSON.stringify's, plus Go's HTML-safe escapes of < > & and U+2028/9. */
function goQuoteString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c]);
}

/**
 * json.Marshal of a value decoded into interface{} (maps and []interface{}): compact, map keys
 * sorted byte-wise, strings HTML-escaped. The bytes Go's controllers hash and compare.
 */
export function goMarshal(v: any): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return '[' + v.map(goMarshal).join(',') + ']';
  switch (typeof v) {
    case 'string': return goQuoteString(v);
    case 'number': return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean': return v ? 'true' : 'false';
    case 'object': {
      const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort();
      return '{' + keys.map((k) => goQuoteString(k) + ':' + goMarshal(v[k])).join(',') + '}';
    }
    default: return 'null';
  }
}
