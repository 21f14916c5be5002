// `kubesim serve` answering what a v1.32 API server answers about its own control plane: the health endpoints'
// check lists (text/plain), ComponentStatus with its deprecation Warning header, Leases renewed between two LISTs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ks, pinnedCluster } from '../cli/helpers.js';
import { serve, waitFor, type Served, watchEvents } from './http-helpers.js';

let s: Served;
before(async () => { s = await serve({ home: pinnedCluster() }); });
after(async () => { await s?.stop(); });

test('/readyz?verbose, /livez/etcd and an unknown check over HTTP', async () => {
  const r = await s.api('/readyz?verbose');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  const body = await r.text();
  assert.ok(body.startsWith('[+]ping ok\n[+]log ok\n[+]etcd ok\n[+]etcd-readiness ok\n[+]informer-sync ok\n'), body);
  assert.ok(body.endsWith('[+]autoregister-completion ok\n[+]poststarthook/apiservice-openapi-controller ok\n[+]poststarthook/apiservice-openapiv3-controller ok\n[+]shutdown ok\nreadyz check passed\n'), body);
  assert.equal(await (await s.api('/livez/etcd')).text(), 'ok');
  const missing = await s.api('/livez/shutdown');
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).message, 'the server could not find the requested resource');
});

test('componentstatuses: the deprecation warning on every answer', async () => {
  const list = await s.api('/api/v1/componentstatuses');
  assert.equal(list.status, 200);
  assert.equal(list.headers.get('warning'), '299 - "v1 ComponentStatus is deprecated in v1.19+"');
  assert.deepEqual((await list.json()).items.map((c: any) => [c.metadata.name, c.conditions]), ['scheduler', 'controller-manager', 'etcd-0'].map((n) => [n, [{ type: 'Healthy', status: 'True', message: 'ok' }]]));
  const one = await s.api('/api/v1/componentstatuses/etcd-0');
  assert.equal(one.headers.get('warning'), '299 - "v1 ComponentStatus is deprecated in v1.19+"');
  assert.equal((await one.json()).metadata.name, 'etcd-0');
});

test('a LIST of leases after time passed shows the later renewals', async () => {
  const renewals = async () => Object.fromEntries((await (await s.api('/apis/coordination.k8s.io/v1/leases')).json()).items.map((l: any) => [l.metadata.name, Date.parse(l.spec.renewTime)]));
  const first = await renewals();
  assert.equal(ks(s.home, ['clock', 'advance', '30s']).code, 0);
  const later = await renewals();
  assert.equal(later['node-1'] - first['node-1'], 30_000);
  assert.equal(later['kube-scheduler'] - first['kube-scheduler'], 30_000);
});

test('a watch of leases hears each renewal as time passes (renewals are no writes)', async () => {
  const list = await (await s.api('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases')).json();
  const before = Date.parse(list.items[0].spec.renewTime);
  const ctl = new AbortController();
  const r = await s.api(`/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases?watch=true&resourceVersion=${list.metadata.resourceVersion}`, { signal: ctl.signal });
  assert.equal(r.status, 200);
  const { events, stop } = watchEvents(r, ctl);
  // (the server looks at what its watchers follow on its next tick)
  await new Promise((res) => setTimeout(res, 500));
  assert.equal(ks(s.home, ['clock', 'advance', '10s']).code, 0);
  await waitFor(async () => events.length >= 1);
  await stop();
  assert.deepEqual(events.map((e) => [e.type, e.object.metadata.name, Date.parse(e.object.spec.renewTime) - before]), [['MODIFIED', 'node-1', 10_000]]);
});
