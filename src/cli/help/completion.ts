// `kubesim completion bash|zsh|fish|powershell`: kubectl's cobra-generated scripts, recorded by
// scripts/record-help.mjs, with the program renamed so they complete kubesim (they call
// `kubesim __complete ...`, answered by complete.ts).
import { stdio } from '../io.js';
import { completionScript } from './data.js';

const SHELLS = ['bash', 'zsh', 'fish', 'powershell'];
const SEE = "See 'kubectl completion -h' for help and examples\n";

/** kubectl's script for the shell, for the program `name` (functions, `complete -F`, env vars). */
export function scriptFor(shell: string, name = 'kubesim'): string {
  return completionScript(shell).replace(/kubectl/g, name).replace(/KUBECTL/g, name.toUpperCase().replace(/[^A-Z0-9_]/g, '_'));
}

export async function completion(args: string[]): Promise<void> {
  const fail = (msg: string) => { stdio.err(`error: ${msg}\n${SEE}`); process.exitCode = 1; };
  if (args.length === 0) return fail('Shell not specified.');
  if (args.length > 1) return fail('Too many arguments. Expected only the shell type.');
  if (!SHELLS.includes(args[0])) return fail(`Unsupported shell type "${args[0]}".`);
  stdio.out(scriptFor(args[0]));
}
