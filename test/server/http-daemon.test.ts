// `kubesim serve --background` / `kubesim serve stop`: a daemon found through its info file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, tempHome } from '../cli/helpers.js';

test('serve --background starts a daemon, a second serve is refused, serve stop stops it', async () => {
  const home = tempHome();
  const a = ks(home, ['serve', '--background', '--port', '0', '--no-auth']);
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stdout, /^Starting to serve on 127\.0\.0\.1:\d+\n$/);
  const info = JSON.parse(fs.readFileSync(path.join(home, 'serve', 'default.json'), 'utf8'));
  assert.equal((await fetch(`${info.url}/api/v1/namespaces`)).status, 200);
  const b = ks(home, ['serve', '--port', '0']);
  assert.equal(b.code, 1);
  assert.equal(b.stderr, `error: a server for cluster "default" is already running (pid ${info.pid}, ${info.url}); stop it with 'kubesim serve stop'\n`);
  const c = ks(home, ['serve', 'stop']);
  assert.equal(c.code, 0, c.stderr);
  assert.equal(c.stdout, `kubesim: stopped the server of cluster "default" (pid ${info.pid}, ${info.url})\n`);
  assert.equal(fs.existsSync(path.join(home, 'serve', 'default.json')), false);
  const d = ks(home, ['serve', 'stop']);
  assert.deepEqual([d.code, d.stderr], [1, 'error: no server is running for cluster "default"\n']);
  // the state it kept is the CLI's again
  assert.equal(ks(home, ['get', 'ns']).code, 0);
});
