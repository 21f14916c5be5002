// kubectl describe (TYPE [NAME...] | TYPE/NAME | -l SELECTOR)
import type { KObject } from '../../api/types.js';
import { parseRequest } from '../../kubectl/builder.js';
import { fetch, noResourcesMessage } from '../../kubectl/query.js';
import { withCluster } from '../../store/session.js';
import type { Cluster } from '../../store/cluster.js';
import { stdio } from '../io.js';
import { reportErrors } from '../errors.js';

function eventsFor(c: Cluster, o: KObject, show: boolean): KObject[] | undefined {
  if (!show) return undefined;
  const uid = o.metadata?.uid;
  const ns = o.metadata?.namespace;
  return c.list('events', ns ?? undefined).filter((e) => e.involvedObject?.uid === uid);
}

export async function run(args: string[], opts: any): Promise<void> {
  const req = parseRequest(args, 'describe');
  const scope = { namespace: opts.namespace || 'default', allNamespaces: !!opts.allNamespaces, selector: opts.selector };
  await withCluster({ cluster: opts.cluster, write: false }, async (s) => {
    const d = await import('../../printers/describe/index.js');
    const c = s.cluster;
    const now = c.now();
    const show = opts.showEvents !== false;
    const { found, errors } = fetch(c, req, scope);
    const texts: string[] = [];
    for (const f of found) {
      for (const o of f.objects) {
        const ev = eventsFor(c, o, show);
        switch (f.info.resource) {
          case 'deployments':
            texts.push(d.describeDeployment(o, c.listControlledBy('replicasets', o.metadata!.uid!), ev, now));
            break;
          case 'replicasets':
            texts.push(d.describeReplicaSet(o, c.listControlledBy('pods', o.metadata!.uid!), ev, now));
            break;
          case 'pods':
            texts.push(d.describePod(o, ev, now));
            break;
          case 'nodes':
            texts.push(d.describeNode(o, c.list('pods').filter((p) => p.spec?.nodeName === o.metadata!.name), ev, now));
            break;
          case 'namespaces':
            texts.push(d.describeNamespace(o, ev, now));
            break;
          case 'services':
            texts.push(d.describeService(o, ev, now));
            break;
          case 'configmaps':
            texts.push(d.describeConfigMap(o, ev, now));
            break;
          default:
            texts.push(d.describeGeneric(o, ev, now));
        }
      }
    }
    stdio.out(texts.join('\n\n'));
    const total = found.reduce((n, f) => n + f.objects.length, 0);
    if (total === 0 && errors.length === 0) stdio.err(noResourcesMessage(scope));
    if (errors.length) {
      await reportErrors(errors);
    }
  });
}
