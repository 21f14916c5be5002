// kubectl scale TYPE/NAME --replicas=N [--current-replicas=M]
import { namespaceOf } from '../context.js';
import { RawError, StatusError, UserError } from '../../api/errors.js';
import { kindPrefix, qualifiedResource, type ResourceInfo } from '../../api/resources.js';
import type { KObject } from '../../api/types.js';
import { dryRunOf } from '../dryrun.js';
import { opSuffix } from '../../kubectl/flags.js';
import { parseObjectFormat, printStructured } from '../output.js';
import { parseRequest } from '../../kubectl/builder.js';
import { fetchFileTargets } from '../../kubectl/filetargets.js';
import { fileArgs, KustomizeBuildError } from '../manifests.js';
import { type Found, fetch } from '../../kubectl/query.js';
import { updateObject } from '../../server/registry.js';
import { scaleOf, servesSubresource, withReplicas } from '../../server/scale.js';
import { withCluster } from '../../store/session.js';
import { stdio } from '../io.js';
import { klogLine } from '../klog.js';
import { CHANGE_CAUSE, RECORD_DEPRECATED, recordChangeCause } from '../record.js';
import type { Command } from 'commander';

/** The kinds with a scale subresource kubectl can scale. */
const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers']);

export async function run(args: string[], opts: any, cmd: Command): Promise<void> {
  if (opts.record !== undefined) stdio.err(RECORD_DEPRECATED);
  if (opts.replicas === undefined) {
    throw new RawError(klogLine('E', `"command failed" err="required flag(s) \\"replicas\\" not set"`));
  }
  const n = /^-?\d+$/.test(String(opts.replicas)) ? parseInt(String(opts.replicas), 10) : NaN;
  if (Number.isNaN(n)) throw new UserError(`error: invalid argument "${opts.replicas}" for "--replicas" flag: strconv.ParseInt: parsing "${opts.replicas}": invalid syntax\nSee 'kubectl scale --help' for usage.`);
  if (n < 0) throw new UserError('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  // the Scale subresource's spec.replicas is an int32: the API server cannot decode a larger value
  if (n > 2147483647) throw new StatusError(400, 'BadRequest', `json: cannot unmarshal number ${n} into Go struct field ScaleSpec.spec.replicas of type int32`);
  const current = opts.currentReplicas === undefined ? -1 : parseInt(String(opts.currentReplicas), 10);
  const withFiles = !!opts.filename?.length || opts.kustomize !== undefined;
  if (withFiles && args.length) throw new UserError('error: resource/name arguments cannot be provided when a path is specified');
  let files;
  try {
    files = fileArgs(args, opts);
  } catch (e) {
    // scale words the builder's failures as objects it did not get
    if (e instanceof KustomizeBuildError) throw new UserError(`error: no objects passed to scale ${e.detail}`);
    throw e;
  }
  const dryRun = dryRunOf(opts.dryRun);
  const fmt = parseObjectFormat(opts);
  await withCluster({ cluster: opts.cluster, write: dryRun === 'none' }, async (s) => {
    const { found, errors }: { found: Found[]; errors: Error[] } = files
      ? fetchFileTargets(s.cluster, files, { namespace: namespaceOf(opts), explicitNs: !!opts.namespace })
      : fetch(s.cluster, parseRequest(args, 'scale'), { namespace: namespaceOf(opts), selector: opts.selector });
    if (errors.length) {
      const e = errors[0];
      throw new UserError(`error: no objects passed to scale ${e instanceof StatusError ? e.message : String(e)}`);
    }
    let out = '';
    const printed = async (info: ResourceInfo, obj: KObject) => (fmt.kind === 'table'
      ? `${kindPrefix(info)}/${obj.metadata!.name} scaled${opSuffix(dryRun)}\n`
      : printStructured(fmt, [{ info, obj }], true));
    for (const f of found) {
      // a custom resource scales through its CRD's scale subresource (specReplicasPath), when it declares one
      const custom = f.info.crd !== undefined;
      if (custom && !servesSubresource(f.info, 'scale')) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
      if (!custom && !SCALABLE.has(f.info.resource)) throw new UserError(`error: cannot scale ${qualifiedResource(f.info)}`);
      for (const live of f.objects) {
        const have = custom ? scaleOf(live, f.info).spec.replicas : live.spec?.replicas ?? 1;
        // the client-side dry run prints the object as read, before any precondition
        if (dryRun === 'client') { out += await printed(f.info, live); continue; }
        if (current >= 0 && current !== have) throw new UserError(`error: Expected replicas to be ${current}, was ${have}`);
        if (opts.resourceVersion !== undefined && opts.resourceVersion !== '' && opts.resourceVersion !== live.metadata?.resourceVersion) {
          throw new UserError(`error: Expected resource version to be ${opts.resourceVersion}, was ${live.metadata?.resourceVersion}`);
        }
        const o = withReplicas(JSON.parse(JSON.stringify(live)), f.info, n);
        // v1.32's kubectl scale names no field manager: the server records "kubectl" on the scale subresource
        const scaled = updateObject(s.cluster, f.info, o, { fieldManager: 'kubectl', subresource: 'scale', dryRun: dryRun === 'server' });
        if (dryRun === 'server') { out += await printed(f.info, live); continue; }
        // upstream sends the change-cause as a second patch, judged on the object read before scaling
        const rec = JSON.parse(JSON.stringify(live));
        recordChangeCause(rec, opts, cmd);
        const cause = rec.metadata.annotations?.[CHANGE_CAUSE];
        if (cause !== undefined && cause !== live.metadata!.annotations?.[CHANGE_CAUSE]) {
          const again = JSON.parse(JSON.stringify(scaled));
          again.metadata.annotations = { ...(again.metadata.annotations || {}), [CHANGE_CAUSE]: cause };
          updateObject(s.cluster, f.info, again, { fieldManager: 'kubectl' });
        }
        // kubectl prints the object it read before scaling
        out += await printed(f.info, live);
      }
    }
    stdio.out(out);
  });
}
