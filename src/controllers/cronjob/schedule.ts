// robfig/cron/v3 Schedule.Next on the virtual clock: SpecSchedule.Next (the field-by-field search,
// in the schedule's time zone) and ConstantDelaySchedule.Next (@every).
// Wall-clock arithmetic is done on "wall ms" (the local date and time encoded as if UTC); the time
// zone's offset converts between instants and wall time (kubesim: DST gaps and overlaps resolve to
// the offset before the change, close to Go's time.Date normalisation).
import type { CronSchedule, SpecSchedule } from '../../api/strategies/cron.js';

const offsetCache = new Map<string, Intl.DateTimeFormat>();

/** the zone's offset from UTC at `instant`, in ms */
function zoneOffset(instant: number, tz: string | undefined): number {
  if (!tz || tz === 'UTC' || tz === 'Etc/UTC') return 0;
  let f = offsetCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetCache.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(instant))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

function toWall(instant: number, tz?: string): number {
  return instant + zoneOffset(instant, tz);
}

function fromWall(wall: number, tz?: string): number {
  const guess = wall - zoneOffset(wall, tz);
  return wall - zoneOffset(guess, tz);
}

function dayMatches(s: SpecSchedule, d: Date): boolean {
  const domMatch = s.dom.has(d.getUTCDate());
  const dowMatch = s.dow.has(d.getUTCDay());
  if (s.domStar || s.dowStar) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/** SpecSchedule.Next: the first matching time strictly after `instant` (0 when none within 5 years). */
function specNext(s: SpecSchedule, instant: number): number {
  // round up to the next whole second
  let t = new Date(toWall(Math.floor(instant / 1000) * 1000 + 1000, s.location));
  let added = false;
  const yearLimit = t.getUTCFullYear() + 5;
  const set = (y: number, mo: number, d: number, h: number, mi: number, sec: number) => { t = new Date(Date.UTC(y, mo, d, h, mi, sec)); };
  wrap: for (;;) {
    if (t.getUTCFullYear() > yearLimit) return 0;
    while (!s.month.has(t.getUTCMonth() + 1)) {
      if (!added) { added = true; set(t.getUTCFullYear(), t.getUTCMonth(), 1, 0, 0, 0); }
      set(t.getUTCFullYear(), t.getUTCMonth() + 1, 1, 0, 0, 0);
      if (t.getUTCMonth() === 0) continue wrap;
    }
    while (!dayMatches(s, t)) {
      if (!added) { added = true; set(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), 0, 0, 0); }
      set(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1, 0, 0, 0);
      if (t.getUTCDate() === 1) continue wrap;
    }
    while (!s.hour.has(t.getUTCHours())) {
      if (!added) { added = true; set(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), 0, 0); }
      t = new Date(t.getTime() + 3_600_000);
      if (t.getUTCHours() === 0) continue wrap;
    }
    while (!s.minute.has(t.getUTCMinutes())) {
      if (!added) { added = true; t = new Date(Math.floor(t.getTime() / 60_000) * 60_000); }
      t = new Date(t.getTime() + 60_000);
      if (t.getUTCMinutes() === 0) continue wrap;
    }
    // standard specs fire at second 0
    while (t.getUTCSeconds() !== 0) {
      if (!added) { added = true; t = new Date(Math.floor(t.getTime() / 1000) * 1000); }
      t = new Date(t.getTime() + 1000);
      if (t.getUTCSeconds() === 0) continue wrap;
    }
    return fromWall(t.getTime(), s.location);
  }
}

/** Schedule.Next. */
export function nextTime(s: CronSchedule, instant: number): number {
  if (s.kind === 'every') return Math.floor(instant / 1000) * 1000 + s.delayMs;
  return specNext(s, instant);
}

/** time.LoadLocation succeeds (kubesim: what the platform's time zone database knows). */
export function validLocation(tz: string): boolean {
  if (tz === '' || tz === 'UTC' || tz === 'Local') return true;
  try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); return true; } catch { return false; }
}
