// kubectl annotate TYPE NAME KEY=VAL ... | KEY-
import { runMetadataVerb } from './metadataverb.js';

export async function run(args: string[], opts: any): Promise<void> {
  await runMetadataVerb('annotation', args, opts);
}
