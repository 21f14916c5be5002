// Whatever a lock directory holds (a killed writer's, a garbage pid, a stranger's pid, no holder
// file, a plain file in its place), the next command recovers it quickly and without an internal error.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ks, manualCluster, stateFile, tempHome } from './helpers.js';

const MANIFEST = path.join(ROOT, 'manifests', 'nginx-deployment.yaml');

function setup(): { home: string; lock: string } {
  const home = tempHome();
  manualCluster(home);
  assert.equal(ks(home, ['apply', '-f', MANIFEST]).code, 0);
  return { home, lock: `${stateFile(home)}.lock` };
}

function age(p: string, ms: number): void {
  const t = new Date(Date.now() - ms);
  fs.utimesSync(p, t, t);
}

const LEFTOVERS: [string, (lock: string) => void][] = [
  ['a dead writer\'s pid', (l) => { fs.mkdirSync(l); fs.writeFileSync(path.join(l, 'pid'), '999999 12345\nkubesim scale\n'); }],
  ['a pid from an older kubesim (no start time)', (l) => { fs.mkdirSync(l); fs.writeFileSync(path.join(l, 'pid'), '999999'); }],
  ['a garbage pid', (l) => { fs.mkdirSync(l); fs.writeFileSync(path.join(l, 'pid'), 'garbage\x00'); age(l, 2000); }],
  ['a live pid whose process started at another time (pid reused)', (l) => { fs.mkdirSync(l); fs.writeFileSync(path.join(l, 'pid'), '1 999999999999\ninit\n'); }],
  ['a live stranger\'s pid without a heartbeat', (l) => { fs.mkdirSync(l); fs.writeFileSync(path.join(l, 'pid'), '1'); age(l, 11000); }],
  ['no holder file (killed right after mkdir)', (l) => { fs.mkdirSync(l); age(l, 2000); }],
  ['a plain file where the directory should be', (l) => { fs.writeFileSync(l, 'x'); age(l, 2000); }],
];

for (const [what, make] of LEFTOVERS) {
  test(`a lock left with ${what} is recovered at once`, () => {
    const { home, lock } = setup();
    make(lock);
    const t0 = Date.now();
    const r = ks(home, ['scale', 'deployment/nginx-deployment', '--replicas=2']);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'deployment.apps/nginx-deployment scaled\n');
    assert.equal(r.code, 0);
    assert.ok(Date.now() - t0 < 15000, `took ${Date.now() - t0} ms`);
    assert.equal(fs.existsSync(lock), false, 'the lock is released');
    assert.deepEqual(fs.readdirSync(path.dirname(lock)).filter((n) => n.includes('.lock')), []);
  });
}
