// Which command lines read standard input: the CLI's clients send it along (the resident's, src/cli/resident/client.cts,
// and a running server's, src/cli/remote.ts). CommonJS, so that the resident's client loads it without the ESM loader.

/** Does the command line read standard input (`-f -`, `--filename=-`, `set env ... -`)? */
export function readsStdin(argv: string[]): boolean {
  return argv.some((a, i) => ((a === '-f' || a === '--filename') && argv[i + 1] === '-') || a === '-f=-' || a === '--filename=-' || a === '-f-')
    || (argv[0] === 'set' && argv.includes('-'));
}
