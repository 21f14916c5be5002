// pflag's parser for kubectl's generator commands (create <generator>, run, expose): typed flags,
// `--` and ArgsLenAtDash, NoOptDefVal, csv string slices, and pflag's error texts. These commands
// re-read the raw argv (commander only routes to them), so every flag error is pflag's own.
import { RawError } from '../../api/errors.js';

export type FlagType = 'string' | 'bool' | 'int32' | 'int' | 'stringSlice' | 'stringArray' | 'duration' | 'mapStringString' | 'level';

export interface FlagSpec {
  long: string;
  short?: string;
  type: FlagType;
  /** the default as pflag keeps it (a string for string-like flags) */
  def?: unknown;
  /** pflag's NoOptDefVal: the value of `--flag` given without `=value` */
  noOpt?: string;
  /** one line for -h */
  help?: string;
}

export interface ParsedFlags {
  values: Map<string, unknown>;
  changed: Set<string>;
  args: string[];
  /** cobra's ArgsLenAtDash: positional arguments before `--`, -1 without `--` */
  argsLenAtDash: number;
}

const f = (long: string, type: FlagType, def?: unknown, more: Partial<FlagSpec> = {}): FlagSpec => ({ long, type, def, ...more });

/** kubectl's global flags (`kubectl options`), accepted by every command. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  f('as', 'string', ''), f('as-group', 'stringArray', []), f('as-uid', 'string', ''), f('cache-dir', 'string', ''),
  f('certificate-authority', 'string', ''), f('client-certificate', 'string', ''), f('client-key', 'string', ''),
  f('cluster', 'string', ''), f('context', 'string', ''), f('disable-compression', 'bool', false),
  f('insecure-skip-tls-verify', 'bool', false), f('kubeconfig', 'string', ''), f('log-flush-frequency', 'duration', '5s'),
  f('match-server-version', 'bool', false), f('namespace', 'string', '', { short: 'n' }), f('password', 'string', ''),
  f('profile', 'string', 'none'), f('profile-output', 'string', 'profile.pprof'), f('request-timeout', 'string', '0'),
  f('server', 'string', '', { short: 's' }), f('tls-server-name', 'string', ''), f('token', 'string', ''), f('user', 'string', ''),
  f('username', 'string', ''), f('v', 'level', 0, { short: 'v' }), f('vmodule', 'string', ''), f('warnings-as-errors', 'bool', false),
  f('help', 'bool', false, { short: 'h' }),
];

/** genericclioptions.PrintFlags */
export const PRINT_FLAGS: FlagSpec[] = [
  f('allow-missing-template-keys', 'bool', true), f('output', 'string', '', { short: 'o' }),
  f('show-managed-fields', 'bool', false), f('template', 'string', ''),
];

/** What every `create <generator>` adds: save-config, validate, dry-run and the field manager. */
export function createFlags(fieldManager = 'kubectl-create'): FlagSpec[] {
  return [
    ...PRINT_FLAGS,
    f('save-config', 'bool', false), f('validate', 'string', 'strict', { noOpt: 'strict' }),
    f('dry-run', 'string', 'none', { noOpt: 'unchanged' }), f('field-manager', 'string', fieldManager),
  ];
}

export { f as flag };

function flagError(path: string, msg: string): RawError {
  return new RawError(`Error: ${msg}\nSee '${path} --help' for usage.\n`);
}

/** strconv.ParseInt(s, 0, bits) as pflag calls it: base prefixes and underscores allowed. */
export function parseGoInt(s: string, bits: number): { value?: number; err?: string } {
  const syntax = { err: `strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax` };
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) return syntax;
  let body = m[2];
  if (body.includes('_')) {
    // Go's underscoreOK: `_` only between digits (or right after a base prefix)
    const digits = body.replace(/^0[xXbBoO]/, '');
    if (/__|_$/.test(digits) || (digits.startsWith('_') && digits === body)) return syntax;
    body = body.replace(/_/g, '');
  }
  let n: bigint;
  try {
    if (/^0[xX]/.test(body)) n = BigInt(body);
    else if (/^0[bB]/.test(body)) n = BigInt(body);
    else if (/^0[oO]/.test(body)) n = BigInt('0o' + body.slice(2));
    else if (body.length > 1 && body[0] === '0') n = BigInt('0o' + body.slice(1));
    else n = BigInt(body);
  } catch {
    return syntax;
  }
  if (m[1] === '-') n = -n;
  const max = (1n << BigInt(bits - 1)) - 1n;
  if (n > max || n < -max - 1n) return { err: `strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range` };
  return { value: Number(n) };
}

