// Records the installed kubectl's help into data/help/ (read lazily by src/cli/help/), so that
// `kubesim CMD -h` prints what `kubectl CMD -h` prints, on a machine without kubectl.
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
//   data/help/text/<cmd>.json   { "create deployment": "<help text>", ... } for each top-level command
//   data/help/root.json         root help, `kubectl options`, `kubectl help -h`
//   data/help/completion.<shell> `kubectl completion <shell>`
//   test/fixtures/help/grammar.json  kubectl's stdout, stderr and exit code for grammar and completion cases
// $HOME appears in a few defaults (--cache-dir); it is recorded as @HOME@ and filled in at run time.
// The help texts are kubectl v1.32's (Apache License 2.0, The Kubernetes Authors).
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

const root = help([]);
const index = { order: [], globals: [], commands: {} };
const texts = {};

// cobra's order of the root's commands: kubectl's groups, then the commands it adds after them
const grouped = [];
const rootLines = root.split('\n');
for (let i = 0; i < rootLines.length; i++) {
  if (/^[A-Z].*:$/.test(rootLines[i]) && rootLines[i] !== 'Usage:') {
    for (let j = i + 1; j < rootLines.length && rootLines[j] !== ''; j++) grouped.push(/^ {2}(\S+)/.exec(rootLines[j])[1]);
  }
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
  const top = path[0];
  (texts[top] ??= {})[key] = text;
  const aliasLine = section(text, 'Aliases')[0];
  const entry = { aliases: aliasLine ? aliasLine.split(', ').slice(1) : [], subcommands: commandNames(section(text, 'Available Commands')), flags: flags(text) };
  if (BARE.has(key)) {
    const r = kubectl(path);
    entry.bare = { stream: r.out ? 'stdout' : 'stderr', code: r.code };
    const printed = r.out || r.err;
    if (printed !== text) entry.bare.text = printed;
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

rmSync(OUT, { recursive: true, force: true });
mkdirSync(`${OUT}/text`, { recursive: true });
writeFileSync(`${OUT}/index.json`, JSON.stringify(index) + '\n');
for (const [top, t] of Object.entries(texts)) writeFileSync(`${OUT}/text/${top}.json`, JSON.stringify(t, null, 1) + '\n');
writeFileSync(`${OUT}/root.json`, JSON.stringify({ root, options, help: help(['help']) }, null, 1) + '\n');
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
const fixtures = CASES.map((line) => {
  const r = kubectl(split(line));
  return { line, args: split(line), stdout: r.out, stderr: r.err, code: r.code };
});
mkdirSync('test/fixtures/help', { recursive: true });
writeFileSync('test/fixtures/help/grammar.json', JSON.stringify(fixtures, null, 1) + '\n');
console.log(`record-help: ${Object.keys(index.commands).length} commands, ${fixtures.length} grammar fixtures`);
