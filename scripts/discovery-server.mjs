#!/usr/bin/env node
// A static Kubernetes discovery server built from kubesim's resource catalogue, so the installed
// kubectl can be pointed at it (`kubectl -s http://127.0.0.1:PORT api-resources`) and its output
// recorded as test fixtures (scripts/record-api-resources.mjs). Legacy discovery only: kubectl v1.32
// asks for aggregated discovery first, gets plain JSON and falls back, as with an older server.
// Every other GET answers an empty list, so `kubectl get TYPE -v=6` shows which URL a name maps to.
//
//   node scripts/discovery-server.mjs [PORT]     (after `npm run build`; prints the port)
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { CATALOGUE } = await import(path.join(root, 'dist/src/api/catalogue.js'));
const { VERBS } = await import(path.join(root, 'dist/src/api/catalogue.js'));

const gv = (g, v) => (g ? `${g}/${v}` : v);

function resourceList(group, version) {
  const g = CATALOGUE.find((x) => x.group === group);
  if (!g || !g.versions.includes(version)) return undefined;
  const resources = g.resources
    .filter((r) => (r.versions ?? g.versions).includes(version))
    .map((r) => {
      const o = { name: r.resource, singularName: r.singular ?? r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: [...VERBS[r.verbs ?? 'std']] };
      if (r.shortNames) o.shortNames = r.shortNames;
      if (r.categories) o.categories = r.categories;
      return o;
    });
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv(group, version), resources };
}

function apiGroup(g) {
  return {
    name: g.group,
    versions: g.versions.map((v) => ({ groupVersion: gv(g.group, v), version: v })),
    preferredVersion: { groupVersion: gv(g.group, g.versions[0]), version: g.versions[0] },
  };
}

function route(p) {
  if (p === '/version') return { major: '1', minor: '32', gitVersion: 'v1.32.5', platform: 'linux/amd64' };
  if (p === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] };
  if (p === '/api/v1') return resourceList('', 'v1');
  if (p === '/apis') return { kind: 'APIGroupList', apiVersion: 'v1', groups: CATALOGUE.filter((g) => g.group).map(apiGroup) };
  let m = /^\/apis\/([^/]+)$/.exec(p);
  if (m) {
    const g = CATALOGUE.find((x) => x.group === m[1]);
    return g && { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) };
  }
  m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(p);
  if (m) return resourceList(m[1], m[2]);
  return undefined;
}

/** Serve on 127.0.0.1:port (0: any); resolves to the server once listening. `log` gets each request path. */
export function startDiscoveryServer(port = 0, log) {
  const server = http.createServer((req, res) => {
  log?.(req.method, req.url);
  const p = new URL(req.url, 'http://x').pathname;
  let body = route(p);
  if (!body && req.method === 'GET' && /^\/apis?\//.test(p)) body = { kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [] };
  if (!body) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
});

  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startDiscoveryServer(Number(process.argv[2] ?? 0));
  process.stdout.write(`${server.address().port}\n`);
}
