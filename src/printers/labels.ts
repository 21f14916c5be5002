// Label and selector formatting used by the printers.
// kubesim: a private copy until src/api/selectors.ts provides selectorToString;
// kept here so the printers layer has no dependency on work in progress.

import { formatSelector, labelSelectorAsSelector } from '../api/selectors.js';

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
 * metav1.LabelSelectorAsSelector(sel).String() (the one implementation lives in src/api/selectors.ts).
 * A nil selector selects nothing and an empty one everything; both print "".
 */
export function selectorString(sel: LabelSelector | undefined | null): string {
  if (!sel) return '';
  return formatSelector(labelSelectorAsSelector(sel as any));
}

/** metav1.FormatLabelSelector: like selectorString but "<none>" when empty. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  const s = selectorString(sel);
  return s.length === 0 ? '<none>' : s;
}
