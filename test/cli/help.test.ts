// Help and cobra's grammar, against kubectl v1.32's interface recorded by scripts/record-help.mjs
// (data/help/index.json: usage lines, flags with shorthands and defaults, aliases, subcommands and
// section layout; test/fixtures/help/grammar.json for errors and `__complete`, where kubectl's help
// texts stand as @HELP:<path>@ and completion candidates lack kubectl's descriptions). The prose is
// kubesim's own (data/help/prose.json): checked for presence, and pinned whole for a few commands.
// kubesim adds a "kubesim Commands:" group to the root help, a "kubesim Options:" block where it
// adds flags, and its own commands and flags to completion; those are removed before comparing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ks, tempHome, ok } from './helpers.js';
import { buildProgram } from '../../src/cli/main.js';
import { grammar, suggestionsFor } from '../../src/cli/help/grammar.js';
import { commandTree } from '../../src/cli/help/tree.js';
import { KUBECTL_GROUPS } from '../../src/cli/help/hook.js';
import { helpIndex, helpText, rootTexts, type HelpIndex } from '../../src/cli/help/data.js';

process.env.KUBESIM_ROOT ??= ROOT;
const index: HelpIndex = helpIndex();
/** kubesim's help for a kubectl path in kubectl's layout (without kubesim's additions) */
const rendered = (p: string): string => (p === '#help' ? rootTexts().help : p === '#options' ? rootTexts().options : p ? helpText(p.split(' '))! : rootTexts().root);
/** cobra's root usage: the root help from its first command group on */
const rootUsage = (): string => { const r = rootTexts().root; return r.slice(r.indexOf(`\n${index.root.groups[0].title}:\n`) + 1); };
const withHelps = (s: string): string => s.replace(/@HELP:([^@]*)@/g, (_, p: string) => rendered(p)).split('@USAGE@').join(rootUsage());
const FLAG_LINE = /^ {4}(?:-(\S), )?--([\w-]+)=(.*):$/;
const fixtures: { line: string; args: string[]; stdout: string; stderr: string; code: number }[] =
  JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/help/grammar.json'), 'utf8'));

const program = buildProgram();
const kubesimOnly = program.commands.map((c) => c.name()).filter((n) => !index.order.includes(n));

/** kubesim's additions to kubectl's text: its command group and its flag blocks. */
function withoutKubesim(s: string): string {
  return s.replace(/kubesim Commands:\n(?: {2}.*\n)*\n/, '').replace(/kubesim Options:\n(?: {4}.*\n\t.*\n\n)*/, '');
}

/** kubesim's commands and the flags it documents as its own, as completion candidates for these words. */
function withoutKubesimCandidates(s: string, words: string[]): string {
  let c = program;
  for (const w of words) c = c.commands.find((x) => x.name() === w || x.aliases().includes(w)) ?? c;
  const kubesimFlags = new Set(c.options.filter((o) => /^kubesim:/.test(o.description)).map((o) => o.long));
  return s.split('\n').filter((l) => {
    const v = l.split('\t')[0];
    return !kubesimOnly.includes(v) && !kubesimFlags.has(v);
  }).join('\n');
}

/** Runs the grammar in this process, capturing what it prints. */
async function inProcess(argv: string[]): Promise<{ stdout: string; stderr: string; code: number; handled: boolean }> {
  let stdout = '';
  let stderr = '';
  const ow = process.stdout.write.bind(process.stdout);
  const ew = process.stderr.write.bind(process.stderr);
  (process.stdout as any).write = (s: string) => { stdout += s; return true; };
  (process.stderr as any).write = (s: string) => { stderr += s; return true; };
  process.exitCode = 0;
  let handled = false;
  try {
    handled = await grammar(argv, program);
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout, stderr, code, handled };
}

/** The sections of a help text in order, and the lines of each. */
function sectionsOf(text: string): { title: string; lines: string[] }[] {
  const out: { title: string; lines: string[] }[] = [{ title: 'description', lines: [] }];
  for (const l of text.split('\n')) {
    if (/^(Aliases|Examples|Available Commands|Options|Usage):$/.test(l)) out.push({ title: l.slice(0, -1), lines: [] });
    else out[out.length - 1].lines.push(l);
  }
  return out;
}

