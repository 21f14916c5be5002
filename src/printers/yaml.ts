// kubectl -o yaml: sigs.k8s.io/yaml (JSON -> go-yaml v2 Marshal). This is a
// port of the parts of go-yaml v2's resolver and emitter that matter for JSON
// data: natural key order, the plain/single/double/literal scalar style choice,
// and line folding at 80 columns. Block style only; `{}` and `[]` for empties.

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

// ---------- key order (go-yaml v2 keyList.Less) ----------

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => /\p{Nd}/u.test(c);

/** go-yaml v2 map key order: letters after non-letters, digit runs compared numerically. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

export function yamlKeyCompare(a: string, b: string): number {
  return yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0;
}

// ---------- resolver: would this string, written plain, read back as non-string? ----------

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  '<<',
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function hintOf(s: string): string {
  if (s === '') return 'N';
  const c = s[0];
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

/** Go strconv.ParseInt/ParseUint(s, 0, 64) succeeding (after '_' removal). */
function parsesAsGoInt(s: string): boolean {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  const sign = m[1];
  const body = m[2];
  let v: bigint;
  if (/^0[xXoObB]/.test(body)) v = BigInt(body.toLowerCase());
  else if (body.length > 1 && body[0] === '0') v = BigInt('0o' + body.slice(1));
  else v = BigInt(body);
  if (sign === '-') return v <= 2n ** 63n;
  if (sign === '+') return v < 2n ** 63n || v < 2n ** 64n; // ParseUint rejects '+', ParseInt accepts it
  return v < 2n ** 64n;
}

const TS_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TS_T = /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const TS_SPACE = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?$/;

function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/** go-yaml v2 parseTimestamp (the formats it tries with time.Parse). */
function isYamlTimestamp(s: string): boolean {
  for (const re of [TS_T, TS_SPACE, TS_DATE]) {
    const m = re.exec(s);
    if (!m) continue;
    if (!validDate(+m[1], +m[2], +m[3])) return false;
    if (m[4] !== undefined && (+m[4] > 23 || +m[5] > 59 || +m[6] > 59)) return false;
    return true;
  }
  return false;
}

/** True when go-yaml would resolve the unquoted text to something other than a string. */
export function resolvesToNonString(s: string): boolean {
  const hint = hintOf(s);
  if (hint === '') return false;
  if (RESOLVE_MAP.has(s)) return true;
  switch (hint) {
    case '.':
      return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) && Number.isFinite(Number(s));
    case 'D':
    case 'S': {
      if (isYamlTimestamp(s)) return true;
      const plain = s.replace(/_/g, '');
      if (parsesAsGoInt(plain)) return true;
      if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return true;
      return false;
    }
  }
  return false;
}

// ---------- emitter scalar analysis ----------

