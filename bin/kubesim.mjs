#!/usr/bin/env node
// dist/bundle (scripts/bundle.mjs, part of `npm run build`) starts faster than dist/src's modules,
// which are used when there is no bundle.
import('../dist/bundle/main.js')
  .catch((e) => {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/bundle/main.js')) throw e;
    return import('../dist/src/cli/main.js');
  })
  .then((m) => m.main(process.argv.slice(2)));
