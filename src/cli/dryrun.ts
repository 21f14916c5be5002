// kubectl's --dry-run flag (cmdutil.GetDryRunStrategy): none|client|server, with the deprecation
// warnings klog prints for the bare flag (NoOptDefVal "unchanged") and for boolean values.
import { parseDryRun, type DryRun } from '../kubectl/flags.js';
import { klogLine } from './klog.js';
import { stdio } from './io.js';

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** The strategy of a --dry-run value as commander hands it over (true when the flag is bare). */
export function dryRunOf(v: string | boolean | undefined): DryRun {
  if (v === undefined) return 'none';
  if (v === true || v === 'unchanged') {
    stdio.err(klogLine('W', '--dry-run is deprecated and can be replaced with --dry-run=client.', 'helpers.go:702'));
    return 'client';
  }
  if (typeof v === 'string' && GO_TRUE.has(v)) {
    stdio.err(klogLine('W', `--dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=client.`, 'helpers.go:716'));
    return 'client';
  }
  if (v === false || (typeof v === 'string' && GO_FALSE.has(v))) {
    if (v !== false) stdio.err(klogLine('W', `--dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=none.`, 'helpers.go:719'));
    return 'none';
  }
  return parseDryRun(v);
}
