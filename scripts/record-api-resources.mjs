#!/usr/bin/env node
// Records the installed kubectl's output for `api-resources` / `api-versions` (every flag) and how
// it resolves resource names (`get TYPE`: which URL it lists, which warning or error it prints),
// against scripts/discovery-server.mjs serving kubesim's catalogue. Writes
// test/fixtures/api-resources/{cases,resolution}.json, which test/cli/apiresources.test.ts and
// test/api/resources.test.ts compare kubesim against.
//
//   npm run build && node scripts/record-api-resources.mjs
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDiscoveryServer } from './discovery-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'test/fixtures/api-resources');
const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-kcache-'));
const server = await startDiscoveryServer(0);
const base = ['-s', `http://127.0.0.1:${server.address().port}`, `--cache-dir=${cache}`];

// asynchronous: the server answers from this process's event loop
function kubectl(args) {
  return new Promise((resolve) => {
    const p = spawn('kubectl', [...base, ...args], { env: { ...process.env, KUBECONFIG: '/dev/null' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

const CASES = [
  ['api-resources'],
  ['api-resources', '-o', 'wide'],
  ['api-resources', '-o', 'name'],
  ['api-resources', '--no-headers'],
  ['api-resources', '--namespaced'],
  ['api-resources', '--namespaced=true'],
  ['api-resources', '--namespaced=false'],
  ['api-resources', '--namespaced=false', '-o', 'wide'],
  ['api-resources', '--api-group=apps'],
  ['api-resources', '--api-group', 'autoscaling', '-o', 'wide'],
  ['api-resources', '--api-group='],
  ['api-resources', '--api-group=rbac.authorization.k8s.io', '-o', 'name'],
  ['api-resources', '--api-group=nope'],
  ['api-resources', '--verbs=list,create', '--namespaced=false'],
  ['api-resources', '--verbs=create', '-o', 'wide'],
  ['api-resources', '--verbs=get,LIST'],
  ['api-resources', '--verbs', 'get', '--verbs', 'list', '-o', 'name'],
  ['api-resources', '--sort-by=name'],
  ['api-resources', '--sort-by=kind'],
  ['api-resources', '--sort-by=name', '-o', 'name'],
  ['api-resources', '--sort-by=kind', '-o', 'wide', '--no-headers'],
  ['api-resources', '--sort-by=foo'],
  ['api-resources', '--categories=all'],
  ['api-resources', '--categories=api-extensions', '-o', 'wide'],
  ['api-resources', '--categories=all,api-extensions'],
  ['api-resources', '--categories', 'all', '--sort-by=kind', '-o', 'name'],
  ['api-resources', '--categories=nope', '--no-headers'],
  ['api-resources', '--namespaced=true', '-o', 'wide', '--api-group=apps', '--no-headers'],
  ['api-resources', '-o', 'yaml'],
  ['api-resources', 'foo'],
  ['api-versions'],
  ['api-versions', 'foo'],
];

const cases = [];
for (const args of CASES) cases.push({ args, ...(await kubectl(args)) });

// Names to resolve: every resource's plural, singular, short names and kind, with and without its
// group (and version), plus the forms kubectl treats specially.
const { RESOURCES } = await import(path.join(root, 'dist/src/api/resources.js'));
const names = new Set();
for (const r of RESOURCES) {
  if (!r.verbs.includes('list')) continue;
  for (const n of [r.resource, r.singular, r.kind, ...r.shortNames]) {
    names.add(n);
    if (r.group) names.add(`${n}.${r.group}`);
    for (const v of r.versions) names.add(`${n}.${v}.${r.group || ''}`.replace(/\.$/, ''));
  }
}
for (const n of ['CJ', 'PO', 'Pods', 'DEPLOYMENTS', 'Deploy', 'hpa.autoscal', 'deploy.app', 'pods.v1', 'foo', 'foo.bar', 'foo.v1.bar',
  'ev.events.k8s.io', 'deployments.v2.apps', 'horizontalpodautoscalers.v1.autoscaling', 'hpa.v1.autoscaling', 'ing.v1.networking.k8s.io',
  'netpol.networking', 'crd.apiextensions.k8s.io', 'jobs.batch', 'job.batch', 'replicaset.apps', 'Deployment.Apps', 'ingress.networking.k8s.io']) names.add(n);

const resolution = [];
for (const typed of names) {
  const r = await kubectl(['get', typed, '-v=6']);
  const url = /GET http:\/\/[^/]+(\/apis?\/[^ ?]*\/(?:namespaces\/default\/)?[a-z0-9]+)\?limit=500/.exec(r.stderr);
  const extra = r.stderr.split('\n').filter((l) => /^(Warning|error):/.test(l));
  resolution.push({ typed, path: url ? url[1] : null, messages: extra });
}

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'cases.json'), JSON.stringify(cases, null, 1) + '\n');
fs.writeFileSync(path.join(outDir, 'resolution.json'), JSON.stringify(resolution, null, 1) + '\n');
server.close();
fs.rmSync(cache, { recursive: true, force: true });
console.log(`recorded ${cases.length} api-resources/api-versions cases and ${resolution.length} names`);
