// Records the installed kubectl's help INTERFACE into data/help/ (read lazily by src/cli/help/), so that
// `kubesim CMD -h` has kubectl's usage lines, flags (names, shorthands, defaults), aliases, subcommands
// and layout, on a machine without kubectl. kubectl's prose (descriptions, examples, flag
// descriptions) is not recorded: kubesim's own words are in data/help/prose.json, written by hand.
//
//   node scripts/record-help.mjs        (needs kubectl v1.32 on PATH; rewrites data/help/)
//
// Walks `kubectl -h`'s command groups and every "Available Commands:" below them, running
// `kubectl PATH -h` for each. Output:
//   data/help/index.json        the command tree: per path its aliases, subcommands (in kubectl's order),
//                               flags ([long, default, short]), required flags and -o values as
//                               `kubectl __complete` offers them, and, for pure command groups, what
//                               running them bare prints (stream, exit code); plus the root's order of
//                               commands (cobra's suggestion order) and the global flags.
//                               Per path also the layout: its Usage block, its sections in order, the
//                               summary column of Available Commands and the footer lines; for the root
//                               its command groups (titles, names), and for `help -h` its usage.
//   data/help/completion.<shell> `kubectl completion <shell>`
//   test/fixtures/help/grammar.json  kubectl's stdout, stderr and exit code for grammar and completion cases,
//                               with any help text in them replaced by @HELP:<path>@ and completion
//                               candidates without their descriptions (both are kubectl's prose)
// $HOME appears in a few defaults (--cache-dir); it is recorded as @HOME@ and filled in at run time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

const HOME = '/kubesim-recording-home';
const env = { PATH: process.env.PATH, HOME, LANG: 'C' };
const OUT = 'data/help';

function kubectl(args) {
  const r = spawnSync('kubectl', args, { env, encoding: 'utf8' });
  if (r.error) throw r.error;
  const fix = (s) => s.split(HOME).join('@HOME@');
  return { out: fix(r.stdout), err: fix(r.stderr), code: r.status };
}

function help(path) {
  const r = kubectl([...path, '-h']);
  if (r.code !== 0 || r.err) throw new Error(`kubectl ${path.join(' ')} -h: exit ${r.code}: ${r.err}`);
  return r.out;
}

/** The lines of a `Title:` section (up to the next blank line). */
function section(text, title) {
  const lines = text.split('\n');
  const i = lines.indexOf(`${title}:`);
  if (i < 0) return [];
  const out = [];
  for (let j = i + 1; j < lines.length && lines[j] !== ''; j++) out.push(lines[j]);
  return out;
}

const commandNames = (lines) => lines.map((l) => /^ {2}(\S+)/.exec(l)?.[1]).filter(Boolean);

function flags(text) {
  const out = [];
  const i = text.indexOf('\nOptions:\n');
  if (i < 0) return out;
  for (const l of text.slice(i).split('\n')) {
    const m = /^ {4}(?:-(\S), )?--([\w-]+)=(.*):$/.exec(l);
    if (m) out.push(m[1] ? [m[2], m[3], m[1]] : [m[2], m[3]]);
    if (l.startsWith('Usage:')) break;
  }
  return out;
}

// Commands that only group others: running them bare prints their help (to stdout or stderr) and fails.
const BARE = new Set(['set', 'rollout', 'top', 'create secret', 'create service', 'auth', 'certificate', 'plugin', 'config']);

/** The interface and layout of a help text: Usage block, sections in order, summary column, footer. */
function layout(text) {
  const at = text.lastIndexOf('\nUsage:\n');
  const head = text.slice(0, at);
  const [usage, ...rest] = text.slice(at + '\nUsage:\n'.length).split('\n\n');
  const sections = head.split('\n').filter((l) => /^(Aliases|Examples|Available Commands|Options):$/.test(l)).map((l) => l.slice(0, -1));
  const out = { usage, sections, footer: rest.join('\n\n') };
  const sub = section(text, 'Available Commands')[0];
  if (sub) out.subWidth = /^ {2}\S+ +/.exec(sub)[0].length;
  return out;
}

