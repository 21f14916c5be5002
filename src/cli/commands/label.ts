// kubectl label TYPE NAME KEY=VAL ... | KEY-
import { runMetadataVerb } from './metadataverb.js';

export async function run(args: string[], opts: any): Promise<void> {
  await runMetadataVerb('label', args, opts);
}
