// kubectl expose (-f FILE | TYPE NAME) [--port ...]: a Service for an existing object (cmd/expose/expose.go).
import { UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { withCluster } from '../../store/session.js';
import { namedObjects } from '../../kubectl/builder.js';
import { requireSchemeKind } from '../../kubectl/scheme.js';
import { RECORD_DEPRECATED } from '../record.js';
import { stdio } from '../io.js';
import { flag as f, PRINT_FLAGS, type FlagSpec } from './createflags.js';
import { argvAfter, createOnServer, dryRunStrategy, parseInvocation, printFormat, printObject } from './creategen.js';

const EXPOSE_FLAGS: FlagSpec[] = [
  ...PRINT_FLAGS, f('record', 'bool', false),
  f('protocol', 'string', ''), f('port', 'string', ''), f('type', 'string', ''), f('load-balancer-ip', 'string', ''), f('selector', 'string', ''),
  f('labels', 'string', '', { short: 'l' }), f('target-port', 'string', ''), f('external-ip', 'string', ''), f('name', 'string', ''),
  f('session-affinity', 'string', ''), f('cluster-ip', 'string', ''), f('field-manager', 'string', 'kubectl-expose'),
  f('overrides', 'string', ''), f('override-type', 'string', 'merge'), f('dry-run', 'string', 'none', { noOpt: 'unchanged' }),
  f('save-config', 'bool', false), f('filename', 'stringSlice', [], { short: 'f' }), f('kustomize', 'string', '', { short: 'k' }),
  f('recursive', 'bool', false, { short: 'R' }),
];

const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export async function run(opts: any): Promise<void> {
  const inv = parseInvocation({
    path: 'kubectl expose', flags: EXPOSE_FLAGS,
    usage: 'kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]',
    summary: 'Make a Service for a pod, service, deployment, replica set or replication controller, taking its selector and ports from the object.',
  }, argvAfter([['expose']]), opts);
  const dryRun = dryRunStrategy(inv);
  const fmt = printFormat(inv);
  if (inv.changed('record')) stdio.err(RECORD_DEPRECATED);
  const args = inv.p.args;
  const files = inv.arr('filename');
  if (!args.length && !files.length) throw new UserError(NO_RESOURCES);
  const m = await import('../../kubectl/generators/expose.js');
  const { applyOverrides } = await import('../../kubectl/generators/overrides.js');

  await withCluster({ cluster: opts.cluster, write: dryRun === 'none' }, async (s) => {
    // ResourceTypeOrNameArgs: `TYPE NAME...` or `TYPE/NAME...`, else the objects of -f
    const objects: KObject[] = [];
    if (files.length) {
      const { loadFiles } = await import('../manifests.js');
      for (const file of loadFiles(files, inv.bool('recursive'))) objects.push(...file.objects);
    } else {
      for (const { info, obj } of namedObjects(s.cluster, args, inv.namespace)) {
        requireSchemeKind(info, obj);
        objects.push(obj);
      }
    }
    const o = {
      name: inv.str('name'), defaultName: '', selector: inv.str('selector'), labels: inv.str('labels'), port: inv.str('port'), ports: '',
      protocol: inv.str('protocol'), protocols: new Map<string, string[]>(), targetPort: inv.str('target-port'), externalIP: inv.str('external-ip'),
      type: inv.str('type'), loadBalancerIP: inv.str('load-balancer-ip'), sessionAffinity: inv.str('session-affinity'), clusterIP: inv.str('cluster-ip'),
    };
    for (const obj of objects) {
      m.canBeExposed(obj);
      o.defaultName = (obj.metadata?.name ?? '').slice(0, 63);
      if (!o.selector) {
        try {
          o.selector = m.mapBasedSelectorForObject(obj);
        } catch (e) {
          throw new UserError(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
        }
      }
      if (!o.port) {
        const ports = m.portsForObject(obj);
        if (ports.length === 0 && o.clusterIP !== 'None') throw new UserError("couldn't find port via --port flag or introspection");
        if (ports.length === 1) o.port = ports[0];
        else if (ports.length > 1) o.ports = ports.join(',');
      }
      const protocols = m.protocolsForObject(obj);
      if (protocols.size) o.protocols = protocols;
      if (!o.labels) o.labels = m.makeLabels(obj.metadata?.labels);
      let svc = applyOverrides(m.buildExposedService(o), inv.str('overrides'), inv.str('override-type'), 'v1.Service');
      if (dryRun === 'client') {
        if (inv.enforceNamespace) svc = { ...svc, metadata: { ...svc.metadata, namespace: inv.namespace } };
      } else {
        if (inv.bool('save-config')) svc = (await import('../../kubectl/generators/typed.js')).withApplyAnnotation(svc);
        svc = await createOnServer(s, svc, inv, dryRun);
      }
      await printObject(svc, fmt, dryRun, 'exposed');
    }
  });
}
