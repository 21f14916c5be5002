// bin/kubesim starts Node from the startup snapshot when `npm run build` made one, else it loads the
// ESM bundle (KUBESIM_NO_SNAPSHOT=1 forces that path). Both must print the same bytes.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, env, manualCluster, tempHome } from './helpers.js';

function run(home: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(BIN, args, { env: { ...env(home), ...extra }, cwd: ROOT, encoding: 'utf8' });
  return `${r.status}\n${r.stdout}\n${r.stderr}`;
}

test('the snapshot exists after the build, and both launch paths print the same', () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'snapshot', 'kubesim.blob')));
  const story = (extra: Record<string, string>) => {
    const home = tempHome();
    manualCluster(home);
    return [
      ['apply', '-f', 'manifests/nginx-deployment.yaml'],
      ['rollout', 'status', 'deployment/nginx-deployment'],
      ['set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.161'],
      ['rollout', 'status', 'deployment/nginx-deployment', '--timeout=20s'],
      ['get', 'rs,pods', '-o', 'wide'],
      ['get', 'frobs'],
      ['--help'],
      ['get', '-n', 'kube-system', 'configmaps'],
      // a kubeconfig file written, then read back (YAML parsed on both launch paths)
      ['config', 'set-context', '--current', '--namespace=kube-system'],
      ['config', 'get-contexts'],
      ['get', 'configmaps', '-o', 'name'],
    ].map((a) => run(home, a, extra)).join('\n---\n');
  };
  assert.equal(story({}), story({ KUBESIM_NO_SNAPSHOT: '1' }));
});

test('flags that Node itself knows reach kubesim, not Node', () => {
  const home = tempHome();
  assert.match(run(home, ['--help']), /^0\nkubesim works like kubectl against a simulated Kubernetes v1\.32 cluster kept in a local file\.\n\nBasic Commands \(Beginner\):\n/);
  assert.equal(run(home, ['-v', '6', 'get', 'nodes', '-o', 'name']), '0\nnode/node-1\n\n');
});

test('Node starts without NODE_EXTRA_CA_CERTS (no load, no warning), and the processes kubesim starts get it back', () => {
  const home = tempHome();
  manualCluster(home);
  run(home, ['create', 'configmap', 'c', '--from-literal=a=b']);
  const seen = path.join(home, 'editor-env');
  // Node warns about an unreadable bundle at start-up when it loads one: the launcher must have kept it from Node
  const r = run(home, ['edit', 'configmap/c'], { NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem', KUBE_EDITOR: `sh -c 'printf %s "$NODE_EXTRA_CA_CERTS,$KUBESIM_EXTRA_CA_CERTS" > ${seen}'` });
  assert.equal(r, '0\n\nEdit cancelled, no changes made.\n');
  assert.equal(fs.readFileSync(seen, 'utf8'), '/nonexistent/ca.pem,');
});
