// A state file that is JSON but not a cluster kubesim wrote is reported as corrupt, named, and left
// as it is: never an internal error, a livelock, or a fresh cluster written over it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ks, manualCluster, stateFile, tempHome } from './helpers.js';

const HINT = "; move it aside to keep it, or run 'kubesim cluster reset default' to start this cluster afresh\n";

const BROKEN: [string, (st: any) => any, string][] = [
  ['a null clock', (st) => { st.clock = null; return st; }, 'is corrupt ("clock" is not an object)'],
  ['a clock in no mode', (st) => { st.clock.mode = 'fast'; return st; }, 'is corrupt (clock.mode "fast" is neither "manual" nor "realtime")'],
  ['a clock that is not a time', (st) => { st.clock.now = 1e300; return st; }, 'is corrupt (clock.now is not a time)'],
  ['a zero speed', (st) => { st.clock.speed = 0; return st; }, 'is corrupt (clock.speed is not a positive number)'],
  ['timers that are not a list', (st) => { st.timers = {}; return st; }, 'is corrupt ("timers" is not a list)'],
  ['a timer without a time', (st) => { st.timers = [{ kind: 'x', key: 'y', seq: 1 }]; return st; }, 'is corrupt ("timers" holds an entry that is not a timer)'],
  ['an unknown resource bucket', (st) => { st.objects.frobs = {}; return st; }, 'is corrupt (objects holds an unknown resource "frobs")'],
  ['an object without a name', (st) => { delete st.objects.namespaces['kube-public'].metadata.name; return st; }, 'is corrupt (objects.namespaces["kube-public"] has no metadata.name)'],
  ['two objects sharing a uid', (st) => { st.objects.namespaces['kube-public'].metadata.uid = st.objects.namespaces.default.metadata.uid; return st; }, 'is corrupt (two objects share the uid UID)'],
  ['null', () => null, 'is not a kubesim cluster file'],
  ['0', () => 0, 'is not a kubesim cluster file'],
  ['an empty string', () => '', 'is not a kubesim cluster file'],
  ['false', () => false, 'is not a kubesim cluster file'],
  ['a list', () => [], 'is not a kubesim cluster file'],
];

for (const [what, mutate, message] of BROKEN) {
  test(`a state file with ${what} is refused and left untouched`, () => {
    const home = tempHome();
    manualCluster(home);
    const file = stateFile(home);
    const st = JSON.parse(fs.readFileSync(file, 'utf8'));
    const uid = st.objects.namespaces.default.metadata.uid;
    fs.writeFileSync(file, JSON.stringify(mutate(st)));
    const before = fs.readFileSync(file);
    for (const args of [['get', 'namespaces'], ['create', 'namespace', 'x']]) {
      const r = ks(home, args);
      assert.equal(r.stderr, `error: the state file ${file} ${message.replace('UID', uid)}${HINT}`, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.code, 1);
    }
    assert.ok(fs.readFileSync(file).equals(before));
  });
}
