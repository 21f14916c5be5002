// kubectl edit (TYPE NAME | TYPE/NAME | -f FILENAME): the objects as YAML (or JSON with -o json) in $KUBE_EDITOR /
// $EDITOR / vi, then a strategic merge patch from the original to the edited object, sent like `kubectl patch`.
// Upstream: staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go (normal edit mode).
import { namespaceOf } from '../context.js';
import { sameJsonValue } from '../../api/gojson.js';
import { omitManagedFields } from '../../printers/managedfields.js';
import type { Command } from 'commander';
import type { KObject } from '../../api/types.js';
import { RawError, StatusError, UserError } from '../../api/errors.js';
import { kindPrefix, qualifiedResource, resourceForKind, type ResourceInfo } from '../../api/resources.js';
import { KIND_TYPES } from '../../api/goschema.js';
import { goQuote } from '../../api/gofmt.js';
import { parseManifestText } from '../../api/decode.js';
import { parseRequest, NO_RESOURCES } from '../../kubectl/builder.js';
import { fetch, notFound } from '../../kubectl/query.js';
import { mapManifests } from '../../kubectl/apply.js';
import { applyPatch, createTwoWayMergePatch, goJsonMarshal } from '../../kubectl/patch.js';
import { runEditLoop } from '../editloop.js';
import { InvalidError } from '../../server/registry.js';
import { withCluster } from '../../store/session.js';
import { loadFiles } from '../manifests.js';
import { parseFormat, printStructured, type Format } from '../output.js';
import { stdio } from '../io.js';
import { renderError } from '../errors.js';
import { RECORD_DEPRECATED, recordChangeCause } from '../record.js';

interface Info {
  info: ResourceInfo;
  namespace: string | undefined;
  name: string;
  object: KObject;
}

/** The causes of an Invalid error, as `field: message` (kubectl reads them from the Status details). */
function invalidCauses(e: InvalidError): string[] {
  const m = /is invalid: ([\s\S]*)$/.exec(e.message);
  if (!m) return [];
  const body = m[1];
  if (body.startsWith('\n')) return body.split('\n').filter((l) => l.startsWith('* ')).map((l) => l.slice(2));
  return [body.replace(/\n$/, '')];
}

async function render(fmt: Format, info: ResourceInfo, obj: KObject, op: string): Promise<string> {
  if (fmt.kind === 'table') return `${kindPrefix(info)}/${obj.metadata?.name} ${op}\n`;
  return printStructured(fmt, [{ info, obj }], true);
}

