// The editor loop every kubectl edit mode shares (editoptions.go, EditOptions.Run's editFn): the buffer
// (a header with the last round's failures, then the objects) in the editor; cancel when nothing changed or
// the file was emptied; reopen with the failures when the file does not parse or an object was invalid;
// otherwise hand the edited objects to the mode (patch them: `edit`; create them: `create --edit`; set
// their annotation: `apply edit-last-applied`).
import fs from 'node:fs';
import type { KObject } from '../api/types.js';
import { UserError } from '../api/errors.js';
import { goQuote } from '../api/gofmt.js';
import { sortKeysDeep } from '../api/gojson.js';
import { yamlToJsonValue } from '../api/decode.js';
import { editorFromEnv, EditorError, launchTempFile } from '../kubectl/editor.js';
import { stdio } from './io.js';

const OBJECT_HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n' +
  '#\n';
const APPLY_HEADER =
  "# Please edit the 'last-applied-configuration' annotations below.\n" +
  "# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n#\n";

export interface Reason {
  head: string;
  other: string[];
}

/** What one round's visit found (editResults): reasons reopen the editor; retryable and notfound end it. */
export interface EditResults {
  reasons: Reason[];
  edit: number;
  notfound: number;
  retryable: number;
}

export interface EditMode {
  /** the buffer is JSON (no header) rather than YAML */
  json: boolean;
  /** ApplyEditMode's header instead of the object one */
  applyHeader?: boolean;
  /** the objects as first shown */
  printed: string;
  /** the edited file's objects; throwing is a syntax error (the editor reopens with it) */
  parse(text: string): KObject[];
  /** the mode's work on the edited objects; throwing ends the command with the file kept */
  visit(updated: KObject[], results: EditResults, file: string): Promise<void>;
}

/** hashOnLineBreak: continuation lines of a reason stay comments. */
function hashOnLineBreak(s: string): string {
  let r = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\n' && i + 1 < s.length && s[i + 1] !== '#') r += '\n# ';
    else r += s[i];
  }
  return r;
}

/** editHeader.writeTo */
function header(mode: EditMode, reasons: Reason[]): string {
  let h = mode.applyHeader ? APPLY_HEADER : OBJECT_HEADER;
  for (const r of reasons) {
    h += r.other.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) h += `# * ${hashOnLineBreak(o)}\n`;
    h += '#\n';
  }
  return h;
}

/** cmdutil.ManualStrip: drop comment lines (not `#!`). */
function manualStrip(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    const t = line.trim();
    if (t.startsWith('#') && !t.startsWith('#!')) return;
    out.push(line + (i < lines.length - 1 ? '\n' : ''));
  });
  return out.join('');
}

/** cmdutil.StripComments: the YAML as (sorted) JSON, or the text without comment lines when it does not parse. */
function stripComments(text: string): string {
  if (/^\s*\{/.test(text)) return text;
  try {
    return JSON.stringify(sortKeysDeep(yamlToJsonValue(text)));
  } catch {
    return manualStrip(text);
  }
}

function hasLines(text: string): boolean {
  return text.split('\n').some((l) => {
    const t = l.trim();
    return t.length > 0 && t[0] !== '#';
  });
}

/** preservedFile: the edited file is kept, and named before the error. */
function preserved(file: string): void {
  if (file && fs.existsSync(file)) stdio.err(`A copy of your changes has been stored to ${goQuote(file)}\n`);
}

/** One editing session; resolves when it ends well or is cancelled, sets exit status 1 when edits were left over. */
export async function runEditLoop(mode: EditMode): Promise<void> {
  const editor = editorFromEnv();
  const suffix = mode.json ? '.json' : '.yaml';
  let reasons: Reason[] = [];
  let resultsFile = '';
  let original = '';
  let edited = '';
  let containsError = false;
  for (;;) {
    let buf = mode.json ? '' : header(mode, reasons);
    if (!containsError) {
      buf += mode.printed;
      original = buf;
    } else {
      buf += manualStrip(edited);
    }
    const previous = edited;
    let file: string;
    try {
      ({ edited, file } = launchTempFile(editor, 'kubectl-edit-', suffix, buf));
    } catch (e) {
      if (e instanceof EditorError) {
        preserved(resultsFile);
        throw new UserError(`error: ${e.message}`);
      }
      throw e;
    }
    if (containsError && stripComments(previous) === stripComments(edited)) {
      preserved(file);
      throw new UserError('error: Edit cancelled, no valid changes were saved.');
    }
    if (resultsFile) fs.rmSync(resultsFile, { force: true });
    if (stripComments(original) === stripComments(edited)) {
      fs.rmSync(file, { force: true });
      stdio.err('Edit cancelled, no changes made.\n');
      return;
    }
    if (!hasLines(edited)) {
      fs.rmSync(file, { force: true });
      stdio.err('Edit cancelled, saved file was empty.\n');
      return;
    }
    resultsFile = file;
    reasons = [];
    let updated: KObject[];
    try {
      updated = mode.parse(edited);
    } catch (e) {
      containsError = true;
      reasons.push({ head: `The edited file had a syntax error: ${(e as Error).message.replace(/^error: /, '')}`, other: [] });
      continue;
    }
    containsError = false;
    const results: EditResults = { reasons, edit: 0, notfound: 0, retryable: 0 };
    try {
      await mode.visit(updated, results, file);
    } catch (e) {
      preserved(file);
      throw e;
    }
    if (results.retryable > 0) {
      stdio.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
      process.exitCode = 1;
      return;
    }
    if (results.notfound > 0) {
      stdio.err(`The edits you made on deleted resources have been saved to ${goQuote(file)}\n`);
      process.exitCode = 1;
      return;
    }
    if (results.edit === 0) {
      fs.rmSync(file, { force: true });
      return;
    }
    if (reasons.length > 0) containsError = true;
  }
}
