// Random requests (seeded) at `kubesim serve`: every answer is a well-formed response (a Status for
// every failure), the server never goes down, and the state file stays readable by the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ks } from '../cli/helpers.js';
import { serve, DEPLOYMENT, type Served } from './http-helpers.js';

let s: Served;
before(async () => { s = await serve(); });
after(async () => { await s?.stop(); });

/** mulberry32: a small seeded generator, so a failure can be replayed */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = Number(process.env.KUBESIM_FUZZ_N ?? 1500);

test(`${N} random requests: well-formed answers, and the server keeps answering`, async () => {
  const r = rng(12);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const paths = ['/api/v1/namespaces/default/pods', '/api/v1/namespaces/default/configmaps', '/api/v1/namespaces/default/configmaps/x',
    '/apis/apps/v1/namespaces/default/deployments', '/apis/apps/v1/namespaces/default/deployments/nginx-deployment',
    '/apis/apps/v1/namespaces/default/deployments/nginx-deployment/scale', '/apis/apps/v1/namespaces/default/deployments/nginx-deployment/status',
    '/apis/apps/v1/deployments', '/api/v1/nodes', '/api/v1/namespaces', '/api/v1/namespaces/x', '/apis/batch/v1/namespaces/default/jobs',
    '/apis/nope/v1/things', '/api/v1/namespaces/default/pods/p/log', '/api/v1/namespaces/default/pods/p/exec', '/api', '/apis', '/openapi/v3',
    '/api/v1/namespaces/default/%ZZ', '/apis/apps/v1/namespaces/default/deployments?labelSelector=((', '/api/v1/pods?fieldSelector=bad', '/api/v1/pods?continue=garbage'];
  const types = ['application/json', 'application/yaml', 'application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json', 'text/plain', ''];
  const bodies = [() => '', () => '{', () => 'null', () => '[]', () => '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x"}}',
    () => JSON.stringify({ ...DEPLOYMENT, spec: { ...DEPLOYMENT.spec, replicas: Math.floor(r() * 5) } }),
    () => JSON.stringify({ spec: { replicas: r() < 0.5 ? 'x' : 2 } }), () => '[{"op":"replace","path":"/spec/replicas","value":1}]',
    () => '[{"op":"bogus"}]', () => String.fromCharCode(...Array.from({ length: 40 }, () => Math.floor(r() * 256))), () => JSON.stringify({ metadata: { name: 7 } })];
  for (let i = 0; i < N; i++) {
    const method = pick(['GET', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
    const p = pick(paths);
    const init: RequestInit & { headers: Record<string, string> } = { method, headers: {} };
    if (method !== 'GET' && method !== 'OPTIONS') {
      init.body = pick(bodies)();
      const t = pick(types);
      if (t) init.headers['Content-Type'] = t;
    }
    if (r() < 0.1) init.headers.Accept = pick(['application/json;as=Table;v=v1;g=meta.k8s.io', 'application/vnd.kubernetes.protobuf', 'text/html', '*/*']);
    const res = await s.api(p, init);
    const text = await res.text();
    assert.ok(res.status < 500, `${method} ${p} -> ${res.status} ${text}`);
    if (res.status >= 400) {
      const st = JSON.parse(text);
      assert.deepEqual([st.kind, st.status, st.code], ['Status', 'Failure', res.status], `${method} ${p}`);
    }
  }
  assert.equal((await s.api('/healthz')).status, 200);
  const get = ks(s.home, ['get', 'configmaps,deployments']);
  assert.equal(get.code, 0, get.stderr);
});
