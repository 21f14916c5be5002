// kubesim load TYPE/NAME --cpu 80%|250m [--memory 64Mi] | --clear: set the simulated load the metrics
// pipeline reports for a pod or a workload's pods (src/sim/metrics.ts), which `top` and the HPA read.
import { namespaceOf } from '../context.js';
import { StatusError, UserError } from '../../api/errors.js';
import { kindPrefix, qualifiedResource, resolveResource } from '../../api/resources.js';
import { withCluster } from '../../store/session.js';
import { stdio } from '../io.js';

const LOADABLE = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController', 'Job']);

export async function run(args: string[], opts: any): Promise<void> {
  if (args.length !== 1 || !args[0].includes('/')) throw new UserError('error: kubesim load takes one TYPE/NAME (e.g. deploy/web)');
  const [type, name] = [args[0].slice(0, args[0].indexOf('/')), args[0].slice(args[0].indexOf('/') + 1)];
  const info = resolveResource(type);
  if (!info) throw new UserError(`error: the server doesn't have a resource type "${type}"`);
  if (!LOADABLE.has(info.kind)) throw new UserError(`error: cannot set a load on a ${info.kind}`);
  if (!opts.clear && opts.cpu === undefined && opts.memory === undefined) throw new UserError('error: one of --cpu, --memory or --clear is required');
  if (opts.cpu !== undefined && !/^(\d+(\.\d+)?%|\d+(\.\d+)?m?)$/.test(String(opts.cpu))) throw new UserError(`error: invalid --cpu "${opts.cpu}": use a percentage of the CPU request (80%) or a quantity (250m)`);
  if (opts.memory !== undefined && !/^\d+(\.\d+)?(Ki|Mi|Gi|k|M|G)?$/.test(String(opts.memory))) throw new UserError(`error: invalid --memory "${opts.memory}": use a quantity (64Mi)`);
  const m = await import('../../sim/metrics.js');
  await withCluster({ cluster: opts.cluster, write: true }, (s) => {
    const ns = namespaceOf(opts);
    const obj = s.cluster.get(info.storage, ns, name);
    if (!obj) throw new StatusError(404, 'NotFound', `${qualifiedResource(info)} "${name}" not found`);
    const key = m.loadKey(info.kind, ns, name);
    if (opts.clear) {
      m.setLoad(s.cluster, key, undefined);
      stdio.out(`${kindPrefix(info)}/${name} load cleared\n`);
      return;
    }
    m.setLoad(s.cluster, key, m.loadFromFlags({ ...obj, kind: info.kind }, opts.cpu, opts.memory));
    stdio.out(`${kindPrefix(info)}/${name} load set\n`);
  });
}
