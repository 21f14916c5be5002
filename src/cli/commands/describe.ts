// kubectl describe (TYPE [NAME...] | TYPE/NAME | -l SELECTOR | -f FILE | -k DIR)
import { namespaceOf } from '../context.js';
import { parseRequest } from '../../kubectl/builder.js';
import { fetch, noResourcesMessage, type Found } from '../../kubectl/query.js';
import { fetchFileTargets } from '../../kubectl/filetargets.js';
import { fileArgs } from '../manifests.js';
import { withCluster } from '../../store/session.js';
import { stdio, warnDeprecated } from '../io.js';
import { reportAggregate, reportErrors } from '../errors.js';

export async function run(args: string[], opts: any): Promise<void> {
  const files = fileArgs(args, opts, { aggregated: true });
  const req = files ? undefined : parseRequest(args, 'describe');
  const scope = { namespace: namespaceOf(opts), allNamespaces: !!opts.allNamespaces, selector: opts.selector };
  await withCluster({ cluster: opts.cluster, write: false }, async (s) => {
    const { describerFor, searchEvents } = await import('../../printers/describe/index.js');
    const c = s.cluster;
    const now = c.now();
    const show = opts.showEvents !== false;
    const fromFiles = files && fetchFileTargets(c, files, { namespace: scope.namespace, explicitNs: !!opts.namespace });
    const { found, errors }: { found: Found[]; errors: Error[] } = fromFiles || fetch(c, req!, scope);
    warnDeprecated(found.map((f) => f.info));
    const texts: string[] = [];
    for (const f of found) {
      const describe = describerFor(f.info.group, f.info.kind);
      for (const o of f.objects) {
        const events = show ? searchEvents(c, o, f.info.kind) : undefined;
        texts.push(describe(o, { view: c, events, now }));
      }
    }
    stdio.out(texts.join('\n\n'));
    const total = found.reduce((n, f) => n + f.objects.length, 0);
    if (total === 0 && errors.length === 0) stdio.err(noResourcesMessage(scope));
    if (errors.length) {
      await (fromFiles ? reportAggregate(errors) : reportErrors(errors));
    }
  });
}
