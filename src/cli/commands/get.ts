// kubectl get
import { namespaceOf } from '../context.js';
import { UserError } from '../../api/errors.js';
import { parseRequest } from '../../kubectl/builder.js';
import { fetch, noResourcesMessage, type Scope } from '../../kubectl/query.js';
import { withCluster } from '../../store/session.js';
import { parseFormat, printStructured } from '../output.js';
import { stdio } from '../io.js';
import { reportErrors } from '../errors.js';

export async function run(args: string[], opts: any): Promise<void> {
  if (opts.raw !== undefined) {
    const r = await import('./getraw.js');
    r.validateRaw(String(opts.raw), args, opts);
    return r.rawGet(String(opts.raw), opts);
  }
  if (opts.outputWatchEvents && !(opts.watch || opts.watchOnly)) throw new UserError('error: --output-watch-events option can only be used with --watch or --watch-only');
  if (opts.watch || opts.watchOnly) {
    const w = await import('./watch.js');
    return w.runWatch(args, opts);
  }
  const fmt = parseFormat(opts);
  const req = parseRequest(args, 'get');
  const scope: Scope = { namespace: namespaceOf(opts), allNamespaces: !!opts.allNamespaces, selector: opts.selector, fieldSelector: opts.fieldSelector };
  await withCluster({ cluster: opts.cluster, write: false }, async (s) => {
    const now = s.cluster.now();
    const { found, errors } = fetch(s.cluster, req, scope);
    let out = '';
    let total = 0;
    for (const f of found) total += f.objects.length;
    if (opts.sortBy) {
      const { sortByJsonPath } = await import('../../printers/tables.js');
      const { evalJsonPath } = await import('../../printers/output.js');
      for (const f of found) f.objects = sortByJsonPath(f.objects, opts.sortBy, evalJsonPath);
    }
    if (fmt.kind === 'table') {
      const { printTable } = await import('../../printers/tables.js');
      const sections = found.filter((f) => f.objects.length > 0);
      // --show-kind asks for the `kind.group/` prefix whatever the number of types
      const withKind = !!opts.showKind || (req.multi && sections.length > 0 && (sections.length > 1 || req.targets.length > 1));
      out = sections
        .map((f) => printTable(f.info, f.objects, {
          now,
          wide: fmt.wide,
          showLabels: !!opts.showLabels,
          labelColumns: opts.labelColumns,
          noHeaders: (opts.headers === false || opts.noHeaders === true),
          withNamespace: !!opts.allNamespaces && f.info.namespaced,
          withKind,
        }))
        .join((opts.headers === false || opts.noHeaders === true) ? '' : '\n');
    } else if (total > 0 || fmt.kind === 'yaml' || fmt.kind === 'json' || fmt.kind === 'jsonpath' || fmt.kind === 'go-template') {
      if (total > 0 || !req.single) {
        const objs = found.flatMap((f) => f.objects.map((obj) => ({ info: f.info, obj })));
        if (objs.length > 0 || errors.length === 0) out = await printStructured(fmt, objs, req.single);
      }
    }
    stdio.out(out);
    if (total === 0 && errors.length === 0 && (fmt.kind === 'table' || fmt.kind === 'name' || fmt.kind === 'custom-columns')) {
      stdio.err(noResourcesMessage(scope, req.targets.some((t) => t.info.namespaced)));
    }
    if (errors.length) {
      if (opts.ignoreNotFound) return;
      await reportErrors(errors);
    }
  });
}
