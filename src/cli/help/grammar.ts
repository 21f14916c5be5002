// cobra's grammar over the whole kubectl command tree (kubectl's recorded commands plus kubesim's):
// help (`kubesim`, `-h`, `--help`, `help CMD`, `options`), unknown commands with cobra's
// suggestions, pflag's flag errors on those paths, command groups run bare, the kubectl commands
// kubesim has not implemented, and shell completion. main.ts calls `grammar` only when
// `needsGrammar` (hook.ts) says the command line is one of these; everything else goes to commander.
import { levenshtein } from '../levenshtein.js';
import type { Command } from 'commander';
import { stdio } from '../io.js';
import { helpIndex, helpText, rootTexts } from './data.js';
import { kubesimHelp, rootHelp, withKubesimOptions } from './kubesim.js';
import { child, commandPath, commandTree, flagsOf, type FlagSpec, type Node } from './tree.js';

/**
 * cobra's SuggestionsFor over the available commands, in registration order: distance <= 2 or a
 * prefix. kubectl's commands first and alone, as kubectl suggests them; kubesim's own commands only
 * when no kubectl command comes close (`clok` -> clock).
 */
export function suggestionsFor(typed: string, node: Node): string[] {
  const close = (n: string) => levenshtein(typed, n, true) <= 2 || n.toLowerCase().startsWith(typed.toLowerCase());
  const kubectl = node.children.filter((c) => c.kubectl).map((c) => c.name).filter(close);
  if (kubectl.length) return kubectl;
  return node.children.filter((c) => !c.kubectl && c.cmd && !(c.cmd as any)._hidden).map((c) => c.name).filter(close);
}

export function unknownCommandMessage(typed: string, root: Node): string {
  const sug = suggestionsFor(typed, root);
  const did = sug.length ? `\n\nDid you mean this?\n${sug.map((s) => `\t${s}\n`).join('')}` : '';
  return `Error: unknown command "${typed}" for "kubectl"${did}\n`;
}

const findFlag = (flags: FlagSpec[], long?: string, short?: string) =>
  flags.find((f) => (long !== undefined && f.long === long) || (short !== undefined && f.short === short));

/**
 * Does this flag take the next argument, as cobra's stripFlags guesses while finding the command: `--x`
 * and `-x` (without `=`) do unless the flag is known to need no value (a bool, or pflag's NoOptDefVal).
 * -h is not known yet at that point (cobra adds the help flag after finding the command).
 */
function takesNext(arg: string, flags: FlagSpec[]): boolean {
  if (arg.includes('=')) return false;
  if (arg.startsWith('--')) return findFlag(flags, arg.slice(2))?.value ?? true;
  if (arg.length !== 2) return false;
  const f = arg === '-h' ? undefined : findFlag(flags, undefined, arg[1]);
  return f?.value ?? true;
}

/** cobra's stripFlags: the words that are not flags or (guessed) flag values. */
function stripFlags(argv: string[], node: Node): string[] {
  const flags = flagsOf(node);
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-') && takesNext(a, flags)) {
      // cobra stops altogether when the flag has at most one argument after it
      if (argv.length - i - 1 <= 1) break;
      i++;
      continue;
    }
    if (a !== '' && !a.startsWith('-')) words.push(a);
  }
  return words;
}

/** cobra's argsMinusFirstX: the arguments without the first word `x` that is not a flag value. */
function argsMinusFirst(argv: string[], x: string, node: Node): string[] {
  const flags = flagsOf(node);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-') && takesNext(a, flags)) { i++; continue; }
    if (!a.startsWith('-') && a === x) return [...argv.slice(0, i), ...argv.slice(i + 1)];
  }
  return argv;
}

export interface Found {
  node: Node;
  /** the words after the command path (its arguments, as far as cobra can tell them from flag values) */
  args: string[];
  /** the first word, when it named no command at the root */
  unknown?: string;
}

/** cobra's Find: strip flags and walk the words down the tree; at the root a word naming no command is unknown. */
export function find(argv: string[], root: Node): Found {
  let node = root;
  let rest = argv;
  for (;;) {
    const words = stripFlags(rest, node);
    const next = words.length ? child(node, words[0]) : undefined;
    if (!next) {
      if (node === root && words.length) return { node, args: words, unknown: words[0] };
      return { node, args: words };
    }
    rest = argsMinusFirst(rest, words[0], node);
    node = next;
  }
}

/** pflag's parse of the flags: the first error, as cobra prints it, or whether -h/--help was given. */
function parseFlags(argv: string[], node: Node): { help: boolean; error?: string } {
  const flags = flagsOf(node);
  let help = false;
  const setHelp = (v = 'true') => { help = ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v); };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') continue;
    if (a.startsWith('--')) {
      const [name, ...rest] = a.slice(2).split('=');
      const f = findFlag(flags, name);
      if (!f) return { help, error: `unknown flag: --${name}` };
      if (name === 'help') { setHelp(rest.length ? rest.join('=') : 'true'); continue; }
      if (!rest.length && f.value) {
        if (i + 1 >= argv.length) return { help, error: `flag needs an argument: --${name}` };
        i++;
      }
      continue;
    }
    const shorts = a.slice(1);
    for (let j = 0; j < shorts.length; j++) {
      const c = shorts[j];
      const f = findFlag(flags, undefined, c);
      if (!f) return { help, error: `unknown shorthand flag: '${c}' in ${a}` };
      if (c === 'h') { setHelp(shorts[j + 1] === '=' ? shorts.slice(j + 2) : 'true'); if (shorts[j + 1] === '=') break; continue; }
      if (shorts[j + 1] === '=') break;
      if (f.value) {
        if (j === shorts.length - 1) {
          if (i + 1 >= argv.length) return { help, error: `flag needs an argument: '${c}' in ${a}` };
          i++;
        }
        break;
      }
    }
  }
  return { help };
}

