// -o go-template (and the template-file / jsonpath flags) against kubectl v1.32's recorded
// output: test/fixtures/gotemplate/record.mjs ran each case through the installed kubectl.
// Every file case runs in-process through the shared output path (parseFormat, printStructured,
// renderError) over the manifest's object; a spread of them, and the generator cases, also run
// end to end as `kubesim create -f FILE --dry-run=client ARGS`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ksAsync, tempHome, type Result } from './helpers.js';
import { parseFormat, parseObjectFormat, printStructured, type OutputFlags } from '../../src/cli/output.js';
import { renderError } from '../../src/cli/errors.js';
import { stdio } from '../../src/cli/io.js';
import { loadFiles } from '../../src/cli/manifests.js';
import { resourceByName } from '../../src/api/resources.js';

interface Case {
  name: string;
  kind: 'file' | 'cmd';
  file?: string;
  args: string[];
  stdout: string;
  stderr: string;
  code: number;
}

const cases: Case[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/gotemplate/cases.json'), 'utf8'));

/** The few flags the recorded cases use, as commander hands them to a command. */
function outputFlags(args: string[]): OutputFlags {
  const f: OutputFlags = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o') f.output = args[++i];
    else if (a.startsWith('--template=')) f.template = a.slice('--template='.length);
    else if (a.startsWith('--allow-missing-template-keys=')) f.allowMissingTemplateKeys = a.endsWith('=true');
    else throw new Error(`unexpected flag ${a}`);
  }
  return f;
}

async function inProcess(c: Case): Promise<Result> {
  let stdout = '';
  const out = stdio.out;
  stdio.out = (s) => {
    stdout += s;
  };
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const fmt = parseObjectFormat(outputFlags(c.args));
    const [obj] = loadFiles([c.file!], false)[0].objects;
    const info = resourceByName(obj.kind === 'Deployment' ? 'deployments' : 'configmaps');
    stdout += await printStructured(fmt, [{ info, obj }], true);
    return { stdout, stderr: '', code: 0 };
  } catch (e) {
    const r = renderError(e);
    return { stdout, stderr: r.text, code: r.code };
  } finally {
    stdio.out = out;
    process.chdir(cwd);
  }
}

function check(c: Case, r: Result): string[] {
  if (r.stdout === c.stdout && r.stderr === c.stderr && r.code === c.code) return [];
  return [`${c.name} ${JSON.stringify(c.args)}\n  want ${JSON.stringify({ stdout: c.stdout, stderr: c.stderr, code: c.code })}\n  got  ${JSON.stringify(r)}`];
}

test('the recording covers at least 100 templates', () => {
  assert.ok(cases.length >= 100, `${cases.length} cases`);
});

test('every file case matches kubectl byte for byte through the output path', async () => {
  const failures: string[] = [];
  for (const c of cases.filter((x) => x.kind === 'file')) failures.push(...check(c, await inProcess(c)));
  assert.deepEqual(failures, []);
});

test('a spread of cases and the generator cases match kubectl end to end', async () => {
  const home = tempHome();
  // every 20th file case (successes, execution and parse errors, flags) plus every command case
  const chosen = cases.filter((c, i) => c.kind === 'cmd' || i % 20 === 0 || c.args.some((a) => a.startsWith('--')));
  const failures: string[] = [];
  let next = 0;
  await Promise.all(
    [0, 1].map(async () => {
      while (next < chosen.length) {
        const c = chosen[next++];
        const argv = c.kind === 'file' ? ['create', '-f', c.file!, '--dry-run=client', ...c.args] : c.args;
        failures.push(...check(c, await ksAsync(home, argv)));
      }
    }),
  );
  assert.deepEqual(failures, []);
});

test('custom-columns-file: a header line and a spec line, headers always printed', async () => {
  const dir = fs.mkdtempSync(path.join(tempHome(), 'cols-'));
  const write = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const [obj] = loadFiles([path.join(ROOT, 'test/fixtures/gotemplate/deploy.yaml')], false)[0].objects;
  const info = resourceByName('deployments');
  const print = async (file: string, noHeaders = false) => {
    try {
      return await printStructured(parseFormat({ output: `custom-columns-file=${file}`, headers: !noHeaders }), [{ info, obj }], false);
    } catch (e) {
      return renderError(e).text;
    }
  };
  const cols = write('cols.txt', 'NAME   REPLICAS  IMAGE\n.metadata.name  {.spec.replicas}  .spec.template.spec.containers[*].image\n');
  assert.equal(await print(cols), 'NAME   REPLICAS   IMAGE\nweb    3          nginx:1.25,busybox\n');
  assert.equal(await print(cols, true), 'NAME   REPLICAS   IMAGE\nweb    3          nginx:1.25,busybox\n');
  const usage = 'Expected format is one line of space separated headers, one line of space separated column specs.';
  assert.equal(await print(write('one.txt', 'NAME\n')), `error: invalid template, missing spec line. ${usage}\n`);
  assert.equal(await print(write('empty.txt', '')), `error: invalid template, missing header line. ${usage}\n`);
  assert.equal(await print(write('uneven.txt', 'A B\n.a\n')), "error: number of headers (2) and field specifications (1) don't match\n");
  const missing = path.join(dir, 'nope.txt');
  assert.equal(await print(missing), `error: error reading template ${missing}, open ${missing}: no such file or directory\n`);
});

test('go-template on get (a List for several objects), label, annotate and patch', async () => {
  const home = tempHome();
  const run = async (...args: string[]) => ksAsync(home, args);
  const okOut = (r: Result) => {
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    return r.stdout;
  };
  okOut(await run('create', '-f', 'test/fixtures/gotemplate/cm.yaml'));
  assert.equal(okOut(await run('get', 'configmaps', '-o', 'go-template={{range .items}}{{.metadata.name}} {{end}}')), 'kube-root-ca.crt settings ');
  assert.equal(okOut(await run('get', 'cm', '-o', 'go-template={{.kind}} {{.apiVersion}} {{.metadata}}')), 'List v1 map[resourceVersion:]');
  assert.equal(okOut(await run('get', 'cm', 'settings', '--template={{.data.alpha}}')), 'first');
  assert.equal(okOut(await run('get', 'pods', '-o', 'go-template={{len .items}}')), '0');
  assert.equal(okOut(await run('label', 'cm', 'settings', 'x=y', '-o', 'go-template={{.metadata.labels}}')), 'map[x:y]');
  assert.equal(okOut(await run('annotate', 'cm', 'settings', 'a=b', '-o', 'go-template={{.metadata.annotations.a}}')), 'b');
  assert.equal(okOut(await run('patch', 'cm', 'settings', '-p', '{"data":{"n":"1"}}', '-o', 'template={{.data.n}}')), '1');
  const bad = await run('get', 'cm', 'settings', '-o', 'go-template={{.data.alpha}} {{.data.nope.x}}', '--allow-missing-template-keys=false');
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr, 'error: error executing template "{{.data.alpha}} {{.data.nope.x}}": template: output:1:23: executing "output" at <.data.nope.x>: map has no entry for key "nope"\n');
  assert.ok(bad.stdout.startsWith('first Error executing template: template: output:1:23:'), bad.stdout);
  const parse = await run('label', 'cm', 'settings', 'z=1', '-o', 'go-template={{.x}');
  assert.deepEqual(parse, { stdout: '', stderr: "error: error parsing template {{.x}, template: output:1: bad character U+007D '}'\n", code: 1 });
  // a bad template changes nothing
  assert.equal(okOut(await run('get', 'cm', 'settings', '-o', 'go-template={{.metadata.labels.z}}')), '<no value>');
});
