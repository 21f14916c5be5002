// github.com/robfig/cron/v3 ParseStandard: its error texts (the API server puts them verbatim into
// `spec.schedule: Invalid value: "...": <error>`) and the parsed schedule the CronJob controller
// fires on (src/controllers/cronjob/schedule.ts computes Next).

interface Bounds { min: number; max: number; names?: Record<string, number> }

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

export class CronError extends Error {}

/** strconv.Atoi's error text. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new CronError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 63 - 1) throw new CronError(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

function mustParseInt(expr: string): number {
  let n: number;
  try { n = atoi(expr); } catch (e) { throw new CronError(`failed to parse int from ${expr}: ${(e as Error).message}`); }
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names?: Record<string, number>): number {
  if (names && expr.toLowerCase() in names) return names[expr.toLowerCase()];
  return mustParseInt(expr);
}

/** A parsed standard spec: allowed values per field; `star` marks a "*" (or "?") without a step > 1. */
export interface SpecSchedule {
  kind: 'spec';
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
  /** TZ= / CRON_TZ= prefix */
  location?: string;
}

/** @every: a fixed delay (whole seconds, at least 1 s). */
export interface ConstantDelaySchedule { kind: 'every'; delayMs: number; location?: string }

export type CronSchedule = SpecSchedule | ConstantDelaySchedule;

interface Field { values: Set<number>; star: boolean }

function getRange(expr: string, r: Bounds, out: Field): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let step = 1;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') { start = r.min; end = r.max; star = true; }
  else {
    start = parseIntOrName(lowAndHigh[0], r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (singleDigit) end = r.max; // "N/step" means "N-max/step"
  } else if (rangeAndStep.length > 2) throw new CronError(`too many slashes: ${expr}`);
  if (start < r.min) throw new CronError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  if (step > 1) star = false;
  for (let v = start; v <= end; v += step) out.values.add(v);
  if (star) out.star = true;
}

function getField(field: string, r: Bounds): Field {
  const out: Field = { values: new Set(), star: false };
  for (const expr of field.split(',').filter((x) => x !== '')) getRange(expr, r, out);
  return out;
}

const all = (r: Bounds): Field => getField('*', r);
const one = (v: number): Field => ({ values: new Set([v]), star: false });

function spec(minute: Field, hour: Field, dom: Field, month: Field, dow: Field, location?: string): SpecSchedule {
  return { kind: 'spec', minute: minute.values, hour: hour.values, dom: dom.values, month: month.values, dow: dow.values, domStar: dom.star, dowStar: dow.star, location };
}

/** time.ParseDuration for @every (h, m, s, ms, us, ns units), in ms. */
function goDurationMs(d: string): number {
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ns: 1e-6 };
  let total = 0;
  const sign = d.startsWith('-') ? -1 : 1;
  for (const m of d.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]];
  return sign * total;
}

/** time.ParseDuration, enough to accept or reject `@every` arguments. */
const GO_DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+$|^[-+]?0$/;

function parseDescriptor(desc: string, loc?: string): CronSchedule {
  switch (desc) {
    case '@yearly': case '@annually': return spec(one(0), one(0), one(1), one(1), all(DOW), loc);
    case '@monthly': return spec(one(0), one(0), one(1), all(MONTHS), all(DOW), loc);
    case '@weekly': return spec(one(0), one(0), all(DOM), all(MONTHS), one(0), loc);
    case '@daily': case '@midnight': return spec(one(0), one(0), all(DOM), all(MONTHS), all(DOW), loc);
    case '@hourly': return spec(one(0), all(HOURS), all(DOM), all(MONTHS), all(DOW), loc);
  }
  if (desc.startsWith('@every ')) {
    const d = desc.slice('@every '.length);
    if (!GO_DURATION.test(d)) throw new CronError(`failed to parse duration ${desc}: time: invalid duration ${JSON.stringify(d)}`);
    // Every: at least a second, rounded down to whole seconds
    const ms = goDurationMs(d);
    return { kind: 'every', delayMs: ms < 1000 ? 1000 : Math.floor(ms / 1000) * 1000, location: loc };
  }
  throw new CronError(`unrecognized descriptor: ${desc}`);
}

/** ParseStandard: the schedule, or throws CronError with robfig's message. */
export function parseStandard(specText: string): CronSchedule {
  if (specText.length === 0) throw new CronError('empty spec string');
  let s = specText;
  let loc: string | undefined;
  if (s.startsWith('TZ=') || s.startsWith('CRON_TZ=')) {
    const i = s.indexOf(' ');
    const eq = s.indexOf('=');
    // kubesim: time zones are not loaded; any name parses (the TZ itself is rejected by the caller)
    if (i < 0) throw new CronError(`provided bad location ${s.slice(eq + 1)}: unknown time zone ${s.slice(eq + 1)}`);
    loc = s.slice(eq + 1, i);
    s = s.slice(i).trim();
  }
  if (s.startsWith('@')) return parseDescriptor(s, loc);
  const fields = s.split(/[ \t\n\v\f\r\u0085\u00a0]+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  return spec(getField(fields[0], MINUTES), getField(fields[1], HOURS), getField(fields[2], DOM), getField(fields[3], MONTHS), getField(fields[4], DOW), loc);
}

export function cronParseError(specText: string): string | undefined {
  try {
    parseStandard(specText);
    return undefined;
  } catch (e) {
    if (e instanceof CronError) return e.message;
    throw e;
  }
}
