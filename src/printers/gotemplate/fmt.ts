// Go's fmt (Sprint, Sprintln, Sprintf) over the template value model: verbs,
// flags, width and precision, maps in sorted key order, and fmt's own error
// notations (%!d(string=x), %!v(MISSING), %!(EXTRA ...)).
import { GV, type Val, typeName, isIntKind, isUintKind, sortedEntries } from './value.js';

// ---------- floats (strconv.AppendFloat) ----------

/** A decimal: digits without leading or trailing zeros, decimal point after `dp` digits. */
interface Decimal {
  d: string;
  dp: number;
}

function shortestDecimal(x: number): Decimal {
  if (x === 0) return { d: '', dp: 0 };
  const [m, e] = x.toExponential().split('e');
  const d = m.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(e) + 1 };
}

/** The exact decimal value of a finite non-negative double. */
function exactDecimal(x: number): Decimal {
  if (x === 0) return { d: '', dp: 0 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (bexp === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = bexp - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length - -exp;
  }
  const lead = digits.match(/^0*/)![0].length;
  digits = digits.slice(lead);
  return { d: digits.replace(/0+$/, ''), dp };
}

/** decimal.Round(nd): round half to even on the exact value. */
function roundDecimal(a: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= a.d.length) return nd < 0 ? { d: '', dp: 0 } : a;
  let up: boolean;
  if (a.d[nd] === '5' && nd + 1 === a.d.length) up = nd > 0 && (Number(a.d[nd - 1]) % 2 === 1);
  else up = a.d[nd] >= '5';
  if (!up) return { d: a.d.slice(0, nd).replace(/0+$/, ''), dp: a.d.slice(0, nd) === '' ? 0 : a.dp };
  let i = nd - 1;
  const ds = a.d.slice(0, nd).split('');
  while (i >= 0 && ds[i] === '9') i--;
  if (i < 0) return { d: '1', dp: a.dp + 1 };
  ds[i] = String(Number(ds[i]) + 1);
  return { d: ds.slice(0, i + 1).join(''), dp: a.dp };
}

function fmtE(digs: Decimal, prec: number, fmtc: string): string {
  let s = digs.d.length ? digs.d[0] : '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += i < digs.d.length ? digs.d[i] : '0';
  }
  let exp = digs.dp - 1;
  if (digs.d.length === 0) exp = 0;
  const sign = exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return s + fmtc + sign + (exp < 10 ? '0' + exp : String(exp));
}

function fmtF(digs: Decimal, prec: number): string {
  let s = '';
  if (digs.dp > 0) {
    for (let i = 0; i < digs.dp; i++) s += i < digs.d.length ? digs.d[i] : '0';
  } else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) {
      const j = digs.dp + i - 1;
      s += j >= 0 && j < digs.d.length ? digs.d[j] : '0';
    }
  }
  return s;
}

/** The binary form of a double: mant * 2^(exp - 52), as strconv splits it. */
function floatBits(ax: number): { mant: bigint; exp: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, ax);
  const hi = buf.getUint32(0);
  let exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(buf.getUint32(4));
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  return { mant, exp: exp - 1023 };
}

/** strconv's %b: decimal mantissa, binary exponent. */
function fmtB(neg: boolean, ax: number): string {
  const { mant, exp } = floatBits(ax);
  const e = exp - 52;
  return (neg ? '-' : '') + mant.toString() + 'p' + (e >= 0 ? '+' : '') + e;
}

/** strconv's %x: -0x1.hhhp±dd */
function fmtX(neg: boolean, ax: number, prec: number, upper: boolean): string {
  let { mant, exp } = floatBits(ax);
  if (mant === 0n) exp = 0;
  mant <<= 8n; // leading 1 at bit 60
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = upper ? '0123456789ABCDEF' : '0123456789abcdef';
  let s = (neg ? '-' : '') + '0' + (upper ? 'X' : 'x') + String((mant >> 60n) & 1n);
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  const digit = () => {
    const d = hex[Number((mant >> 60n) & 15n)];
    mant = (mant << 4n) & ((1n << 64n) - 1n);
    return d;
  };
  if (prec < 0 && mant !== 0n) {
    s += '.';
    while (mant !== 0n) s += digit();
  } else if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digit();
  }
  s += upper ? 'P' : 'p';
  s += exp < 0 ? '-' : '+';
  const e = Math.abs(exp);
  return s + (e < 10 ? '0' + e : String(e));
}

