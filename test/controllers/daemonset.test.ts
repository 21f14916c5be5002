// nodeShouldRunDaemonPod (daemon_controller.go): node name and affinity decide both answers; an
// untolerated NoSchedule taint stops new pods but keeps running ones, an untolerated NoExecute taint
// stops both; the daemon tolerations let pods onto not-ready, unreachable, pressured and cordoned nodes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { nodeShouldRunDaemonPod } from '../../src/controllers/daemon/controller.js';
import { createPodTemplate, getTargetNodeName, replaceDaemonSetPodNodeNameNodeAffinity } from '../../src/controllers/daemon/util.js';
import { makeNode } from '../../src/controllers/nodes.js';

const ds = (spec: any = {}) => ({ metadata: { name: 'd' }, spec: { template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }], ...spec } } } });
const node = (taints?: any[], labels: Record<string, string> = {}) => {
  const n = makeNode('node-1', '2030-01-01T00:00:00Z');
  if (taints) n.spec.taints = taints;
  Object.assign(n.metadata!.labels!, labels);
  return n;
};

test('taints, tolerations, selectors and node names', () => {
  assert.deepEqual(nodeShouldRunDaemonPod(node(), ds()), [true, true]);
  assert.deepEqual(nodeShouldRunDaemonPod(node([{ key: 'k', effect: 'NoSchedule' }]), ds()), [false, true]);
  assert.deepEqual(nodeShouldRunDaemonPod(node([{ key: 'k', effect: 'NoExecute' }]), ds()), [false, false]);
  assert.deepEqual(nodeShouldRunDaemonPod(node([{ key: 'k', effect: 'NoExecute' }]), ds({ tolerations: [{ key: 'k', operator: 'Exists' }] })), [true, true]);
  assert.deepEqual(nodeShouldRunDaemonPod(node([{ key: 'k', effect: 'PreferNoSchedule' }]), ds()), [true, true]);
  // the automatic tolerations
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    assert.deepEqual(nodeShouldRunDaemonPod(node([{ key, effect: 'NoExecute' }]), ds()), [true, true]);
  }
  for (const key of ['node.kubernetes.io/disk-pressure', 'node.kubernetes.io/memory-pressure', 'node.kubernetes.io/pid-pressure', 'node.kubernetes.io/unschedulable']) {
    assert.deepEqual(nodeShouldRunDaemonPod(node([{ key, effect: 'NoSchedule' }]), ds()), [true, true]);
  }
  const netDown = [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }];
  assert.deepEqual(nodeShouldRunDaemonPod(node(netDown), ds()), [false, true]);
  assert.deepEqual(nodeShouldRunDaemonPod(node(netDown), ds({ hostNetwork: true })), [true, true]);
  assert.deepEqual(nodeShouldRunDaemonPod(node(undefined, { disk: 'ssd' }), ds({ nodeSelector: { disk: 'ssd' } })), [true, true]);
  assert.deepEqual(nodeShouldRunDaemonPod(node(), ds({ nodeSelector: { disk: 'ssd' } })), [false, false]);
  assert.deepEqual(nodeShouldRunDaemonPod(node(), ds({ nodeName: 'node-2' })), [false, false]);
  // the control plane's taint keeps daemon pods off unless tolerated
  assert.deepEqual(nodeShouldRunDaemonPod(node([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]), ds()), [false, true]);
});

test('the daemon pod template: tolerations, labels, node-name affinity', () => {
  const t = createPodTemplate({ metadata: { labels: { a: 'b' } }, spec: { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }] } }, 3, 'abc');
  assert.deepEqual(t.metadata.labels, { a: 'b', 'pod-template-generation': '3', 'controller-revision-hash': 'abc' });
  assert.equal(t.spec.tolerations.length, 6);
  // an existing not-ready toleration is replaced in place (its tolerationSeconds dropped)
  assert.deepEqual(t.spec.tolerations[0], { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
  const aff = replaceDaemonSetPodNodeNameNodeAffinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'x', operator: 'Exists' }] }] } } }, 'node-9');
  assert.deepEqual(aff.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms, [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-9'] }] }]);
  assert.equal(getTargetNodeName({ spec: { affinity: aff } }), 'node-9');
});
