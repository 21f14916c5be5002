// kubectl v1.32's help as recorded by scripts/record-help.mjs into data/help/ (see there for the
// layout). Read only when help, completion or a grammar error needs it: a plain `get` never does.
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
  /** a pure command group: what running it bare does (prints its help to stream, exits code) */
  /** required flags (cobra offers them before any other flag) */
  required?: string[];
  /** what `-o <TAB>` offers, where the command registers a completion function for -o */
  outputValues?: string[];
  bare?: { stream: 'stdout' | 'stderr'; code: number; text?: string };
}

export interface HelpIndex {
  /** the root's commands in kubectl's registration order (cobra's suggestion order) */
  order: string[];
  globals: RecordedFlag[];
  /** by path: 'create deployment' */
  commands: Record<string, RecordedCommand>;
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

let root: RootTexts | undefined;
export function rootTexts(): RootTexts {
  return (root ??= JSON.parse(withHome(read('root.json'))));
}

const texts = new Map<string, Record<string, string>>();
/** `kubectl PATH -h` as recorded, or undefined for a path kubectl does not have. */
export function helpText(path: string[]): string | undefined {
  if (path.length === 0) return rootTexts().root;
  const top = path[0];
  if (!helpIndex().commands[top]) return undefined;
  if (!texts.has(top)) texts.set(top, JSON.parse(withHome(read(join('text', `${top}.json`)))));
  return texts.get(top)![path.join(' ')];
}

export function completionScript(shell: string): string {
  return read(`completion.${shell}`);
}
