// kubectl get
import { namespaceOf } from '../context.js';
import { UserError } from '../../api/errors.js';
import { parseRequest } from '../../kubectl/builder.js';
import { fetch, noResourcesMessage, type Found, type Scope } from '../../kubectl/query.js';
import { fetchFileTargets } from '../../kubectl/filetargets.js';
import { fileArgs } from '../manifests.js';
import { withCluster } from '../../store/session.js';
import { parseFormat, printStructured } from '../output.js';
import { stdio, warnDeprecated } from '../io.js';
import { reportAggregate, reportErrors } from '../errors.js';

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
  const files = fileArgs(args, opts, { aggregated: true });
  let req = files ? undefined : parseRequest(args, 'get');
  const sub = opts.subresource !== undefined ? await import('./getsubresource.js') : undefined;
  let routeErrors: Error[] = [];
  if (sub && req) ({ req, errors: routeErrors } = sub.subresourceRequest(req, String(opts.subresource)));
  const scope: Scope = { namespace: namespaceOf(opts), allNamespaces: !!opts.allNamespaces, selector: opts.selector, fieldSelector: opts.fieldSelector };
  await withCluster({ cluster: opts.cluster, write: false }, async (s) => {
    const now = s.cluster.now();
    // get does not hold the files' namespaces to -n: each object is looked up where it says
    const fromFiles = files && fetchFileTargets(s.cluster, files, { namespace: scope.namespace, explicitNs: false });
    let { found, errors }: { found: Found[]; errors: Error[] } = fromFiles || fetch(s.cluster, req!, scope);
    if (sub) {
      found = sub.subresourceView(found, String(opts.subresource));
      errors = [...routeErrors, ...errors];
    }
    warnDeprecated(found.map((f) => f.info));
    // objects named by files: one is printed bare, several kinds get the kind prefix
    const single = fromFiles ? fromFiles.count === 1 : req!.single;
    let out = '';
    let total = 0;
    for (const f of found) total += f.objects.length;
    if (opts.sortBy) {
      const { sortedAnswers } = await import('./getsort.js');
      found = sortedAnswers(found, String(opts.sortBy), fmt.kind === 'table', fromFiles ? undefined : req, String(s.cluster.state.resourceVersion));
    }
    if (fmt.kind === 'table') {
      const { printTable } = await import('../../printers/tables.js');
      const sections = found.filter((f) => f.objects.length > 0);
      // --show-kind asks for the `kind.group/` prefix whatever the number of types; otherwise kubectl prefixes when the
      // answers it got (a table per type listed, even an empty one; none for a name not found) span several kinds
      const fetched = fromFiles ? 0 : new Set(found.filter((f, i) => f.objects.length > 0 || !req!.targets[i]?.names.length).map((f) => f.info.resource)).size;
      const withKind = !!opts.showKind || (fromFiles ? fromFiles.kinds > 1
        : req!.multi && sections.length > 0 && fetched > 1);
      out = sections
        .map((f) => printTable(f.info, f.objects, {
          now,
          wide: fmt.wide,
          showLabels: !!opts.showLabels,
          labelColumns: opts.labelColumns,
          noHeaders: (opts.headers === false || opts.noHeaders === true),
          withNamespace: !!opts.allNamespaces && f.info.namespaced,
          withKind,
          objectMeta: opts.serverPrint === false,
        }))
        .join((opts.headers === false || opts.noHeaders === true) ? '' : '\n');
    } else if (total > 0 || fmt.kind === 'yaml' || fmt.kind === 'json' || fmt.kind === 'jsonpath' || fmt.kind === 'go-template') {
      if (total > 0 || !single) {
        const objs = found.flatMap((f) => f.objects.map((obj) => ({ info: f.info, obj })));
        if (objs.length > 0 || errors.length === 0) out = await printStructured(fmt, objs, single);
      }
    }
    stdio.out(out);
    // (a table whose sort failed prints nothing, as if there were nothing)
    if ((total === 0 || (fmt.kind === 'table' && out === '')) && errors.length === 0 && (fmt.kind === 'table' || fmt.kind === 'name' || fmt.kind === 'custom-columns')) {
      stdio.err(noResourcesMessage(scope, fromFiles ? true : req!.targets.some((t) => t.info.namespaced)));
    }
    if (errors.length) {
      if (opts.ignoreNotFound) return;
      await (fromFiles ? reportAggregate(errors) : reportErrors(errors));
    }
  });
}
