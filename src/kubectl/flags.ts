// Flag values shared by several verbs, parsed with kubectl's errors.
import { UserError } from '../api/errors.js';

export type DryRun = 'none' | 'client' | 'server';
export type Validate = 'strict' | 'warn' | 'ignore';

export function parseDryRun(v: string | boolean | undefined): DryRun {
  if (v === undefined || v === false || v === 'none') return 'none';
  if (v === true || v === 'unchanged') return 'client'; // the bare flag (src/cli/dryrun.ts warns)
  if (v === 'client' || v === 'server') return v;
  throw new UserError(`error: Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export function parseValidate(v: string | boolean | undefined): Validate {
  if (v === undefined || v === true || v === 'true' || v === 'strict') return 'strict';
  if (v === 'warn') return 'warn';
  if (v === false || v === 'false' || v === 'ignore') return 'ignore';
  throw new UserError(`error: invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}

export function opSuffix(dryRun: DryRun): string {
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
}
