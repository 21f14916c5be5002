// Placeholder until `kubectl wait` lands: behaves as an unknown command.
import { UserError } from '../../api/errors.js';

export async function run(): Promise<void> {
  throw new UserError('error: unknown command "wait" for "kubectl"');
}
