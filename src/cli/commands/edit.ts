// kubectl edit (TYPE NAME | TYPE/NAME | -f FILENAME): the objects as YAML (or JSON with -o json) in $KUBE_EDITOR /
// $EDITOR / vi, then a strategic merge patch from the original to the edited object, sent like `kubectl patch`.
// Upstream: staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go (normal edit mode).
import { namespaceOf } from '../context.js';
import { sameJsonValue, sortKeysDeep } from '../../api/gojson.js';
import { omitManagedFields } from '../../printers/managedfields.js';
import fs from 'node:fs';
import type { Command } from 'commander';
import type { KObject } from '../../api/types.js';
import { RawError, StatusError, UserError } from '../../api/errors.js';
import { kindPrefix, qualifiedResource, resourceForKind, type ResourceInfo } from '../../api/resources.js';
import { KIND_TYPES } from '../../api/goschema.js';
import { goQuote } from '../../api/gofmt.js';
import { parseManifestText, yamlToJsonValue } from '../../api/decode.js';
import { parseRequest, NO_RESOURCES } from '../../kubectl/builder.js';
import { fetch, notFound } from '../../kubectl/query.js';
import { mapManifests } from '../../kubectl/apply.js';
import { applyPatch, createTwoWayMergePatch, goJsonMarshal } from '../../kubectl/patch.js';
import { editorFromEnv, EditorError, launchTempFile } from '../../kubectl/editor.js';
import { InvalidError } from '../../server/registry.js';
import { withCluster } from '../../store/session.js';
import { loadFiles } from '../manifests.js';
import { parseFormat, printStructured, type Format } from '../output.js';
import { stdio } from '../io.js';
import { renderError } from '../errors.js';
import { RECORD_DEPRECATED, recordChangeCause } from '../record.js';

const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n' +
  '#\n';


interface Info {
  info: ResourceInfo;
  namespace: string | undefined;
  name: string;
  object: KObject;
}

interface Reason {
  head: string;
  other: string[];
}

/** hashOnLineBreak: continuation lines of a reason stay comments. */
function hashOnLineBreak(s: string): string {
  let r = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\n' && i + 1 < s.length && s[i + 1] !== '#') r += '\n# ';
    else r += s[i];
  }
  return r;
}

function header(reasons: Reason[]): string {
  let h = HEADER;
  for (const r of reasons) {
    h += r.other.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) h += `# * ${hashOnLineBreak(o)}\n`;
    h += '#\n';
  }
  return h;
}

/** cmdutil.ManualStrip: drop comment lines (not `#!`). */
function manualStrip(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    const t = line.trim();
    if (t.startsWith('#') && !t.startsWith('#!')) return;
    out.push(line + (i < lines.length - 1 ? '\n' : ''));
  });
  return out.join('');
}


