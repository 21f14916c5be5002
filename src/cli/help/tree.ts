// The command tree as cobra sees it: kubectl's recorded commands (data/help/index.json) merged with
// the commander grammar kubesim registers in src/cli/main.ts. A kubectl command kubesim has not
// implemented still has its help; a kubesim-only command (clock, cluster, tour ...) has the help
// src/cli/help/kubesim.ts writes from its commander definition.
import type { Command, Option } from 'commander';
import { helpIndex, type RecordedCommand } from './data.js';

export interface FlagSpec {
  long?: string;
  short?: string;
  /** takes a value (`--output yaml`); a bool or a flag with pflag's NoOptDefVal does not take the next argument */
  value: boolean;
  optionalValue?: boolean;
}

export interface Node {
  name: string;
  /** ['create', 'deployment'] */
  path: string[];
  aliases: string[];
  children: Node[];
  parent?: Node;
  /** kubectl's recording, when kubectl has this command */
  kubectl?: RecordedCommand;
  /** kubesim's commander command, when kubesim implements it */
  cmd?: Command;
}

/** kubectl flags whose value is optional (pflag NoOptDefVal): a bare flag never takes the next argument */
const NO_OPT_DEFAULT = new Set(['dry-run', 'cascade', 'validate']);

const isKubesimBool = (o: Option) => (o as any).kubesimBool === true || (!o.required && !o.optional);

export function commanderFlag(o: Option): FlagSpec {
  return { long: o.long?.slice(2), short: o.short?.slice(1), value: !isKubesimBool(o) && !o.optional, optionalValue: o.optional };
}

function recordedFlag([long, dflt, short]: [string, string, string?]): FlagSpec {
  const bool = dflt === 'true' || dflt === 'false';
  return { long, short, value: !bool && !NO_OPT_DEFAULT.has(long), optionalValue: NO_OPT_DEFAULT.has(long) };
}

function build(path: string[], cmd: Command | undefined, parent: Node | undefined): Node {
  const key = path.join(' ');
  const rec = path.length ? helpIndex().commands[key] : undefined;
  const node: Node = { name: path[path.length - 1] ?? 'kubectl', path, aliases: rec?.aliases ?? cmd?.aliases() ?? [], children: [], parent, kubectl: rec, cmd };
  const subs = cmd?.commands ?? [];
  const names = path.length ? rec?.subcommands ?? [] : helpIndex().order;
  for (const n of names) node.children.push(build([...path, n], subs.find((c) => c.name() === n), node));
  // kubesim-only subcommands after kubectl's, in registration order
  for (const c of subs) if (!names.includes(c.name())) node.children.push(build([...path, c.name()], c, node));
  return node;
}

let tree: Node | undefined;
export function commandTree(program: Command): Node {
  return (tree ??= build([], program, undefined));
}

export function child(node: Node, word: string): Node | undefined {
  return node.children.find((c) => c.name === word || c.aliases.includes(word));
}

/** The flags this command accepts: its own, kubesim's additions, kubectl's global flags and -h. */
export function flagsOf(node: Node): FlagSpec[] {
  const out: FlagSpec[] = [{ long: 'help', short: 'h', value: false }];
  for (const f of node.kubectl?.flags ?? []) out.push(recordedFlag(f));
  for (const f of helpIndex().globals) out.push(recordedFlag(f));
  // the command's own commander options and the root's (kubectl's only persistent flags are the root's)
  const root = rootOf(node).cmd;
  if (node.cmd && node.cmd !== root) out.push(...node.cmd.options.map(commanderFlag));
  if (root) out.push(...root.options.map(commanderFlag));
  return out;
}

function rootOf(node: Node): Node {
  let n = node;
  while (n.parent) n = n.parent;
  return n;
}

/** `kubectl create deployment`, as cobra's CommandPath names it (by name, not alias). */
export const commandPath = (node: Node): string => ['kubectl', ...node.path].join(' ');