/** strconv.FormatFloat(x, fmt, prec, 64) */
export function formatFloat(x: number, fmtc: string, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  if (fmtc === 'b') return fmtB(neg, ax);
  if (fmtc === 'x' || fmtc === 'X') return fmtX(neg, ax, prec, fmtc === 'X');
  const shortest = prec < 0;
  let digs: Decimal;
  if (shortest) {
    digs = shortestDecimal(ax);
    if (fmtc === 'e' || fmtc === 'E') prec = Math.max(digs.d.length - 1, 0);
    else if (fmtc === 'f') prec = Math.max(digs.d.length - digs.dp, 0);
    else prec = digs.d.length;
  } else {
    const exact = exactDecimal(ax);
    if (fmtc === 'e' || fmtc === 'E') digs = roundDecimal(exact, prec + 1);
    else if (fmtc === 'f') digs = roundDecimal(exact, exact.dp + prec);
    else {
      if (prec === 0) prec = 1;
      digs = roundDecimal(exact, prec);
    }
  }
  let out: string;
  switch (fmtc) {
    case 'e':
    case 'E':
      out = fmtE(digs, prec, fmtc);
      break;
    case 'f':
      out = fmtF(digs, prec);
      break;
    default: {
      // g, G
      let eprec = prec;
      if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
      if (shortest) eprec = 6;
      const exp = digs.dp - 1;
      if (digs.d.length !== 0 && (exp < -4 || exp >= eprec)) {
        if (prec > digs.d.length) prec = digs.d.length;
        out = fmtE(digs, prec - 1, fmtc === 'G' ? 'E' : 'e');
      } else {
        if (prec > digs.dp) prec = digs.d.length;
        out = fmtF(digs, Math.max(prec - digs.dp, 0));
      }
    }
  }
  return (neg ? '-' : '') + out;
}

// ---------- strconv quoting ----------

function isPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0)) return false;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(cp));
}

function quoteWith(s: string, q: string, asciiOnly: boolean): string {
  let out = q;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === q || ch === '\\') {
      out += '\\' + ch;
      continue;
    }
    if (cp < 0x80 ? isPrint(cp) : !asciiOnly && isPrint(cp)) {
      out += ch;
      continue;
    }
    switch (ch) {
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp === 0xfffd && ch !== '\ufffd') out += '\\x' + cp.toString(16);
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + q;
}

/** strconv.Quote */
export function goQuote(s: string): string {
  return quoteWith(s, '"', false);
}

function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '`' || cp === 0xfeff) return false;
    if (cp < 0x20 && ch !== '\t') return false;
    if (cp === 0x7f) return false;
  }
  return true;
}

// ---------- the printer (print.go / format.go) ----------

const runeCount = (s: string) => [...s].length;

class PP {
  buf = '';
  // fmt flags
  wid = 0;
  prec = 0;
  widPresent = false;
  precPresent = false;
  minus = false;
  plus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  // the operand being printed, for badVerb
  arg: Val | null = null;
  value: Val = undefined;

  clearflags(): void {
    this.wid = this.prec = 0;
    this.widPresent = this.precPresent = false;
    this.minus = this.plus = this.sharp = this.space = this.zero = this.plusV = this.sharpV = false;
  }

  writePadding(n: number): void {
    if (n <= 0) return;
    const padByte = this.zero && !this.minus ? '0' : ' ';
    this.buf += padByte.repeat(n);
  }

