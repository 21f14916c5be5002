// kubectl v1.32's help interface as recorded by scripts/record-help.mjs into data/help/index.json
// (usage lines, flags with shorthands and defaults, aliases, subcommands, section layout), merged
// with kubesim's own prose in data/help/prose.json (descriptions, examples, flag descriptions) into
// help in kubectl's layout. Read only when help, completion or a grammar error needs it.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** [long name, default as kubectl prints it, shorthand?] */
export type RecordedFlag = [string, string, string?];

export interface RecordedCommand {
  aliases: string[];
  subcommands: string[];
  flags: RecordedFlag[];
  /** the `Usage:` block's lines, as kubectl prints them (indented) */
  usage: string;
  /** kubectl's sections between the description and Usage, in order: Aliases, Examples, Available Commands, Options */
  sections: string[];
  /** the column where "Available Commands:" summaries start */
  subWidth?: number;
  /** the lines after the Usage block */
  footer: string;
  /** required flags (cobra offers them before any other flag) */
  required?: string[];
  /** what `-o <TAB>` offers, where the command registers a completion function for -o */
  outputValues?: string[];
  /** a pure command group: what running it bare does (prints its help to stream, exits code) */
  bare?: { stream: 'stdout' | 'stderr'; code: number };
}

export interface HelpIndex {
  /** the root's commands in kubectl's registration order (cobra's suggestion order) */
  order: string[];
  globals: RecordedFlag[];
  /** by path: 'create deployment' */
  commands: Record<string, RecordedCommand>;
  /** the root help's command groups (titles and names), summary column, usage and footer */
  root: { groups: { title: string; commands: string[] }[]; width: number; usage: string; footer: string };
  /** `kubectl help -h`'s usage and footer */
  help: { usage: string; footer: string };
}

/** kubesim's own words for a command (data/help/prose.json). */
export interface CommandProse {
  /** one line, as group listings and completion show it */
  short: string;
  long: string;
  /** [comment, command line] */
  examples?: [string, string][];
  /** descriptions of flags that mean something particular here */
  flags?: Record<string, string>;
}

export interface Prose {
  root: string;
  options: string;
  help: string;
  /** shared flag descriptions by long name */
  flags: Record<string, string>;
  /** the global flags' descriptions (`kubectl options`) */
  globals: Record<string, string>;
  commands: Record<string, CommandProse>;
}

export interface RootTexts { root: string; options: string; help: string }

/** data/help, found from KUBESIM_ROOT (the startup snapshot has no module URL) or above this module. */
function dataDir(): string {
  const tries: string[] = [];
  if (process.env.KUBESIM_ROOT) tries.push(join(process.env.KUBESIM_ROOT, 'data', 'help'));
  let here: string | undefined;
  try { here = dirname(fileURLToPath(import.meta.url)); } catch { here = undefined; }
  for (let dir = here; dir && dirname(dir) !== dir; dir = dirname(dir)) tries.push(join(dir, 'data', 'help'));
  const found = tries.find((d) => existsSync(join(d, 'index.json')));
  if (!found) throw new Error('kubesim: its help data (data/help) is missing from this installation');
  return found;
}

const read = (name: string): string => readFileSync(join(dataDir(), name), 'utf8');
/** kubectl prints the user's home in a few defaults (--cache-dir='$HOME/.kube/cache') */
const withHome = (s: string): string => s.split('@HOME@').join(process.env.HOME ?? homedir());

let index: HelpIndex | undefined;
export function helpIndex(): HelpIndex {
  return (index ??= JSON.parse(withHome(read('index.json'))));
}

let prose: Prose | undefined;
export function helpProse(): Prose {
  return (prose ??= JSON.parse(read('prose.json')));
}

/** A flag's description: the command's own, else the shared one. */
export function flagDescription(path: string, long: string): string | undefined {
  const p = helpProse();
  return p.commands[path]?.flags?.[long] ?? p.flags[long];
}

/** kubectl's flag lines: `    -o, --output='':` then the description on a tab-indented line. */
export function flagLines(flags: RecordedFlag[], describe: (long: string) => string | undefined): string {
  return flags.map(([long, dflt, short]) => `    ${short ? `-${short}, ` : ''}--${long}=${dflt}:\n\t${describe(long) ?? ''}\n\n`).join('');
}

const pad = (name: string, width: number): string => `  ${name}`.padEnd(width);

function renderRoot(): string {
  const { root } = helpIndex();
  const p = helpProse();
  const groups = root.groups.map((g) =>
    `${g.title}:\n${g.commands.map((c) => `${pad(c, root.width)}${p.commands[c]?.short ?? ''}\n`).join('')}\n`).join('');
  return `${p.root}\n\n${groups}Usage:\n${root.usage}\n\n${root.footer}`;
}

/** `kubectl PATH -h` in kubectl's layout with kubesim's prose, or undefined for a path kubectl does not have. */
export function renderCommand(path: string[]): string | undefined {
  const key = path.join(' ');
  const rec = helpIndex().commands[key];
  if (!rec) return undefined;
  // kubectl prints nothing for `kubectl options -h`
  if (key === 'options') return '';
  const own = helpProse().commands[key];
  const name = path[path.length - 1];
  const parts: string[] = [own?.long ?? ''];
  for (const s of rec.sections) {
    if (s === 'Aliases') parts.push(`Aliases:\n${[name, ...rec.aliases].join(', ')}`);
    if (s === 'Examples') parts.push(`Examples:\n${(own?.examples ?? []).map(([c, cmd]) => `  # ${c}\n  ${cmd}`).join('\n  \n')}`);
    if (s === 'Available Commands') {
      parts.push(`Available Commands:\n${rec.subcommands.map((c) => `${pad(c, rec.subWidth ?? 0)}${helpProse().commands[`${key} ${c}`]?.short ?? ''}`).join('\n')}`);
    }
    if (s === 'Options') parts.push(`Options:\n${flagLines(rec.flags, (l) => flagDescription(key, l)).replace(/\n\n$/, '')}`);
  }
  parts.push(`Usage:\n${rec.usage}`);
  return `${parts.join('\n\n')}\n\n${rec.footer}`;
}

function renderOptions(): string {
  const p = helpProse();
  return `${p.options}\n\n${flagLines(helpIndex().globals, (l) => p.globals[l])}`;
}

function renderHelp(): string {
  const { help } = helpIndex();
  return `${helpProse().help}\n\nUsage:\n${help.usage}\n\n${help.footer}`;
}

let root: RootTexts | undefined;
export function rootTexts(): RootTexts {
  return (root ??= { root: renderRoot(), options: renderOptions(), help: renderHelp() });
}

const texts = new Map<string, string | undefined>();
/** `kubectl PATH -h`'s layout and interface with kubesim's words, or undefined for a path kubectl does not have. */
export function helpText(path: string[]): string | undefined {
  if (path.length === 0) return rootTexts().root;
  const key = path.join(' ');
  if (!texts.has(key)) texts.set(key, renderCommand(path));
  return texts.get(key);
}

export function completionScript(shell: string): string {
  return read(`completion.${shell}`);
}