const isBreakCp = (cp: number) => cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
const isPrintableCp = (cp: number) =>
  cp === 0x0a ||
  (cp >= 0x20 && cp <= 0x7e) ||
  (cp >= 0xa0 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function analyze(value: string): Analysis {
  if (value.length === 0) {
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  const cps = [...value].map((c) => c.codePointAt(0)!);
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;

  if (value.startsWith('---') || value.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i];
    const c = String.fromCodePoint(cp);
    const next = cps[i + 1];
    const followedByWhitespace = next === undefined || next === 0x20 || next === 0x09 || isBreakCp(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (c === '?' || c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === '-') {
        if (followedByWhitespace) {
          flowIndicators = true;
          blockIndicators = true;
        }
      }
    } else {
      if (',?[]{}'.includes(c)) {
        flowIndicators = true;
      } else if (c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === '#') {
        if (precededByWhitespace) {
          flowIndicators = true;
          blockIndicators = true;
        }
      }
    }
    if (!isPrintableCp(cp)) specialCharacters = true;
    if (cp === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakCp(cp)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = cp === 0x20 || cp === 0x09 || isBreakCp(cp);
  }
  void flowIndicators; // block context only: flow indicators never matter here
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

type Style = 'plain' | 'single' | 'double' | 'literal';

/** encoder.stringv + yaml_emitter_select_scalar_style for a string in block context. */
export function scalarStyle(s: string, simpleKey: boolean): Style {
  let style: Style;
  const canUsePlain = !resolvesToNonString(s) && !BASE60_FLOAT.test(s);
  if (s.includes('\n')) style = 'literal';
  else if (canUsePlain) style = 'plain';
  else style = 'double';
  const a = analyze(s);
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (s.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

// ---------- writer ----------

class Out {
  buf: string[] = [];
  column = 0;
  put(s: string): void {
    this.buf.push(s);
    for (const c of s) {
      if (c === '\n') this.column = 0;
      else this.column++;
    }
  }
  newlineIndent(indent: number): void {
    this.put('\n' + ' '.repeat(indent));
  }
  endsWithNewline(): boolean {
    const last = this.buf[this.buf.length - 1];
    return last !== undefined && last.endsWith('\n');
  }
}

function hex(cp: number, n: number): string {
  return cp.toString(16).toUpperCase().padStart(n, '0');
}

function writePlain(out: Out, s: string, indent: number, allowBreaks: boolean): void {
  const cs = [...s];
  let spaces = false;
  for (let i = 0; i < cs.length; i++) {
    if (cs[i] === ' ') {
      if (allowBreaks && !spaces && out.column > BEST_WIDTH && cs[i + 1] !== ' ') {
        out.newlineIndent(indent);
      } else {
        out.put(' ');
      }
      spaces = true;
    } else {
      out.put(cs[i]);
      spaces = false;
    }
  }
}

function writeSingle(out: Out, s: string, indent: number, allowBreaks: boolean): void {
  out.put("'");
  const cs = [...s];
  let spaces = false;
  for (let i = 0; i < cs.length; i++) {
    if (cs[i] === ' ') {
      if (allowBreaks && !spaces && out.column > BEST_WIDTH && i > 0 && i < cs.length - 1 && cs[i + 1] !== ' ') {
        out.newlineIndent(indent);
      } else {
        out.put(' ');
      }
      spaces = true;
    } else {
      out.put(cs[i] === "'" ? "''" : cs[i]);
      spaces = false;
    }
  }
  out.put("'");
}

const ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r',
  0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

function writeDouble(out: Out, s: string, indent: number, allowBreaks: boolean): void {
  out.put('"');
  const cs = [...s];
  let spaces = false;
  for (let i = 0; i < cs.length; i++) {
    const cp = cs[i].codePointAt(0)!;
    if (!isPrintableCp(cp) || cp === 0xfeff || isBreakCp(cp) || cp === 0x22 || cp === 0x5c) {
      const e = ESCAPES[cp];
      if (e !== undefined) out.put('\\' + e);
      else if (cp <= 0xff) out.put('\\x' + hex(cp, 2));
      else if (cp <= 0xffff) out.put('\\u' + hex(cp, 4));
      else out.put('\\U' + hex(cp, 8));
      spaces = false;
    } else if (cp === 0x20) {
      if (allowBreaks && !spaces && out.column > BEST_WIDTH && i > 0 && i < cs.length - 1) {
        out.newlineIndent(indent);
        if (cs[i + 1] === ' ') out.put('\\');
      } else {
        out.put(' ');
      }
      spaces = true;
    } else {
      out.put(cs[i]);
      spaces = false;
    }
  }
  out.put('"');
}

function writeLiteral(out: Out, s: string, indent: number): void {
  const cs = [...s];
  let hints = '|';
  if (cs[0] === ' ' || isBreakCp(cs[0].codePointAt(0)!)) hints += String(BEST_INDENT);
  const last = cs.length - 1;
  if (!isBreakCp(cs[last].codePointAt(0)!)) hints += '-';
  else if (last === 0 || isBreakCp(cs[last - 1].codePointAt(0)!)) hints += '+';
  out.put(hints + '\n');
  let breaks = true;
  for (const c of cs) {
    if (isBreakCp(c.codePointAt(0)!)) {
      out.put('\n');
      breaks = true;
    } else {
      if (breaks) {
        out.put(' '.repeat(indent));
        breaks = false;
      }
      out.put(c);
    }
  }
}

/** Go strconv.FormatFloat(f, 'g', -1, 64), as go-yaml prints floats. */
export function goFormatFloat(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expStr] = f.toExponential().split('e');
  const exp = Number(expStr);
  // shortest 'g' switches to %e when exp < -4 || exp >= 6 (eprec is 6 when shortest)
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const e = String(Math.abs(exp)).padStart(2, '0');
    return `${mant}e${sign}${e}`;
  }
  return String(f);
}

function formatNumber(n: number): string {
  // JSON integers decode as Go ints (if they fit int64/uint64); everything else is a float64
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  return goFormatFloat(n);
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function writeScalar(out: Out, v: unknown, indent: number, simpleKey: boolean): void {
  if (v === null || v === undefined) return out.put('null');
  if (typeof v === 'boolean') return out.put(v ? 'true' : 'false');
  if (typeof v === 'number') return out.put(formatNumber(v));
  if (typeof v === 'bigint') return out.put(v.toString());
  if (isMapping(v)) return out.put('{}');
  if (Array.isArray(v)) return out.put('[]');
  const s = String(v);
  switch (scalarStyle(s, simpleKey)) {
    case 'plain':
      return writePlain(out, s, indent, !simpleKey);
    case 'single':
      return writeSingle(out, s, indent, !simpleKey);
    case 'double':
      return writeDouble(out, s, indent, !simpleKey);
    case 'literal':
      return writeLiteral(out, s, indent);
  }
}

const isBlockCollection = (v: unknown) =>
  (Array.isArray(v) && v.length > 0) || (isMapping(v) && Object.keys(v).some((k) => v[k] !== undefined));

function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort(yamlKeyCompare);
}

/** Emits a value that follows `key:` or `-` (the caller wrote the indicator). */
function writeNodeAfterIndicator(out: Out, v: unknown, indent: number, inSequence: boolean): void {
  if (isMapping(v) && isBlockCollection(v)) {
    if (inSequence) {
      out.put(' ');
      writeMapping(out, v, indent + BEST_INDENT, true);
    } else {
      out.newlineIndent(indent + BEST_INDENT);
      writeMapping(out, v, indent + BEST_INDENT, true);
    }
  } else if (Array.isArray(v) && v.length > 0) {
    if (inSequence) {
      out.put(' ');
      writeSequence(out, v, indent + BEST_INDENT, true);
    } else {
      // go-yaml v2: a sequence in a mapping is not indented
      out.newlineIndent(indent);
      writeSequence(out, v, indent, true);
    }
  } else {
    out.put(' ');
    writeScalar(out, v, indent + BEST_INDENT, false);
    if (!out.endsWithNewline()) out.put('\n');
  }
}

function writeMapping(out: Out, m: Record<string, unknown>, indent: number, positioned: boolean): void {
  let first = true;
  for (const k of sortedKeys(m)) {
    if (!(first && positioned)) out.put(' '.repeat(indent));
    first = false;
    writeScalar(out, k, indent, true);
    out.put(':');
    writeNodeAfterIndicator(out, m[k], indent, false);
  }
}

function writeSequence(out: Out, a: unknown[], indent: number, positioned: boolean): void {
  let first = true;
  for (const item of a) {
    if (!(first && positioned)) out.put(' '.repeat(indent));
    first = false;
    out.put('-');
    writeNodeAfterIndicator(out, item === undefined ? null : item, indent, true);
  }
}

/** kubectl -o yaml for one object (or a List object). Never mutates its input. */
export function toYaml(obj: unknown): string {
  const out = new Out();
  if (isMapping(obj) && isBlockCollection(obj)) writeMapping(out, obj, 0, true);
  else if (Array.isArray(obj) && obj.length > 0) writeSequence(out, obj, 0, true);
  else {
    writeScalar(out, obj, 0, false);
    if (!out.endsWithNewline()) out.put('\n');
  }
  return out.buf.join('');
}
