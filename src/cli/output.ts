// `-o` dispatch shared by get, create, apply and friends: pick the printer for a format string.
import type { KObject } from '../api/types.js';
import { UserError } from '../api/errors.js';
import { kindPrefix, type ResourceInfo } from '../api/resources.js';

export type Format =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' | 'json' | 'name' }
  | { kind: 'jsonpath'; template: string }
  | { kind: 'custom-columns'; spec: string };

const FORMATS = 'json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide';

export function parseFormat(o: string | undefined, allowed = FORMATS): Format {
  if (o === undefined || o === '') return { kind: 'table', wide: false };
  if (o === 'wide') return { kind: 'table', wide: true };
  if (o === 'yaml' || o === 'json' || o === 'name') return { kind: o };
  const eq = o.indexOf('=');
  const k = eq >= 0 ? o.slice(0, eq) : o;
  const v = eq >= 0 ? o.slice(eq + 1) : '';
  if (k === 'jsonpath' || k === 'jsonpath-as-json') {
    if (!v) throw new UserError('error: template format specified but no template given');
    return { kind: 'jsonpath', template: v };
  }
  if (k === 'custom-columns') {
    if (!v) throw new UserError('error: custom-columns format specified but no custom columns given');
    return { kind: 'custom-columns', spec: v };
  }
  throw new UserError(`error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowed}`);
}

/** PrintFlags without the table printers (events, wait): kubectl's list of what it accepts. */
const OBJECT_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** `-o` for commands that print objects but no tables; no `-o` gives the command's own output. */
export function parseObjectFormat(o: string | undefined): Format {
  if (o !== undefined && /^(wide|custom-columns(-file)?)(=|$)/.test(o)) {
    throw new UserError(`error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${OBJECT_FORMATS}`);
  }
  return parseFormat(o, OBJECT_FORMATS);
}

/** A List as kubectl prints several objects in yaml/json. */
export function asList(items: KObject[]): KObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Print objects in a structured format (everything but tables). */
export async function printStructured(fmt: Format, objs: { info: ResourceInfo; obj: KObject }[], single: boolean): Promise<string> {
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
      return out.printJsonPath(fmt.template, subject);
    case 'custom-columns':
      return out.printCustomColumns(fmt.spec, items);
    default:
      throw new Error('not a structured format');
  }
}
