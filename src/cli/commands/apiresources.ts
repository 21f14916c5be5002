// kubectl api-resources and api-versions, over the resource catalogue (what ServerPreferredResources
// and ServerGroups would return from a v1.32 API server).
import { RESOURCES, apiVersionOf, discover, groupVersions, type ResourceInfo } from '../../api/resources.js';
import { UserError } from '../../api/errors.js';
import { TabWriter } from '../../printers/tabwriter.js';
import { stdio } from '../io.js';

/** sortableResource: by group (default), name or kind; ties keep discovery order (sort.Stable). */
const SORT_KEYS: Record<string, (r: ResourceInfo) => string> = {
  '': (r) => r.group,
  name: (r) => r.resource,
  kind: (r) => r.kind,
};

/** Go's strings.Compare: bytewise (never localeCompare). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function run(args: string[], opts: any): Promise<void> {
  const output: string = opts.output ?? '';
  const sortBy: string = opts.sortBy ?? '';
  if (output !== '' && output !== 'wide' && output !== 'name') throw new UserError(`error: --output ${output} is not available`);
  if (!(sortBy in SORT_KEYS)) throw new UserError('error: --sort-by accepts only name or kind');
  if (args.length) throw new UserError(`error: unexpected arguments: [${args.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples`);
  const verbs: string[] = opts.verbs ?? [];
  const categories: string[] = opts.categories ?? [];
  discover();
  const rs = RESOURCES.filter((r) =>
    r.verbs.length > 0 &&
    (opts.apiGroup === undefined || r.group === opts.apiGroup) &&
    (opts.namespaced === undefined || r.namespaced === opts.namespaced) &&
    verbs.every((v) => r.verbs.includes(v)) &&
    categories.every((c) => r.categories.includes(c)),
  );
  const key = SORT_KEYS[sortBy];
  rs.sort((a, b) => compare(key(a), key(b)));

  if (output === 'name') {
    stdio.out(rs.map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource) + '\n').join(''));
    return;
  }
  const tw = new TabWriter(6, 4, 3, ' ', 0);
  const wide = output === 'wide';
  if (opts.headers !== false) tw.write(wide ? 'NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\tVERBS\tCATEGORIES\n' : 'NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n');
  for (const r of rs) {
    const row = `${r.resource}\t${r.shortNames.join(',')}\t${apiVersionOf(r)}\t${r.namespaced}\t${r.kind}`;
    tw.write(wide ? `${row}\t${r.verbs.join(',')}\t${r.categories.join(',')}\n` : `${row}\n`);
  }
  stdio.out(tw.flush());
}

/** kubectl api-versions: every served group/version, sorted. */
export async function versions(args: string[]): Promise<void> {
  if (args.length) throw new UserError(`error: unexpected arguments: [${args.join(' ')}]\nSee 'kubectl api-versions -h' for help and examples`);
  const out: string[] = [];
  for (const g of groupVersions()) for (const v of g.versions) out.push(g.group ? `${g.group}/${v}` : v);
  out.sort(compare);
  stdio.out(out.map((l) => l + '\n').join(''));
}
