// A KUBESIM_HOME that cannot hold clusters (a file, a FIFO, a device, a symlink loop, a name too
// long, /proc) ends in one clear line naming the path, exit 1: no internal error and no hang. A save
// that fails prints no result line.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, ks, stateFile, tempHome } from './helpers.js';

function run(home: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, KUBESIM_HOME: home, NO_COLOR: '1' };
  delete env.KUBESIM_CLUSTER;
  const r = spawnSync(BIN, args, { env, cwd: ROOT, encoding: 'utf8', timeout: 15000, killSignal: 'SIGKILL' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

const hint = (home: string) => `; kubesim keeps its clusters under ${home} (set KUBESIM_HOME to a directory you can write)\n`;

test('homes that cannot hold clusters', () => {
  const base = tempHome();
  const file = path.join(base, 'afile');
  fs.writeFileSync(file, 'x');
  const fifo = path.join(base, 'fifo');
  spawnSync('mkfifo', [fifo]);
  const loop = path.join(base, 'loopA');
  fs.symlinkSync(path.join(base, 'loopB'), loop);
  fs.symlinkSync(loop, path.join(base, 'loopB'));
  const clustersFile = path.join(base, 'h1');
  fs.mkdirSync(clustersFile);
  fs.writeFileSync(path.join(clustersFile, 'clusters'), '');
  const long = path.join(base, 'a'.repeat(300));
  const cases: [string, string, string][] = [
    [file, `${file}/clusters`, 'not a directory'],
    [fifo, `${fifo}/clusters`, 'not a directory'],
    ['/dev/null', '/dev/null/clusters', 'not a directory'],
    [loop, `${loop}/clusters`, 'too many levels of symbolic links'],
    [clustersFile, `${clustersFile}/clusters`, 'not a directory'],
    [long, `${long}/clusters`, 'file name too long'],
    ['/proc/self', '/proc/self/clusters', 'no such file or directory'],
  ];
  for (const [home, p, why] of cases) {
    for (const args of [['get', 'pods'], ['create', 'namespace', 'x']]) {
      const r = run(home, args);
      // the path named is where the look-up failed: the clusters folder, or the state file in it
      assert.ok(r.stderr === `error: cannot use ${p}: ${why}${hint(home)}` || r.stderr === `error: cannot use ${p}/default.json: ${why}${hint(home)}`, `${home} ${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(r.code, 1);
    }
  }
});

test('a state file that is a FIFO is refused, not waited on', () => {
  const home = tempHome();
  fs.mkdirSync(path.join(home, 'clusters'));
  spawnSync('mkfifo', [stateFile(home)]);
  const r = run(home, ['get', 'pods']);
  assert.equal(r.stderr, `error: cannot use ${stateFile(home)}: not a regular file${hint(home)}`);
  assert.equal(r.code, 1);
});

test('a failed save prints no result and stores nothing', () => {
  const home = tempHome();
  assert.equal(ks(home, ['get', 'namespaces']).code, 0);
  const before = fs.readFileSync(stateFile(home));
  const tmp = path.join(home, 'clusters', '.default.json.tmp');
  fs.mkdirSync(tmp);
  const r = run(home, ['create', 'namespace', 'y']);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `error: cannot use ${tmp}: is a directory${hint(home)}`);
  assert.equal(r.code, 1);
  fs.rmdirSync(tmp);
  assert.equal(ks(home, ['get', 'namespace', 'y']).stderr, 'Error from server (NotFound): namespaces "y" not found\n');
  assert.ok(fs.existsSync(stateFile(home)));
  assert.equal(before.length > 0, true);
});