export async function run(args: string[], opts: any, cmd: Command): Promise<void> {
  if (opts.record !== undefined) stdio.err(RECORD_DEPRECATED);
  if (opts.subresource !== undefined && opts.subresource !== 'status') {
    throw new UserError(`error: invalid subresource value: ${goQuote(String(opts.subresource))}. Must be one of [status]`);
  }
  const json = opts.output === 'json';
  const fmt = parseFormat(opts.output === 'wide' ? { ...opts, output: 'yaml' } : opts);
  const ns: string = namespaceOf(opts);
  if (!args.length && !opts.filename?.length && opts.kustomize === undefined) throw new RawError(NO_RESOURCES);

  // the objects, fresh from the server (the builder's Latest())
  const infos: Info[] = await withCluster({ cluster: opts.cluster, write: false }, (s) => {
    const out: Info[] = [];
    if (opts.filename?.length || opts.kustomize !== undefined) {
      for (const m of mapManifests(loadFiles(opts.filename, !!opts.recursive, opts.kustomize), opts.namespace)) {
        const namespace = m.info.namespaced ? m.obj.metadata?.namespace || ns : undefined;
        const name = m.obj.metadata?.name ?? '';
        const live = s.cluster.get(m.info.storage, namespace, name);
        if (!live) throw notFound(m.info, name);
        out.push({ info: m.info, namespace, name, object: omitManagedFields(JSON.parse(JSON.stringify(live))) });
      }
    }
    if (args.length) {
      const req = parseRequest(args, 'edit');
      const { found, errors } = fetch(s.cluster, req, { namespace: ns });
      if (errors.length) throw errors[0];
      for (const f of found) {
        for (const o of f.objects) out.push({ info: f.info, namespace: o.metadata?.namespace, name: o.metadata!.name!, object: omitManagedFields(JSON.parse(JSON.stringify(o))) });
      }
    }
    return out;
  });
  if (infos.length === 0) throw new UserError('error: edit cancelled, no objects found');

  const { toYaml, toJson } = await import('../../printers/output.js');
  const subject: KObject = infos.length === 1 ? infos[0].object : { apiVersion: 'v1', items: infos.map((i) => i.object), kind: 'List', metadata: {} };
  const printed = json ? toJson(subject) : toYaml(subject);
  await runEditLoop({
    json,
    printed,
    parse(text) {
      const updated = parseManifestText(text, 'edited-file', { validate: false });
      for (const u of updated) {
        if (!resourceForKind(u.apiVersion ?? '', u.kind ?? '')) {
          throw new UserError(`no matches for kind ${JSON.stringify(u.kind)} in version ${JSON.stringify(u.apiVersion)}`);
        }
      }
      return updated;
    },
    async visit(updated, results) {
      // the namespace may not change while editing
      for (const u of updated) {
        const info = resourceForKind(u.apiVersion ?? '', u.kind ?? '')!;
        const uns = u.metadata?.namespace;
        if (info.namespaced && uns && uns !== ns) {
          throw new UserError(`error: the namespace from the provided object "${uns}" does not match the namespace "${ns}". You must pass '--namespace=${uns}' to perform this operation.`);
        }
      }
      const done: { info: ResourceInfo; obj: KObject; op: string }[] = [];
      let fatal: Error | undefined;
      await withCluster({ cluster: opts.cluster, write: true }, (s) => {
        for (const u of updated) {
          recordChangeCause(u, opts, cmd);
          const orig = infos.find((i) => i.object.metadata?.uid === u.metadata?.uid);
          if (!orig) { fatal = new UserError(`error: no original object found for ${JSON.stringify(u)}`); return; }
          const resourceString = qualifiedResource(orig.info);
          if (sameJsonValue(orig.object, u)) {
            done.push({ info: orig.info, obj: orig.object, op: 'skipped' });
            continue;
          }
          const patch = createTwoWayMergePatch(orig.object, u, KIND_TYPES[`${orig.object.apiVersion}/${orig.object.kind}`]);
          if ('apiVersion' in patch || 'kind' in patch || (patch.metadata && typeof patch.metadata === 'object' && 'name' in patch.metadata) || 'managedFields' in patch) {
            fatal = new UserError('error: At least one of apiVersion, kind and name was changed');
            return;
          }
          const patchText = goJsonMarshal(patch);
          if (opts.outputPatch) stdio.out(`Patch: ${patchText}\n`);
          try {
            // a kind kubectl has no Go type for (a custom resource) is edited with a JSON merge patch
            const r = applyPatch(s.cluster, orig.info, orig.namespace, orig.name, orig.info.crd ? 'merge' : 'strategic', patchText, { fieldManager: opts.fieldManager || 'kubectl-edit' });
            for (const w of r.warnings) stdio.err(`Warning: ${w}\n`);
            orig.object = omitManagedFields(r.object);
            done.push({ info: orig.info, obj: r.object, op: 'edited' });
          } catch (e) {
            if (e instanceof InvalidError) {
              results.edit++;
              results.reasons.push({ head: `${resourceString} ${goQuote(orig.name)} was not valid`, other: invalidCauses(e) });
              stdio.err(`error: ${resourceString} ${goQuote(orig.name)} is invalid\n`);
            } else if (e instanceof StatusError && e.reason === 'NotFound') {
              results.notfound++;
              stdio.err(`error: ${resourceString} ${goQuote(orig.name)} could not be found on the server\n`);
            } else {
              results.retryable++;
              const text = renderError(e).text.replace(/\n$/, '').replace(/^error: /, '');
              stdio.err(`error: ${resourceString} ${goQuote(orig.name)} could not be patched: ${text}\n`);
            }
          }
        }
      });
      // printed once the state is saved, per object as kubectl's visitor prints
      for (const d of done) stdio.out(await render(fmt, d.info, d.obj, d.op));
      if (fatal) throw fatal;
    },
  });
}
