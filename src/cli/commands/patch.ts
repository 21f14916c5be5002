// kubectl patch (-f FILENAME | TYPE NAME | TYPE/NAME) (-p PATCH | --patch-file FILE) [--type strategic|merge|json]
// Upstream: staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go (client) and
// staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go (what the server does with the patch).
import { namespaceOf } from '../context.js';
import { sameJsonValue } from '../../api/gojson.js';
import fs from 'node:fs';
import type { Command } from 'commander';
import type { KObject } from '../../api/types.js';
import { RawError, StatusError, UserError } from '../../api/errors.js';
import { kindPrefix, type ResourceInfo } from '../../api/resources.js';
import { goQuote } from '../../api/gofmt.js';
import { yamlToJsonValue } from '../../api/decode.js';
import { type DryRun } from '../../kubectl/flags.js';
import { dryRunOf } from '../dryrun.js';
import { parseRequest, NO_RESOURCES } from '../../kubectl/builder.js';
import { fetch } from '../../kubectl/query.js';
import { mapManifests } from '../../kubectl/apply.js';
import { applyPatch, localPatch, type PatchType } from '../../kubectl/patch.js';
import { withCluster } from '../../store/session.js';
import { loadFiles } from '../manifests.js';
import { parseFormat, printStructured, type Format } from '../output.js';
import { stdio } from '../io.js';
import { reportErrors } from '../errors.js';
import { CHANGE_CAUSE, changeCause, RECORD_DEPRECATED } from '../record.js';

const PATCH_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';


