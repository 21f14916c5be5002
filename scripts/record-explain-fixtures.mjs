// Records `kubectl explain` (the installed kubectl v1.32) as test/fixtures/explain/cases.json, the oracle
// test/cli/explain.test.ts compares kubesim with. kubectl talks to a static HTTP server on 127.0.0.1 serving
// the recorded v1.32 discovery (../shared/conformance/api/curl) and the OpenAPI v3 documents of
// kubernetes/kubectl's testdata/openapi/v3 (tag v0.32.x; fetched separately, never committed):
//   node scripts/record-explain-fixtures.mjs /path/to/testdata/openapi/v3 [CURLDIR [SWAGGER]]
// Only core/v1, apps/v1 and autoscaling/v1+v2 have documents there, so only their kinds are recorded.
// SWAGGER, the v1.32 OpenAPI v2 document (api/openapi-spec/swagger.json of Kubernetes v1.32, as
// kubernetes-client/python v32.0.1 ships it in kubernetes/swagger.json.unprocessed), adds the
// --output=plaintext-openapiv2 cases (kubectl reads /openapi/v2 only as protobuf: encoded here).
import { createServer } from 'node:http';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [v3dir, curlDir = '../shared/conformance/api/curl', swaggerPath] = process.argv.slice(2);
if (!v3dir) { console.error('usage: record-explain-fixtures.mjs V3DIR [CURLDIR]'); process.exit(2); }
const curl = (n) => JSON.parse(readFileSync(join(curlDir, `${n}.json`), 'utf8'));
const docs = { 'api/v1': 'api/v1.json', 'apis/apps/v1': 'apis/apps/v1.json', 'apis/autoscaling/v1': 'apis/autoscaling/v1.json', 'apis/autoscaling/v2': 'apis/autoscaling/v2.json' };
const groups = curl('03');
groups.groups = groups.groups.filter((g) => g.name === 'apps' || g.name === 'autoscaling');
const autoscaling = groups.groups.find((g) => g.name === 'autoscaling') ?? {
  name: 'autoscaling',
  versions: [{ groupVersion: 'autoscaling/v2', version: 'v2' }, { groupVersion: 'autoscaling/v1', version: 'v1' }],
  preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
};
if (!groups.groups.includes(autoscaling)) groups.groups.push(autoscaling);
const hpa = (gv) => ({
  kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv,
  resources: [{ name: 'horizontalpodautoscalers', singularName: 'horizontalpodautoscaler', namespaced: true, kind: 'HorizontalPodAutoscaler', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['hpa'], categories: ['all'] }],
});
// other groups (for the OpenAPI v2 cases): discovery made from kubesim's catalogue (dist/, after a build); it only
// maps names to kinds here, the explained text comes from the served documents
const { RESOURCES } = await import(join(process.cwd(), 'dist/src/api/resources.js'));
const EXTRA = ['apiextensions.k8s.io', 'discovery.k8s.io', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'policy', 'storage.k8s.io', 'coordination.k8s.io', 'scheduling.k8s.io'];
const extraLists = {};
for (const g of EXTRA) {
  const rs = RESOURCES.filter((r) => r.group === g);
  const versions = [...new Set(rs.flatMap((r) => r.versions))];
  groups.groups.push({ name: g, versions: versions.map((v) => ({ groupVersion: `${g}/${v}`, version: v })), preferredVersion: { groupVersion: `${g}/${rs[0].version}`, version: rs[0].version } });
  for (const v of versions) {
    extraLists[`/apis/${g}/${v}`] = { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${g}/${v}`,
      resources: rs.filter((r) => r.versions.includes(v)).map((r) => ({ name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: [...r.verbs], shortNames: r.shortNames.length ? r.shortNames : undefined, categories: r.categories.length ? r.categories : undefined })) };
  }
}
const routes = {
  ...extraLists,
  '/version': curl('01'), '/api': curl('02'), '/apis': groups, '/apis/apps/v1': curl('05'), '/api/v1': curl('06'),
  '/apis/autoscaling/v1': hpa('autoscaling/v1'), '/apis/autoscaling/v2': hpa('autoscaling/v2'),
  '/openapi/v3': { paths: Object.fromEntries(Object.keys(docs).map((p) => [p, { serverRelativeURL: `/openapi/v3/${p}?hash=0` }])) },
};
// --- gnostic's openapi_v2.Document in protobuf, for the fields kube-openapi's proto models read ---
const varint = (n) => { const b = []; while (n > 127) { b.push((n & 127) | 128); n = Math.floor(n / 128); } b.push(n); return Buffer.from(b); };
const bytesField = (no, buf) => Buffer.concat([varint((no << 3) | 2), varint(buf.length), buf]);
const str = (no, v) => bytesField(no, Buffer.from(String(v), 'utf8'));
const msg = (no, parts) => bytesField(no, Buffer.concat(parts));
const anyYaml = (no, v) => msg(no, [str(2, JSON.stringify(v))]);
function schemaPb(sc) {
  const p = [];
  if (sc.$ref) p.push(str(1, sc.$ref));
  if (sc.format) p.push(str(2, sc.format));
  if (sc.description) p.push(str(4, sc.description));
  for (const r of sc.required ?? []) p.push(str(19, r));
  for (const e of sc.enum ?? []) p.push(anyYaml(20, e));
  if (sc.additionalProperties !== undefined) {
    p.push(msg(21, [typeof sc.additionalProperties === 'boolean' ? Buffer.from([16, sc.additionalProperties ? 1 : 0]) : msg(1, schemaPb(sc.additionalProperties))]));
  }
  if (sc.type) p.push(msg(22, (Array.isArray(sc.type) ? sc.type : [sc.type]).map((t) => str(1, t))));
  if (sc.items) p.push(msg(23, (Array.isArray(sc.items) ? sc.items : [sc.items]).map((i) => msg(1, schemaPb(i)))));
  for (const a of sc.allOf ?? []) p.push(msg(24, schemaPb(a)));
  if (sc.properties) p.push(msg(25, Object.entries(sc.properties).map(([k, v]) => msg(1, [str(1, k), msg(2, schemaPb(v))]))));
  for (const [k, v] of Object.entries(sc)) if (k.startsWith('x-')) p.push(msg(31, [str(1, k), anyYaml(2, v)]));
  return p;
}
let v2pb;
if (swaggerPath) {
  const sw = JSON.parse(readFileSync(swaggerPath, 'utf8'));
  v2pb = Buffer.concat([str(1, sw.swagger ?? '2.0'), msg(2, [str(1, sw.info.title), str(2, sw.info.version)]),
    msg(9, Object.entries(sw.definitions).map(([k, v]) => msg(1, [str(1, k), msg(2, schemaPb(v))])))]);
}

const server = createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (path === '/openapi/v2' && v2pb) { res.writeHead(200, { 'content-type': 'application/octet-stream' }); res.end(v2pb); return; }
  const v3 = path.startsWith('/openapi/v3/') ? docs[path.slice('/openapi/v3/'.length)] : undefined;
  const body = v3 ? readFileSync(join(v3dir, v3)) : routes[path] ? JSON.stringify(routes[path]) : undefined;
  if (body === undefined) { res.writeHead(404, { 'content-type': 'application/json' }); res.end('{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}'); return; }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;

// Not recorded: paths where the testdata documents are older than v1.32 (checked against the v1.32.0 OpenAPI
// spec and k8s.io/api v0.32.0): apps/v1's has no enums (DeploymentStrategy.type, StatefulSetSpec.podManagementPolicy,
// Statefulset/DaemonSet update strategy types and Container fields are `+enum` in v0.32.0), and older texts for
// PodSpec.restartPolicy, Probe.httpGet, ServicePort.appProtocol, autoscaling/v2 MetricSpec.type and autoscaling/v1's
// HorizontalPodAutoscalerSpec fields.
const CASES = [
  ['deployment.spec.template.spec.containers.name'], ['svc.spec.ports.port'], ['service.spec.clusterIP'], ['pod.spec.containers.ports.containerPort'],
  ['hpa.spec.minReplicas'], ['hpa.spec.scaleTargetRef', '--recursive'], ['deployment.spec.revisionHistoryLimit'], ['replicationcontroller.spec.replicas'],
  ['deployment'], ['deployment.spec'], ['deployment.spec.strategy.rollingUpdate'],
  ['deployment.spec.strategy.rollingUpdate.maxSurge'], ['deployment.spec.replicas'], ['deployment.spec.selector'],
  ['deployment.metadata.labels'], ['deployment.status'], ['deployment.status.conditions'], ['deploy.spec.template.metadata'],
  ['deployments.apps.spec.paused'], ['deployment.spec.selector', '--recursive'],
  ['replicaset.spec'], ['rs.spec.minReadySeconds'], ['ds.spec.updateStrategy.rollingUpdate'], ['controllerrevision'],
  ['pod.spec.containers.imagePullPolicy'], ['pod.spec.containers.ports'], ['po.spec.containers.ports', '--recursive'],
  ['pod.spec.dnsPolicy'], ['pod.spec.tolerations'],
  ['service.spec.type'], ['service.spec.sessionAffinity'], ['service.spec.ports', '--recursive'],
  ['configmap'], ['cm.data'], ['secret'], ['secret.type'], ['namespace'], ['ns.spec'], ['namespace.status', '--recursive'],
  ['serviceaccount'], ['sa.automountServiceAccountToken'], ['pvc.spec.accessModes'], ['persistentvolumeclaim.spec.volumeMode'],
  ['endpoints.subsets.ports', '--recursive'], ['limitrange.spec.limits.type'], ['resourcequota.spec.scopeSelector', '--recursive'],
  ['node.spec.taints'], ['node.spec.taints.effect'], ['event.type'], ['pod.spec.affinity.nodeAffinity', '--recursive'],
  ['hpa'], ['hpa.spec.behavior'], 
  ['deployment.spec.foo'], ['deployment.spec.foo.bar'], ['foo'], ['deployment', '--api-version=apps/v2'], ['deployment', '--output=yaml'],
  [], ['pods', 'svc'], ['deployment.spec.template.spec.containers.resources.limits'], ['deployment.spec.strategy.type.x'], ['pod.spec.containers.name'],
];

if (swaggerPath) {
  for (const c of [
    ['deployment.spec.strategy'], ['deployment.spec'], ['deployment.spec.replicas'], ['deployment'], ['pod.spec.containers.ports', '--recursive'],
    ['pod.spec.containers'], ['pod.spec.restartPolicy'], ['service.spec.ports'], ['svc.spec.ports.targetPort'], ['configmap.data'],
    ['sts.spec.updateStrategy', '--recursive'], ['ds.spec'], ['hpa.spec.metrics'], ['hpa.spec', '--api-version=autoscaling/v1'],
    ['deployment.metadata.creationTimestamp'], ['deployment.spec.foo'], ['ns.status'], ['deployment.spec.template.metadata.labels'],
    ['job.spec'], ['cronjob.spec.concurrencyPolicy'], ['cj.spec.jobTemplate', '--recursive'], ['ingress.spec.rules'], ['netpol.spec'],
    ['role.rules'], ['clusterrolebinding.subjects'], ['pdb.spec.maxUnavailable'], ['storageclass'], ['lease.spec'], ['priorityclass.value'],
    ['ingressclass.spec.parameters', '--recursive'], ['crd.spec.versions.schema', '--recursive'], ['crd.spec.versions.schema.openAPIV3Schema'],
    ['endpointslice.endpoints'], ['rc.spec.template'],
  ]) CASES.push([...c, '--output=plaintext-openapiv2']);
}

const home = mkdtempSync(join(tmpdir(), 'explain-oracle-'));
const out = [];
for (const args of CASES) {
  // asynchronously: the server answers from this same process
  const r = await new Promise((resolve) => execFile('kubectl', ['--server', `http://127.0.0.1:${port}`, '--cache-dir', join(home, 'cache'), 'explain', ...args],
    { encoding: 'utf8', env: { ...process.env, HOME: home, KUBECONFIG: join(home, 'none') } },
    (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? err.code ?? 1 : 0 })));
  out.push({ args, ...r });
}
server.close();
writeFileSync('test/fixtures/explain/cases.json', JSON.stringify(out, null, 1) + '\n');
console.log(`recorded ${out.length} cases`);
