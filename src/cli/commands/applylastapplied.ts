// kubectl apply view-last-applied | set-last-applied | edit-last-applied
import { namespaceOf } from '../context.js';
import { RawError, UserError } from '../../api/errors.js';
import { kindPrefix, type ResourceInfo } from '../../api/resources.js';
import type { KObject } from '../../api/types.js';
import { parseRequest, NO_RESOURCES } from '../../kubectl/builder.js';
import { fetch, notFound } from '../../kubectl/query.js';
import { mapManifests, namespaceFor } from '../../kubectl/apply.js';
import { applyPatchConfiguration, checkViewOutput, jsonIndent, originalConfiguration, sameConfiguration, withAnnotation } from '../../kubectl/applylastapplied.js';
import { opSuffix } from '../../kubectl/flags.js';
import { dryRunOf } from '../dryrun.js';
import { fromStorage } from '../../api/conversion.js';
import { withCluster } from '../../store/session.js';
import { updateObject } from '../../server/registry.js';
import { loadFiles } from '../manifests.js';
import { parseObjectFormat, printStructured } from '../output.js';
import { stdio } from '../io.js';
import { goQuote } from '../../api/gofmt.js';
import type { Cluster } from '../../store/cluster.js';

interface Live { info: ResourceInfo; obj: KObject; source: string }

/** The builder over -f and TYPE NAME args (Latest: the objects as the server has them). */
function liveObjects(cluster: Cluster, args: string[], opts: any, verb: string): Live[] {
  const ns = namespaceOf(opts);
  if (!args.length && !opts.filename?.length) throw new RawError(NO_RESOURCES);
  const out: Live[] = [];
  if (opts.filename?.length) {
    for (const m of mapManifests(loadFiles(opts.filename, !!opts.recursive), opts.namespace)) {
      const namespace = namespaceFor(m, ns, !!opts.namespace);
      const name = m.obj.metadata?.name ?? '';
      const live = cluster.get(m.info.storage, namespace, name);
      if (!live) throw notFound(m.info, name);
      out.push({ info: m.info, obj: fromStorage(m.info, live), source: m.source });
    }
  }
  if (args.length) {
    const req = parseRequest(args, verb);
    if (!req.targets.some((t) => t.names.length) && !opts.selector && !opts.all) throw new UserError('error: resource(s) were provided, but no name was specified');
    const { found, errors } = fetch(cluster, req, { namespace: ns, selector: opts.selector });
    if (errors.length) throw errors[0];
    for (const f of found) for (const o of f.objects) out.push({ info: f.info, obj: o, source: '' });
  }
  return out;
}

/** An object without the annotation: skipped when named by argument (AddSourceToErr of a nil error), an odd error from a file. */
function configurations(objs: Live[]): { live: Live; config: string }[] {
  const out: { live: Live; config: string }[] = [];
  for (const l of objs) {
    const config = originalConfiguration(l.obj);
    if (config === undefined) {
      if (l.source) throw new UserError(`error: error when no last-applied-configuration annotation found on resource: ${l.obj.metadata?.name}\n ${goQuote(l.source)}: <nil>`);
      continue;
    }
    out.push({ live: l, config });
  }
  return out;
}

export async function view(args: string[], opts: any): Promise<void> {
  const output: string = opts.output ?? 'yaml';
  const list = await withCluster({ cluster: opts.cluster, write: false }, (s) => configurations(liveObjects(s.cluster, args, opts, 'apply view-last-applied')));
  const { toYaml } = await import('../../printers/output.js');
  let out = '';
  for (const { config } of list) {
    checkViewOutput(output);
    out += output === 'json' ? jsonIndent(config) : toYaml(JSON.parse(config));
  }
  stdio.out(out);
}