/** The help cobra prints for this command: kubectl's recording, or kubesim's own. */
export function helpFor(node: Node): string {
  if (!node.parent) return rootHelp(rootTexts().root, node);
  if (node.kubectl) return withKubesimOptions(helpText(node.path) ?? '', node);
  return kubesimHelp(node);
}

const notImplemented = (node: Node) =>
  `error: kubesim does not implement "${commandPath(node)}" yet (see '${commandPath(node)} --help' for what it does in kubectl)\n`;

/** `kubectl help foo bar`: cobra's %#q of the words */
const topic = (words: string[]) => `[${words.map((w) => (w.includes('`') ? JSON.stringify(w) : `\`${w}\``)).join(' ')}]`;

function print(text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
  if (stream === 'stdout') stdio.out(text);
  else stdio.err(text);
}

/** Handles the command line when it is help, completion or a grammar error; false: commander's turn. */
export async function grammar(argv: string[], program: Command): Promise<boolean> {
  const root = commandTree(program);
  const fail = (text: string) => { stdio.err(text); process.exitCode = 1; return true; };
  const found = find(argv, root);

  if (found.unknown === '__complete' || found.unknown === '__completeNoDesc') {
    const i = argv.indexOf(found.unknown);
    await (await import('./complete.js')).complete(argv.slice(i + 1), root, found.unknown === '__complete');
    return true;
  }
  if (found.unknown === 'help') {
    const i = argv.indexOf('help');
    const rest = argv.slice(i + 1);
    const helpNode: Node = { name: 'help', path: ['help'], aliases: [], children: [], parent: root };
    const parsed = parseFlags([...argv.slice(0, i), ...rest], helpNode);
    if (parsed.error) return fail(`Error: ${parsed.error}\nSee 'kubectl help --help' for usage.\n`);
    if (parsed.help) { print(rootTexts().help); return true; }
    const topicFound = find(rest.filter((a) => !a.startsWith('-')), root);
    if (topicFound.unknown === 'help') { print(rootTexts().help); return true; }
    if (topicFound.unknown) {
      const words = rest.filter((a) => !a.startsWith('-'));
      const usage = rootHelp(rootTexts().root, root);
      // cobra prints the root's usage: its help from the first command group on
      print(`Unknown help topic ${topic(words)}\n\n\n${usage.slice(usage.indexOf(`\n${helpIndex().root.groups[0].title}:\n`) + 1)}`, 'stderr');
      return true;
    }
    print(helpFor(topicFound.node));
    return true;
  }
  // kubectl hides its empty alpha group, which still answers
  if (found.unknown === 'alpha' && argv[0] === 'alpha') { stdio.err('No alpha commands are available in this version of kubectl\n'); return true; }
  if (found.unknown !== undefined) {
    // kubectl looks for a plugin first, and a plugin's name cannot follow flags
    if (argv[0].startsWith('-')) return fail(`Error: flags cannot be placed before plugin name: ${argv[0]}\n`);
    const code = (await import('../commands/plugin.js')).runPlugin(argv);
    if (code !== undefined) { process.exitCode = code; return true; }
    return fail(unknownCommandMessage(found.unknown, root));
  }

  const node = found.node;
  const parsed = parseFlags(argv, node);
  if (parsed.error) {
    if (node.path.join(' ') === 'options') return fail(`Error: ${parsed.error}\nRun 'kubectl options' without flags.\n`);
    const { flagError } = await import('../parseerrors.js');
    const err = flagError(commandPath(node), parsed.error);
    stdio.err(err.text);
    process.exitCode = err.code;
    return true;
  }
  if (parsed.help) { print(helpFor(node)); return true; }
  if (!node.parent) { print(helpFor(node)); return true; }
  const key = node.path.join(' ');
  if (key === 'options') { print(rootTexts().options); return true; }
  if (key === 'completion' && !node.cmd) {
    await (await import('./completion.js')).completion(found.args);
    return true;
  }
  const bare = node.kubectl?.bare;
  if (bare && found.args.length === 0) {
    print(helpFor(node), bare.stream);
    process.exitCode = bare.code;
    return true;
  }
  if (!node.cmd) return fail(notImplemented(node));
  // `--help=false` asks for no help: commander, which knows no such spelling, never sees it
  const dashes = argv.includes('--') ? argv.indexOf('--') : argv.length;
  for (let i = dashes - 1; i >= 0; i--) if (/^(--help|-h)=/.test(argv[i])) argv.splice(i, 1);
  return false;
}
