// kubectl's global flags (`kubectl options`) that change nothing in a simulated cluster: accepted on
// every command, as kubectl accepts them, so scripts written for kubectl run unchanged. Where a
// kubesim command declares the same flag (config set-cluster --insecure-skip-tls-verify), commander
// parses it at the root, and the command still reads it from optsWithGlobals(); a flag declared
// below with another shape (a value where the global is a bool) is left to that command alone.
import { Command, Option } from 'commander';
import { boolFlag } from './pflag.js';

/** [flags, takes a value]; --as/--as-group/--as-uid, -s/--server and the credentials are not harmless. */
const HARMLESS: [string, boolean][] = [
  ['--cache-dir <dir>', true],
  ['--certificate-authority <file>', true],
  ['--client-certificate <file>', true],
  ['--client-key <file>', true],
  ['--disable-compression', false],
  ['--insecure-skip-tls-verify', false],
  ['--log-flush-frequency <duration>', true],
  ['--match-server-version', false],
  ['--profile <name>', true],
  ['--profile-output <file>', true],
  ['--tls-server-name <name>', true],
  ['--vmodule <pattern>', true],
  ['--warnings-as-errors', false],
];

/** Some subcommand declares `long` taking a value when `value` is false, or the other way round. */
function clashesBelow(c: Command, long: string, value: boolean): boolean {
  return c.commands.some((s) => s.options.some((o) => o.long === long && (o.required || o.optional) !== value) || clashesBelow(s, long, value));
}

export function addKubectlGlobals(program: Command): void {
  for (const [flags, value] of HARMLESS) {
    const long = flags.split(' ')[0];
    if (program.options.some((o) => o.long === long) || clashesBelow(program, long, value)) continue;
    program.addOption(value ? new Option(flags, 'kubectl global flag, accepted for compatibility') : boolFlag(long, 'kubectl global flag, accepted for compatibility'));
  }
}
