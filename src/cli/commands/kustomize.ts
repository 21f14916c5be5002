// kubectl kustomize DIR: the built resources as YAML documents.
import { UserError } from '../../api/errors.js';
import { toYaml } from '../../printers/yaml.js';
import { buildKustomization } from '../manifests.js';
import { stdio } from '../io.js';

export async function run(args: string[]): Promise<void> {
  if (args.length > 1) throw new UserError(`error: specify one path to kustomization.yaml`);
  const objects = buildKustomization(args[0] ?? '.');
  stdio.out(objects.map((o) => toYaml(o)).join('---\n'));
}
