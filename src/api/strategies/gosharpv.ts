// Go's %#v of a decoded value, as field.Invalid renders struct values (`spec.template: Invalid value:
// core.PodTemplateSpec{...}: field is immutable`). Layouts come from goschema (the v1 structs, named with the
// internal package as the API server's validation sees them).
//
// kubesim: Go prints nested non-nil pointers as addresses (`(*core.Probe)(0xc000a1b2c0)`), which differ on
// every run; kubesim prints a fixed 0xc000000000.
import { goType, type GoType } from '../goschema.js';
import { goQuote } from '../gofmt.js';

const META = new Set(['ObjectMeta', 'LabelSelector', 'LabelSelectorRequirement', 'Time', 'MicroTime', 'OwnerReference', 'ManagedFieldsEntry', 'Duration', 'FieldsV1']);

/** `v1.Container` -> `core.Container` (metav1 types keep `v1.`). */
function internalName(name: string, pkg: string): string {
  return name.replace(/\bv1\.(\w+)/g, (_, n) => (META.has(n) ? `v1.${n}` : `${pkg}.${n}`));
}

function render(v: any, t: GoType, pkg: string, depth: number): string {
  const tn = internalName(t.name, pkg);
  switch (t.kind) {
    case 'ptr':
      if (v === undefined || v === null) return `(${tn})(nil)`;
      if (depth === 0) return '&' + render(v, t.elem!, pkg, depth);
      return `(${tn})(0xc000000000)`;
    case 'slice':
      if (!Array.isArray(v)) return `${tn}(nil)`;
      return `${tn}{${v.map((x) => render(x, t.elem!, pkg, depth + 1)).join(', ')}}`;
    case 'map':
      if (v === undefined || v === null) return `${tn}(nil)`;
      return `${tn}{${Object.keys(v).sort().map((k) => `${goQuote(k)}:${render(v[k], t.elem!, pkg, depth + 1)}`).join(', ')}}`;
    case 'struct':
      return `${tn}{${t.fields!.map((f) => `${f.go}:${render(f.inline ? v : v?.[f.json], goType(f.type), pkg, depth + 1)}`).join(', ')}}`;
    case 'string': return goQuote(typeof v === 'string' ? v : '');
    case 'int': return String(typeof v === 'number' ? v : 0);
    case 'bool': return String(v === true);
    case 'intstr':
      return typeof v === 'string' ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}` : `intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`;
    case 'time':
      return 'v1.Time{Time:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)}';
    case 'quantity':
      return `resource.MustParse(${goQuote(String(v ?? '0'))})`;
    default:
      return v === undefined || v === null ? 'nil' : goQuote(JSON.stringify(v));
  }
}

/** %#v of `v` decoded into Go type `goTypeName` (a goschema name such as `v1.PodTemplateSpec`). */
export function goSharpV(v: any, goTypeName: string, pkg = 'core'): string {
  return render(v, goType(goTypeName), pkg, 0);
}
