// kubectl's (cobra/pflag) wording for command-line parse errors, from commander's errors.
// Commander reports which command failed through `exitOverride`; cobra names that command's path.
import { levenshtein } from './levenshtein.js';
import type { Command, CommanderError } from 'commander';
import { helpIndex, type RecordedCommand } from './help/data.js';

/** `kubectl rollout status` for the rollout/status subcommand. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** cobra's SuggestionsFor: distance <= 2, or a prefix of the command's name. */
function suggestions(typed: string, cmd: Command): string[] {
  const t = typed.toLowerCase();
  return cmd.commands.map((c) => c.name()).filter((n) => levenshtein(t, n) <= 2 || n.startsWith(t));
}

/** How the user spelled the flag that lacked its argument: `'o' in -o` or `--output`. */
function spelledFlag(message: string, argv: string[]): string {
  const m = /'([^']+)'/.exec(message);
  const parts = (m ? m[1] : '').split(/[ ,]+/).filter((p) => p.startsWith('-'));
  for (let i = argv.length - 1; i >= 0; i--) {
    const a = argv[i];
    if (!parts.includes(a)) continue;
    return a.startsWith('--') ? a : `'${a.slice(1)}' in ${a}`;
  }
  const long = parts.find((p) => p.startsWith('--'));
  return long || parts[0] || '';
}

/**
 * The command pflag was parsing: the deepest one the words name. Commander blames the command that
 * declares the flag (the root, for -n), cobra the one being run (`See 'kubectl get --help'`).
 */
function parsedCommand(cmd: Command, argv: string[]): Command {
  let root = cmd;
  while (root.parent) root = root.parent;
  let c = root;
  for (const a of argv) {
    if (a === '--') break;
    if (a.startsWith('-')) continue;
    const sub = c.commands.find((x) => x.name() === a || x.aliases().includes(a));
    if (!sub) break;
    c = sub;
  }
  return c;
}

/**
 * A flag kubectl has on this command but kubesim does not take yet: said so, rather than pflag's
 * "unknown flag" (which would tell a kubectl user their command line is wrong).
 */
function unsupportedKubectlFlag(path: string, spelled: string): string | undefined {
  let recorded: RecordedCommand | undefined;
  try {
    recorded = path === 'kubectl' ? undefined : helpIndex().commands[path.replace(/^kubectl /, '')];
  } catch {
    return undefined; // no help data in this installation
  }
  const m = /^--([^=]+)|^-(.)/.exec(spelled);
  if (!recorded || !m) return undefined;
  const f = recorded.flags.find((x) => (m[1] ? x[0] === m[1] : x[2] === m[2]));
  if (!f) return undefined;
  const name = f[2] ? `-${f[2]}, --${f[0]}` : `--${f[0]}`;
  return `error: kubesim does not support the flag ${name} of "${path}" yet (see '${path} --help' for what it does in kubectl)\n`;
}

/** Commands with their own FlagErrorFunc: `kubectl diff` words flag errors as usage errors and exits 2. */
const USAGE_STYLE_FLAG_ERRORS: Record<string, number> = { 'kubectl diff': 2 };

/** A pflag error on the command `path` (`kubectl get`), as cobra prints it, and the exit code. */
export function flagError(path: string, msg: string): { text: string; code: number } {
  const code = USAGE_STYLE_FLAG_ERRORS[path];
  if (code !== undefined) return { text: `error: ${msg}\nSee '${path} -h' for help and examples\n`, code };
  return { text: `Error: ${msg}\nSee '${path} --help' for usage.\n`, code: 1 };
}

const isFlagError = (e: CommanderError) => e.code === 'commander.unknownOption' || e.code === 'commander.optionMissingArgument';

/** The exit code for a parse error: 1, or the command's own (diff: 2). */
export function parseErrorCode(e: CommanderError, cmd: Command | undefined, argv: string[]): number {
  if (!cmd || !isFlagError(e)) return 1;
  return USAGE_STYLE_FLAG_ERRORS[commandPath(parsedCommand(cmd, argv))] ?? 1;
}

export function parseErrorMessage(e: CommanderError, cmd: Command | undefined, argv: string[]): string {
  if (cmd && isFlagError(e)) cmd = parsedCommand(cmd, argv);
  const path = cmd ? commandPath(cmd) : 'kubectl';
  const see = `See '${path} --help' for usage.`;
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'commander.unknownOption': {
      const unsupported = unsupportedKubectlFlag(path, quoted);
      if (unsupported) return unsupported;
      if (/^-[^-]/.test(quoted)) return flagError(path, `unknown shorthand flag: '${quoted[1]}' in ${quoted}`).text;
      // pflag names the flag alone: `--foo=bar` is `unknown flag: --foo`
      return flagError(path, `unknown flag: ${quoted.split('=')[0]}`).text;
    }
    case 'commander.unknownCommand': {
      if (cmd && cmd.parent) return `error: unknown command "${quoted}"\nSee '${path} -h' for help and examples\n`;
      const sug = cmd ? suggestions(quoted, cmd) : [];
      const did = sug.length ? `\nDid you mean this?\n${sug.map((s) => `\t${s}\n`).join('')}\n` : '';
      return `Error: unknown command "${quoted}" for "kubectl"\n${did}`;
    }
    case 'commander.optionMissingArgument':
      return flagError(path, `flag needs an argument: ${spelledFlag(e.message, argv)}`).text;
    case 'commander.missingArgument':
      return `error: ${e.message.replace(/^error: /, '')}\n${see}\n`;
    default:
      return `${e.message.startsWith('error') ? e.message : 'error: ' + e.message}\n`;
  }
}
