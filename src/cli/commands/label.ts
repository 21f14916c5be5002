// kubectl label TYPE NAME KEY=VAL ... | KEY-
import type { Command } from 'commander';
import { runMetadataVerb } from './metadataverb.js';

export async function run(args: string[], opts: any, cmd: Command): Promise<void> {
  await runMetadataVerb('label', args, opts, cmd);
}
