// kubectl create -f | create deployment NAME --image=... | create namespace NAME | create configmap NAME
import { StatusError, UserError } from '../../api/errors.js';
import { kindPrefix, resourceByName } from '../../api/resources.js';
import type { KObject } from '../../api/types.js';
import { opSuffix, parseValidate } from '../../kubectl/flags.js';
import { dryRunOf } from '../dryrun.js';
import { buildDeployment } from '../../kubectl/createdeployment.js';
import { createObject } from '../../server/registry.js';
import { withCluster } from '../../store/session.js';
import { parseObjectFormat, printStructured } from '../output.js';
import { stdio } from '../io.js';
import { RECORD_DEPRECATED, recordChangeCause } from '../record.js';
import type { Command } from 'commander';

function int(v: string | undefined, flag: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!/^-?\d+$/.test(v)) throw new UserError(`error: invalid argument "${v}" for "--${flag}" flag: strconv.ParseInt: parsing "${v}": invalid syntax\nSee 'kubectl create deployment --help' for usage.`);
  return parseInt(v, 10);
}

export async function run(args: string[], opts: any, cmd: Command): Promise<void> {
  const dryRun = dryRunOf(opts.dryRun);
  const fmt = parseObjectFormat(opts);
  if (opts.record !== undefined && args.length) {
    throw new UserError(`Error: unknown flag: --record\nSee 'kubectl create ${args[0]} --help' for usage.`);
  }
  if (opts.record !== undefined) stdio.err(RECORD_DEPRECATED);
  if (args.length === 0) {
    const validate = parseValidate(opts.validate);
    const { loadFiles } = await import('../manifests.js');
    const { createAll, mapManifests } = await import('../../kubectl/apply.js');
    const files = loadFiles(opts.filename, !!opts.recursive);
    await withCluster({ cluster: opts.cluster, write: dryRun === 'none' }, async (s) => {
      const manifests = mapManifests(files, opts.namespace);
      for (const m of manifests) recordChangeCause(m.obj, opts, cmd);
      const { printResults } = await import('./apply.js');
      await printResults(createAll(s.cluster, manifests, { namespace: opts.namespace, explicitNs: !!opts.namespace, dryRun, validate }), fmt, dryRun);
    });
    return;
  }
  const [what, name, ...rest] = args;
  const sub = { deployment: 'deployments', deploy: 'deployments', namespace: 'namespaces', ns: 'namespaces', configmap: 'configmaps', cm: 'configmaps' }[what as string];
  if (!sub) throw new UserError(`error: unknown command "${what}" for "kubectl create"`);
  if (!name || rest.length) throw new UserError(`error: exactly one NAME is required, got ${args.length - 1}\nSee 'kubectl create ${what} -h' for help and examples`);
  const info = resourceByName(sub);
  await withCluster({ cluster: opts.cluster, write: dryRun === 'none' }, async (s) => {
    let obj: KObject;
    if (sub === 'deployments') {
      const port = opts.port === undefined ? undefined : int(opts.port, 'port', -1);
      obj = buildDeployment(name, opts.image || [], int(opts.replicas, 'replicas', 1), port, opts.namespace, s.cluster.rng);
    } else if (sub === 'namespaces') {
      obj = { kind: 'Namespace', apiVersion: 'v1', metadata: { name, creationTimestamp: null as any }, spec: {}, status: {} };
    } else {
      const data: Record<string, string> = {};
      for (const kv of opts.fromLiteral || []) {
        const i = kv.indexOf('=');
        if (i <= 0) throw new UserError(`error: invalid literal source ${kv}, expected key=value`);
        data[kv.slice(0, i)] = kv.slice(i + 1);
      }
      obj = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name, creationTimestamp: null as any }, data };
      if (opts.namespace) obj.metadata!.namespace = opts.namespace;
    }
    let result = obj;
    if (dryRun !== 'client') {
      try {
        result = createObject(s.cluster, info, obj, { dryRun: dryRun === 'server', ns: opts.namespace || 'default' });
      } catch (e) {
        if (e instanceof StatusError && e.reason === 'AlreadyExists') {
          throw new UserError(`error: failed to create ${info.singular}: ${e.message}`);
        }
        throw e;
      }
    }
    if (fmt.kind === 'table') stdio.out(`${kindPrefix(info)}/${name} created${opSuffix(dryRun)}\n`);
    else if (fmt.kind === 'json' && dryRun === 'client') stdio.out(JSON.stringify(result, null, 4) + '\n');
    // generators build typed objects in kubectl (go-template's error dump keeps their field order)
    else stdio.out(await printStructured(fmt, [{ info, obj: result }], true, { typed: true }));
  });
}
