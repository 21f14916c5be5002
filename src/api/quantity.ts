// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource): parsing, canonical form, comparison,
// and the internal int64Amount form that go-spew prints in pod-template-hash dumps.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** the value in units of 10^-9 (the API server rounds anything finer up to nano) */
  nanos: bigint;
  format: QuantityFormat;
}

/** resource.ErrFormatWrong's text (also what the API server says for an unparseable quantity). */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

export class QuantityError extends Error {}

const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const NANO = 1_000_000_000n;

interface Parts { positive: boolean; num: string; denom: string; base: 10 | 2; exponent: number; format: QuantityFormat }

// parseQuantityString + quantitySuffixer.interpret
function split(str: string): Parts {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(str);
  if (!m || str.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const [, sign, num0, denom0 = '', suf] = m;
  if (num0.length === 0 && denom0.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const num = num0.length ? num0 : '0';
  const positive = sign !== '-';
  if (suf in DEC_SUFFIX) return { positive, num, denom: denom0, base: 10, exponent: DEC_SUFFIX[suf], format: 'DecimalSI' };
  if (suf in BIN_SUFFIX) return { positive, num, denom: denom0, base: 2, exponent: BIN_SUFFIX[suf], format: 'BinarySI' };
  const e = /^[eE]([+-]?[0-9]+)$/.exec(suf);
  if (e) return { positive, num, denom: denom0, base: 10, exponent: Number(e[1]), format: 'DecimalExponent' };
  if (/^[eEinumkKMGTP]*[-+]?[0-9]*$/.test(suf)) throw new QuantityError('unable to parse quantity\'s suffix');
  throw new QuantityError(QUANTITY_FORMAT_ERROR);
}

/** resource.ParseQuantity (value semantics). Accepts JSON numbers too, as Quantity.UnmarshalJSON does. */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? numberToGoString(input) : String(input).trim();
  const p = split(str);
  const digits = BigInt(p.num + p.denom);
  // value = digits * 10^(-len(denom)) * base^exponent, kept as a fraction over 10^k and rounded up to nano
  let numer = digits;
  let denomPow10 = p.denom.length;
  if (p.base === 2) numer = numer << BigInt(p.exponent);
  else denomPow10 -= p.exponent;
  let nanos: bigint;
  const shift = 9 - denomPow10;
  if (shift >= 0) nanos = numer * 10n ** BigInt(shift);
  else {
    const d = 10n ** BigInt(-shift);
    nanos = numer / d;
    if (numer % d !== 0n) nanos += 1n; // inf.RoundUp: away from zero (sign applied below)
  }
  if (!p.positive) nanos = -nanos;
  let format = p.format;
  if (format === 'BinarySI' && nanos > 0n && nanos < NANO) format = 'DecimalSI';
  return { nanos, format };
}

function numberToGoString(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  return String(n).replace('e+', 'e');
}

function decSuffix(exp: number, format: QuantityFormat): string {
  if (format === 'DecimalExponent') return exp === 0 ? '' : `e${exp}`;
  for (const [s, e] of Object.entries(DEC_SUFFIX)) if (e === exp) return s;
  return `e${exp}`; // kubesim: beyond exa; Go would misprint, never seen in practice
}

/** Quantity.String(): the canonical form the API server stores (`0.5`→`500m`, `1.5Gi`→`1536Mi`, `1000m`→`1`). */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  let format = q.format;
  const abs = q.nanos < 0n ? -q.nanos : q.nanos;
  if (format === 'BinarySI') {
    if (abs < 1024n * NANO || abs % NANO !== 0n) format = 'DecimalSI';
    else {
      let n = q.nanos / NANO;
      let k = 0;
      while (k < 6 && n % 1024n === 0n) { n /= 1024n; k++; }
      return `${n}${['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][k]}`;
    }
  }
  let mant = q.nanos;
  let exp = -9;
  while (mant % 10n === 0n) { mant /= 10n; exp++; }
  const r = exp % 3;
  if (r === 1 || r === -2) { mant *= 10n; exp -= 1; } else if (r === 2 || r === -1) { mant *= 100n; exp -= 2; }
  return `${mant}${decSuffix(exp, format)}`;
}

export function canonicalQuantity(input: string | number): string {
  return formatQuantity(parseQuantity(input));
}

export function compareQuantity(a: string | number | Quantity, b: string | number | Quantity): number {
  const x = typeof a === 'object' ? a.nanos : parseQuantity(a).nanos;
  const y = typeof b === 'object' ? b.nanos : parseQuantity(b).nanos;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Quantity.MilliValue() (rounded up, as Go's ScaledValue does). */
export function milliValue(input: string | number): number {
  const n = parseQuantity(input).nanos;
  const m = n / 1_000_000n + (n % 1_000_000n > 0n ? 1n : 0n);
  return Number(m);
}

/** Quantity.Value() (rounded up). */
export function intValue(input: string | number): number {
  const n = parseQuantity(input).nanos;
  return Number(n / NANO + (n % NANO > 0n ? 1n : 0n));
}

/**
 * The struct fields resource.ParseQuantity leaves in a Quantity (its int64 fast path), which go-spew prints when
 * hashing: {i:{value, scale}, s (cached string), Format}. `dec` is set when Go would fall back to inf.Dec.
 */
export interface QuantityInternals { value: bigint; scale: number; cache: string; format: QuantityFormat | ''; dec?: boolean }

export function quantityInternals(str: string): QuantityInternals {
  if (str === '0') return { value: 0n, scale: 0, cache: '0', format: 'DecimalSI' };
  const p = split(str);
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (p.format !== 'BinarySI') {
    scale = p.exponent;
    precision = 18 - (p.num.length + p.denom.length);
  } else if (p.exponent >= 0 && p.denom.length === 0) {
    mantissa = 1n << BigInt(p.exponent);
    precision = 15 - p.num.length - Math.trunc(Math.fround(p.exponent * 3 / 10)) - 1;
  } else precision = -1;
  if (precision >= 0) {
    scale -= p.denom.length;
    if (scale >= -9) {
      const shifted = p.num + p.denom;
      const value = BigInt(shifted);
      let result = value * mantissa;
      if (result <= 9223372036854775807n) {
        if (!p.positive) result = -result;
        let cached = false;
        if (p.format === 'BinarySI') cached = p.exponent % 10 === 0 && (value & 7n) !== 0n;
        else cached = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return { value: result, scale, cache: cached ? str : '', format: p.format };
      }
    }
  }
  // kubesim: the inf.Dec slow path (huge or over-precise values) is not reproduced byte for byte.
  const q = parseQuantity(str);
  return { value: q.nanos, scale: -9, cache: '', format: q.format, dec: true };
}
