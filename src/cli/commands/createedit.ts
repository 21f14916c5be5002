// kubectl create -f FILE --edit (RunEditOnCreate, editoptions.go EditBeforeCreateMode): each object of the
// files in the editor, one session per object, then created as edited.
import { namespaceOf } from '../context.js';
import { RawError, UserError } from '../../api/errors.js';
import { goQuote } from '../../api/gofmt.js';
import { kindPrefix, resourceForKind } from '../../api/resources.js';
import type { KObject } from '../../api/types.js';
import { filterBySelector, mapManifests, namespaceFor } from '../../kubectl/apply.js';
import { runEditLoop } from '../editloop.js';
import { createObject } from '../../server/registry.js';
import { withCluster } from '../../store/session.js';
import { loadFiles } from '../manifests.js';
import { parseObjectFormat, printStructured } from '../output.js';
import { stdio } from '../io.js';
import type { Command } from 'commander';

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
  const { parseManifestText } = await import('../../api/decode.js');
  const { withLastApplied } = await import('../../kubectl/lastapplied.js');
  const manifests = filterBySelector(mapManifests(files, opts.namespace), opts.selector);
  if (!manifests.length) throw new UserError('error: no objects passed to create');
  for (const m of manifests) {
    const obj: KObject = JSON.parse(JSON.stringify(m.obj));
    const objNs = namespaceFor(m, ns, !!opts.namespace);
    if (objNs !== undefined) obj.metadata = { ...(obj.metadata || {}), namespace: objNs };
    // EditBeforeCreateMode: one session per object; a failed create ends the command (visitToCreate)
    await runEditLoop({
      json,
      printed: json ? toJson(obj) : toYaml(obj),
      parse: (text) => parseManifestText(text, 'edited-file', { validate: false }).flatMap((o: KObject) => (o.kind === 'List' ? ((o as any).items as KObject[]) : [o])),
      async visit(updated, _results, file) {
        const printed: string[] = [];
        await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
          for (let u of updated) {
            const info = resourceForKind(u.apiVersion ?? '', u.kind ?? '');
            if (!info) throw new UserError(`error: resource mapping not found for name: "${u.metadata?.name ?? ''}" namespace: "${u.metadata?.namespace ?? ''}" from "${file}": no matches for kind "${u.kind}" in version "${u.apiVersion}"`);
            // RequireNamespace(the command's namespace)
            const uns = u.metadata?.namespace;
            if (info.namespaced && uns && uns !== ns) {
              throw new UserError(`error: the namespace from the provided object "${uns}" does not match the namespace "${ns}". You must pass '--namespace=${uns}' to perform this operation.`);
            }
            // visitAnnotation: --save-config records the edited object (unstructured, with `annotations: {}`)
            if (opts.saveConfig) u = withLastApplied(u, info.namespaced ? uns || ns : undefined);
            const created = createObject(s.cluster, info, u, { ns: info.namespaced ? ns : undefined, fieldManager: 'kubectl' });
            printed.push(fmt.kind === 'table' ? `${kindPrefix(info)}/${created.metadata?.name} created\n` : await printStructured(fmt, [{ info, obj: created }], true));
          }
        });
        // once the state is saved
        stdio.out(printed.join(''));
      },
    });
  }
}
