// kubectl rollout history / undo --dry-run text (polymorphichelpers/history.go).
import { TabWriter } from './tabwriter.js';
import { describePodTemplate } from './describe/pod.js';

export interface HistoryRevision {
  revision: number;
  changeCause?: string;
}

/**
 * The list form: a NamePrinter line with operation "\n" + table, hence the
 * trailing space after the name and the blank final line.
 */
export function printHistoryTable(resourcePrefix: string, name: string, revisions: HistoryRevision[]): string {
  if (revisions.length === 0) return `${resourcePrefix}/${name} \nNo rollout history found.\n`;
  const sorted = [...revisions].sort((a, b) => a.revision - b.revision);
  const w = new TabWriter(0, 8, 2, ' ', 0);
  w.write('REVISION\tCHANGE-CAUSE\n');
  for (const r of sorted) w.write(`${r.revision}\t${r.changeCause ? r.changeCause : '<none>'}\n`);
  return `${resourcePrefix}/${name} \n${w.flush()}\n`;
}

/** `--revision=N`: header line then the raw (tab-bearing) pod template. */
export function printRevision(resourcePrefix: string, name: string, revision: number, template: any): string {
  return `${resourcePrefix}/${name} with revision #${revision}\n${describePodTemplate(template, true)}\n`;
}

/** `rollout undo --dry-run`: the template kubectl would roll back to. */
export function printUndoDryRun(resourcePrefix: string, name: string, template: any): string {
  return `${resourcePrefix}/${name} ${describePodTemplate(template, true)} (dry run)\n`;
}
