// Label and selector formatting used by the printers.
// kubesim: a private copy until src/api/selectors.ts provides selectorToString;
// kept here so the printers layer has no dependency on work in progress.

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** labels.FormatLabels: sorted k=v joined by ",", "<none>" when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort(goStringLess);
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** Go's sort.Strings order: byte-wise (UTF-8) comparison. */
export function goStringLess(a: string, b: string): number {
  if (a === b) return 0;
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return Buffer.compare(ba, bb);
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key,
 * matchLabels as `k=v`, In/NotIn as `k in (a,b)`, Exists `k`, DoesNotExist `!k`.
 * A nil selector selects nothing and an empty one everything; both print "".
 */
export function selectorString(sel: LabelSelector | undefined | null): string {
  if (!sel) return '';
  const reqs: { key: string; s: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, s: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...new Set(e.values ?? [])].sort(goStringLess);
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, s: `${e.key} in (${vals.join(',')})` });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, s: `${e.key} notin (${vals.join(',')})` });
        break;
      case 'Exists':
        reqs.push({ key: e.key, s: e.key });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, s: `!${e.key}` });
        break;
      default:
        reqs.push({ key: e.key, s: `${e.key} ${e.operator} (${vals.join(',')})` });
    }
  }
  // sort.Stable(ByKey): equal keys keep insertion order
  const sorted = reqs.map((r, i) => ({ ...r, i })).sort((a, b) => goStringLess(a.key, b.key) || a.i - b.i);
  return sorted.map((r) => r.s).join(',');
}

/** metav1.FormatLabelSelector: like selectorString but "<none>" when empty. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  const s = selectorString(sel);
  return s.length === 0 ? '<none>' : s;
}
