// The cluster's virtual clock (DESIGN: Time). Only this file reads the wall clock.

export type ClockMode = 'realtime' | 'manual';

export interface ClockState {
  mode: ClockMode;
  /** virtual now, epoch milliseconds */
  now: number;
  /** realtime mode: virtual ms per wall ms */
  speed: number;
  /** wall-clock ms at which `now` was last synchronised (realtime mode) */
  wallAnchor: number;
}

export function wallNow(): number {
  return Date.now();
}

export function newClock(): ClockState {
  const w = wallNow();
  // Virtual time starts at the wall clock, truncated to whole seconds so timestamps read naturally.
  return { mode: 'realtime', now: Math.floor(w / 1000) * 1000, speed: 1, wallAnchor: w };
}

/** Where virtual time should be now: realtime follows the wall clock x speed; manual stays put. */
export function targetTime(c: ClockState, wall: number = wallNow()): number {
  if (c.mode !== 'realtime') return c.now;
  return c.now + Math.max(0, wall - c.wallAnchor) * c.speed;
}

/** RFC3339 at second precision, as metav1.Time serialises: 2026-11-22T23:18:35Z */
/** the last second formatted: a settle stamps the same instant on every write (a few % of a rollout's CPU) */
let lastStamp: [number, string] = [NaN, ''];

export function rfc3339(ms: number): string {
  const sec = Math.floor(ms / 1000);
  if (lastStamp[0] !== sec) lastStamp = [sec, new Date(sec * 1000).toISOString().replace('.000Z', 'Z')];
  return lastStamp[1];
}

/** the last instant formatted as MicroTime: every event the scheduler writes in a settle stamps the same one */
let lastMicro: [number, string] = [NaN, ''];

/** metav1.MicroTime: 2026-11-22T23:18:35.123456Z */
export function rfc3339Micro(ms: number): string {
  if (lastMicro[0] !== ms) lastMicro = [ms, new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_m, f) => `.${f}000Z`)];
  return lastMicro[1];
}

export function parseTime(s: string | undefined | null): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Go's time.ParseDuration ("1h2m3.5s", "300ms", "10s"); returns ms or undefined when malformed.
 * A bare "0" is allowed, as in Go.
 */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let i = 0;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') { neg = s[0] === '-'; i = 1; }
  if (i >= s.length) return undefined;
  let total = 0;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return undefined;
    total += parseFloat(m[1]) * unit[m[2]];
    i = re.lastIndex;
  }
  return neg ? -total : total;
}

/** Go's time.Duration String() for millisecond values: 850ms, 1.2s, 1m1.5s. */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const fmtSec = (s: number) => `${parseFloat(s.toFixed(3))}s`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  if (h) return `${h}h${m}m${fmtSec(s)}`;
  if (m) return `${m}m${fmtSec(s)}`;
  return fmtSec(s);
}

