// `-o` dispatch shared by get, create, apply and friends: pick the printer for a format string
// (genericclioptions PrintFlags.ToPrinter: json/yaml, name, jsonpath, go-template, custom-columns).
import type { KObject } from '../api/types.js';
import { UserError } from '../api/errors.js';
import { kindPrefix, type ResourceInfo } from '../api/resources.js';
import { readTemplateFile, parseGoTemplateFlag, parseJsonPathFlag, parseCustomColumnsFile, type Column } from './templateflags.js';
import { stdio } from './io.js';

export type Format =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' | 'json' | 'name' }
  | { kind: 'jsonpath'; template: string; asJson?: boolean; allowMissingKeys?: boolean }
  | { kind: 'custom-columns'; spec: string; columns?: Column[]; noHeaders?: boolean }
  | { kind: 'go-template'; template: string; allowMissingKeys: boolean };

/** The printing flags of a command (-o, --template, --allow-missing-template-keys, --no-headers). */
export interface OutputFlags {
  output?: string;
  template?: string;
  allowMissingTemplateKeys?: boolean;
  headers?: boolean;
  noHeaders?: boolean;
}

/** get's PrintFlags.AllowedFormats, as NoCompatiblePrinterError prints them: sorted, comma-joined. */
const FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

const JSONPATH_FORMATS = ['jsonpath', 'jsonpath-file', 'jsonpath-as-json'];
const GO_TEMPLATE_FORMATS = ['template', 'go-template', 'go-template-file', 'templatefile'];
const COLUMNS_FORMATS = ['custom-columns', 'custom-columns-file'];

/** Split `-o FORMAT=VALUE` for one printer family; undefined when the family does not match. */
function templateArg(formats: string[], outputFormat: string, templateFlag: string | undefined): { format: string; value: string } | undefined {
  if (!templateFlag && outputFormat === '') return undefined;
  let format = outputFormat;
  let value = '';
  if (!templateFlag) {
    for (const f of formats) {
      if (outputFormat.startsWith(f + '=')) {
        value = outputFormat.slice(f.length + 1);
        format = f;
        break;
      }
    }
  } else value = templateFlag;
  if (!formats.includes(format)) return undefined;
  return { format, value };
}

/**
 * Parse the output flags (or a bare `-o` value). Template formats read their files and
 * parse their templates here, as kubectl does before acting, so a bad template changes nothing.
 */
export function parseFormat(flags: string | OutputFlags | undefined, allowed = FORMATS): Format {
  const f: OutputFlags = typeof flags === 'object' && flags !== null ? flags : { output: flags };
  let o = f.output ?? '';
  const templateFlag = f.template || undefined;
  // --template without an output format means go-template (kubectl's backwards compatibility)
  if (templateFlag && o === '') o = 'go-template';
  const allowMissingKeys = f.allowMissingTemplateKeys ?? true;
  if (o === '') return { kind: 'table', wide: false };
  if (o === 'wide') return { kind: 'table', wide: true };
  if (o === 'yaml' || o === 'json' || o === 'name') return { kind: o };
  const jp = templateArg(JSONPATH_FORMATS, o, templateFlag);
  if (jp) {
    if (!jp.value) throw new UserError('error: template format specified but no template given');
    const template = jp.format === 'jsonpath-file' ? readTemplateFile(jp.value) : jp.value;
    parseJsonPathFlag(template);
    return { kind: 'jsonpath', template, asJson: jp.format === 'jsonpath-as-json', allowMissingKeys };
  }
  const gt = templateArg(GO_TEMPLATE_FORMATS, o, templateFlag);
  if (gt) {
    if (!gt.value) throw new UserError('error: template format specified but no template given');
    const file = gt.format === 'templatefile' || gt.format === 'go-template-file';
    const template = file ? readTemplateFile(gt.value) : gt.value;
    parseGoTemplateFlag(template);
    return { kind: 'go-template', template, allowMissingKeys };
  }
  const cc = templateArg(COLUMNS_FORMATS, o, templateFlag);
  if (cc) {
    if (!cc.value) throw new UserError('error: custom-columns format specified but no custom columns given');
    const noHeaders = f.headers === false || f.noHeaders === true;
    if (cc.format === 'custom-columns-file') return { kind: 'custom-columns', spec: '', columns: parseCustomColumnsFile(cc.value) };
    return { kind: 'custom-columns', spec: cc.value, noHeaders };
  }
  throw new UserError(`error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowed}`);
}

/** PrintFlags without the table printers (events, wait): kubectl's list of what it accepts. */
const OBJECT_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** `-o` for commands that print objects but no tables; no `-o` gives the command's own output. */
export function parseObjectFormat(flags: string | OutputFlags | undefined): Format {
  const o = typeof flags === 'object' && flags !== null ? flags.output : flags;
  if (o !== undefined && /^(wide|custom-columns(-file)?)(=|$)/.test(o)) {
    throw new UserError(`error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${OBJECT_FORMATS}`);
  }
  return parseFormat(flags, OBJECT_FORMATS);
}

/** A List as kubectl prints several objects in yaml/json. */
export function asList(items: KObject[]): KObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

export interface PrintOptions {
  /**
   * The object is a typed Go struct in kubectl (generators' output): go-template's debug dump
   * then prints its JSON in field order, not with sorted keys as for unstructured objects.
   */
  typed?: boolean;
}

/** Print objects in a structured format (everything but tables). */
export async function printStructured(fmt: Format, objs: { info: ResourceInfo; obj: KObject }[], single: boolean, popts: PrintOptions = {}): Promise<string> {
  const out = await import('../printers/output.js');
  const items = objs.map((x) => x.obj);
  const subject = single && items.length === 1 ? items[0] : asList(items);
  switch (fmt.kind) {
    case 'yaml':
      return out.toYaml(subject);
    case 'json':
      return out.toJson(subject);
    case 'name':
      return objs.map((x) => `${kindPrefix(x.info)}/${x.obj.metadata?.name}\n`).join('');
    case 'jsonpath':
      return out.printJsonPath(fmt.template, subject, { allowMissingKeys: fmt.allowMissingKeys, asJson: fmt.asJson });
    case 'custom-columns':
      return out.printCustomColumns(fmt.columns ?? fmt.spec, items, fmt.noHeaders);
    case 'go-template':
      return renderGoTemplate(out, fmt, subject, popts.typed);
    default:
      throw new Error('not a structured format');
  }
}

/**
 * -o go-template over one object with the printers module in hand. On an execution error
 * kubectl writes what the template printed, then a debugging dump, to stdout before failing.
 */
export function renderGoTemplate(out: typeof import('../printers/output.js'), fmt: Format & { kind: 'go-template' }, obj: unknown, typed = false): string {
  const r = out.printGoTemplate(fmt.template, obj, fmt.allowMissingKeys, !typed);
  if (r.error !== undefined) {
    stdio.out(r.out);
    throw new UserError(r.error);
  }
  return r.out;
}
