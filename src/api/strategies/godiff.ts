// A rendering in the shape of go-cmp's cmp.Diff(old, new) for two decoded structs, as the API server appends to
// some Forbidden messages (pod updates). Field names and order come from the Go struct layouts (goschema).
import { goType, type GoType } from '../goschema.js';
import { goQuote } from '../gofmt.js';
import { isObj, semanticEqual } from './field.js';

const isEmpty = (v: any) => v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);

/** A value as go-cmp prints it inside a struct literal (types elided, pointers as &). */
function lit(v: any, t: GoType | undefined): string {
  if (t?.kind === 'ptr') return v === undefined || v === null ? 'nil' : '&' + lit(v, t.elem);
  if (v === undefined || v === null) {
    if (t && (t.kind === 'slice' || t.kind === 'map')) return 'nil';
    if (t?.kind === 'string') return '""';
    if (t?.kind === 'int') return '0';
    if (t?.kind === 'bool') return 'false';
    if (t?.kind === 'struct') return '{}';
    return 'nil';
  }
  if (typeof v === 'string') return goQuote(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `{${v.map((x) => lit(x, t?.elem)).join(', ')}}`;
  if (t?.kind === 'map' || !t?.fields) return `{${Object.keys(v).sort().map((k) => `${goQuote(k)}: ${lit(v[k], t?.elem)}`).join(', ')}}`;
  const parts: string[] = [];
  for (const f of t.fields) {
    const ft = goType(f.type);
    const x = f.inline ? v : v[f.json];
    if (!f.inline && isEmpty(x)) continue;
    parts.push(`${f.go}: ${lit(x, ft)}`);
  }
  return `{${parts.join(', ')}}`;
}

/** A changed field's value: a map or slice literal shows its type, as go-cmp does when the other side is nil. */
function top(v: any, t: GoType): string {
  if ((t.kind === 'map' || t.kind === 'slice') && !isEmpty(v)) return t.name.replace(/\bv1\./g, 'core.') + lit(v, t);
  return lit(v, t);
}

/** `  core.PodSpec{ ... }` with `-`/`+` lines for the fields that differ and counts of identical ones. */
export function goDiff(typeLabel: string, goTypeName: string, oldV: any, newV: any): string {
  const t = goType(goTypeName);
  const lines = [`  ${typeLabel}{`];
  let same = 0;
  const flush = () => { if (same) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`); same = 0; };
  for (const f of t.fields ?? []) {
    const a = oldV?.[f.json];
    const b = newV?.[f.json];
    if (semanticEqual(a, b)) { same++; continue; }
    flush();
    const ft = goType(f.type);
    lines.push(`- \t${f.go}: ${top(a, ft)},`);
    lines.push(`+ \t${f.go}: ${top(b, ft)},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n') + '\n';
}