/** yaml.ToJSON: JSON (a leading `{`) passes through untouched; anything else is YAML turned into JSON. */
export function patchToJson(bytes: string, shown: string): string {
  if (/^\s*\{/.test(bytes)) return bytes;
  try {
    return JSON.stringify(yamlToJsonValue(bytes));
  } catch (e) {
    throw new UserError(`error: unable to parse ${goQuote(shown)}: ${(e as Error).message}`);
  }
}

interface Target {
  info: ResourceInfo;
  namespace: string | undefined;
  name: string;
  /** the object as kubectl's builder holds it: the file's content (-f) or the server's (TYPE NAME) */
  object?: KObject;
}

/** The printer kubectl picks for -o (unknown formats fail only when the first object is printed). */
function printerFor(opts: any): { fmt?: Format; error?: Error } {
  const output: string | undefined = opts.output;
  if (output === 'wide') return { error: new UserError(`error: unable to match a printer suitable for the output format "wide", allowed formats are: ${PATCH_FORMATS}`) };
  try {
    return { fmt: parseFormat(opts, PATCH_FORMATS) };
  } catch (e) {
    return { error: e as Error };
  }
}

async function render(fmt: Format, info: ResourceInfo, obj: KObject, op: string): Promise<string> {
  if (fmt.kind === 'table') return `${kindPrefix(info)}/${obj.metadata?.name} ${op}\n`;
  return printStructured(fmt, [{ info, obj }], true);
}


export async function run(args: string[], opts: any, cmd: Command): Promise<void> {
  if (opts.record !== undefined) stdio.err(RECORD_DEPRECATED);
  const dryRun: DryRun = dryRunOf(opts.dryRun);
  // Validate()
  const patchFlag: string = opts.patch ?? '';
  if (patchFlag && opts.patchFile) throw new UserError('error: cannot specify --patch and --patch-file together');
  if (!patchFlag && !opts.patchFile) throw new UserError('error: must specify --patch or --patch-file containing the contents of the patch');
  if (opts.local && args.length) throw new UserError('error: cannot specify --local and server resources');
  if (opts.local && dryRun === 'server') throw new UserError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  const typeFlag = String(opts.type ?? 'strategic');
  const type = (typeFlag === '' ? 'strategic' : typeFlag.toLowerCase()) as PatchType;
  if (!['json', 'merge', 'strategic'].includes(type)) throw new UserError(`error: --type must be one of [json merge strategic], not ${goQuote(typeFlag)}`);
  // RunPatch()
  let bytes = patchFlag;
  if (opts.patchFile) {
    try {
      bytes = fs.readFileSync(opts.patchFile, 'utf8');
    } catch (e: any) {
      const why = e?.code === 'ENOENT' ? 'no such file or directory' : e?.code === 'EISDIR' ? 'is a directory' : e?.code === 'EACCES' ? 'permission denied' : String(e?.message);
      if (e?.code === 'EISDIR') throw new UserError(`error: unable to read patch file: read ${opts.patchFile}: ${why}`);
      throw new UserError(`error: unable to read patch file: open ${opts.patchFile}: ${why}`);
    }
  }
  const patch = patchToJson(bytes, patchFlag);
  const { fmt, error: fmtError } = printerFor(opts);
  const explicitNs = opts.namespace !== undefined;
  const ns: string = namespaceOf(opts);
  const hasFiles = !!opts.filename?.length || opts.kustomize !== undefined;

  const fileTargets = (): Target[] => {
    const out: Target[] = [];
    for (const m of mapManifests(loadFiles(opts.filename, !!opts.recursive, opts.kustomize), opts.namespace)) {
      let namespace: string | undefined;
      if (m.info.namespaced) {
        const own = m.obj.metadata?.namespace;
        if (own && explicitNs && own !== opts.namespace) {
          throw new UserError(`error: the namespace from the provided object "${own}" does not match the namespace "${opts.namespace}". You must pass '--namespace=${own}' to perform this operation.`);
        }
        namespace = own || ns;
      }
      const object = JSON.parse(JSON.stringify(m.obj));
      if (namespace) object.metadata = { ...object.metadata, namespace };
      out.push({ info: m.info, namespace, name: m.obj.metadata?.name ?? '', object });
    }
    return out;
  };

  if (opts.local) {
    if (!hasFiles) throw new RawError(NO_RESOURCES);
    const targets = fileTargets();
    let out = '';
    const errors: Error[] = [];
    for (const t of targets) {
      try {
        const result = localPatch(t.object!, type, patch);
        if (fmtError) throw fmtError;
        out += await render(fmt!, t.info, result, sameJsonValue(t.object, result) ? 'patched (no change)' : 'patched');
      } catch (e) {
        errors.push(e as Error);
      }
    }
    stdio.out(out);
    if (targets.length === 0 && errors.length === 0) errors.push(new UserError('error: no objects passed to patch'));
    await reportErrors(errors);
    return;
  }

  const dry = dryRun !== 'none';
  await withCluster({ cluster: opts.cluster, write: !dry }, async (s) => {
    let targets: Target[] = [];
    const errors: Error[] = [];
    if (hasFiles) targets = fileTargets();
    if (args.length) {
      const req = parseRequest(args, 'patch');
      if (!req.targets.some((t) => t.names.length)) throw new UserError('error: resource(s) were provided, but no name was specified');
      const { found, errors: nf } = fetch(s.cluster, req, { namespace: ns });
      errors.push(...nf);
      for (const f of found) {
        for (const o of f.objects) targets.push({ info: f.info, namespace: o.metadata?.namespace, name: o.metadata!.name!, object: o });
      }
    }
    if (!hasFiles && !args.length) throw new RawError(NO_RESOURCES);
    let out = '';
    for (const t of targets) {
      try {
        let result: KObject;
        let changed: boolean;
        if (dryRun === 'client') {
          const live = s.cluster.get(t.info.storage, t.namespace, t.name);
          if (!live) throw new StatusError(404, 'NotFound', `${t.info.group ? `${t.info.resource}.${t.info.group}` : t.info.resource} "${t.name}" not found`);
          result = localPatch(t.object!, type, patch);
          changed = !sameJsonValue(t.object, result);
        } else {
          let r;
          try {
            r = applyPatch(s.cluster, t.info, t.namespace, t.name, type, patch, { dryRun: dryRun === 'server', fieldManager: opts.fieldManager || 'kubectl-patch' });
          } catch (e) {
            // kubectl wraps an unsupported media type with the patch type and the GVK (a plain error, not the server's)
            if (e instanceof StatusError && e.code === 415) throw new UserError(`error: application/strategic-merge-patch+json is not supported by ${t.info.group ? `${t.info.group}/` : ''}${t.info.version}, Kind=${t.info.kind}: ${e.message}`);
            throw e;
          }
          for (const w of r.warnings) stdio.err(`Warning: ${w}\n`);
          result = r.object;
          changed = t.object && !hasFiles ? !sameJsonValue(t.object, result) : true;
          if (opts.record === true) {
            const cause = changeCause(cmd);
            if (result.metadata?.annotations?.[CHANGE_CAUSE] !== cause) {
              const rec = JSON.stringify({ metadata: { annotations: { [CHANGE_CAUSE]: cause } } });
              result = applyPatch(s.cluster, t.info, t.namespace, t.name, 'merge', rec, { dryRun: dryRun === 'server', base: dryRun === 'server' ? result : undefined, fieldManager: opts.fieldManager || 'kubectl-patch' }).object;
            }
          }
        }
        if (fmtError) throw fmtError;
        out += await render(fmt!, t.info, result, changed ? 'patched' : 'patched (no change)');
      } catch (e) {
        errors.push(e as Error);
      }
    }
    stdio.out(out);
    if (targets.length === 0 && errors.length === 0) errors.push(new UserError('error: no objects passed to patch'));
    await reportErrors(errors);
  });
}
