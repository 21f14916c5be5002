// The template printers' flag handling (genericclioptions GoTemplatePrintFlags,
// JSONPathPrintFlags, get's CustomColumnsPrintFlags): files, parsing, kubectl's messages.
import { readFileSync } from 'node:fs';
import { UserError } from '../api/errors.js';
import { parseGoTemplate, ParseError } from '../printers/gotemplate/index.js';
import { parseJsonPath, JsonPathParseError } from '../printers/jsonpath.js';

export interface Column {
  header: string;
  path: string;
}

/** Go's os error text for a failed open/read of path. */
export function goOsError(e: NodeJS.ErrnoException, path: string): string {
  const why: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
  };
  const op = e.code === 'EISDIR' ? 'read' : 'open';
  return `${op} ${path}: ${why[e.code ?? ''] ?? e.message}`;
}

function readFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`error reading ${what} ${path}, ${goOsError(e as NodeJS.ErrnoException, path)}\n`);
  }
}

/** -o go-template-file= / templatefile= / jsonpath-file= */
export function readTemplateFile(path: string): string {
  return readFile(path, '--template');
}

/** Parse now, so a bad template fails the command before it acts. */
export function parseGoTemplateFlag(template: string): void {
  try {
    parseGoTemplate(template);
  } catch (e) {
    if (e instanceof ParseError) throw new UserError(`error parsing template ${template}, ${e.message}\n`);
    throw e;
  }
}

/** -o jsonpath=: parsed before the command acts, as kubectl's JSONPathPrintFlags.ToPrinter does. */
export function parseJsonPathFlag(template: string): void {
  try {
    parseJsonPath(template);
  } catch (e) {
    if (e instanceof JsonPathParseError) throw new UserError(`error parsing jsonpath ${template}, ${e.message}\n`);
    throw e;
  }
}

/** -o custom-columns-file=: one line of headers, one line of JSONPath specs. */
export function parseCustomColumnsFile(path: string): Column[] {
  const text = readFile(path, 'template');
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const usage = 'Expected format is one line of space separated headers, one line of space separated column specs.';
  if (text === '' || lines.length < 1) throw new UserError(`invalid template, missing header line. ${usage}`);
  if (lines.length < 2 || (lines.length === 2 && lines[1] === '')) throw new UserError(`invalid template, missing spec line. ${usage}`);
  const fields = (s: string) => s.split(/\s+/).filter((x) => x !== '');
  const headers = fields(lines[0]);
  const specs = fields(lines[1]);
  if (headers.length !== specs.length) throw new UserError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  // the specs are relaxed and parsed by the printer (src/printers/output.ts)
  return headers.map((header, i) => ({ header, path: specs[i] }));
}