test(`every kubectl command's help (${Object.keys(index.commands).length} paths, 4 spellings each, and every alias): kubectl's usage, flags and layout, kubesim's words`, async () => {
  let checked = 0;
  for (const [p, entry] of Object.entries(index.commands)) {
    const want = rendered(p);
    const words = p.split(' ');
    const forms = [[...words, '-h'], [...words, '--help'], ['help', ...words], ['-n', 'x', ...words, '--help=true']];
    for (const alias of entry.aliases) forms.push([...words.slice(0, -1), alias, '-h']);
    for (const argv of forms) {
      const r = await inProcess(argv);
      assert.ok(r.handled, argv.join(' '));
      assert.equal(withoutKubesim(r.stdout), want, argv.join(' '));
      assert.equal(r.stderr, '', argv.join(' '));
      assert.equal(r.code, 0, argv.join(' '));
      checked++;
    }
    if (p === 'options') continue;
    const secs = sectionsOf(want);
    // kubectl's sections, in kubectl's order, then Usage and the footer
    assert.deepEqual(secs.map((x) => x.title), ['description', ...entry.sections, 'Usage'], p);
    const get = (t: string) => secs.find((x) => x.title === t)!.lines;
    assert.ok(get('description')[0].length > 0 && /[.]$/.test(get('description')[0]), `${p}: description`);
    assert.equal(`${get('Usage').join('\n')}`, `${entry.usage}\n\n${entry.footer}`, `${p}: usage`);
    assert.match(entry.usage, new RegExp(`^ {2}kubectl ${p} `), p);
    assert.match(entry.footer, /Use "kubectl options" for a list of global command-line options \(applies to all commands\)\.\n$/);
    if (entry.sections.includes('Aliases')) assert.equal(get('Aliases')[0], [words[words.length - 1], ...entry.aliases].join(', '));
    if (entry.sections.includes('Examples')) {
      const ex = get('Examples').filter((l) => l.trim());
      assert.ok(ex.length >= 2 && ex.length % 2 === 0, `${p}: examples`);
      for (let i = 0; i < ex.length; i += 2) {
        assert.match(ex[i], /^ {2}# \S/, `${p}: example comment`);
        assert.ok(/^ {2}\S/.test(ex[i + 1]) && ex[i + 1].includes('kubectl '), `${p}: example command ${ex[i + 1]}`);
      }
      // the examples show the command itself
      assert.ok(ex.some((l) => l.includes(`kubectl ${p}`) || entry.aliases.some((a) => l.includes(`kubectl ${[...words.slice(0, -1), a].join(' ')}`))), `${p}: an example of the command`);
    }
    if (entry.sections.includes('Available Commands')) {
      const subs = get('Available Commands').filter(Boolean);
      assert.deepEqual(subs.map((l) => l.trim().split(/\s+/)[0]), entry.subcommands, p);
      for (const l of subs) assert.match(l.slice(entry.subWidth), /^[A-Z]\S* \S/, `${p}: ${l}`);
    }
    // the flags: kubectl's names, shorthands and defaults in kubectl's order, each described
    const opts = entry.sections.includes('Options') ? get('Options') : [];
    const flags: [string, string, string?][] = [];
    for (let i = 0; i < opts.length; i++) {
      const m = FLAG_LINE.exec(opts[i]);
      if (!m) continue;
      flags.push(m[1] ? [m[2], m[3], m[1]] : [m[2], m[3]]);
      assert.match(opts[i + 1], /^\t[A-Za-z-].{8,}$/, `${p} --${m[2]}: description`);
      assert.equal(opts[i + 2], '', `${p} --${m[2]}`);
    }
    assert.deepEqual(flags, entry.flags, `${p}: flags`);
  }
  assert.ok(checked > 400);
});

test('root help, kubectl options and kubectl help -h: kubectl\'s layout and names, kubesim\'s words', () => {
  const root = rootTexts().root;
  const groups = [...root.matchAll(/^([A-Z][^\n]*):\n((?: {2}.*\n)*)/gm)].filter((m) => m[1] !== 'Usage');
  assert.deepEqual(groups.map((m) => m[1]), index.root.groups.map((g) => g.title));
  for (const [i, m] of groups.entries()) {
    const lines = m[2].split('\n').filter(Boolean);
    assert.deepEqual(lines.map((l) => l.trim().split(/\s+/)[0]), index.root.groups[i].commands);
    for (const l of lines) assert.match(l.slice(index.root.width), /^[A-Z]\S* \S/, l);
  }
  assert.ok(root.endsWith(`\nUsage:\n${index.root.usage}\n\n${index.root.footer}`));
  const options = rootTexts().options.split('\n');
  const flags: [string, string, string?][] = [];
  for (let i = 0; i < options.length; i++) {
    const m = FLAG_LINE.exec(options[i]);
    if (!m) continue;
    flags.push(m[1] ? [m[2], m[3], m[1]] : [m[2], m[3]]);
    assert.match(options[i + 1], /^\t[A-Z].{8,}$/, m[2]);
  }
  assert.deepEqual(flags, index.globals);
  assert.ok(rootTexts().help.endsWith(`\n\nUsage:\n${index.help.usage}\n\n${index.help.footer}`));
});

test('create deployment -h, pinned whole', () => {
  assert.equal(ok(ks(tempHome(), ['create', 'deployment', '-h'])), fs.readFileSync(path.join(ROOT, 'test/fixtures/help/create-deployment.txt'), 'utf8'));
});

test('rollout and create secret (groups), pinned whole', () => {
  const home = tempHome();
  assert.equal(ok(ks(home, ['rollout', '-h'])), fs.readFileSync(path.join(ROOT, 'test/fixtures/help/rollout.txt'), 'utf8'));
  assert.deepEqual(ks(home, ['create', 'secret']), { stdout: '', stderr: fs.readFileSync(path.join(ROOT, 'test/fixtures/help/create-secret.txt'), 'utf8'), code: 1 });
});

test('the kubectl grammar cases kubectl was recorded on: stdout, stderr and exit code (spawned)', () => {
  const home = tempHome();
  const withHome = (s: string) => s.split('@HOME@').join(process.env.HOME ?? '');
  const failed: string[] = [];
  for (const f of fixtures) {
    const r = ks(home, f.args);
    // completion: kubectl's candidates without their descriptions (kubectl's prose)
    const names = (s: string) => s.split('\n').map((l) => l.split('\t')[0]).join('\n');
    const norm = (s: string) => (f.line.startsWith('__complete') ? names(withoutKubesimCandidates(s, f.args.slice(1))) : withoutKubesim(s));
    try {
      assert.deepEqual({ line: f.line, stdout: norm(r.stdout), stderr: norm(r.stderr), code: r.code }, { line: f.line, stdout: withHelps(withHome(f.stdout)), stderr: withHelps(withHome(f.stderr)), code: f.code });
    } catch (e) {
      failed.push((e as Error).message);
    }
  }
  assert.deepEqual(failed, []);
});

test('kubesim alone prints kubectl\'s root help, then the kubesim-only commands as registered', () => {
  const home = tempHome();
  const out = ok(ks(home, []));
  assert.equal(fixtures.find((f) => f.line === '')!.stdout, '@HELP:@');
  assert.equal(withoutKubesim(out), rendered(''));
  const group = /kubesim Commands:\n((?: {2}.*\n)*)\n/.exec(out)![1];
  assert.deepEqual(group.split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/)[0]), kubesimOnly);
  assert.match(group, /^ {2}clock {11}Show or control the cluster's virtual clock$/m);
  assert.ok(out.indexOf('kubesim Commands:') > out.indexOf('Other Commands:') && out.indexOf('kubesim Commands:') < out.indexOf('\nUsage:'));
});