export async function set(args: string[], opts: any): Promise<void> {
  void args; // set-last-applied reads -f only
  const dryRun = dryRunOf(opts.dryRun);
  const fmt = parseObjectFormat(opts);
  const ns = namespaceOf(opts);
  if (!opts.filename?.length) throw new RawError(NO_RESOURCES);
  await withCluster({ cluster: opts.cluster, write: dryRun === 'none' }, async (s) => {
    // Validate: every file object against its live one; `no changes required` is printed as it goes
    const patches: { info: ResourceInfo; live: KObject; config: string }[] = [];
    for (const m of mapManifests(loadFiles(opts.filename, !!opts.recursive), opts.namespace)) {
      const namespace = namespaceFor(m, ns, !!opts.namespace);
      const obj = JSON.parse(JSON.stringify(m.obj));
      if (namespace !== undefined) obj.metadata = { ...(obj.metadata || {}), namespace };
      const config = applyPatchConfiguration(obj);
      const name = obj.metadata?.name ?? '';
      const stored = s.cluster.get(m.info.storage, namespace, name);
      if (!stored) throw notFound(m.info, name);
      const live = fromStorage(m.info, stored);
      const original = originalConfiguration(live);
      if (original === undefined && !opts.createAnnotation) {
        throw new UserError(`error: no last-applied-configuration annotation found on resource: ${name}, to create the annotation, run the command with --create-annotation`);
      }
      if (sameConfiguration(original, config)) stdio.out(`set-last-applied ${name}: no changes required.\n`);
      else patches.push({ info: m.info, live, config });
    }
    // RunSetLastApplied: the annotation patched in (a client dry run prints the live object)
    for (const p of patches) {
      const obj = dryRun === 'client' ? p.live : updateObject(s.cluster, p.info, withAnnotation(p.live, p.config), { dryRun: dryRun === 'server', fieldManager: 'kubectl' });
      if (fmt.kind === 'table') stdio.out(`${kindPrefix(p.info)}/${obj.metadata?.name} configured${opSuffix(dryRun)}\n`);
      else stdio.out(await printStructured(fmt, [{ info: p.info, obj }], true));
    }
  });
}

/**
 * edit-last-applied: the annotations (as YAML, or JSON with -o json) in the editor; what comes back is
 * each object's new annotation (ApplyEditMode of the shared editor loop).
 */
export async function edit(args: string[], opts: any): Promise<void> {
  const json = opts.output === 'json';
  if (opts.output !== undefined && !['yaml', 'json'].includes(opts.output)) {
    throw new UserError(`error: unable to match a printer suitable for the output format ${goQuote(opts.output)}, allowed formats are: json,yaml`);
  }
  // ApplyEditMode: objects without the annotation are left out; none at all is an error
  const list = await withCluster({ cluster: opts.cluster, write: false }, (s) => liveObjects(s.cluster, args, opts, 'apply edit-last-applied')
    .flatMap((live) => { const config = originalConfiguration(live.obj); return config === undefined ? [] : [{ live, config }]; }));
  if (!list.length) throw new UserError('error: no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`');
  const { toYaml, toJson } = await import('../../printers/output.js');
  const objs = list.map((l) => JSON.parse(l.config));
  const subject = objs.length === 1 ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: {} };
  const { parseManifestText } = await import('../../api/decode.js');
  const { runEditLoop } = await import('../editloop.js');
  await runEditLoop({
    json,
    applyHeader: true,
    printed: json ? toJson(subject) : toYaml(subject),
    parse: (text) => parseManifestText(text, 'edited-file', { validate: false }).flatMap((o: KObject) => (o.kind === 'List' ? (o as any).items : [o])),
    async visit(updated) {
      let out = '';
      await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
        for (const u of updated) {
          const l = list.find((x) => x.live.obj.metadata?.name === u.metadata?.name && x.live.info.kind === u.kind);
          if (!l) continue;
          const stored = s.cluster.get(l.live.info.storage, l.live.obj.metadata?.namespace, l.live.obj.metadata!.name!);
          if (!stored) throw notFound(l.live.info, l.live.obj.metadata!.name!);
          const obj = updateObject(s.cluster, l.live.info, withAnnotation(fromStorage(l.live.info, stored), applyPatchConfiguration(u)), { fieldManager: 'kubectl-edit' });
          out += `${kindPrefix(l.live.info)}/${obj.metadata?.name} edited\n`;
        }
      });
      stdio.out(out);
    },
  });
}
