// The field manager's memo of outcomes sees through a pod's IPs (src/server/fieldmanager/vary.ts): two pods whose status
// writes differ only in their IPs share one outcome, and each gets the managedFields a fresh computation gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldSet, toFieldsV1 } from '../../src/server/fieldmanager/fieldset.js';
import { instantiate, placeholder, substitute } from '../../src/server/fieldmanager/vary.js';
import { compareKeyed } from '../../src/server/fieldmanager/compare.js';
import { recordUpdate } from '../../src/server/fieldmanager/update.js';

const ip = (x: string) => `k:{"ip":"${x}"}`;

test('substitute renames members and child keys at any depth, and returns the set itself when nothing occurs', () => {
  const s = new FieldSet();
  s.insert(['f:status', 'f:podIPs', ip('10.244.1.5'), 'f:ip']);
  s.insert(['f:status', 'f:podIPs', ip('10.244.1.5')]);
  s.insert(['f:status', 'f:phase']);
  const abs = substitute(s, [ip('10.244.1.5')], [placeholder(0)]);
  assert.deepEqual(toFieldsV1(abs), { 'f:status': { 'f:phase': {}, 'f:podIPs': { 'k:[0]': { '.': {}, 'f:ip': {} } } } });
  assert.equal(abs.children.get('f:status')!.children.get('f:phase'), s.children.get('f:status')!.children.get('f:phase'));
  const back = substitute(abs, [placeholder(0)], [ip('10.244.2.9')]);
  assert.deepEqual(toFieldsV1(back), { 'f:status': { 'f:phase': {}, 'f:podIPs': { [ip('10.244.2.9')]: { '.': {}, 'f:ip': {} } } } });
  assert.equal(substitute(s, [ip('10.9.9.9')], [placeholder(0)]), s);
});

test('compareKeyed keys two writes alike when they differ only in the elements it is told vary', () => {
  const st = (x: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { podIP: x, podIPs: [{ ip: x }] } });
  const a = compareKeyed(undefined, st('10.0.0.1'), 'Pod', undefined, undefined, [ip('10.0.0.1')]);
  const b = compareKeyed(undefined, st('10.0.0.11'), 'Pod', undefined, undefined, [ip('10.0.0.11')]);
  const c = compareKeyed(undefined, st('10.0.0.11'), 'Pod', undefined, undefined, [ip('10.0.0.1')]);
  assert.equal(a.key, b.key);
  assert.notEqual(a.key, c.key);
  // the comparison itself keeps the pod's own elements
  assert.deepEqual(b.comparison().added.paths().filter((p) => p.includes('f:podIPs')), [
    ['f:status', 'f:podIPs'], ['f:status', 'f:podIPs', ip('10.0.0.11')], ['f:status', 'f:podIPs', ip('10.0.0.11'), 'f:ip'],
  ]);
});

function pod(name: string, podIP: string, phase: string): any {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: name },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
    status: { phase, hostIP: '172.18.0.2', hostIPs: [{ ip: '172.18.0.2' }], podIP, podIPs: [{ ip: podIP }], conditions: [{ type: 'Ready', status: phase === 'Running' ? 'True' : 'False' }] },
  };
}

/** Two status writes of a pod by the kubelet, through the memo (vary) or without it. */
function writes(name: string, podIP: string, vary: boolean): unknown {
  const w = { manager: 'kubelet', subresource: 'status', time: '2026-01-01T00:00:00Z' };
  const keys = vary ? [ip(podIP), ip('172.18.0.2')] : undefined;
  const base: any = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: name }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
  const first = pod(name, podIP, 'Pending');
  recordUpdate(base, first, w, undefined, keys);
  const second = pod(name, podIP, 'Running');
  second.metadata.managedFields = first.metadata.managedFields;
  recordUpdate(first, second, w, undefined, keys);
  return second.metadata.managedFields;
}

test('pods that differ only in their IPs share outcomes, and each gets its own IPs in its managed fields', () => {
  const a = writes('a', '10.244.1.5', true);
  const b = writes('b', '10.244.1.6', true);
  assert.deepEqual(a, writes('a2', '10.244.1.5', false));
  assert.deepEqual(b, writes('b2', '10.244.1.6', false));
  const fields = JSON.stringify(b);
  assert.ok(fields.includes('{\\"ip\\":\\"10.244.1.6\\"}') && !fields.includes('10.244.1.5') && !fields.includes('k:['), fields);
});

test("an instantiated set's FieldsV1 is made from its abstract twin's, and is what encoding it afresh gives", () => {
  const abs = new FieldSet();
  for (const h of [placeholder(0), placeholder(1)]) {
    abs.insert(['f:status', 'f:podIPs', h, 'f:ip']);
    abs.insert(['f:status', 'f:podIPs', h]);
  }
  abs.insert(['f:status', 'f:phase']);
  abs.insert(['f:status', 'f:conditions', 'k:{"type":"Ready"}', 'f:status']);
  const holes = [placeholder(0), placeholder(1)];
  const fresh = (s: FieldSet) => JSON.stringify(toFieldsV1(s.clone()));
  // the concrete keys sort as the placeholders did: the untouched levels are the abstract encoding's own objects
  const inOrder = [ip('10.1.0.1'), ip('10.1.0.2')];
  const a = instantiate(abs, inOrder, inOrder.join('\0'), holes);
  assert.equal(JSON.stringify(toFieldsV1(a)), fresh(a));
  assert.equal((toFieldsV1(a) as any)['f:status']['f:conditions'], (toFieldsV1(abs) as any)['f:status']['f:conditions']);
  assert.deepEqual(Object.keys((toFieldsV1(a) as any)['f:status']['f:podIPs']), inOrder);
  // the second IP sorts first: the level is sorted as a fresh encoding sorts it
  const reversed = [ip('10.1.0.9'), ip('10.1.0.3')];
  const b = instantiate(abs, reversed, reversed.join('\0'), holes);
  assert.equal(JSON.stringify(toFieldsV1(b)), fresh(b));
  assert.deepEqual(Object.keys((toFieldsV1(b) as any)['f:status']['f:podIPs']), [ip('10.1.0.3'), ip('10.1.0.9')]);
});
