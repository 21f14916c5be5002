import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, nodeIsReady, nodeInternalIP } from '../../src/controllers/nodes.js';
import { resolveImage, normalizeImage } from '../../src/controllers/images.js';

test('makeNode builds a Ready kind-like node', () => {
  const n = makeNode('node-1', '2026-11-22T23:16:46Z');
  assert.equal(n.metadata!.name, 'node-1');
  assert.deepEqual(n.metadata!.labels, {
    'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': 'node-1', 'kubernetes.io/os': 'linux',
  });
  assert.ok(nodeIsReady(n));
  assert.equal(nodeInternalIP(n), '172.18.0.2');
  assert.equal(n.spec!.podCIDR, '10.244.0.0/24');
  assert.equal(n.status!.allocatable.pods, '110');
  assert.equal(n.status!.nodeInfo.kubeletVersion, 'v1.32.5');
  assert.equal(n.status!.nodeInfo.osImage, 'Debian GNU/Linux 12 (bookworm)');
  assert.equal(n.status!.nodeInfo.kernelVersion, '6.1.0-fake');
  assert.equal(n.status!.nodeInfo.containerRuntimeVersion, 'containerd://1.7.24');
  const ready = n.status!.conditions.find((c: any) => c.type === 'Ready');
  assert.deepEqual(ready, {
    lastHeartbeatTime: '2026-11-22T23:16:46Z', lastTransitionTime: '2026-11-22T23:16:46Z',
    message: 'kubelet is posting ready status', reason: 'KubeletReady', status: 'True', type: 'Ready',
  });
  assert.equal(nodeInternalIP(makeNode('node-3', 'x')), '172.18.0.4');
  assert.equal(makeNode('node-3', 'x').spec!.podCIDR, '10.244.2.0/24');
});

test('image references normalize like the docker reference library', () => {
  assert.deepEqual(normalizeImage('nginx'), { repo: 'docker.io/library/nginx', tag: 'latest', digest: undefined });
  assert.deepEqual(normalizeImage('luksa/kubia:v3'), { repo: 'docker.io/luksa/kubia', tag: 'v3', digest: undefined });
  assert.deepEqual(normalizeImage('registry.k8s.io/pause:3.10'), { repo: 'registry.k8s.io/pause', tag: '3.10', digest: undefined });
  assert.deepEqual(normalizeImage('localhost:5000/app'), { repo: 'localhost:5000/app', tag: 'latest', digest: undefined });
});

test('the catalogue: known tags pull, unknown tags of known images fail, unknown images pull', () => {
  for (const img of ['nginx:1.14.2', 'nginx:1.16.1', 'nginx:1.17', 'nginx', 'nginx:alpine', 'busybox:1.36', 'httpd:2.4', 'redis:7', 'luksa/kubia:v1']) {
    assert.ok(resolveImage(img).pullable, img);
  }
  assert.equal(resolveImage('nginx:1.14.2').size, 72195292);
  const bad = resolveImage('nginx:1.161');
  assert.equal(bad.pullable, false);
  assert.equal(bad.error, 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found');
  assert.equal(resolveImage('someone/app:1.0').pullable, true);
  assert.equal(resolveImage('someone/doesnotexist:1.0').pullable, false);
  assert.equal(resolveImage('nginx:doesnotexist').pullable, false);
  assert.equal(resolveImage('nginx:1.14.2').imageID, resolveImage('nginx:1.14.2').imageID);
});
