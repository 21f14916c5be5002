// apimachinery/pkg/util/duration and printers.go's translateTimestampSince.
// Durations are in milliseconds; Go's int() conversions truncate toward zero.

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

/** duration.ShortHumanDuration */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SEC);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MIN);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

/** duration.HumanDuration: ~2-3 significant figures. */
export function humanDuration(ms: number): string {
  // up to 2s in the future (machine clock skew) still counts as "now"
  const seconds = Math.trunc(ms / SEC);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MIN);
  if (minutes < 10) {
    const s = Math.trunc(ms / SEC) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Parse an RFC3339 timestamp; undefined for missing/unparseable. */
export function parseTime(ts: string | undefined | null): number | undefined {
  if (!ts) return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t;
}

/** printers.go translateTimestampSince: `<unknown>` for a zero/missing time. */
export function translateTimestampSince(ts: string | undefined | null, now: number): string {
  const t = parseTime(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(now - t);
}

/** printers.go translateTimestampUntil */
export function translateTimestampUntil(ts: string | undefined | null, now: number): string {
  const t = parseTime(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(t - now);
}
