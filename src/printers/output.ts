// kubectl's non-table printers: -o yaml|json|name|jsonpath|custom-columns.
// Pure functions over plain objects; errors carry kubectl's wording.
import type { KObject } from '../api/types.js';
import { UserError } from '../api/errors.js';
import { kindPrefix, type ResourceInfo } from '../api/resources.js';
import { toYaml as yamlOf } from './yaml.js';
import { toJson as jsonOf, toCompactJson } from './json.js';
import { omitManagedFields } from './managedfields.js';
import {
  executeJsonPath,
  evalJsonPath,
  parseJsonPath,
  relaxedJsonPathExpression,
  goSprint,
  goSharpV,
  JsonPathParseError,
  JsonPathExecError,
  type JsonPathOptions,
} from './jsonpath.js';
import { newGetTabWriter } from './tabwriter.js';
import { parseGoTemplate, executeGoTemplate } from './gotemplate/index.js';

export { toCompactJson, evalJsonPath, relaxedJsonPathExpression };

/** -o yaml of an object (managedFields left out unless --show-managed-fields). */
export function toYaml(obj: unknown): string {
  return yamlOf(omitManagedFields(obj));
}

/** -o json of an object (managedFields left out unless --show-managed-fields). */
export function toJson(obj: unknown, sortKeys = true): string {
  return jsonOf(omitManagedFields(obj), sortKeys);
}

/** The List wrapper kubectl prints around several objects. */
export function listOf(items: KObject[]): KObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** -o name: `deployment.apps/x` per object, one per line. */
export function toName(objs: KObject[], info: ResourceInfo): string {
  return objs.map((o) => `${kindPrefix(info)}/${o.metadata?.name ?? ''}\n`).join('');
}

/** Go's %q */
function goQuoteString(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
}

/**
 * -o jsonpath=TEMPLATE over one object or a List. Missing keys print nothing
 * (--allow-missing-template-keys defaults to true). Errors are UserErrors
 * worded as kubectl words them.
 */
export function printJsonPath(template: string, objOrList: unknown, opts: JsonPathOptions = {}): string {
  try {
    parseJsonPath(template);
  } catch (e) {
    if (e instanceof JsonPathParseError) throw new UserError(`error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
  try {
    return executeJsonPath(template, objOrList, opts);
  } catch (e) {
    if (e instanceof JsonPathExecError || e instanceof JsonPathParseError) {
      const buf =
        `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${template}\n` +
        `\tobject given to jsonpath engine was:\n\t\t${goSharpV(objOrList)}\n\n`;
      throw new UserError(`error executing jsonpath ${goQuoteString(template)}: ${buf}\n`);
    }
    throw e;
  }
}

/** -o custom-columns=SPEC, or the columns of -o custom-columns-file= (cmd/get/customcolumn.go), laid out with the get tabwriter. */
export function printCustomColumns(spec: string | { header: string; path: string }[], objs: KObject[], noHeaders = false): string {
  if (spec.length === 0) throw new UserError('custom-columns format specified but no custom columns given');
  const cols: { header: string; path: string }[] = [];
  const specs: { header: string; path: string }[] = [];
  if (typeof spec === 'string') {
    for (const part of spec.split(',')) {
      const colon = part.indexOf(':');
      if (colon < 0) throw new UserError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
      specs.push({ header: part.slice(0, colon), path: part.slice(colon + 1) });
    }
  } else specs.push(...spec);
  for (const c of specs) {
    let path: string;
    try {
      path = relaxedJsonPathExpression(c.path);
      parseJsonPath(path);
    } catch (e) {
      if (e instanceof JsonPathParseError) throw new UserError(e.message);
      throw e;
    }
    cols.push({ header: c.header, path });
  }
  if (objs.length === 0) return '';
  const w = newGetTabWriter();
  if (!noHeaders) w.write(cols.map((c) => c.header).join('\t') + '\n');
  for (const o of objs) {
    const cells = cols.map((c) => {
      let values: unknown[][];
      try {
        values = findAll(c.path, o);
      } catch (e) {
        if (e instanceof JsonPathExecError) throw new UserError(e.message);
        throw e;
      }
      const strs: string[] = [];
      if (values.length === 0 || values[0].length === 0) strs.push('<none>');
      for (const vs of values) for (const v of vs) strs.push(goSprint(v));
      return strs.join(',');
    });
    w.write(cells.join('\t') + '\n');
  }
  return w.flush();
}

/**
 * -o go-template=TEMPLATE over one object or a List (cli-runtime GoTemplatePrinter).
 * `sortedRaw`: the object is unstructured in kubectl, so its JSON (in the error dump) has sorted keys.
 * On an execution error, `out` is what kubectl writes to stdout and `error` what it reports.
 */
export function printGoTemplate(template: string, objOrList: unknown, allowMissingKeys = true, sortedRaw = true): { out: string; error?: string } {
  const tmpl = parseGoTemplate(template);
  return executeGoTemplate(tmpl, objOrList, toCompactJson(objOrList, sortedRaw), allowMissingKeys);
}

/** All result sets of a template (custom-columns prints every one). */
function findAll(path: string, obj: unknown): unknown[][] {
  // evalJsonPath returns the first set; a single-action template only has one
  const first = evalJsonPath(path, obj);
  return [first];
}