  pad(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  truncate(s: string): string {
    if (this.precPresent) {
      const rs = [...s];
      if (rs.length > this.prec) return rs.slice(0, this.prec).join('');
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  fmtBoolean(b: boolean): void {
    this.pad(b ? 'true' : 'false');
  }

  fmtInteger(u: bigint, base: number, signed: boolean, verb: string, upper: boolean): void {
    const negative = signed && u < 0n;
    if (negative) u = -u;
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = oldZero;
        return;
      }
    } else if (this.zero && !this.minus && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let digits = u.toString(base);
    if (upper) digits = digits.toUpperCase();
    while (digits.length < prec) digits = '0' + digits;
    if (this.sharp) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
      else if (base === 16) digits = (upper ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    if (negative) digits = '-' + digits;
    else if (this.plus) digits = '+' + digits;
    else if (this.space) digits = ' ' + digits;
    const oldZero = this.zero;
    this.zero = false;
    this.pad(digits);
    this.zero = oldZero;
  }

  fmtFloatF(v: number, verb: string, prec: number): void {
    if (this.precPresent) prec = this.prec;
    let num = formatFloat(v, verb === 'F' ? 'f' : verb, prec);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (this.space && num[0] === '+' && !this.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = this.zero;
      this.zero = false;
      if (num[1] === 'N' && !this.space && !this.plus) num = num.slice(1);
      this.pad(num);
      this.zero = oldZero;
      return;
    }
    if (this.sharp && verb !== 'b') {
      // %#g keeps trailing zeros and always has a decimal point (format.go's count of digits)
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
        digits = prec;
        if (digits === -1) digits = 6;
      }
      let tail = '';
      let hasDot = false;
      let sawNonzero = false;
      for (let i = 1; i < num.length; i++) {
        const c = num[i];
        if (c === '.') {
          hasDot = true;
          continue;
        }
        if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
          tail = num.slice(i);
          num = num.slice(0, i);
          break;
        }
        if (c !== '0') sawNonzero = true;
        if (sawNonzero) digits--;
      }
      if (!hasDot) {
        if (num.length === 2 && num[1] === '0') digits--;
        num += '.';
      }
      while (digits > 0) {
        num += '0';
        digits--;
      }
      num += tail;
    }
    if (this.plus || num[0] !== '+') {
      if (this.zero && !this.minus && this.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  fmtFloat(v: number, verb: string): void {
    switch (verb) {
      case 'v':
        return this.fmtFloatF(v, 'g', -1);
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        return this.fmtFloatF(v, verb, -1);
      case 'f':
      case 'e':
      case 'E':
      case 'F':
        return this.fmtFloatF(v, verb, 6);
      default:
        return this.badVerb(verb);
    }
  }

  fmtSbx(s: string, upper: boolean): void {
    let bytes = [...Buffer.from(s, 'utf8')];
    if (this.precPresent && this.prec < bytes.length) bytes = bytes.slice(0, this.prec);
    const hex = (b: number) => (upper ? b.toString(16).toUpperCase() : b.toString(16)).padStart(2, '0');
    let out = '';
    bytes.forEach((b, i) => {
      if (this.space && i > 0) out += ' ';
      if (this.sharp && (this.space || i === 0)) out += upper ? '0X' : '0x';
      out += hex(b);
    });
    // the padding counts bytes here, not runes: every rune is ASCII anyway
    this.pad(out);
  }

  fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.sharp && canBackquote(s)) this.pad('`' + s + '`');
    else this.pad(quoteWith(s, '"', this.plus));
  }

  fmtString(s: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.sharpV) return this.fmtQ(s);
        return this.fmtS(s);
      case 's':
        return this.fmtS(s);
      case 'x':
        return this.fmtSbx(s, false);
      case 'X':
        return this.fmtSbx(s, true);
      case 'q':
        return this.fmtQ(s);
      default:
        return this.badVerb(verb);
    }
  }

  fmtInt(v: number, signed: boolean, verb: string): void {
    const u = BigInt(Math.trunc(v));
    switch (verb) {
      case 'v':
      case 'd':
        return this.fmtInteger(u, 10, signed, verb, false);
      case 'b':
        return this.fmtInteger(u, 2, signed, verb, false);
      case 'o':
      case 'O':
        return this.fmtInteger(u, 8, signed, verb, false);
      case 'x':
        return this.fmtInteger(u, 16, signed, verb, false);
      case 'X':
        return this.fmtInteger(u, 16, signed, verb, true);
      case 'c':
        return this.pad(this.truncate(safeRune(v)));
      case 'q':
        return this.pad(quoteWith(safeRune(v), "'", this.plus));
      case 'U': {
        let s = 'U+' + Math.trunc(v).toString(16).toUpperCase().padStart(4, '0');
        if (this.sharp && v <= 0x10ffff && isPrint(v)) s += " '" + String.fromCodePoint(v) + "'";
        const oldZero = this.zero;
        this.zero = false;
        this.pad(s);
        this.zero = oldZero;
        return;
      }
      default:
        return this.badVerb(verb);
    }
  }

  badVerb(verb: string): void {
    this.buf += '%!' + verb + '(';
    if (this.arg) {
      this.buf += typeName(this.arg.t) + '=';
      this.printArg(this.arg, 'v');
    } else if (this.value) {
      this.buf += typeName(this.value.t) + '=';
      this.printValue(this.value, 'v', 0);
    } else this.buf += '<nil>';
    this.buf += ')';
  }

