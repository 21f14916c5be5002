// kubectl plugin list [--name-only] (cmd/plugin/plugin.go): the kubectl-* files on the PATH, in PATH
// order, each checked as kubectl checks it (executable, not overshadowed by an earlier one of the same
// name, not named over one of kubectl's own commands); none found is an error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { RawError } from '../../api/errors.js';
import { helpIndex } from '../help/data.js';
import { stdio } from '../io.js';
import { flag as f } from './createflags.js';
import { argvAfter, parseInvocation } from './creategen.js';

/** cobra's root.Find over kubectl's commands: the command a plugin's name would shadow, if any. */
function shadowed(binName: string): string | undefined {
  const parts = binName.split('-').slice(1);
  const commands = helpIndex().commands;
  let found: string | undefined;
  for (let i = 1; i <= parts.length; i++) {
    const p = parts.slice(0, i).join(' ');
    if (commands[p]) found = p;
    else break;
  }
  return found && `kubectl ${found}`;
}

export async function list(opts: any): Promise<void> {
  const inv = parseInvocation({
    path: 'kubectl plugin list', usage: 'kubectl plugin list [flags]',
    flags: [f('name-only', 'bool', false)],
  }, argvAfter([['plugin'], ['list']]), opts);
  const nameOnly = inv.bool('name-only');
  const dirs = [...new Set((process.env.PATH ?? '').split(path.delimiter))];
  const plugins: string[] = [];
  for (const dir of dirs) {
    if (!dir.trim()) continue;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'ENOENT' ? 'no such file or directory' : err.code === 'EACCES' ? 'permission denied' : err.code === 'ENOTDIR' ? 'not a directory' : err.message;
      stdio.err(`Unable to read directory ${JSON.stringify(dir)} from your PATH: open ${dir}: ${why}. Skipping...\n`);
      continue;
    }
    // os.ReadDir: sorted by name
    for (const d of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (!d.isDirectory() && d.name.startsWith('kubectl-')) plugins.push(path.join(dir, d.name));
    }
  }
  const errors: string[] = [];
  if (plugins.length) stdio.out('The following compatible plugins are available:\n\n');
  else errors.push('error: unable to find any kubectl plugins in your PATH');
  const seen = new Map<string, string>();
  let warnings = 0;
  for (const p of plugins) {
    const bin = path.basename(p);
    stdio.out(`${nameOnly ? bin : p}\n`);
    const problems: string[] = [];
    try {
      const st = fs.statSync(p);
      if (st.isDirectory() || (st.mode & 0o111) === 0) problems.push(`warning: ${p} identified as a kubectl plugin, but it is not executable`);
    } catch (e) {
      problems.push(`error: unable to identify ${p} as an executable file: stat ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    }
    const earlier = seen.get(bin);
    if (earlier) problems.push(`warning: ${p} is overshadowed by a similarly named plugin: ${earlier}`);
    else seen.set(bin, p);
    const cmd = shadowed(bin);
    if (cmd) problems.push(`warning: ${bin} overwrites existing command: ${JSON.stringify(cmd)}`);
    for (const w of problems) stdio.err(`  - ${w}\n`);
    warnings += problems.length;
  }
  if (warnings) errors.push(warnings === 1 ? 'error: one plugin warning was found' : `error: ${warnings} plugin warnings were found`);
  if (errors.length) throw new RawError(errors.map((e) => e + '\n').join(''), 1);
}

/**
 * kubectl's plugin handler (HandlePluginCommand): for a command kubectl does not have, the longest
 * `kubectl-WORD[-WORD...]` executable on the PATH for the leading words (dashes in a word become
 * underscores) runs with the remaining arguments. Its exit code, or undefined when there is none.
 */
export function runPlugin(argv: string[]): number | undefined {
  const words: string[] = [];
  for (const a of argv) { if (a.startsWith('-')) break; words.push(a); }
  for (let i = words.length; i > 0; i--) {
    const name = `kubectl-${words.slice(0, i).map((w) => w.replaceAll('-', '_')).join('-')}`;
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
      if (!dir.trim()) continue;
      const file = path.join(dir, name);
      try {
        const st = fs.statSync(file);
        if (st.isDirectory() || (st.mode & 0o111) === 0) continue;
      } catch {
        continue;
      }
      const r = spawnSync(file, argv.slice(i), { stdio: 'inherit' });
      return r.status ?? 1;
    }
  }
  return undefined;
}
