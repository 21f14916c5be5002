// Bundles the compiled CLI (dist/src, tsc's output) into dist/bundle for bin/kubesim: one module to
// load instead of ~45 at every start (ESM resolution and loading was most of a `get`'s own start-up
// time). Verbs stay lazily loaded: each dynamic import becomes its own chunk.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

// chunk names carry content hashes: without a clean start, every build's chunks would pile up
fs.rmSync('dist/bundle', { recursive: true, force: true });

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

// The startup snapshot: one CommonJS file (Node 20's snapshot builder takes no modules), then
// `node --build-snapshot`. The blob only fits the Node binary that built it, so it is rebuilt with
// every `npm run build`; bin/kubesim falls back to the ESM bundle when it is missing.
await build({
  entryPoints: ['dist/src/cli/snapshot.js'],
  outfile: 'dist/snapshot/kubesim.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // The blob holds the bundle's source text, so a smaller source is a faster start (each MB of blob is ~5 ms of
  // every command). Names are kept: errors and classes are told apart by name in places.
  minify: true,
  keepNames: true,
  logLevel: 'error',
});
// V8 keeps a source text with any character beyond Latin-1 as two bytes a character, which doubles it in the blob.
// esbuild escapes such characters in strings but not in regular expression literals: write those as \u escapes.
{
  const text = fs.readFileSync('dist/snapshot/kubesim.cjs', 'utf8');
  const wide = [...new Set(text.match(/[^\x00-\xff]/gu) ?? [])];
  if (wide.length) console.error(`bundle: the snapshot's source holds ${wide.join(' ')}: escape them (\\uXXXX) so the source stays one byte a character`);
}
// Two blobs of the same source: a command's, and the resident process's (src/cli/resident/), whose heap is configured
// for many commands in a row. The V8 flags are part of a blob's configuration: they are read from bin/kubesim, which
// starts each blob with its own (its `stack=` line, and its two `heap="..."` lines: a command's, then the resident's).
const launcher = fs.readFileSync('bin/kubesim', 'utf8');
const stack = /^stack=(\S+)$/m.exec(launcher)[1];
const [command, resident] = [...launcher.matchAll(/^\s*heap="([^"]*)"$/gm)].map((m) => m[1].split(' '));
for (const [blob, heap] of [['kubesim', command], ['resident', resident]]) {
  const snap = spawnSync(process.execPath, ['--no-warnings', stack, ...heap, '--snapshot-blob', `dist/snapshot/${blob}.blob`, '--build-snapshot', 'dist/snapshot/kubesim.cjs'], { stdio: 'inherit' });
  if (snap.status !== 0) {
    fs.rmSync(`dist/snapshot/${blob}.blob`, { force: true });
    console.error(`bundle: building the startup snapshot ${blob}.blob failed; bin/kubesim will load the ESM bundle`);
  }
}
// bin/kubesim starts from the snapshot only with this same node binary
fs.writeFileSync('dist/snapshot/node', `${process.execPath}\n`);
