// kubectl's go-template printer (cli-runtime printers/template.go): Go's text/template
// over the object as JSON-decoded map[string]interface{}, with kubectl's extra
// functions and --allow-missing-template-keys.
import { Tree, ParseError, type TreeSet } from './parse.js';
import { execute, ExecError } from './exec.js';
import { hasFunction } from './funcs.js';
import { fromJson, MapStringIface, GV } from './value.js';
import { sprintf, goQuote } from './fmt.js';

export { ParseError, ExecError };

export interface GoTemplate {
  raw: string;
  trees: TreeSet;
}

/** template.New("output").Funcs(...).Parse(text); throws ParseError with Go's message. */
export function parseGoTemplate(text: string): GoTemplate {
  const trees: TreeSet = new Map();
  const t = new Tree('output');
  t.parse(text, trees, hasFunction);
  return { raw: text, trees };
}

export interface GoTemplateResult {
  /** what kubectl writes to stdout (partial output, then the debug dump on error) */
  out: string;
  /** the error kubectl returns, if execution failed */
  error?: string;
}

/**
 * Execute over one object (or a List). rawJson is json.Marshal of the object as
 * kubectl had it (the debug dump prints it verbatim).
 */
export function executeGoTemplate(tmpl: GoTemplate, obj: unknown, rawJson: string, allowMissingKeys: boolean): GoTemplateResult {
  const data = fromJson(obj ?? {}) ?? new GV(MapStringIface, new Map());
  const out: string[] = [];
  try {
    execute(tmpl.trees, 'output', data, { missingKeyError: !allowMissingKeys }, out);
    return { out: out.join('') };
  } catch (e) {
    if (!(e instanceof ExecError)) throw e;
    let buf = out.join('');
    buf += `Error executing template: ${e.message}. Printing more information for debugging the template:\n`;
    buf += `\ttemplate was:\n\t\t${tmpl.raw}\n`;
    buf += `\traw data was:\n\t\t${rawJson}\n`;
    buf += `\tobject given to template engine was:\n\t\t${sprintf('%+v', [data])}\n\n`;
    return { out: buf, error: `error executing template ${goQuote(tmpl.raw)}: ${e.message}` };
  }
}
