// -o go-template (and the template-file / jsonpath flags) against kubectl v1.32's recorded
// output: test/fixtures/gotemplate/record.mjs ran each case through the installed kubectl.
// Each file case replays as `kubesim create -f FILE --dry-run=client ARGS`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ksAsync, tempHome, type Result } from './helpers.js';

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

test('the recording covers at least 100 templates', () => {
  assert.ok(cases.length >= 100, `${cases.length} cases`);
});

test('go-template cases match kubectl byte for byte', async () => {
  const home = tempHome();
  const results: Result[] = new Array(cases.length);
  let next = 0;
  // a few at a time: each case is a spawned kubesim
  await Promise.all(
    [0, 1, 2].map(async () => {
      while (next < cases.length) {
        const k = next++;
        const c = cases[k];
        const argv = c.kind === 'file' ? ['create', '-f', c.file!, '--dry-run=client', ...c.args] : c.args;
        results[k] = await ksAsync(home, argv);
      }
    }),
  );
  const failures: string[] = [];
  cases.forEach((c, k) => {
    const r = results[k];
    if (r.stdout !== c.stdout || r.stderr !== c.stderr || r.code !== c.code) {
      failures.push(`${c.name} ${JSON.stringify(c.args)}\n  want ${JSON.stringify({ stdout: c.stdout, stderr: c.stderr, code: c.code })}\n  got  ${JSON.stringify(r)}`);
    }
  });
  assert.deepEqual(failures, []);
});
