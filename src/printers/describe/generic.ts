// genericDescriber (describe.go): kinds without a describer print every field of the object.
import type { KObject } from '../../api/types.js';
import { goStringLess } from '../labels.js';
import { PrefixWriter, LEVEL_0 } from './writer.js';
import { printLabelsMultiline, printAnnotationsMultiline, describeEventsInto } from './common.js';
import type { DescribeContext } from './context.js';

const COMMON_ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

const charClass = (c: string) => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4);

/** github.com/fatih/camelcase.Split */
export function camelcaseSplit(src: string): string[] {
  const runs: string[][] = [];
  let last = 0;
  for (const c of src) {
    const cls = charClass(c);
    if (cls === last && runs.length > 0) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = cls;
  }
  // an upper run followed by a lower one gives its last letter to it: "HTTPServer" -> HTTP, Server
  for (let i = 0; i < runs.length - 1; i++) {
    if (charClass(runs[i][0]) === 2 && charClass(runs[i + 1][0]) === 1) {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** smartLabelFor: "apiVersion" -> "API Version"; fields with other than letters and '-' unchanged. */
export function smartLabelFor(field: string): string {
  for (const c of field) if (c !== '-' && !/\p{L}/u.test(c)) return field;
  const out: string[] = [];
  for (let part of camelcaseSplit(field)) {
    if (part === '_') continue;
    if (COMMON_ACRONYMS.includes(part.toUpperCase())) part = part.toUpperCase();
    else part = part.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, a, b) => a + b.toUpperCase());
    out.push(part);
  }
  return out.join(' ');
}

/** Go's %v for a JSON value inside unstructured content. */
function goValue(v: any): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.keys(v).sort(goStringLess).map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
  return String(v);
}

/** printUnstructuredContent: fields sorted, maps and lists as indented blocks, skipped paths left out. */
export function printUnstructuredContent(w: PrefixWriter, level: number, content: Record<string, any>, skipPrefix: string, skip: string[]): void {
  for (const field of Object.keys(content).sort(goStringLess)) {
    const value = content[field];
    const skipExpr = `${skipPrefix}.${field}`;
    if (skip.includes(skipExpr)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value, skipExpr, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) printUnstructuredContent(w, level + 1, child, skipExpr, skip);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

/** genericDescriber.Describe */
export function describeGeneric(o: KObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const md = o.metadata ?? {};
  w.write(LEVEL_0, `Name:\t${md.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', md.labels);
  printAnnotationsMultiline(w, 'Annotations', md.annotations);
  printUnstructuredContent(w, LEVEL_0, o, '', ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
  if (ctx.events) describeEventsInto(w, ctx.events, ctx.now);
  return w.toString();
}
