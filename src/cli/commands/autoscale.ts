// kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]
import { UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/resources.js';
import { withCluster } from '../../store/session.js';
import { namedObjects } from '../../kubectl/builder.js';
import { flag as f, PRINT_FLAGS, type FlagSpec } from './createflags.js';
import { argvAfter, createOnServer, dryRunStrategy, parseInvocation, printFormat, printObject } from './creategen.js';

const AUTOSCALE_FLAGS: FlagSpec[] = [
  ...PRINT_FLAGS, f('cpu-percent', 'int32', -1), f('dry-run', 'string', 'none', { noOpt: 'unchanged' }),
  f('field-manager', 'string', 'kubectl-autoscale'), f('filename', 'stringSlice', [], { short: 'f' }), f('kustomize', 'string', '', { short: 'k' }),
  f('max', 'int32', -1), f('min', 'int32', -1), f('name', 'string', ''), f('recursive', 'bool', false, { short: 'R' }), f('save-config', 'bool', false),
];

export async function run(opts: any): Promise<void> {
  const inv = parseInvocation({
    path: 'kubectl autoscale', flags: AUTOSCALE_FLAGS,
    usage: 'kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]',
    summary: 'Auto-scale a deployment, replica set, stateful set, or replication controller.',
  }, argvAfter([['autoscale']]), opts);
  const dryRun = dryRunStrategy(inv);
  const fmt = printFormat(inv);
  const m = await import('../../kubectl/generators/autoscale.js');
  m.validateAutoscale(inv.num('min'), inv.num('max'));
  const args = inv.p.args;
  const files = inv.arr('filename');
  if (!args.length && !files.length) {
    throw new UserError(`error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`);
  }
  const { resourceForKind } = await import('../../api/resources.js');
  await withCluster({ cluster: opts.cluster, write: dryRun === 'none' }, async (s) => {
    const targets: { obj: KObject; info: ResourceInfo; group: string; version: string; kind: string }[] = [];
    if (files.length) {
      const { loadFiles } = await import('../manifests.js');
      for (const file of loadFiles(files, inv.bool('recursive'))) {
        for (const o of file.objects) {
          const info = resourceForKind(o.apiVersion ?? '', o.kind ?? '');
          if (!info) throw new UserError(`error: resource mapping not found for name: "${o.metadata?.name}" namespace: "" from "${file.source}": no matches for kind "${o.kind}" in version "${o.apiVersion}"`);
          targets.push({ obj: o, info, group: info.group, version: info.version, kind: info.kind });
        }
      }
    } else {
      for (const { info, obj } of namedObjects(s.cluster, args, inv.namespace)) targets.push({ obj, info, group: info.group, version: info.version, kind: info.kind });
    }
    let count = 0;
    for (const t of targets) {
      m.canBeAutoscaled(t.info);
      let hpa = m.horizontalPodAutoscalerV2({
        name: inv.str('name'), refName: t.obj.metadata!.name!, apiVersion: t.group ? `${t.group}/${t.version}` : t.version, kind: t.kind,
        min: inv.num('min'), max: inv.num('max'), cpuPercent: inv.num('cpu-percent'),
      });
      count++;
      if (dryRun === 'client') {
        // the client-side dry run prints with the "created" verb
        await printObject(hpa, fmt, dryRun, 'created');
        continue;
      }
      if (inv.bool('save-config')) hpa = (await import('../../kubectl/generators/typed.js')).withApplyAnnotation(hpa);
      const created = await createOnServer(s, hpa, inv, dryRun);
      await printObject(created, fmt, dryRun, 'autoscaled');
    }
    if (count === 0) throw new UserError('error: no objects passed to autoscale');
  });
}
