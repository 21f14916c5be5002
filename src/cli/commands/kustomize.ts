// kubectl kustomize DIR: the built resources as YAML documents.
import { writeFileSync } from 'node:fs';
import { RawError } from '../../api/errors.js';
import { klogLine, klogValue } from '../klog.js';
import { setLoadRestrictor } from '../../kubectl/kustomize/files.js';
import { toYaml } from '../../printers/yaml.js';
import { buildKustomization } from '../manifests.js';
import { stdio } from '../io.js';

export async function run(args: string[], opts: { output?: string; loadRestrictor?: string }): Promise<void> {
  if (args.length > 1) throw new RawError(klogLine('E', '"command failed" err="specify one path to kustomization.yaml"'));
  try {
    setLoadRestrictor(opts.loadRestrictor);
  } catch (e) {
    throw new RawError(klogLine('E', `"command failed" err=${klogValue((e as Error).message)}`));
  }
  let objects;
  try {
    objects = buildKustomization(args[0] ?? '.', true);
  } finally {
    setLoadRestrictor(undefined); // (a server runs many command lines: the next -k builds with the default)
  }
  const text = objects.map((o) => toYaml(o)).join('---\n');
  if (opts.output) writeFileSync(opts.output, text);
  else stdio.out(text);
}
