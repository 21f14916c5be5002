// kubectl api-resources
import { RESOURCES, apiVersionOf } from '../../api/resources.js';
import { TabWriter } from '../../printers/tabwriter.js';
import { stdio } from '../io.js';

export async function run(_args: string[], opts: any): Promise<void> {
  let rs = [...RESOURCES].sort((a, b) => (a.group === b.group ? a.resource.localeCompare(b.resource) : a.group.localeCompare(b.group)));
  if (opts.apiGroup !== undefined) rs = rs.filter((r) => r.group === opts.apiGroup);
  if (opts.namespaced !== undefined) rs = rs.filter((r) => r.namespaced === opts.namespaced);
  if (opts.output === 'name') {
    stdio.out(rs.map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource) + '\n').join(''));
    return;
  }
  const tw = new TabWriter(6, 4, 3, ' ', 0);
  if (opts.headers !== false) tw.write('NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n');
  for (const r of rs) tw.write(`${r.resource}\t${r.shortNames.join(',')}\t${apiVersionOf(r)}\t${r.namespaced}\t${r.kind}\n`);
  stdio.out(tw.flush());
}
