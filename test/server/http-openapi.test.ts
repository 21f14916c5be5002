// /openapi/v2: the Swagger 2.0 document from the same schema data as /openapi/v3, as JSON; the
// protobuf form kubectl asks for is a 406 (so kubectl uses its compiled-in types for patches).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, type Served } from './http-helpers.js';

let s: Served;
before(async () => { s = await serve(); });
after(async () => { await s?.stop(); });

test('/openapi/v2 as JSON: definitions with their group-version-kinds, $refs into #/definitions', async () => {
  const r = await s.api('/openapi/v2', { headers: { Accept: 'application/json' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/json');
  assert.match(r.headers.get('etag') ?? '', /^"[0-9A-F]{128}"$/);
  const doc = await r.json();
  assert.equal(doc.swagger, '2.0');
  assert.deepEqual(doc.info, { title: 'Kubernetes', version: 'v1.32.5' });
  const deploy = Object.values<any>(doc.definitions).find((d) => d['x-kubernetes-group-version-kind']?.some((g: any) => g.group === 'apps' && g.kind === 'Deployment'));
  assert.ok(deploy);
  assert.match(deploy.properties.spec.$ref, /^#\/definitions\//);
  assert.ok(doc.definitions[deploy.properties.spec.$ref.slice('#/definitions/'.length)].properties.replicas);
  assert.equal(JSON.stringify(doc).includes('#/components/'), false);
  assert.ok(doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch);
  // no Accept is */*: JSON too
  assert.equal((await s.api('/openapi/v2')).headers.get('content-type'), 'application/json');
});

test("/openapi/v2 in protobuf (kubectl's Accept) is a 406 with no body", async () => {
  const r = await s.api('/openapi/v2?timeout=32s', { headers: { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
  assert.equal(r.status, 406);
  assert.equal(await r.text(), '');
});
