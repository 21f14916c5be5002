// `kubesim serve` driven with node's fetch: discovery shapes, the verbs, watch, Table responses and the
// API server's Status errors; the server keeps answering after every bad request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ks, pinnedCluster } from '../cli/helpers.js';
import { serve, DEPLOYMENT, waitFor, type Served, watchEvents } from './http-helpers.js';

let s: Served;
before(async () => { s = await serve({ home: pinnedCluster() }); });
after(async () => { await s?.stop(); });

const json = (body: unknown) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

async function healthy(): Promise<void> {
  const r = await s.api('/healthz');
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'ok');
}

test('version, health and the curl walk-through shapes', async () => {
  const v = await (await s.api('/version')).json();
  assert.equal(v.gitVersion, 'v1.32.5');
  assert.deepEqual(Object.keys(v), ['major', 'minor', 'gitVersion', 'gitCommit', 'gitTreeState', 'buildDate', 'goVersion', 'compiler', 'platform']);
  for (const p of ['/livez', '/readyz']) assert.equal((await s.api(p)).status, 200);
  const api = await (await s.api('/api')).json();
  assert.equal(api.kind, 'APIVersions');
  assert.deepEqual(api.versions, ['v1']);
  assert.deepEqual(await (await s.api('/apis/batch')).json(), {
    kind: 'APIGroup', apiVersion: 'v1', name: 'batch',
    versions: [{ groupVersion: 'batch/v1', version: 'v1' }], preferredVersion: { groupVersion: 'batch/v1', version: 'v1' },
  });
  const batch = await (await s.api('/apis/batch/v1')).json();
  assert.equal(batch.kind, 'APIResourceList');
  assert.equal(batch.groupVersion, 'batch/v1');
  assert.deepEqual(batch.resources.map((r: any) => r.name), ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']);
  assert.deepEqual(batch.resources[0], { name: 'cronjobs', singularName: 'cronjob', namespaced: true, kind: 'CronJob', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['cj'], categories: ['all'] });
  // as recorded from a v1.32.5 API server
  const apps = await (await s.api('/apis/apps/v1')).json();
  assert.deepEqual(apps.resources.map((r: any) => r.name), ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status']);
  assert.deepEqual(apps.resources.find((r: any) => r.name === 'deployments/scale'), { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
  const groups = await (await s.api('/apis')).json();
  assert.equal(groups.kind, 'APIGroupList');
  assert.equal(groups.groups[0].name, 'apiregistration.k8s.io');
});

test('aggregated discovery (what kubectl v1.32 asks for first)', async () => {
  const r = await s.api('/apis', { headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json' } });
  assert.equal(r.headers.get('content-type'), 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
  const d = await r.json();
  assert.equal(d.kind, 'APIGroupDiscoveryList');
  const apps = d.items.find((g: any) => g.metadata.name === 'apps');
  const deploy = apps.versions[0].resources.find((x: any) => x.resource === 'deployments');
  assert.deepEqual(deploy.responseKind, { group: 'apps', version: 'v1', kind: 'Deployment' });
  assert.equal(deploy.scope, 'Namespaced');
  assert.deepEqual(deploy.subresources.map((x: any) => x.subresource), ['scale', 'status']);
  const core = await (await s.api('/api', { headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' } })).json();
  assert.ok(core.items[0].versions[0].resources.some((x: any) => x.resource === 'pods'));
});

test('openapi v3: an index and per group-version documents with fieldValidation on PATCH', async () => {
  const idx = await (await s.api('/openapi/v3')).json();
  const u = idx.paths['apis/apps/v1'].serverRelativeURL;
  assert.match(u, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]+$/);
  const doc = await (await s.api(u)).json();
  const p = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
  assert.deepEqual(p['x-kubernetes-group-version-kind'], { group: 'apps', version: 'v1', kind: 'Deployment' });
  assert.ok(p.parameters.some((x: any) => x.name === 'fieldValidation' && x.in === 'query'));
  const schema = Object.values(doc.components.schemas).find((x: any) => x['x-kubernetes-group-version-kind']?.[0]?.kind === 'Deployment') as any;
  assert.ok(schema.properties.spec);
});

test('openapi v3: Quantity, IntOrString and FieldsV1 are components of their own, as kubectl explain names them', async () => {
  const idx = await (await s.api('/openapi/v3')).json();
  const doc = await (await s.api(idx.paths['api/v1'].serverRelativeURL)).json();
  const schemas = doc.components.schemas;
  const model = (kind: string) => Object.entries(schemas).find(([k]) => k.endsWith(`.${kind}`))![1] as any;
  assert.deepEqual(model('ResourceRequirements').properties.limits.additionalProperties, { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' }], default: {} });
  assert.deepEqual(schemas['io.k8s.apimachinery.pkg.api.resource.Quantity'], { oneOf: [{ type: 'string' }, { type: 'number' }] });
  assert.equal(model('HTTPGetAction').properties.port.allOf[0].$ref, '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString');
  assert.deepEqual(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString'], { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] });
  assert.deepEqual(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1'], { type: 'object' });
  // a field of no known type is an object: an empty schema makes kubectl explain fail
  const ext = await (await s.api(idx.paths['apis/apiextensions.k8s.io/v1'].serverRelativeURL)).json();
  const props = (Object.entries(ext.components.schemas).find(([k]) => k.endsWith('.JSONSchemaProps'))![1] as any).properties;
  assert.equal(props.items.type, 'object');
});

test('create, get, list as a Table, patch, scale, delete; the Table is what kubesim get prints', async () => {
  const base = '/apis/apps/v1/namespaces/default/deployments';
  const c = await s.api(base, json(DEPLOYMENT));
  assert.equal(c.status, 201);
  const created = await c.json();
  assert.equal(created.metadata.generation, 1);
  const g = await (await s.api(`${base}/nginx-deployment`)).json();
  assert.equal(g.spec.template.spec.containers[0].imagePullPolicy, 'IfNotPresent');
  const list = await (await s.api(base)).json();
  assert.equal(list.kind, 'DeploymentList');
  assert.equal(list.items.length, 1);
  assert.equal(list.items[0].kind, undefined);

  const t = await (await s.api(`${base}?limit=500`, { headers: { Accept: TABLE } })).json();
  assert.equal(t.kind, 'Table');
  assert.deepEqual(t.columnDefinitions.map((c: any) => [c.name, c.priority]), [['Name', 0], ['Ready', 0], ['Up-to-date', 0], ['Available', 0], ['Age', 0], ['Containers', 1], ['Images', 1], ['Selector', 1]]);
  assert.equal(t.rows[0].object.kind, 'PartialObjectMetadata');
  // the pinned (manual) clock: the same ages on both doors
  const get = ks(s.home, ['get', 'deploy', '-o', 'wide']);
  assert.equal(get.code, 0, get.stderr);
  const cells = get.stdout.split('\n')[1].split(/\s{2,}/);
  assert.deepEqual(t.rows[0].cells.map(String), cells);

  const p = await s.api(`${base}/nginx-deployment`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/strategic-merge-patch+json' },
    body: JSON.stringify({ spec: { template: { spec: { $setElementOrder: undefined, containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } }),
  });
  assert.equal(p.status, 200);
  assert.equal((await p.json()).spec.template.spec.containers[0].image, 'nginx:1.16.1');

  const sc = await s.api(`${base}/nginx-deployment/scale`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{"spec":{"replicas":2}}' });
  const scale = await sc.json();
  assert.equal(sc.status, 200);
  assert.deepEqual([scale.kind, scale.apiVersion, scale.spec.replicas], ['Scale', 'autoscaling/v1', 2]);
  assert.equal((await (await s.api(`${base}/nginx-deployment/scale`)).json()).status.selector, 'app=nginx');
  // a server-side dry run (kubectl scale --dry-run=server) answers the new size and stores nothing
  const dry = await (await s.api(`${base}/nginx-deployment/scale?dryRun=All`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{"spec":{"replicas":5}}' })).json();
  assert.equal(dry.spec.replicas, 5);
  assert.equal((await (await s.api(`${base}/nginx-deployment/scale`)).json()).spec.replicas, 2);

  const d = await s.api(`${base}/nginx-deployment`, { method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: '{"propagationPolicy":"Background"}' });
  assert.equal(d.status, 200);
  const ds = await d.json();
  assert.deepEqual([ds.kind, ds.status, ds.details.name, ds.details.kind], ['Status', 'Success', 'nginx-deployment', 'deployments']);
  const nf = await s.api(`${base}/nginx-deployment`);
  assert.equal(nf.status, 404);
  assert.deepEqual(await nf.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'deployments.apps "nginx-deployment" not found', reason: 'NotFound', details: { name: 'nginx-deployment', group: 'apps', kind: 'deployments' }, code: 404 });
});

test('label selectors, limit and continue', async () => {
  for (const n of ['a', 'b', 'c']) {
    const r = await s.api('/api/v1/namespaces/default/configmaps', json({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${n}`, labels: { x: n } } }));
    assert.equal(r.status, 201);
  }
  const sel = await (await s.api('/api/v1/namespaces/default/configmaps?labelSelector=x%20in%20(a,c)')).json();
  assert.deepEqual(sel.items.map((o: any) => o.metadata.name), ['cm-a', 'cm-c']);
  const p1 = await (await s.api('/api/v1/namespaces/default/configmaps?labelSelector=x&limit=2')).json();
  assert.deepEqual(p1.items.map((o: any) => o.metadata.name), ['cm-a', 'cm-b']);
  const p2 = await (await s.api(`/api/v1/namespaces/default/configmaps?labelSelector=x&limit=2&continue=${encodeURIComponent(p1.metadata.continue)}`)).json();
  assert.deepEqual(p2.items.map((o: any) => o.metadata.name), ['cm-c']);
  assert.equal(p2.metadata.continue, undefined);
  const fs = await (await s.api('/api/v1/namespaces/default/configmaps?fieldSelector=metadata.name%3Dcm-b')).json();
  assert.deepEqual(fs.items.map((o: any) => o.metadata.name), ['cm-b']);
  // field labels are the resource's own (src/api/fieldlabels.ts): pods have status.phase, configmaps have no data.*
  const running = await (await s.api('/api/v1/pods?fieldSelector=status.phase%21%3DRunning')).json();
  assert.equal(running.kind, 'PodList');
  const bad = await s.api('/api/v1/namespaces/default/configmaps?fieldSelector=data.k%3Dv');
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).message, 'field label not supported: data.k');
  const dc = await s.api('/api/v1/namespaces/default/configmaps?labelSelector=x', { method: 'DELETE' });
  assert.equal(dc.status, 200);
  assert.equal((await dc.json()).items.length, 3);
});

test('watch: ADDED/MODIFIED/DELETED, and 410 Expired for a version no longer kept', async () => {
  const list = await (await s.api('/api/v1/namespaces/default/configmaps')).json();
  const ctl = new AbortController();
  const r = await s.api(`/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${list.metadata.resourceVersion}&allowWatchBookmarks=true`, { signal: ctl.signal });
  assert.equal(r.status, 200);
  const { events, stop } = watchEvents(r, ctl);
  await s.api('/api/v1/namespaces/default/configmaps', json({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched' } }));
  await s.api('/api/v1/namespaces/default/configmaps/watched', { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{"data":{"k":"v"}}' });
  await s.api('/api/v1/namespaces/default/configmaps/watched', { method: 'DELETE' });
  await waitFor(async () => events.length >= 3);
  await stop();
  assert.deepEqual(events.map((e) => [e.type, e.object.metadata.name]), [['ADDED', 'watched'], ['MODIFIED', 'watched'], ['DELETED', 'watched']]);
  assert.ok(Number(events[2].object.metadata.resourceVersion) > Number(events[1].object.metadata.resourceVersion));
  const gone = await (await s.api('/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1')).text();
  const e = JSON.parse(gone.trim());
  assert.equal(e.type, 'ERROR');
  assert.deepEqual([e.object.code, e.object.reason], [410, 'Expired']);
  await healthy();
});

test('bad requests get the API server\'s Status, and the server keeps answering', async () => {
  const base = '/apis/apps/v1/namespaces/default/deployments';
  const cases: [string, Promise<Response>, number, string][] = [
    ['malformed JSON', s.api(base, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{bad' }), 400, 'BadRequest'],
    ['unknown resource', s.api('/apis/apps/v1/namespaces/default/foos'), 404, 'NotFound'],
    ['wrong verb', s.api(base, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }), 405, 'MethodNotAllowed'],
    ['wrong content type', s.api(base, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' }), 415, 'UnsupportedMediaType'],
    ['unacceptable Accept', s.api(base, { headers: { Accept: 'application/vnd.kubernetes.protobuf' } }), 406, 'NotAcceptable'],
    ['huge body', s.api(base, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'a'.repeat(3 * 1024 * 1024 + 10) }), 413, 'RequestEntityTooLarge'],
    ['invalid object', s.api(base, json({ ...DEPLOYMENT, metadata: { name: 'bad' }, spec: { ...DEPLOYMENT.spec, replicas: -1 } })), 422, 'Invalid'],
    ['strict unknown field', s.api(`${base}?fieldValidation=Strict`, json({ ...DEPLOYMENT, metadata: { name: 'strict' }, spec: { ...DEPLOYMENT.spec, replicaz: 1 } })), 400, 'BadRequest'],
  ];
  for (const [what, p, code, reason] of cases) {
    const r = await p;
    const body = await r.json();
    assert.equal(r.status, code, what);
    assert.deepEqual([body.kind, body.status, body.code, body.reason], ['Status', 'Failure', code, reason], what);
    await healthy();
  }
  const inv = await (await s.api(base, json({ ...DEPLOYMENT, metadata: { name: 'bad' }, spec: { ...DEPLOYMENT.spec, replicas: -1 } }))).json();
  assert.equal(inv.message, 'Deployment.apps "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  assert.deepEqual(inv.details.causes, [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }]);
  // a stale resourceVersion
  await s.api(base, json({ ...DEPLOYMENT, metadata: { name: 'rv' } }));
  const cur = await (await s.api(`${base}/rv`)).json();
  await s.api(`${base}/rv`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{"metadata":{"labels":{"x":"y"}}}' });
  const stale = await s.api(`${base}/rv`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(cur) });
  assert.equal(stale.status, 409);
  assert.equal((await stale.json()).reason, 'Conflict');
  // unknown fields warn by default
  const warn = await s.api(base, json({ ...DEPLOYMENT, metadata: { name: 'warned' }, spec: { ...DEPLOYMENT.spec, replicaz: 1 } }));
  assert.equal(warn.status, 201);
  assert.equal(warn.headers.get('warning'), '299 - "unknown field \\"spec.replicaz\\""');
  const dup = await s.api(base, json({ ...DEPLOYMENT, metadata: { name: 'warned' } }));
  assert.equal(dup.status, 409);
  assert.equal((await dup.json()).reason, 'AlreadyExists');
  await healthy();
});

test('a bearer token is required when the server has one', async () => {
  const a = await serve({ auth: true });
  try {
    const r = await fetch(`${a.url}/api/v1/namespaces`);
    assert.equal(r.status, 401);
    assert.deepEqual(await r.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    assert.equal((await fetch(`${a.url}/api/v1/namespaces`, { headers: { Authorization: 'Bearer nope' } })).status, 401);
    assert.equal((await a.api('/api/v1/namespaces')).status, 200);
    assert.equal((await fetch(`${a.url}/healthz`)).status, 200);
  } finally {
    await a.stop();
  }
});

test("a patch of a running pod warns of no field of its status (ContainerStatus's JSON name is lastState)", async () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lastpod' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
  assert.equal((await s.api('/api/v1/namespaces/default/pods', json(pod))).status, 201);
  await waitFor(async () => (await (await s.api('/api/v1/namespaces/default/pods/lastpod')).json()).status?.containerStatuses?.[0]?.lastState !== undefined, 20000);
  const r = await s.api('/api/v1/namespaces/default/pods/lastpod', { method: 'PATCH', headers: { 'Content-Type': 'application/strategic-merge-patch+json' }, body: '{"metadata":{"labels":{"z":"1"}}}' });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('warning'), null);
});
