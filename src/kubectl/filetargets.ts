// The builder's FilenameParam for verbs that act on live objects (get, describe, label, annotate):
// each object of the -f files or the -k kustomization names a live object, fetched in file order
// (kubectl's Latest()), with NotFound and namespace errors collected as the builder's ContinueOnError does.
import type { KObject } from '../api/types.js';
import { mapManifests, namespaceFor } from './apply.js';
import { fetch, type Found } from './query.js';
import type { Cluster } from '../store/cluster.js';

export interface FileTargets {
  /** runs of objects of one type, in file order */
  found: Found[];
  errors: Error[];
  /** how many objects the files hold (one: kubectl prints it bare, not as a List) */
  count: number;
  /** the files name more than one kind (kubectl's multipleGVKsRequested: names get the kind prefix) */
  kinds: number;
}

export function fetchFileTargets(cluster: Cluster, files: { source: string; objects: KObject[] }[], o: { namespace: string; explicitNs: boolean }): FileTargets {
  const out: FileTargets = { found: [], errors: [], count: 0, kinds: 0 };
  const kinds = new Set<string>();
  for (const f of files) for (const obj of f.objects) {
    out.count++;
    try {
      const m = mapManifests([{ source: f.source, objects: [obj] }], o.namespace)[0];
      kinds.add(`${m.info.group}/${m.info.kind}`);
      const ns = namespaceFor(m, o.namespace, o.explicitNs) ?? o.namespace;
      const name = m.obj.metadata?.name ?? '';
      const { found, errors } = fetch(cluster, { targets: [{ info: m.info, names: [name] }], multi: true, single: false }, { namespace: ns });
      out.errors.push(...errors);
      const last = out.found[out.found.length - 1];
      const objects = found[0]?.objects ?? [];
      if (!objects.length) continue;
      if (last && last.info.group === m.info.group && last.info.resource === m.info.resource) last.objects.push(...objects);
      else out.found.push({ info: m.info, objects: [...objects] });
    } catch (e) {
      out.errors.push(e as Error);
    }
  }
  out.kinds = kinds.size;
  return out;
}