test('a kubesim-only command\'s help in kubectl\'s layout', () => {
  const home = tempHome();
  assert.equal(ok(ks(home, ['clock', 'advance', '-h'])), [
    'Move virtual time forward (manual mode).',
    '',
    'Usage:',
    '  kubesim clock advance DURATION [flags] [options]',
    '',
    'Use "kubectl options" for a list of global command-line options (applies to all commands).',
    '',
  ].join('\n'));
  const cluster = ok(ks(home, ['help', 'cluster']));
  assert.match(cluster, /^Manage simulated clusters\.\n\nAvailable Commands:\n {2}create {8}/);
  assert.match(cluster, /\nUsage:\n {2}kubesim cluster SUBCOMMAND \[options\]\n\nUse "kubesim cluster <command> --help"/);
});

test('a kubectl command kubesim adds flags to documents them in a kubesim Options block', () => {
  const out = ok(ks(tempHome(), ['get', '-h']));
  assert.match(out, /\nkubesim Options:\n {4}--timeout='':\n\tin manual mode, how much virtual time a watch covers\n\nUsage:\n/);
  assert.equal(withoutKubesim(out), rendered('get'));
});

test('cobra\'s suggestions: distance 2 or a prefix, in kubectl\'s registration order', () => {
  const root = commandTree(program);
  assert.deepEqual(suggestionsFor('gett', root), ['set', 'get']);
  assert.deepEqual(suggestionsFor('de', root), ['set', 'get', 'delete', 'describe', 'cp', 'debug']);
  assert.deepEqual(suggestionsFor('rolling-update', root), []);
  assert.deepEqual(suggestionsFor('clok', root), ['clock']);
  const r = ks(tempHome(), ['clok']);
  assert.deepEqual(r, { stdout: '', stderr: 'Error: unknown command "clok" for "kubectl"\n\nDid you mean this?\n\tclock\n\n', code: 1 });
});