/** cmdutil.StripComments: the YAML as (sorted) JSON, or the text without comment lines when it does not parse. */
function stripComments(text: string): string {
  if (/^\s*\{/.test(text)) return text;
  try {
    return JSON.stringify(sortKeysDeep(yamlToJsonValue(text)));
  } catch {
    return manualStrip(text);
  }
}

function hasLines(text: string): boolean {
  return text.split('\n').some((l) => {
    const t = l.trim();
    return t.length > 0 && t[0] !== '#';
  });
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

function preserved(file: string): void {
  if (file && fs.existsSync(file)) stdio.err(`A copy of your changes has been stored to ${goQuote(file)}\n`);
}

export async function run(args: string[], opts: any, cmd: Command): Promise<void> {
  if (opts.record !== undefined) stdio.err(RECORD_DEPRECATED);
  if (opts.subresource !== undefined && opts.subresource !== 'status') {
    throw new UserError(`error: invalid subresource value: ${goQuote(String(opts.subresource))}. Must be one of [status]`);
  }
  const json = opts.output === 'json';
  const fmt = parseFormat(opts.output === 'wide' ? { ...opts, output: 'yaml' } : opts);
  const ns: string = namespaceOf(opts);
  if (!args.length && !opts.filename?.length) throw new RawError(NO_RESOURCES);

  // the objects, fresh from the server (the builder's Latest())
  const infos: Info[] = await withCluster({ cluster: opts.cluster, write: false }, (s) => {
    const out: Info[] = [];
    if (opts.filename?.length) {
      for (const m of mapManifests(loadFiles(opts.filename, false), opts.namespace)) {
        const namespace = m.info.namespaced ? m.obj.metadata?.namespace || ns : undefined;
        const name = m.obj.metadata?.name ?? '';
        const live = s.cluster.get(m.info.resource, namespace, name);
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
  const editor = editorFromEnv();
  let reasons: Reason[] = [];
  let resultsFile = '';
  let original = '';
  let edited = '';
  let containsError = false;
  let out = '';
  for (;;) {
    let buf = json ? '' : header(reasons);
    if (!containsError) {
      buf += printed;
      original = buf;
    } else {
      buf += manualStrip(edited);
    }
    const previous = edited;
    let file: string;
    try {
      ({ edited, file } = launchTempFile(editor, 'kubectl-edit-', json ? '.json' : '.yaml', buf));
    } catch (e) {
      if (e instanceof EditorError) {
        preserved(resultsFile);
        throw new UserError(`error: ${e.message}`);
      }
      throw e;
    }
    if (containsError && stripComments(previous) === stripComments(edited)) {
      preserved(file);
      throw new UserError('error: Edit cancelled, no valid changes were saved.');
    }
    if (resultsFile) fs.rmSync(resultsFile, { force: true });
    if (stripComments(original) === stripComments(edited)) {
      fs.rmSync(file, { force: true });
      stdio.err('Edit cancelled, no changes made.\n');
      stdio.out(out);
      return;
    }
    if (!hasLines(edited)) {
      fs.rmSync(file, { force: true });
      stdio.err('Edit cancelled, saved file was empty.\n');
      stdio.out(out);
      return;
    }
    resultsFile = file;
    reasons = [];
    let updated: KObject[];
    try {
      updated = parseManifestText(edited, 'edited-file', { validate: false });
      for (const u of updated) {
        if (!resourceForKind(u.apiVersion ?? '', u.kind ?? '')) {
          throw new UserError(`no matches for kind ${JSON.stringify(u.kind)} in version ${JSON.stringify(u.apiVersion)}`);
        }
      }
    } catch (e) {
      containsError = true;
      const msg = (e as Error).message.replace(/^error: /, '');
      reasons.push({ head: `The edited file had a syntax error: ${msg}`, other: [] });
      continue;
    }
    containsError = false;
    // the namespace may not change while editing
    for (const u of updated) {
      const info = resourceForKind(u.apiVersion ?? '', u.kind ?? '')!;
      const uns = u.metadata?.namespace;
      if (info.namespaced && uns && uns !== ns) {
        preserved(file);
        throw new UserError(`error: the namespace from the provided object "${uns}" does not match the namespace "${ns}". You must pass '--namespace=${uns}' to perform this operation.`);
      }
    }
    const results = { edit: 0, notfound: 0, retryable: 0 };
    let fatal: Error | undefined;
    await withCluster({ cluster: opts.cluster, write: true }, (s) => {
      for (const u of updated) {
        recordChangeCause(u, opts, cmd);
        const orig = infos.find((i) => i.object.metadata?.uid === u.metadata?.uid);
        if (!orig) { fatal = new UserError(`error: no original object found for ${JSON.stringify(u)}`); return; }
        const resourceString = qualifiedResource(orig.info);
        if (sameJsonValue(orig.object, u)) {
          outQueue.push({ info: orig.info, obj: orig.object, op: 'skipped' });
          continue;
        }
        const patch = createTwoWayMergePatch(orig.object, u, KIND_TYPES[`${orig.object.apiVersion}/${orig.object.kind}`]);
        if ('apiVersion' in patch || 'kind' in patch || (patch.metadata && typeof patch.metadata === 'object' && 'name' in patch.metadata) || 'managedFields' in patch) {
          fatal = new UserError('error: At least one of apiVersion, kind and name was changed');
          return;
        }
        const patchText = goJsonMarshal(patch);
        if (opts.outputPatch) out += `Patch: ${patchText}\n`;
        try {
          const r = applyPatch(s.cluster, orig.info, orig.namespace, orig.name, 'strategic', patchText, { fieldManager: opts.fieldManager || 'kubectl-edit' });
          for (const w of r.warnings) stdio.err(`Warning: ${w}\n`);
          orig.object = omitManagedFields(r.object);
          // printing happens per object, as kubectl's visitor does
          outQueue.push({ info: orig.info, obj: r.object, op: 'edited' });
        } catch (e) {
          if (e instanceof InvalidError) {
            results.edit++;
            reasons.push({ head: `${resourceString} ${goQuote(orig.name)} was not valid`, other: invalidCauses(e) });
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
    for (const q of outQueue.splice(0)) out += await render(fmt, q.info, q.obj, q.op);
    if (fatal) {
      stdio.out(out);
      preserved(resultsFile);
      throw fatal;
    }
    if (results.retryable > 0) {
      stdio.out(out);
      stdio.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
      process.exitCode = 1;
      return;
    }
    if (results.notfound > 0) {
      stdio.out(out);
      stdio.err(`The edits you made on deleted resources have been saved to ${goQuote(file)}\n`);
      process.exitCode = 1;
      return;
    }
    if (results.edit === 0) {
      fs.rmSync(file, { force: true });
      stdio.out(out);
      return;
    }
    if (reasons.length > 0) containsError = true;
  }
}

const outQueue: { info: ResourceInfo; obj: KObject; op: string }[] = [];
