// kubectl top pod|node: the simulated metrics API's usage in kubectl's format (src/kubectl/top.ts).
import { namespaceOf } from '../context.js';
import { UserError } from '../../api/errors.js';
import { withCluster } from '../../store/session.js';
import { stdio } from '../io.js';

export async function pods(args: string[], opts: any): Promise<void> {
  if (args.length > 1) throw new UserError('error: only one pod name can be specified');
  const { topPods } = await import('../../kubectl/top.js');
  await withCluster({ cluster: opts.cluster, write: false }, (s) => {
    const r = topPods(s.cluster, {
      namespace: namespaceOf(opts), allNamespaces: !!opts.allNamespaces, name: args[0], selector: opts.selector,
      fieldSelector: opts.fieldSelector, containers: !!opts.containers, noHeaders: opts.headers === false || opts.noHeaders === true, sortBy: opts.sortBy ?? '', sum: !!opts.sum,
    });
    if (r.err) stdio.err(r.err);
    stdio.out(r.out);
  });
}

export async function nodes(args: string[], opts: any): Promise<void> {
  if (args.length > 1) throw new UserError('error: only one node name can be specified');
  const { topNodes } = await import('../../kubectl/top.js');
  await withCluster({ cluster: opts.cluster, write: false }, (s) => {
    stdio.out(topNodes(s.cluster, { name: args[0], selector: opts.selector, noHeaders: opts.headers === false || opts.noHeaders === true, sortBy: opts.sortBy ?? '', showCapacity: !!opts.showCapacity }));
  });
}