export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** encoding/csv, one record, as pflag's stringSlice reads its value. */
function readAsCSV(s: string): { values?: string[]; err?: string } {
  if (s === '') return { values: [] };
  const out: string[] = [];
  let i = 0;
  const col = (k: number) => k + 1;
  while (true) {
    if (s[i] === '"') {
      let v = '';
      let j = i + 1;
      for (;;) {
        if (j >= s.length) return { err: `parse error on line 1, column ${col(s.length)}: extraneous or missing " in quoted-field` };
        if (s[j] === '"') {
          if (s[j + 1] === '"') { v += '"'; j += 2; continue; }
          j++;
          break;
        }
        v += s[j++];
      }
      if (j < s.length && s[j] !== ',') return { err: `parse error on line 1, column ${col(j)}: extraneous or missing " in quoted-field` };
      out.push(v);
      if (j >= s.length) break;
      i = j + 1;
      if (i >= s.length) { out.push(''); break; }
    } else {
      let j = s.indexOf(',', i);
      if (j < 0) j = s.length;
      const v = s.slice(i, j);
      const q = v.indexOf('"');
      if (q >= 0) return { err: `parse error on line 1, column ${col(i + q)}: bare " in non-quoted field` };
      out.push(v);
      if (j >= s.length) break;
      i = j + 1;
      if (i >= s.length) { out.push(''); break; }
    }
  }
  return { values: out };
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** time.ParseDuration, in seconds. */
export function parseGoDuration(s: string): { seconds?: number; err?: string } {
  const bad = { err: `time: invalid duration ${JSON.stringify(s)}` };
  let rest = s;
  let sign = 1;
  if (rest[0] === '-' || rest[0] === '+') { if (rest[0] === '-') sign = -1; rest = rest.slice(1); }
  if (rest === '0') return { seconds: 0 };
  if (rest === '') return bad;
  let total = 0;
  while (rest) {
    const m = /^(\d*\.?\d*)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)?/.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') return bad;
    if (!m[2]) return { err: `time: missing unit in duration ${JSON.stringify(s)}` };
    total += parseFloat(m[1]) * DURATION_UNITS[m[2]];
    rest = rest.slice(m[0].length);
  }
  return { seconds: sign * total };
}

/** Parse argv as pflag would for a command with these flags; `path` names it in errors. */
export function parseFlags(argv: string[], specs: FlagSpec[], path: string): ParsedFlags {
  const byLong = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const s of [...specs, ...GLOBAL_FLAGS]) {
    if (!byLong.has(s.long)) byLong.set(s.long, s);
    if (s.short && !byShort.has(s.short)) byShort.set(s.short, s);
  }
  const values = new Map<string, unknown>();
  const changed = new Set<string>();
  for (const s of byLong.values()) values.set(s.long, Array.isArray(s.def) ? [...(s.def as unknown[])] : s.def);
  const args: string[] = [];
  let argsLenAtDash = -1;

  const shown = (s: FlagSpec) => (s.short ? `-${s.short}, --${s.long}` : `--${s.long}`);
  const set = (s: FlagSpec, v: string) => {
    const invalid = (why: string) => flagError(path, `invalid argument ${JSON.stringify(v)} for "${shown(s)}" flag: ${why}`);
    const first = !changed.has(s.long);
    switch (s.type) {
      case 'string': values.set(s.long, v); break;
      case 'bool': {
        const b = parseGoBool(v);
        if (b === undefined) throw invalid(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
        values.set(s.long, b);
        break;
      }
      case 'int32': case 'int': case 'level': {
        const r = parseGoInt(v, s.type === 'int32' || s.type === 'level' ? 32 : 64);
        if (r.err) throw invalid(r.err);
        values.set(s.long, r.value);
        break;
      }
      case 'duration': {
        const r = parseGoDuration(v);
        if (r.err) throw invalid(r.err);
        values.set(s.long, r.seconds);
        break;
      }
      case 'stringSlice': {
        const r = readAsCSV(v);
        if (r.err) throw invalid(r.err);
        values.set(s.long, first ? r.values : [...(values.get(s.long) as string[]), ...r.values!]);
        break;
      }
      case 'stringArray':
        values.set(s.long, first ? [v] : [...(values.get(s.long) as string[]), v]);
        break;
      case 'mapStringString': {
        // cliflag.MapStringString: the first Set replaces the map, later ones add to it
        const m: Record<string, string> = first ? {} : { ...(values.get(s.long) as Record<string, string>) };
        for (const pair of v.split(',')) {
          if (!pair.trim()) continue;
          const kv = pair.split('=');
          if (kv.length !== 2) throw invalid(`malformed pair, expect string=string`);
          m[kv[0].trim()] = kv[1].trim();
        }
        values.set(s.long, m);
        break;
      }
    }
    changed.add(s.long);
  };
  const takesNoValue = (s: FlagSpec) => s.type === 'bool' || s.noOpt !== undefined;
  const noOptValue = (s: FlagSpec) => (s.type === 'bool' ? 'true' : s.noOpt!);

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const s = byLong.get(name);
      // kubesim's argv normaliser spells `--flag=false` of its own booleans as `--no-flag`
      if (!s && name.startsWith('no-') && byLong.get(name.slice(3))?.type === 'bool' && eq < 0) { set(byLong.get(name.slice(3))!, 'false'); continue; }
      if (!s) throw flagError(path, `unknown flag: --${name}`);
      if (eq >= 0) set(s, a.slice(eq + 1));
      else if (takesNoValue(s)) set(s, noOptValue(s));
      else if (i + 1 < argv.length) set(s, argv[++i]);
      else throw flagError(path, `flag needs an argument: ${a}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // a group of shorthands: -it, -r2, -r=2, -o yaml
      let rest = a.slice(1);
      while (rest) {
        const c = rest[0];
        const s = byShort.get(c);
        if (!s) throw flagError(path, `unknown shorthand flag: '${c}' in ${a}`);
        if (rest.length > 2 && rest[1] === '=') { set(s, rest.slice(2)); rest = ''; }
        else if (takesNoValue(s)) { set(s, noOptValue(s)); rest = rest.slice(1); }
        else if (rest.length > 1) { set(s, rest.slice(1)); rest = ''; }
        else if (i + 1 < argv.length) { set(s, argv[++i]); rest = ''; }
        else throw flagError(path, `flag needs an argument: '${c}' in -${c}`);
      }
      continue;
    }
    args.push(a);
  }
  return { values, changed, args, argsLenAtDash };
}