test('the last kubectl commands kubesim took on print kubectl\'s help layout', async () => {
  assert.equal((await inProcess(['plugin', 'list', '-h'])).stdout, rendered('plugin list'));
  assert.equal((await inProcess(['set', 'subject', '-h'])).stdout, rendered('set subject'));
});

test('__complete get \'\' lists the resource types, then names from the cluster', () => {
  const home = tempHome();
  ok(ks(home, ['create', 'deployment', 'web', '--image=nginx']));
  const types = ks(home, ['__complete', 'get', '']);
  assert.equal(types.code, 0);
  assert.equal(types.stderr, 'Completion ended with directive: ShellCompDirectiveNoFileComp\n');
  const lines = types.stdout.split('\n');
  for (const t of ['pods', 'services', 'deployments.apps', 'replicasets.apps', 'namespaces', 'nodes']) assert.ok(lines.includes(t), t);
  assert.equal(lines[lines.length - 2], ':4');
  assert.equal(ks(home, ['__complete', 'get', 'deploy', '']).stdout, 'web\n:4\n');
  assert.equal(ks(home, ['__complete', 'get', 'deployments.apps/w']).stdout, 'deployments.apps/web\n:4\n');
  assert.equal(ks(home, ['__complete', 'rollout', 'status', 'deployments/']).stdout, 'deployments/web\n:4\n');
  assert.equal(ks(home, ['__complete', '-n', 'kube-', '']).stdout.split('\n')[0], 'annotate\tAdd, change or remove annotations');
  // candidates' descriptions are kubesim's one-line summaries and flag descriptions
  assert.ok(ks(home, ['__complete', 'create', '']).stdout.split('\n').includes('deployment\tCreate a deployment with the given name'));
  assert.ok(ks(home, ['__complete', 'get', '--field-s']).stdout.startsWith('--field-selector\tFilter by field values, such as status.phase=Running (=, == and != work).\n'));
  assert.equal(ks(home, ['__complete', 'get', '-n', 'kube-']).stdout, 'kube-node-lease\nkube-public\nkube-system\n:4\n');
});