  /** printArg: arg is the dynamic value of an `any` (undefined for nil). */
  printArg(arg: Val, verb: string): void {
    this.arg = arg ?? null;
    this.value = undefined;
    if (!arg) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (verb === 'T') return this.fmtS(typeName(arg.t));
    if (verb === 'p') return this.badVerb(verb);
    switch (arg.t.k) {
      case 'bool':
        return verb === 't' || verb === 'v' ? this.fmtBoolean(arg.v) : this.badVerb(verb);
      case 'float64':
        return this.fmtFloat(arg.v, verb);
      case 'int':
      case 'int32':
      case 'int64':
        return this.fmtInt(arg.v, true, verb);
      case 'uint8':
        return this.fmtInt(arg.v, false, verb);
      case 'string':
        return this.fmtString(arg.v, verb);
      case 'error':
        return this.fmtString(String(arg.v), verb);
      default:
        return this.printValue(arg, verb, 0);
    }
  }

  printValue(value: Val, verb: string, depth: number): void {
    if (depth > 0 && value && value.t.k !== 'iface') {
      // a concrete element: print it as printArg would (handleMethods path)
      this.arg = value;
      this.value = undefined;
      switch (value.t.k) {
        case 'bool':
        case 'float64':
        case 'int':
        case 'int32':
        case 'int64':
        case 'uint8':
        case 'string':
          return this.printArg(value, verb);
      }
    }
    this.arg = null;
    this.value = value;
    if (!value) {
      if (depth === 0) this.fmtS('<invalid reflect.Value>');
      else if (verb === 'v') this.fmtS('<nil>');
      else this.badVerb(verb);
      return;
    }
    switch (value.t.k) {
      case 'iface': {
        const inner: GV | null = value.v;
        if (!inner) {
          if (this.sharpV) this.buf += typeName(value.t) + '(nil)';
          else this.buf += '<nil>';
        } else this.printValue(inner, verb, depth + 1);
        return;
      }
      case 'map': {
        if (this.sharpV) {
          this.buf += typeName(value.t);
          if (value.v === null) {
            this.buf += '(nil)';
            return;
          }
          this.buf += '{';
        } else this.buf += 'map[';
        sortedEntries(value.v).forEach(([k, v], i) => {
          if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
          this.printValue(new GV(value.t.k === 'map' ? value.t.key : value.t, k), verb, depth + 1);
          this.buf += ':';
          this.printValue(v, verb, depth + 1);
        });
        this.buf += this.sharpV ? '}' : ']';
        return;
      }
      case 'slice': {
        const elems: GV[] = value.v ?? [];
        if ((verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') && value.t.k === 'slice' && value.t.elem.k === 'uint8') {
          return this.fmtString(Buffer.from(elems.map((e) => e.v)).toString('utf8'), verb);
        }
        if (this.sharpV) {
          this.buf += typeName(value.t);
          if (value.v === null) {
            this.buf += '(nil)';
            return;
          }
          this.buf += '{';
          elems.forEach((e, i) => {
            if (i > 0) this.buf += ', ';
            this.printValue(e, verb, depth + 1);
          });
          this.buf += '}';
        } else {
          this.buf += '[';
          elems.forEach((e, i) => {
            if (i > 0) this.buf += ' ';
            this.printValue(e, verb, depth + 1);
          });
          this.buf += ']';
        }
        return;
      }
      default:
        this.printArg(value, verb);
    }
  }

  doPrint(args: Val[]): void {
    let prevString = false;
    args.forEach((arg, n) => {
      const isString = !!arg && arg.t.k === 'string';
      if (n > 0 && !isString && !prevString) this.buf += ' ';
      this.printArg(arg, 'v');
      prevString = isString;
    });
  }

  doPrintln(args: Val[]): void {
    args.forEach((arg, n) => {
      if (n > 0) this.buf += ' ';
      this.printArg(arg, 'v');
    });
    this.buf += '\n';
  }

  doPrintf(format: string, a: Val[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    let reordered = false;
    let goodArgNum = true;
    const argNumber = (i: number): [number, boolean] => {
      if (i >= end || format[i] !== '[') return [i, false];
      reordered = true;
      const r = parseArgNumber(format.slice(i));
      if (r.ok && r.index >= 0 && r.index < a.length) {
        argNum = r.index;
        return [i + r.wid, true];
      }
      goodArgNum = false;
      return [i + r.wid, r.ok];
    };
    const intFromArg = (): [number, boolean] => {
      let num = 0;
      let isInt = false;
      if (argNum < a.length) {
        const v = a[argNum];
        if (v && (isIntKind(v.t) || isUintKind(v.t))) {
          num = v.v;
          isInt = true;
        }
        if (num > 1e6 || num < -1e6) {
          num = 0;
          isInt = false;
        }
        argNum++;
      }
      return [num, isInt];
    };
    let i = 0;
    while (i < end) {
      goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.clearflags();
      flags: for (; i < end; i++) {
        switch (format[i]) {
          case '#':
            this.sharp = true;
            break;
          case '0':
            this.zero = !this.minus;
            break;
          case '+':
            this.plus = true;
            break;
          case '-':
            this.minus = true;
            this.zero = false;
            break;
          case ' ':
            this.space = true;
            break;
          default:
            break flags;
        }
      }
      [i, afterIndex] = argNumber(i);
      if (i < end && format[i] === '*') {
        i++;
        [this.wid, this.widPresent] = intFromArg();
        if (!this.widPresent) this.buf += '%!(BADWIDTH)';
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.minus = true;
          this.zero = false;
        }
        afterIndex = false;
      } else {
        const r = parsenum(format, i, end);
        this.wid = r.num;
        this.widPresent = r.isnum;
        i = r.newi;
        if (afterIndex && this.widPresent) goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) goodArgNum = false;
        [i, afterIndex] = argNumber(i);
        if (i < end && format[i] === '*') {
          i++;
          [this.prec, this.precPresent] = intFromArg();
          if (this.prec < 0) {
            this.prec = 0;
            this.precPresent = false;
          }
          if (!this.precPresent) this.buf += '%!(BADPREC)';
          afterIndex = false;
        } else {
          const r = parsenum(format, i, end);
          this.prec = r.num;
          this.precPresent = r.isnum;
          i = r.newi;
          if (!this.precPresent) {
            this.prec = 0;
            this.precPresent = true;
          }
        }
      }
      if (!afterIndex) [i, afterIndex] = argNumber(i);
      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }
      const verb = String.fromCodePoint(format.codePointAt(i)!);
      i += verb.length;
      if (verb === '%') this.buf += '%';
      else if (!goodArgNum) this.buf += '%!' + verb + '(BADINDEX)';
      else if (argNum >= a.length) this.buf += '%!' + verb + '(MISSING)';
      else {
        if (verb === 'v') {
          this.sharpV = this.sharp;
          this.sharp = false;
          this.plusV = this.plus;
          this.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    if (!reordered && argNum < a.length) {
      this.clearflags();
      this.buf += '%!(EXTRA ';
      a.slice(argNum).forEach((arg, n) => {
        if (n > 0) this.buf += ', ';
        if (!arg) this.buf += '<nil>';
        else {
          this.buf += typeName(arg.t) + '=';
          this.printArg(arg, 'v');
        }
      });
      this.buf += ')';
    }
  }
}

function safeRune(v: number): string {
  if (v < 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(v);
}

function parsenum(s: string, start: number, end: number): { num: number; isnum: boolean; newi: number } {
  if (start >= end) return { num: 0, isnum: false, newi: end };
  let num = 0;
  let isnum = false;
  let newi = start;
  for (; newi < end && s[newi] >= '0' && s[newi] <= '9'; newi++) {
    if (num > 1e6) return { num: 0, isnum: false, newi: end };
    num = num * 10 + Number(s[newi]);
    isnum = true;
  }
  return { num, isnum, newi };
}

function parseArgNumber(format: string): { index: number; wid: number; ok: boolean } {
  if (format.length < 3) return { index: 0, wid: 1, ok: false };
  for (let i = 1; i < format.length; i++) {
    if (format[i] === ']') {
      const r = parsenum(format, 1, i);
      if (!r.isnum || r.newi !== i) return { index: 0, wid: i + 1, ok: false };
      return { index: r.num - 1, wid: i + 1, ok: true };
    }
  }
  return { index: 0, wid: 1, ok: false };
}

/** fmt.Sprint */
export function sprint(args: Val[]): string {
  const p = new PP();
  p.doPrint(args);
  return p.buf;
}

/** fmt.Sprintln */
export function sprintln(args: Val[]): string {
  const p = new PP();
  p.doPrintln(args);
  return p.buf;
}

/** fmt.Sprintf */
export function sprintf(format: string, args: Val[]): string {
  const p = new PP();
  p.doPrintf(format, args);
  return p.buf;
}
