// Records `kubectl explain` (the installed kubectl v1.32) as test/fixtures/explain/cases.json, the oracle
// test/cli/explain.test.ts compares kubesim with. kubectl talks to a static HTTP server on 127.0.0.1 serving
// the recorded v1.32 discovery (../shared/conformance/api/curl) and the OpenAPI v3 documents of
// kubernetes/kubectl's testdata/openapi/v3 (tag v0.32.x; fetched separately, never committed):
//   node scripts/record-explain-fixtures.mjs /path/to/testdata/openapi/v3 [/path/to/conformance/api/curl]
// Only core/v1, apps/v1 and autoscaling/v1+v2 have documents there, so only their kinds are recorded.
import { createServer } from 'node:http';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [v3dir, curlDir = '../shared/conformance/api/curl'] = process.argv.slice(2);
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
const routes = {
  '/version': curl('01'), '/api': curl('02'), '/apis': groups, '/apis/apps/v1': curl('05'), '/api/v1': curl('06'),
  '/apis/autoscaling/v1': hpa('autoscaling/v1'), '/apis/autoscaling/v2': hpa('autoscaling/v2'),
  '/openapi/v3': { paths: Object.fromEntries(Object.keys(docs).map((p) => [p, { serverRelativeURL: `/openapi/v3/${p}?hash=0` }])) },
};
const server = createServer((req, res) => {
  const path = req.url.split('?')[0];
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
  ['deployment.spec.foo'], ['deployment.spec.foo.bar'], ['foo'], ['deployment.spec.strategy.type.x'], ['pod.spec.containers.name'],
];

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
