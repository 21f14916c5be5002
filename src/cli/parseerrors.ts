// kubectl's (cobra/pflag) wording for command-line parse errors, from commander's errors.
// Commander reports which command failed through `exitOverride`; cobra names that command's path.
import type { Command, CommanderError } from 'commander';

/** `kubectl rollout status` for the rollout/status subcommand. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
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

export function parseErrorMessage(e: CommanderError, cmd: Command | undefined, argv: string[]): string {
  if (cmd && (e.code === 'commander.unknownOption' || e.code === 'commander.optionMissingArgument')) cmd = parsedCommand(cmd, argv);
  const path = cmd ? commandPath(cmd) : 'kubectl';
  const see = `See '${path} --help' for usage.`;
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'commander.unknownOption':
      if (/^-[^-]/.test(quoted)) return `Error: unknown shorthand flag: '${quoted[1]}' in ${quoted}\n${see}\n`;
      // pflag names the flag alone: `--foo=bar` is `unknown flag: --foo`
      return `Error: unknown flag: ${quoted.split('=')[0]}\n${see}\n`;
    case 'commander.unknownCommand': {
      if (cmd && cmd.parent) return `error: unknown command "${quoted}"\nSee '${path} -h' for help and examples\n`;
      const sug = cmd ? suggestions(quoted, cmd) : [];
      const did = sug.length ? `\nDid you mean this?\n${sug.map((s) => `\t${s}\n`).join('')}\n` : '';
      return `Error: unknown command "${quoted}" for "kubectl"\n${did}`;
    }
    case 'commander.optionMissingArgument':
      return `Error: flag needs an argument: ${spelledFlag(e.message, argv)}\n${see}\n`;
    case 'commander.missingArgument':
      return `error: ${e.message.replace(/^error: /, '')}\n${see}\n`;
    default:
      return `${e.message.startsWith('error') ? e.message : 'error: ' + e.message}\n`;
  }
}