test('completion scripts: kubectl\'s, renamed for kubesim; errors as kubectl', () => {
  const home = tempHome();
  for (const shell of ['bash', 'zsh', 'fish', 'powershell']) {
    const script = ok(ks(home, ['completion', shell]));
    const original = fs.readFileSync(path.join(ROOT, 'data/help', `completion.${shell}`), 'utf8');
    assert.equal(script, original.replace(/kubectl/g, 'kubesim').replace(/KUBECTL/g, 'KUBESIM'));
    assert.ok(!/kubectl/i.test(script));
  }
});

test('bash completes verbs, types and names through the completion script', { skip: spawnSync('bash', ['-c', 'true']).status !== 0 && 'no bash' }, () => {
  const home = tempHome();
  ok(ks(home, ['create', 'deployment', 'web', '--image=nginx']));
  const script = path.join(home, 'kubesim.bash');
  fs.writeFileSync(script, ok(ks(home, ['completion', 'bash'])));
  // bash-completion's one helper the script calls, for machines without bash-completion
  const driver = `
source ${JSON.stringify(script)}
declare -F _get_comp_words_by_ref >/dev/null || _get_comp_words_by_ref() { cur=\${COMP_WORDS[COMP_CWORD]}; prev=\${COMP_WORDS[COMP_CWORD-1]}; words=("\${COMP_WORDS[@]}"); cword=$COMP_CWORD; }
compopt() { :; }
comp() { COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]}-1)); COMP_LINE="$*"; COMP_POINT=\${#COMP_LINE}; COMP_TYPE=9; COMPREPLY=(); __start_kubesim; printf '%s|' "\${COMPREPLY[@]}"; echo; }
complete -p kubesim
comp kubesim ge
comp kubesim create deploy
comp kubesim get deploy ''
comp kubesim get deployments.apps/
comp kubesim rollout status ''
comp kubesim get --all-n
`;
  const r = spawnSync('bash', ['-c', driver], { env: { ...process.env, KUBESIM_HOME: home, PATH: `${path.join(ROOT, 'bin')}:${process.env.PATH}`, NO_COLOR: '1' }, encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, [
    'complete -o default -F __start_kubesim kubesim',
    'get|',
    'deployment|',
    'web|',
    'deployments.apps/web|',
    'deployments|daemonsets|statefulsets|',
    '--all-namespaces|',
    '',
  ].join('\n'));
});

test('the hook knows which kubectl commands have subcommands', () => {
  const groups = Object.entries(index.commands).filter(([, c]) => c.subcommands.length > 0).map(([p]) => p).sort();
  assert.deepEqual([...KUBECTL_GROUPS].sort(), groups);
});

test('a kubectl flag kubesim does not take yet is said so, not called unknown; diff\'s flag errors exit 2', () => {
  const home = tempHome();
  assert.deepEqual(ks(home, ['kustomize', '.', '--enable-helm']), { stdout: '', stderr: 'error: kubesim does not support the flag --enable-helm of "kubectl kustomize" yet (see \'kubectl kustomize --help\' for what it does in kubectl)\n', code: 1 });
  assert.deepEqual(ks(home, ['get', 'pods', '--frob']), { stdout: '', stderr: "Error: unknown flag: --frob\nSee 'kubectl get --help' for usage.\n", code: 1 });
  assert.deepEqual(ks(home, ['diff', '--frob']), { stdout: '', stderr: "error: unknown flag: --frob\nSee 'kubectl diff -h' for help and examples\n", code: 2 });
  assert.deepEqual(ks(home, ['apply', 'view-last-applied', '--frob']), { stdout: '', stderr: "Error: unknown flag: --frob\nSee 'kubectl apply view-last-applied --help' for usage.\n", code: 1 });
});

test('kubectl\'s harmless global flags are accepted on any command', () => {
  const home = tempHome();
  const r = ks(home, ['get', 'ns', 'default', '--insecure-skip-tls-verify', '--cache-dir=/tmp/x', '--warnings-as-errors=false', '--vmodule', 'x=2', '--request-timeout=5s', '-v', '2', '-o', 'name']);
  assert.deepEqual(r, { stdout: 'namespace/default\n', stderr: '', code: 0 });
});
