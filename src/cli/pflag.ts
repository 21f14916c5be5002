// pflag's conventions on top of commander: `-o=yaml`, and booleans that take `=value` but never the
// next argument. kubectl users type both; commander knows neither.
import { Command, Option } from 'commander';
import { RawError } from '../api/errors.js';

/** kubectl (pflag) accepts `-o=yaml` and `--flag=false`; commander wants `-o yaml`. */
function splitShorts(argv: string[], splitShort: Set<number>): string[] {
  const out: string[] = [];
  for (const a of argv) {
    const m = /^(-[a-zA-Z])=(.*)$/s.exec(a);
    if (m) { splitShort.add(out.length); out.push(m[1], m[2]); } else out.push(a);
  }
  return out;
}

/**
 * pflag booleans: `--watch`, `--watch=true`, `--watch=false`, and never the next argument
 * (`set image deploy --all nginx=nginx:1.17`). Commander gets a plain boolean plus a hidden
 * `--no-watch`; normaliseBools rewrites `--watch=VALUE` into one of the two before parsing.
 */
const BOOL_FLAGS = new Set<string>();

export function boolFlag(flags: string, desc: string, dflt?: boolean): Option {
  const o = new Option(flags, desc);
  if (dflt !== undefined) o.default(dflt);
  (o as any).kubesimBool = true;
  for (const f of flags.split(/[ ,]+/)) if (f.startsWith('-')) BOOL_FLAGS.add(f);
  return o;
}

/** Add the hidden negations after the grammar is built (commander needs both spellings declared). */
export function addNegations(c: Command): void {
  for (const o of [...c.options]) {
    if ((o as any).kubesimBool && o.long) c.addOption(new Option(`--no-${o.long.slice(2)}`).hideHelp());
  }
  c.commands.forEach(addNegations);
}

/** The command the arguments name (`rollout status`), for pflag's error wording. */
function targetCommand(argv: string[], program: Command): Command {
  let c = program;
  for (const a of argv) {
    if (a.startsWith('-')) continue;
    const sub = c.commands.find((x) => x.name() === a);
    if (!sub) break;
    c = sub;
  }
  return c;
}

function normaliseBools(argv: string[], program: Command, splitShort: Set<number>): string[] {
  const cmd = targetCommand(argv, program);
  const options = (): Option[] => {
    const all: Option[] = [];
    for (let c: Command | null = cmd; c; c = c.parent) all.push(...c.options);
    return all;
  };
  const parseBool = (v: string, flag: string): boolean => {
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
    if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
    const o = options().find((x) => x.long === flag || x.short === flag);
    const shown = o ? [o.short, o.long].filter(Boolean).join(', ') : flag;
    const path: string[] = [];
    for (let c: Command | null = cmd; c; c = c.parent) path.unshift(c.name());
    throw new RawError(`Error: invalid argument "${v}" for "${shown}" flag: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax\nSee '${path.join(' ')} --help' for usage.\n`);
  };
  // a flag name is a bool for one command and takes a value for another (logs --prefix, set env --prefix); commander's
  // own switches (`-A, --all-namespaces`, `--no-headers`) are pflag bools too
  const isBool = (flag: string): boolean => {
    const o = options().find((x) => x.long === flag || x.short === flag);
    return o ? !!(o as any).kubesimBool || o.isBoolean() || (o.negate && !o.required && !o.optional) : BOOL_FLAGS.has(flag);
  };
  /** The argv words that set `flag` to false: a kubesim bool's hidden negation; nothing for a switch off by default. */
  const negate = (flag: string): string[] => {
    const o = options().find((x) => x.long === flag || x.short === flag);
    if (o && !(o as any).kubesimBool) return [];
    return [`--no-${(o?.long ?? flag).replace(/^-+/, '')}`];
  };
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { out.push(...argv.slice(i)); break; }
    const long = /^(--[\w-]+)=(.*)$/s.exec(a);
    if (long && isBool(long[1])) {
      out.push(...(parseBool(long[2], long[1]) ? [long[1]] : negate(long[1])));
      continue;
    }
    // splitShorts split `-w=false` into `-w`, `false`; a separate `-w false` leaves `false` an argument
    if (splitShort.has(i) && isBool(a)) {
      out.push(...(parseBool(argv[i + 1], a) ? [a] : negate(a)));
      i++;
      continue;
    }
    // pflag's NoOptDefVal: a bare `--dry-run` never takes the next argument as its value
    if (NO_OPT_DEFAULTS[a] !== undefined) { out.push(`${a}=${NO_OPT_DEFAULTS[a]}`); continue; }
    out.push(a);
  }
  return out;
}

/** Flags whose value is optional, with the value a bare flag stands for (kubectl's NoOptDefVal). */
const NO_OPT_DEFAULTS: Record<string, string> = {
  '--dry-run': 'unchanged',
  '--cascade': 'background',
  '--validate': 'strict',
};

/** argv as commander can parse it, with pflag's spellings (`-o=yaml`, `--watch=false`) rewritten. */
export function normaliseArgs(argv: string[], program: Command): string[] {
  // positions where `-x=v` was split, so that a separately typed `-w false` stays an argument
  const splitShort = new Set<number>();
  return normaliseBools(splitShorts(argv, splitShort), program, splitShort);
}
