// Bundles the compiled CLI (dist/src, tsc's output) into dist/bundle for bin/kubesim: one module to
// load instead of ~45 at every start (ESM resolution and loading was most of a `get`'s own start-up
// time). Verbs stay lazily loaded: each dynamic import becomes its own chunk.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/src/cli/main.js'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies (commander, proper-lockfile) call require() for node built-ins
  banner: { js: "import { createRequire as __kubesimCreateRequire } from 'node:module'; const require = __kubesimCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
