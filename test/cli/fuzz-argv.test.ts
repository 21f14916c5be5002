// A fuzz of the command line (issue: hardening): generated commands mixing real verbs, resource
// types, names and flags with wrong values. Whatever kubectl would say, kubesim must never show an
// internal error or a stack trace, never hang, exit 0 or 1 as kubectl does, and a command that
// fails must leave the state file as it was. The commands come from a fixed seed.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { BIN, env, ks, manualCluster, ok, ROOT, stateFile, tempHome, webDeployment } from './helpers.js';

const VERBS = [['get'], ['describe'], ['delete'], ['label'], ['annotate'], ['scale'], ['patch'], ['set', 'image'], ['set', 'env'],
  ['set', 'resources'], ['rollout', 'status'], ['rollout', 'undo'], ['rollout', 'history'], ['rollout', 'restart'], ['create', 'deployment'],
  ['create', 'configmap'], ['create', 'secret', 'generic'], ['create', 'service', 'clusterip'], ['expose'], ['run'], ['wait'], ['edit'],
  ['apply'], ['replace'], ['explain'], ['events'], ['api-resources'], ['config', 'view'], ['auth', 'can-i'], ['clock', 'advance']];
const TYPES = ['deploy', 'deployment/web', 'pods', 'po', 'svc', 'rs', 'cm', 'no', 'ns', 'secrets', 'all', 'foo', 'deploy,svc', '', 'jobs.batch', 'hpa'];
const NAMES = ['web', 'nope', '', 'a=b', 'web=nginx:1.27', 'k-', '--', '-', 'x'.repeat(300), '..', 'UPPER', 'é'];
const FLAGS = ['-o', '-o=json', '-o=yaml', '-o=wide', '-o=name', '-o=jsonpath={.x', '-o=go-template={{.x', '-o=custom-columns=A:.a', '-o=bogus',
  '--replicas=abc', '--replicas=-1', '--replicas=2147483648', '--replicas=3', '-l', '-l=a in (b', '-l=app=web', '--field-selector=x',
  '--sort-by={.metadata.name', '--sort-by=.metadata.name', '--dry-run', '--dry-run=clinet', '--dry-run=server', '--grace-period=abc',
  '--timeout=abc', '--timeout=1s', '--for=condition=Available', '--for=bogus', '-p', '-p={"a":', '--type=merge', '--type=bogus', '-f',
  '-f=/nonexistent', '-n', '-n=kube-system', '-n=nope', '-A', '--all', '--image=', '--image=nginx', '--port=abc', '--port=70000',
  '--from-literal=a', '--from-literal=a=b', '--overwrite', '--local', '--record', '--revision=abc', '--revision=99', '-c', '--cascade=bogus',
  '--selector', '--limits=cpu=abc', '--requests=memory=1Gi', '--env=A', '--show-labels', '--no-headers', '--watch-only', '--context=nope',
  '--kubeconfig=/nonexistent', '--cluster=nope', '-v=9', '--request-timeout=x', '--validate=bogus', '--force', '--now', '--ignore-not-found'];

function rng(seed: number) {
  let x = seed >>> 0;
  const next = () => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x / 4294967296; };
  return { int: (n: number) => Math.floor(next() * n), pick: <T>(a: T[]): T => a[Math.floor(next() * a.length)] };
}

test('150 generated commands: no internal error, no stack trace, no hang, nothing written by a failure', () => {
  const home = tempHome();
  manualCluster(home);
  ok(ks(home, ['apply', '-f', '-'], webDeployment('nginx:1.27', 2)));
  const r = rng(7);
  // commands that exit 0 may change the state; keep them from touching what later inputs rely on
  for (let i = 0; i < 150; i++) {
    const args = [...r.pick(VERBS)];
    for (let k = r.int(3); k > 0; k--) args.push(r.pick(TYPES));
    for (let k = r.int(2); k > 0; k--) args.push(r.pick(NAMES));
    for (let k = r.int(4); k > 0; k--) args.push(r.pick(FLAGS));
    const before = fs.readFileSync(stateFile(home), 'utf8');
    const t0 = Date.now();
    const res = spawnSync(BIN, args.filter((a) => a !== ''), { env: env(home), cwd: ROOT, encoding: 'utf8', input: '', timeout: 15000 });
    const what = `command ${i}: kubesim ${args.join(' ')}\n${res.stderr}`;
    assert.notEqual(res.error?.message.includes('ETIMEDOUT'), true, `hung: ${what}`);
    assert.ok(!/internal kubesim error|\n\s+at .+:\d+:\d+\)?\n/.test(res.stderr), what);
    assert.ok(res.status === 0 || res.status === 1, `exit ${res.status}: ${what}`);
    if (res.status !== 0) {
      assert.equal(fs.readFileSync(stateFile(home), 'utf8'), before, `a failed command changed the state: ${what}`);
    }
    assert.ok(Date.now() - t0 < 15000);
  }
});
