// pflag's typed flags: an int, int32, int64 or duration flag refuses a bad value while the command
// line is parsed, before anything is read or written, with pflag's own message:
//   Error: invalid argument "abc" for "--grace-period" flag: strconv.ParseInt: parsing "abc": invalid syntax
//   See 'kubectl delete --help' for usage.
// commander has no flag types, so the types are data here, attached to the grammar once it is built.
import type { Command, Option } from 'commander';
import { RawError } from '../api/errors.js';

export type FlagType = 'int' | 'int32' | 'int64' | 'duration';

/** Flag types by long name, as kubectl declares them; `VERB --flag` keys override for one command. */
const FLAG_TYPES: Record<string, FlagType> = {
  '--grace-period': 'int',
  '--replicas': 'int',
  '--current-replicas': 'int',
  '--revision': 'int64',
  '--to-revision': 'int64',
  '--chunk-size': 'int64',
  '--timeout': 'duration',
  '--tail': 'int64',
  '--limit-bytes': 'int64',
  '--since': 'duration',
  '--pod-running-timeout': 'duration',
  'logs --max-log-requests': 'int',
  '--min': 'int32',
  '--max': 'int32',
  '--cpu-percent': 'int32',
  '--node-port': 'int',
  '--expiration-seconds': 'int',
  'create deployment --replicas': 'int32',
  'create deployment --port': 'int32',
  'create priorityclass --value': 'int32',
  'run --port': 'int32',
  'create token --duration': 'duration',
};

const GO_INT_RANGE: Record<Exclude<FlagType, 'duration'>, bigint> = { int: 1n << 63n, int32: 1n << 31n, int64: 1n << 63n };

/**
 * strconv.ParseInt(s, 0, bits) as pflag calls it: base prefixes 0x, 0o, 0b and a leading 0 (octal),
 * underscores between digits; the normalised decimal string, or the error text.
 */
export function parseGoInt(s: string, type: Exclude<FlagType, 'duration'>): { value?: string; error?: string } {
  const syntax = { error: `strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax` };
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) return syntax;
  let body = m[2];
  // underscores only between digits or after a base prefix (Go's underscoreOK)
  if (body.includes('_')) {
    if (/__|_$/.test(body) || body.startsWith('_')) return syntax;
    body = body.replace(/_/g, '');
  }
  let n: bigint;
  if (/^0[xX]/.test(body)) n = BigInt('0x' + body.slice(2));
  else if (/^0[oO]/.test(body)) n = BigInt('0o' + body.slice(2));
  else if (/^0[bB]/.test(body)) n = BigInt('0b' + body.slice(2));
  else if (body.length > 1 && body[0] === '0') n = BigInt('0o' + body.slice(1));
  else n = BigInt(body);
  if (m[1] === '-') n = -n;
  const lim = GO_INT_RANGE[type];
  if (n >= lim || n < -lim) return { error: `strconv.ParseInt: parsing ${goQuote(s)}: value out of range` };
  return { value: n.toString() };
}

const UNITS = new Set(['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h']);

/** time.ParseDuration's error for s, or undefined when s is a valid Go duration. */
export function goDurationError(s: string): string | undefined {
  const invalid = `time: invalid duration ${goQuote(s)}`;
  let i = 0;
  if (s[0] === '-' || s[0] === '+') i++;
  if (s.slice(i) === '0') return undefined;
  if (i >= s.length) return invalid;
  while (i < s.length) {
    const num = /^(\d*)(\.\d*)?/.exec(s.slice(i))!;
    const digits = num[1].length + (num[2] ? num[2].length - 1 : 0);
    if (!(s[i] === '.' || (s[i] >= '0' && s[i] <= '9')) || digits === 0) return invalid;
    i += num[0].length;
    let j = i;
    while (j < s.length && s[j] !== '.' && !(s[j] >= '0' && s[j] <= '9')) j++;
    const unit = s.slice(i, j);
    if (unit === '') return `time: missing unit in duration ${goQuote(s)}`;
    if (!UNITS.has(unit)) return `time: unknown unit ${goQuote(unit)} in duration ${goQuote(s)}`;
    i = j;
  }
  return undefined;
}

/** strconv.Quote for the printable strings flags carry. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

function commandPath(c: Command): string {
  const names: string[] = [];
  for (let x: Command | null = c; x; x = x.parent) names.unshift(x.name());
  return names.join(' ');
}

function flagTypeOf(c: Command, o: Option): FlagType | undefined {
  if (!o.long || !(o.required || o.optional)) return undefined;
  const path = commandPath(c).split(' ').slice(1).join(' ');
  return FLAG_TYPES[`${path} ${o.long}`] ?? FLAG_TYPES[o.long];
}

/** Attach pflag's parsing to every typed flag of the grammar (once, after it is built). */
export function addFlagTypes(c: Command): void {
  for (const o of c.options as Option[]) {
    const type = flagTypeOf(c, o);
    if (!type) continue;
    const shown = [o.short, o.long].filter(Boolean).join(', ');
    o.argParser((v: string) => {
      let error: string | undefined;
      let value = v;
      if (type === 'duration') error = goDurationError(v);
      else ({ value = v, error } = parseGoInt(v, type));
      if (error) throw new RawError(`Error: invalid argument ${goQuote(v)} for "${shown}" flag: ${error}\nSee '${commandPath(c)} --help' for usage.\n`);
      return value;
    });
  }
  c.commands.forEach(addFlagTypes);
}