const root = help([]);
const index = { order: [], globals: [], commands: {}, root: { groups: [] }, help: {} };
const helps = new Map();

// cobra's order of the root's commands: kubectl's groups, then the commands it adds after them
const grouped = [];
const rootLines = root.split('\n');
for (let i = 0; i < rootLines.length; i++) {
  if (/^[A-Z].*:$/.test(rootLines[i]) && rootLines[i] !== 'Usage:') {
    const group = { title: rootLines[i].slice(0, -1), commands: [] };
    for (let j = i + 1; j < rootLines.length && rootLines[j] !== ''; j++) group.commands.push(/^ {2}(\S+)/.exec(rootLines[j])[1]);
    grouped.push(...group.commands);
    index.root.groups.push(group);
  }
}
{
  const { usage, footer } = layout(root);
  index.root.width = /^ {2}\S+ +/.exec(section(root, index.root.groups[0].title)[0])[0].length;
  Object.assign(index.root, { usage, footer });
  const h = layout(help(['help']));
  index.help = { usage: h.usage, footer: h.footer };
}
const otherIdx = rootLines.indexOf('Other Commands:');
const others = new Set(commandNames(section(root, 'Other Commands')));
// cmd.go adds config, plugin, version, api-versions, api-resources, options after the groups
const late = ['config', 'plugin', 'version', 'api-versions', 'api-resources', 'options'];
index.order = [...grouped.filter((c) => !others.has(c)), ...late];
if (otherIdx < 0 || late.filter((c) => c !== 'options').some((c) => !others.has(c))) throw new Error('unexpected Other Commands');

/** `kubectl __complete` answers that need no server: the required flags cobra offers before any
 * other flag, and the values of -o where the command registers a completion function for it. */
function completions(path, entry) {
  const lines = (args) => kubectl(['__complete', ...path, ...args]).out.split('\n').filter((l) => l && !l.startsWith(':'));
  const names = lines(['-']).map((l) => l.split('\t')[0]);
  if (!names.includes('--as')) entry.required = names.filter((n) => n.startsWith('--')).map((n) => n.slice(2));
  if (entry.flags.some((f) => f[0] === 'output')) {
    const values = lines(['--output', '']);
    if (values.length) entry.outputValues = values;
  }
}

function walk(path) {
  const text = help(path);
  const key = path.join(' ');
  helps.set(key, text);
  const aliasLine = section(text, 'Aliases')[0];
  const entry = { aliases: aliasLine ? aliasLine.split(', ').slice(1) : [], subcommands: commandNames(section(text, 'Available Commands')), flags: flags(text) };
  // `kubectl options -h` prints the global options, which have no Usage block
  Object.assign(entry, key === 'options' ? { usage: '', sections: [], footer: '' } : layout(text));
  if (BARE.has(key)) {
    const r = kubectl(path);
    entry.bare = { stream: r.out ? 'stdout' : 'stderr', code: r.code };
    if ((r.out || r.err) !== text) throw new Error(`kubectl ${key} prints other than its help when run bare`);
  }
  completions(path, entry);
  index.commands[key] = entry;
  for (const sub of entry.subcommands) walk([...path, sub]);
}
for (const c of index.order) walk([c]);

const options = kubectl(['options']).out;
for (const l of options.split('\n')) {
  const m = /^ {4}(?:-(\S), )?--([\w-]+)=(.*):$/.exec(l);
  if (m) index.globals.push(m[1] ? [m[2], m[3], m[1]] : [m[2], m[3]]);
}

