// The cheap test main.ts runs on every command line: does it need the grammar of the whole kubectl
// tree (help, completion, an unknown or not-yet-implemented command, a command group run bare)?
// It reads only the commander grammar already built; help data loads only when the answer is yes.
import type { Command } from 'commander';

const takesValue = (c: Command, arg: string): boolean => {
  if (arg.includes('=') || !arg.startsWith('-')) return false;
  const o = arg.startsWith('--') ? c.options.find((x) => x.long === arg) : c.options.find((x) => x.short === arg);
  return !!o && o.required === true;
};

/**
 * kubectl v1.32's commands that have subcommands (data/help/index.json; test/cli/help.test.ts checks
 * this list): a first argument of theirs may name a subcommand kubesim has not implemented.
 */
export const KUBECTL_GROUPS = ['create', 'create secret', 'create service', 'set', 'rollout', 'certificate', 'cluster-info', 'top', 'auth', 'apply', 'config', 'plugin'];

function pathOf(c: Command): string {
  const names: string[] = [];
  for (let x: Command | null = c; x && x.parent; x = x.parent) names.unshift(x.name());
  return names.join(' ');
}

export function needsGrammar(argv: string[], program: Command): boolean {
  if (argv.length === 0) return true;
  let cmd = program;
  let argsOfCmd = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a === '-h' || a === '--help' || a.startsWith('--help=') || a.startsWith('-h=')) return true;
    if (a.startsWith('-') && a !== '-') {
      if (takesValue(cmd, a) || takesValue(program, a)) i++;
      continue;
    }
    const sub = argsOfCmd === 0 ? cmd.commands.find((c) => c.name() === a || c.aliases().includes(a)) : undefined;
    if (sub) { cmd = sub; continue; }
    // a word naming no command where one was expected: unknown, or kubectl's and not implemented here
    if (argsOfCmd++ === 0 && (cmd === program || cmd.commands.length > 0 || KUBECTL_GROUPS.includes(pathOf(cmd)))) return true;
  }
  // a command group run without its subcommand (`kubesim rollout`) prints kubectl's help for it
  return cmd === program || (cmd.commands.length > 0 && argsOfCmd === 0);
}
