// @kubernetes/client-node 1.0.0 (runs on Node 20) against `kubesim serve`: list, watch and patch a
// Deployment, and read a pod's log, over --tls with the bearer token (client-node 1.0 speaks https only).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as k8s from '@kubernetes/client-node';
import { serve, DEPLOYMENT, waitFor, type Served } from './http-helpers.js';

const HAVE_OPENSSL = spawnSync('openssl', ['version']).status === 0;
const skip = HAVE_OPENSSL ? false : '--tls needs openssl';

let s: Served;
before(async () => { if (HAVE_OPENSSL) s = await serve({ auth: true, tls: true }); });
after(async () => { await s?.stop(); });

function config(): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'kubesim', server: s.url, caData: Buffer.from(s.ca!).toString('base64') }],
    users: [{ name: 'kubesim', token: s.token }],
    contexts: [{ name: 'kubesim', cluster: 'kubesim', user: 'kubesim' }],
    currentContext: 'kubesim',
  });
  return kc;
}

test('client-node lists, watches and patches a Deployment and reads a pod log', { skip }, async () => {
  const kc = config();
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  await apps.createNamespacedDeployment({ namespace: 'default', body: DEPLOYMENT as k8s.V1Deployment });
  const list = await apps.listNamespacedDeployment({ namespace: 'default' });
  assert.deepEqual(list.items.map((d) => d.metadata?.name), ['nginx-deployment']);
  assert.equal(list.items[0].spec?.replicas, 3);

  const events: string[] = [];
  const w = new k8s.Watch(kc);
  const req = await w.watch('/apis/apps/v1/namespaces/default/deployments', { resourceVersion: list.metadata?.resourceVersion }, (type, obj) => {
    events.push(`${type} ${obj.metadata.name} ${obj.spec.replicas}`);
  }, () => {});
  const patched = await apps.patchNamespacedDeployment({ namespace: 'default', name: 'nginx-deployment', body: [{ op: 'replace', path: '/spec/replicas', value: 1 }] });
  assert.equal(patched.spec?.replicas, 1);
  await waitFor(async () => events.includes('MODIFIED nginx-deployment 1'));
  req.abort();

  // the pods start on the realtime clock; a running container's log (empty until the kubelet writes logs)
  let pod = '';
  await waitFor(async () => {
    const pods = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=nginx' });
    const running = pods.items.find((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp);
    pod = running?.metadata?.name ?? '';
    return !!pod;
  });
  const log = await core.readNamespacedPodLog({ namespace: 'default', name: pod });
  assert.equal(log, '');
});
