// Entry point of the V8 startup snapshot (scripts/bundle.mjs bundles it as one CommonJS file, as
// Node 20's snapshot builder requires). Everything main.ts imports statically is loaded and
// initialised at build time; functions are compiled lazily at run time. Nothing that holds OS
// resources or reads the environment may run at module load (colour, locks, spawn are lazy).
// (Playing the docs' story at build time, so that the blob also held its bytecode, made the story's
// 20 commands 9% dearer in CPU: deserializing the bytecode of all it ran costs more than compiling
// what one command needs.)
import v8 from 'node:v8';
import { main, prebuildProgram } from './main.js';
// Pure modules most commands need, initialised into the snapshot too (their load-time work:
// schema tables, defaults, the controllers). Not proper-lockfile: it patches fs and hooks signals.
import '../store/session.js';
import '../server/registry.js';
import '../controllers/manager.js';
import '../kubectl/query.js';
import '../printers/tables.js';
import './commands/metadataverb.js';
import './commands/get.js';
import './commands/set.js';
import './commands/rollout.js';
import './commands/rolloutstatus.js';
import './commands/apply.js';

prebuildProgram();

v8.startupSnapshot.setDeserializeMainFunction(() => {
  // `node --snapshot-blob BLOB -- ARGS`: Node drops the `--`, so ARGS start at argv[1]
  void main(process.argv.slice(1));
});