// prose.json is kubesim's own, written by hand: everything else here is rewritten
rmSync(`${OUT}/text`, { recursive: true, force: true });
rmSync(`${OUT}/root.json`, { force: true });
mkdirSync(OUT, { recursive: true });
writeFileSync(`${OUT}/index.json`, JSON.stringify(index) + '\n');
for (const shell of ['bash', 'zsh', 'fish', 'powershell']) {
  const r = kubectl(['completion', shell]);
  if (r.code !== 0) throw new Error(`kubectl completion ${shell}: ${r.err}`);
  writeFileSync(`${OUT}/completion.${shell}`, r.out);
}

// Test fixtures (test/cli/help.test.ts): what kubectl prints for grammar errors, help topics and
// `__complete`, for command lines that need no server. `kubectl completion <TAB>` is left out: kubectl
// lists the shells in Go's random map order.
const CASES = [
  'help foo', 'help foo bar', 'help create foo', 'help help', 'help -h', 'help get --foo', 'help create deploy', 'help rollout status',
  'foo -h', 'gett', 'gett pods', 'de', 'a', 'op', 'co', 'h', 'creat', 'rolling-update',
  '-n x gett', '-v 3 gett', '--foo gett', '--foo gett pods', '--foo', '-h get pods', '-n gett', '-n x',
  'get --foo', 'get --foo=bar', 'get -Z', 'get -o', 'get --namespace', 'get -n', 'get -h --foo', 'get --foo -h',
  'create deploy x --foo', 'create deploy --foo -h', 'create deployment -r', 'rollout foo', 'rollout', 'set', 'set foo', 'config', 'config foo', 'auth',
  'top', 'certificate', 'plugin', 'create secret', 'create service', 'options', 'options --foo', 'options -h',
  '-h get', '--help', '-h', '', '-n x get -h', '--namespace=x get -h', 'completion', 'completion foo', 'completion a b',
  'version --client=maybe', 'scale -h', 'set image --help', 'config view -h', 'auth can-i -h', 'apply view-last-applied -h',
  '__complete ""', '__complete g', '__complete get --o', '__complete get -o json --o', '__complete get -', '__complete get --',
  '__complete create ""', '__complete create d', '__complete -n', '__complete rollout ""', '__completeNoDesc ""',
  '__complete get -o ""', '__complete get --output=j', '__complete get pods -l ""', '__complete version --output ""', '__complete gett ""',
  '__complete create deployment x --image ""', '__complete create deployment x ""', '__complete create deployment x --image=foo ""',
  '__complete config ""', '__complete rollout status -', '__complete set image -', '__complete scale -', '__complete scale --r',
  '__complete create cronjob x --image=x -', '__complete create secret ""', '__complete auth can-i --l',
];
const split = (line) => (line.match(/"[^"]*"|\S+/g) ?? []).map((w) => w.replace(/^"(.*)"$/, '$1'));
// help texts (longest first, so a command's help is not mistaken for a part of another) and the root
// help without its description, as cobra prints it after "Unknown help topic"
helps.set('', root);
// `kubectl help -h` and `kubectl options`, by names no command has
helps.set('#help', help(['help']));
helps.set('#options', options);
const known = [...helps].filter(([, t]) => t).sort((a, b) => b[1].length - a[1].length);
const rootUsage = root.slice(root.indexOf(`${index.root.groups[0].title}:\n`));
function withoutProse(line, s) {
  if (line.startsWith('__complete')) return s.split('\n').map((l) => l.split('\t')[0]).join('\n');
  for (const [key, text] of known) s = s.split(text).join(`@HELP:${key}@`);
  return s.split(rootUsage).join('@USAGE@');
}
const fixtures = CASES.map((line) => {
  const r = kubectl(split(line));
  return { line, args: split(line), stdout: withoutProse(line, r.out), stderr: withoutProse(line, r.err), code: r.code };
});
mkdirSync('test/fixtures/help', { recursive: true });
writeFileSync('test/fixtures/help/grammar.json', JSON.stringify(fixtures, null, 1) + '\n');
console.log(`record-help: ${Object.keys(index.commands).length} commands, ${fixtures.length} grammar fixtures`);
