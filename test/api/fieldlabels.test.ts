// Field selectors as the API server judges them: each resource's own labels and values, metadata.* for
// every kind, and `field label not supported` for anything else.
import test from 'node:test';
import assert from 'node:assert/strict';
import { fieldSelectorMatcher } from '../../src/api/fieldlabels.js';
import { StatusError } from '../../src/api/errors.js';

const pod = { metadata: { name: 'web', namespace: 'default' }, spec: { nodeName: 'node-1', restartPolicy: 'Always' }, status: { phase: 'Running', podIPs: [{ ip: '10.244.0.5' }] } };

test('pod field labels: spec and status values as strings, hostNetwork defaulting to false', () => {
  const m = (e: string) => fieldSelectorMatcher('', 'pods', e)(pod as any);
  assert.equal(m('spec.nodeName=node-1,status.phase=Running'), true);
  assert.equal(m('status.phase!=Running'), false);
  assert.equal(m('spec.hostNetwork=false'), true);
  assert.equal(m('status.podIP==10.244.0.5'), true);
  assert.equal(m('metadata.namespace=default,metadata.name=web'), true);
  assert.equal(m('spec.schedulerName='), true);
});

test('event source: the source component, else the reporting controller', () => {
  const m = (e: any) => fieldSelectorMatcher('', 'events', 'source=kubelet')(e);
  assert.equal(m({ source: { component: 'kubelet' } }), true);
  assert.equal(m({ source: {}, reportingComponent: 'kubelet' }), true);
  assert.equal(m({ source: { component: 'default-scheduler' } }), false);
  assert.equal(fieldSelectorMatcher('events.k8s.io', 'events', 'involvedObject.kind=Node')({ involvedObject: { kind: 'Node' } } as any), true);
});

test('a label the resource does not have is a BadRequest', () => {
  for (const [g, r, l] of [['', 'pods', 'spec.containers'], ['apps', 'deployments', 'status.replicas'], ['', 'configmaps', 'data'], ['metrics.k8s.io', 'pods', 'status.phase']]) {
    assert.throws(() => fieldSelectorMatcher(g, r, `${l}=x`), (e: any) => e instanceof StatusError && e.code === 400 && e.message === `field label not supported: ${l}`);
  }
  assert.equal(fieldSelectorMatcher('apps', 'replicasets', 'status.replicas=0')({} as any), true);
  assert.equal(fieldSelectorMatcher('batch', 'jobs', 'status.successful=3')({ status: { succeeded: 3 } } as any), true);
});

test("a term without an operator is fields.ParseSelector's error; a term splits at its first operator", () => {
  assert.throws(() => fieldSelectorMatcher('', 'pods', 'status.phase=Running,abc'), (e: any) => e instanceof StatusError && e.code === 400 && e.message === "invalid selector: 'status.phase=Running,abc'; can't understand 'abc'");
  // `a!b=c` is the label `a!b` (not supported), not `a` != `b=c`
  assert.throws(() => fieldSelectorMatcher('', 'pods', 'a!b=c'), (e: any) => e.message === 'field label not supported: a!b');
});
