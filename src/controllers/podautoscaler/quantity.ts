// resource.NewMilliQuantity(v, DecimalSI).String(): the canonical decimal form of a milli-value.
const SUFFIXES: [number, string][] = [[1e18, 'E'], [1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];

export function formatMilliQuantity(milli: number): string {
  if (milli === 0) return '0';
  if (milli % 1000 !== 0) return `${milli}m`;
  const v = milli / 1000;
  for (const [s, suffix] of SUFFIXES) if (v % s === 0) return `${v / s}${suffix}`;
  return String(v);
}
