// kubectl's editor plumbing (staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editor.go): pick the editor from
// KUBE_EDITOR / EDITOR (default vi), run it on a temp file `kubectl-edit-XXXXX.yaml`, read the file back.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { goQuote } from '../api/gofmt.js';

export interface Editor {
  args: string[];
  shell: boolean;
}

/** defaultEnvEditor: an editor with spaces but no quotes or backslashes is split on spaces; otherwise `$SHELL -c`. */
export function editorFromEnv(env: NodeJS.ProcessEnv = process.env): Editor {
  let editor = '';
  for (const name of ['KUBE_EDITOR', 'EDITOR']) {
    editor = env[name] ?? '';
    if (editor) break;
  }
  if (!editor) editor = 'vi';
  if (!editor.includes(' ')) return { args: [editor], shell: false };
  if (!/["'\\]/.test(editor)) return { args: editor.split(' '), shell: false };
  return { args: [env.SHELL || '/bin/bash', '-c', editor], shell: true };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

function tempFile(prefix: string, suffix: string, content: string): string {
  const dir = os.tmpdir();
  for (let i = 0; i < 10000; i++) {
    let r = '';
    for (let k = 0; k < 5; k++) r += LETTERS[Math.floor(Math.random() * LETTERS.length)];
    const name = path.join(dir, prefix + r + suffix);
    try {
      fs.writeFileSync(name, content, { flag: 'wx', mode: 0o600 });
      return name;
    } catch (e: any) {
      if (e?.code === 'EEXIST') continue;
      throw e;
    }
  }
  throw new Error('unable to create a temporary file');
}

export class EditorError extends Error {
  constructor(message: string, public file: string) {
    super(message);
  }
}

/** LaunchTempFile: the edited bytes and the file's path. */
export function launchTempFile(ed: Editor, prefix: string, suffix: string, content: string): { edited: string; file: string } {
  const file = tempFile(prefix, suffix, content);
  const abs = path.resolve(file);
  const args = [...ed.args];
  if (ed.shell) args[args.length - 1] = `${args[args.length - 1]} ${goQuote(abs)}`;
  else args.push(abs);
  const r = spawnSync(args[0], args.slice(1), { stdio: 'inherit' });
  const shown = ed.args.join(' ');
  if (r.error && (r.error as any).code === 'ENOENT') throw new EditorError(`unable to launch the editor ${goQuote(shown)}`, file);
  if (r.error || r.status !== 0) throw new EditorError(`there was a problem with the editor ${goQuote(shown)}`, file);
  return { edited: fs.readFileSync(file, 'utf8'), file };
}
