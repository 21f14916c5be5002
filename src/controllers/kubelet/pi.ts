// pi to N significant digits, as Perl's bignum bpi(N) prints it (the docs' pi Job).
const cache = new Map<number, string>();

function arctanInv(x: bigint, unity: bigint): bigint {
  // arctan(1/x) * unity by its Taylor series
  let sum = 0n;
  let term = unity / x;
  const x2 = x * x;
  let n = 1n;
  let sign = 1n;
  while (term !== 0n) {
    sum += sign * (term / n);
    term /= x2;
    n += 2n;
    sign = -sign;
  }
  return sum;
}

export function piDigits(n: number): string {
  let s = cache.get(n);
  if (s) return s;
  const guard = 10;
  const unity = 10n ** BigInt(n + guard);
  // Machin: pi = 16 arctan(1/5) - 4 arctan(1/239)
  const pi = 16n * arctanInv(5n, unity) - 4n * arctanInv(239n, unity);
  // pi * 10^(n+guard): keep n significant digits (one before the point), rounded half to even
  const scale = 10n ** BigInt(guard + 1);
  let q = pi / scale;
  const r = pi % scale;
  const half = scale / 2n;
  if (r > half || (r === half && q % 2n === 1n)) q += 1n;
  const digits = q.toString();
  s = `${digits[0]}.${digits.slice(1)}`;
  cache.set(n, s);
  return s;
}
