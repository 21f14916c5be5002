// Go fmt renderings the API server uses in error messages: %q for strings and %#v for the values field.Invalid
// carries (maps, LabelSelector, IntOrString, slices).

/** strconv.Quote / %q. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0x80 && c < 0xa0) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** %#v of a map[string]string: nil -> `map[string]string(nil)`, else sorted `{"k":"v", ...}`. */
export function goMapStringString(m: Record<string, string> | null | undefined): string {
  if (m === null || m === undefined) return 'map[string]string(nil)';
  return `map[string]string{${Object.keys(m).sort(byKey).map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(', ')}}`;
}

/** %#v of a []string. */
export function goStringSlice(v: string[] | null | undefined): string {
  if (v === null || v === undefined) return '[]string(nil)';
  return `[]string{${v.map(goQuote).join(', ')}}`;
}

/** %#v of a metav1.LabelSelector value. */
export function goLabelSelector(sel: any): string {
  const ml = sel?.matchLabels;
  const me = sel?.matchExpressions;
  const exprs = me === null || me === undefined
    ? '[]v1.LabelSelectorRequirement(nil)'
    : `[]v1.LabelSelectorRequirement{${me.map((e: any) => `v1.LabelSelectorRequirement{Key:${goQuote(e?.key ?? '')}, Operator:${goQuote(e?.operator ?? '')}, Values:${goStringSlice(e?.values)}}`).join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goMapStringString(ml)}, MatchExpressions:${exprs}}`;
}

/** %#v of an intstr.IntOrString (a JSON number or string). */
export function goIntOrString(v: any): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`;
}

/** fmt's %v of a JSON number as the API server decodes it: integers are int64, others a float64 (%e below 1e-4, from 1e21). */
export function goFloat(f: number): string {
  if (Number.isInteger(f)) return String(f);
  const exp = Math.floor(Math.log10(Math.abs(f)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = f.toExponential().split('e');
    const n = parseInt(e, 10);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(f);
}
