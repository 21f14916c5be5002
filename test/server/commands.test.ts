// While `kubesim serve` runs, the CLI is its client: command lines go to the server, which runs them
// against the cluster it keeps, so they print exactly what they print on the file, and take no lock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, ksAsync, pinnedCluster } from '../cli/helpers.js';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n';

function script(home: string): [string, string, number][] {
  const out: [string, string, number][] = [];
  const run = (args: string[], input?: string) => {
    const r = ks(home, args, input);
    out.push([r.stdout, r.stderr, r.code]);
  };
  run(['create', 'deployment', 'web', '--image=nginx:1.25', '-r', '2']);
  run(['apply', '-f', '-'], CM);
  run(['label', 'deploy', 'web', 'tier=front']);
  run(['scale', 'deploy/web', '--replicas=3']);
  run(['set', 'image', 'deploy/web', 'nginx=nginx:1.26']);
  run(['get', 'deploy,cm', '-o', 'name']);
  run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas} {.metadata.labels.tier} {.spec.template.spec.containers[0].image}']);
  run(['describe', 'cm', 'settings']);
  run(['annotate', 'cm', 'nope', 'a=b']);
  run(['get', 'pods', '--field-selector', 'nope=1']);
  run(['delete', 'cm', 'settings', '--wait=false']);
  return out;
}

test('with a server running, commands print what they print on the file, and the server holds the state', async () => {
  const local = pinnedCluster();
  const served = pinnedCluster();
  const expected = script(local);
  const s = ks(served, ['serve', '--background', '--port', '0', '--no-auth']);
  assert.equal(s.code, 0, s.stderr);
  try {
    assert.deepEqual(script(served), expected);
    // the server's API sees what the commands did, at once
    const info = JSON.parse(fs.readFileSync(path.join(served, 'serve', 'default.json'), 'utf8'));
    const d = await (await fetch(`${info.url}/apis/apps/v1/namespaces/default/deployments/web`)).json() as any;
    assert.equal(d.metadata.labels.tier, 'front');

    // proof that the command went to the server: while the server is stopped (SIGSTOP), a command waits
    // for it
    process.kill(info.pid, 'SIGSTOP');
    let answered = false;
    const pending = ksAsync(served, ['annotate', 'deploy', 'web', 'via=server']).then((r) => { answered = true; return r; });
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(answered, false);
    process.kill(info.pid, 'SIGCONT');
    const r = await pending;
    assert.deepEqual([r.stdout, r.stderr, r.code], ['deployment.apps/web annotated\n', '', 0]);
  } finally {
    try { process.kill(JSON.parse(fs.readFileSync(path.join(served, 'serve', 'default.json'), 'utf8')).pid, 'SIGCONT'); } catch { /* gone */ }
    ks(served, ['serve', 'stop']);
  }
  // after the server, the file has everything
  assert.equal(ks(served, ['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.annotations.via}']).stdout, 'server');
});
