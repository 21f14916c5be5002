// kubectl kustomize DIR: the built resources as YAML documents.
import { writeFileSync } from 'node:fs';
import { RawError } from '../../api/errors.js';
import { klogLine } from '../klog.js';
import { toYaml } from '../../printers/yaml.js';
import { buildKustomization } from '../manifests.js';
import { stdio } from '../io.js';

export async function run(args: string[], opts: { output?: string }): Promise<void> {
  if (args.length > 1) throw new RawError(klogLine('E', '"command failed" err="specify one path to kustomization.yaml"'));
  const objects = buildKustomization(args[0] ?? '.', true);
  const text = objects.map((o) => toYaml(o)).join('---\n');
  if (opts.output) writeFileSync(opts.output, text);
  else stdio.out(text);
}
