// kubectl create -f FILE --edit (RunEditOnCreate, editoptions.go EditBeforeCreateMode): each object of the
// files in the editor, one session per object, then created as edited.
// kubesim: an edited file that does not parse ends the command (kubectl reopens the editor with the error).
import fs from 'node:fs';
import { namespaceOf } from '../context.js';
import { RawError, UserError } from '../../api/errors.js';
import { goQuote } from '../../api/gofmt.js';
import { kindPrefix, resourceForKind } from '../../api/resources.js';
import type { KObject } from '../../api/types.js';
import { filterBySelector, mapManifests, namespaceFor } from '../../kubectl/apply.js';
import { editorFromEnv, EditorError, launchTempFile } from '../../kubectl/editor.js';
import { createObject } from '../../server/registry.js';
import { withCluster } from '../../store/session.js';
import { loadFiles } from '../manifests.js';
import { parseObjectFormat, printStructured } from '../output.js';
import { stdio } from '../io.js';
import type { Command } from 'commander';

const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n' +
  '#\n';

/** cmdutil.StripComments, for the no-change check: the YAML's value, or the text without comment lines. */
function stripped(text: string, parse: (t: string) => unknown): string {
  try {
    return JSON.stringify(parse(text));
  } catch {
    return text.split('\n').filter((l) => !/^\s*#(?!!)/.test(l)).join('\n');
  }
}

/** preservedFile: the edited file is kept and named before the error. */
function preserved(file: string, e: unknown): never {
  stdio.err(`A copy of your changes has been stored to ${goQuote(file)}\n`);
  throw e;
}

export async function run(_args: string[], opts: any, cmd: Command): Promise<void> {
  void cmd;
  const output: string | undefined = opts.output;
  if (output !== undefined && output !== 'yaml' && output !== 'json') {
    // the edit printer refuses it for the buffer, then the command's error says it again
    const msg = `unable to match a printer suitable for the output format ${goQuote(output)}, allowed formats are: json,yaml\n`;
    throw new RawError((msg + msg).trimEnd());
  }
  const json = output === 'json';
  const fmt = parseObjectFormat(opts);
  const ns = namespaceOf(opts);
  const files = loadFiles(opts.filename, !!opts.recursive);
  const { toYaml, toJson } = await import('../../printers/output.js');
  const { parseManifestText, yamlToJsonValue } = await import('../../api/decode.js');
  const { withLastApplied } = await import('../../kubectl/lastapplied.js');
  const manifests = filterBySelector(mapManifests(files, opts.namespace), opts.selector);
  if (!manifests.length) throw new UserError('error: no objects passed to create');
  const editor = editorFromEnv();
  for (const m of manifests) {
    const obj: KObject = JSON.parse(JSON.stringify(m.obj));
    const objNs = namespaceFor(m, ns, !!opts.namespace);
    if (objNs !== undefined) obj.metadata = { ...(obj.metadata || {}), namespace: objNs };
    const original = (json ? '' : HEADER) + (json ? toJson(obj) : toYaml(obj));
    let edited: string;
    let file: string;
    try {
      ({ edited, file } = launchTempFile(editor, 'kubectl-edit-', json ? '.json' : '.yaml', original));
    } catch (e) {
      if (e instanceof EditorError) throw new UserError(`error: ${e.message}`);
      throw e;
    }
    if (stripped(original, yamlToJsonValue) === stripped(edited, yamlToJsonValue)) {
      fs.rmSync(file, { force: true });
      stdio.err('Edit cancelled, no changes made.\n');
      continue;
    }
    if (!edited.split('\n').some((l) => l.trim() && !l.trim().startsWith('#'))) {
      fs.rmSync(file, { force: true });
      stdio.err('Edit cancelled, saved file was empty.\n');
      continue;
    }
    let updated: KObject[];
    try {
      updated = parseManifestText(edited, file, { validate: false }).flatMap((o: KObject) => (o.kind === 'List' ? ((o as any).items as KObject[]) : [o]));
    } catch (e) {
      preserved(file, e);
    }
    await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
      for (let u of updated) {
        const info = resourceForKind(u.apiVersion ?? '', u.kind ?? '');
        if (!info) preserved(file, new UserError(`error: resource mapping not found for name: "${u.metadata?.name ?? ''}" namespace: "${u.metadata?.namespace ?? ''}" from "${file}": no matches for kind "${u.kind}" in version "${u.apiVersion}"`));
        // RequireNamespace(the command's namespace)
        const uns = u.metadata?.namespace;
        if (info.namespaced && uns && uns !== ns) {
          preserved(file, new UserError(`error: the namespace from the provided object "${uns}" does not match the namespace "${ns}". You must pass '--namespace=${uns}' to perform this operation.`));
        }
        // visitAnnotation: --save-config records the edited object (unstructured, with `annotations: {}`)
        if (opts.saveConfig) u = withLastApplied(u, info.namespaced ? uns || ns : undefined);
        let created: KObject;
        try {
          created = createObject(s.cluster, info, u, { ns: info.namespaced ? ns : undefined, fieldManager: 'kubectl' });
        } catch (e) {
          preserved(file, e);
        }
        stdio.out(fmt.kind === 'table' ? `${kindPrefix(info)}/${created.metadata?.name} created\n` : await printStructured(fmt, [{ info, obj: created }], true));
      }
    });
    fs.rmSync(file, { force: true });
  }
}
