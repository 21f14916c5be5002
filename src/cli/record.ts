// The deprecated --record flag: kubectl writes the command line into kubernetes.io/change-cause.
// Upstream (kubectl/pkg/cmd/util/record.go, parseCommandArguments): the program's base name, the
// positional arguments, then every flag given, as ` --<long name>=<value>` in the order typed.
import type { Command, Option } from 'commander';

import { ChangeCauseAnnotation as CHANGE_CAUSE } from '../kubectl/rollout.js';

export { CHANGE_CAUSE };

let rawArgv: string[] = [];

/** main() hands over the (normalised) argv once, before parsing. */
export function rememberArgv(argv: string[]): void {
  rawArgv = argv;
}

/** The argv main() handed over (the generator commands re-parse it with pflag's rules). */
export function rememberedArgv(): string[] {
  return rawArgv;
}

function optionsOf(cmd: Command): readonly Option[] {
  const all: Option[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) all.push(...c.options);
  return all;
}

/** The change-cause string kubectl would record for this invocation. */
export function changeCause(cmd: Command, argv: string[] = rawArgv): string {
  const opts = optionsOf(cmd);
  const byName = (flag: string) => opts.find((o) => o.long === flag || o.short === flag);
  const positional: string[] = [];
  let flags = '';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { positional.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('-') || a === '-') { positional.push(a); continue; }
    if (a.startsWith('--no-') && byName(`--${a.slice(5)}`)) { flags += ` --${a.slice(5)}=false`; continue; }
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const o = byName(flag);
    const long = (o?.long ?? flag).replace(/^-+/, '');
    let value: string;
    if (eq > 0) value = a.slice(eq + 1);
    else if (o && o.required) value = argv[++i] ?? '';
    else value = 'true';
    flags += ` --${long}=${value}`;
  }
  return ['kubectl', ...positional].join(' ') + flags;
}

/** pflag prints this on stderr whenever the deprecated flag is given, even as --record=false. */
export const RECORD_DEPRECATED = 'Flag --record has been deprecated, --record will be removed in the future\n';

/**
 * kubectl v1.32 records only when --record (=true) is given; an existing change-cause is otherwise
 * left alone (checked against kubectl: `set image --local` without --record keeps it).
 */
export function recordChangeCause(obj: { metadata?: { annotations?: Record<string, string> } }, opts: { record?: boolean }, cmd: Command): void {
  if (opts.record !== true) return;
  obj.metadata = obj.metadata || {};
  obj.metadata.annotations = { ...(obj.metadata.annotations || {}), [CHANGE_CAUSE]: changeCause(cmd) };
}
