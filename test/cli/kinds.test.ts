// Every kind is stored: one manifest of each of twenty kinds applied, listed, printed, patched and
// deleted (test/fixtures/manifests/kinds/all-kinds.yaml); a new cluster's control-plane objects;
// namespace lifecycle; optimistic concurrency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, ks, ok, pinnedCluster } from './helpers.js';

const ALL_KINDS = path.join(ROOT, 'test', 'fixtures', 'manifests', 'kinds', 'all-kinds.yaml');

const CREATED = `secret/x created
job.batch/pi created
cronjob.batch/hello created
daemonset.apps/fluentd-elasticsearch created
statefulset.apps/web created
serviceaccount/build-robot created
role.rbac.authorization.k8s.io/pod-reader created
rolebinding.rbac.authorization.k8s.io/read-pods created
clusterrole.rbac.authorization.k8s.io/secret-reader created
ingress.networking.k8s.io/minimal-ingress created
networkpolicy.networking.k8s.io/default-deny-ingress created
persistentvolume/task-pv-volume created
persistentvolumeclaim/task-pv-claim created
storageclass.storage.k8s.io/local-storage created
resourcequota/compute-resources created
limitrange/cpu-resource-constraint created
poddisruptionbudget.policy/zk-pdb created
horizontalpodautoscaler.autoscaling/php-apache created
priorityclass.scheduling.k8s.io/high-priority created
lease.coordination.k8s.io/my-lease created
`;

/** kind prefix, namespace (or '' when cluster-scoped), name of each manifest, in file order */
const OBJECTS: [string, string, string][] = CREATED.trim().split('\n').map((l) => {
  const [prefix, rest] = l.split('/');
  const name = rest.replace(/ created$/, '');
  const ns = ['persistentvolume', 'clusterrole.rbac.authorization.k8s.io', 'storageclass.storage.k8s.io', 'priorityclass.scheduling.k8s.io'].includes(prefix)
    ? '' : prefix === 'daemonset.apps' ? 'kube-system' : 'default';
  return [prefix, ns, name];
});

test('apply, get, get -o yaml, label, annotate, patch and delete one object of each of twenty kinds', () => {
  const home = pinnedCluster();
  assert.equal(ok(ks(home, ['apply', '-f', ALL_KINDS])), CREATED);
  assert.equal(ok(ks(home, ['apply', '-f', ALL_KINDS])), CREATED.replace(/ created\n/g, ' unchanged\n'));
  for (const [prefix, ns, name] of OBJECTS) {
    const nsArgs = ns ? ['-n', ns] : [];
    const type = prefix.split('.')[0] === prefix ? prefix : prefix.replace(/^([a-z]+)\.(.*)$/, '$1.$2');
    assert.equal(ok(ks(home, ['get', type, name, ...nsArgs, '-o', 'name'])), `${prefix}/${name}\n`);
    const yaml = ok(ks(home, ['get', `${type}/${name}`, ...nsArgs, '-o', 'yaml']));
    assert.match(yaml, new RegExp(`^  name: ${name}\\n`, 'm'));
    assert.match(yaml, /^  uid: [0-9a-f-]{36}\n/m);
    assert.match(yaml, /^  resourceVersion: "\d+"\n/m);
    assert.match(yaml, /^  creationTimestamp: "2030-01-01T00:00:00Z"\n/m);
    if (ns) assert.match(yaml, new RegExp(`^  namespace: ${ns}\\n`, 'm'));
    else assert.doesNotMatch(yaml, /^  namespace:/m);
    assert.equal(ok(ks(home, ['label', type, name, ...nsArgs, 'tier=test'])), `${prefix}/${name} labeled\n`);
    assert.equal(ok(ks(home, ['annotate', type, name, ...nsArgs, 'note=x'])), `${prefix}/${name} annotated\n`);
    assert.equal(ok(ks(home, ['patch', type, name, ...nsArgs, '-p', '{"metadata":{"labels":{"patched":"yes"}}}'])), `${prefix}/${name} patched\n`);
    assert.equal(ok(ks(home, ['get', type, name, ...nsArgs, '-o', 'jsonpath={.metadata.labels.tier},{.metadata.labels.patched},{.metadata.annotations.note}'])), 'test,yes,x');
  }
  assert.equal(ok(ks(home, ['delete', '-f', ALL_KINDS])), CREATED.replace(/^(.*)\/(.*) created$/gm, '$1 "$2" deleted'));
  for (const [prefix, ns, name] of OBJECTS) {
    const r = ks(home, ['get', prefix, name, ...(ns ? ['-n', ns] : [])]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^Error from server \(NotFound\): .* not found\n$/);
  }
});

test('generation is set where the API server maintains it', () => {
  const home = pinnedCluster();
  ok(ks(home, ['apply', '-f', ALL_KINDS]));
  const gen = (type: string, name: string, ns = 'default') => ok(ks(home, ['get', type, name, '-n', ns, '-o', 'jsonpath={.metadata.generation}']));
  assert.equal(gen('cj', 'hello'), '1');
  assert.equal(gen('ds', 'fluentd-elasticsearch', 'kube-system'), '1');
  assert.equal(gen('netpol', 'default-deny-ingress'), '1');
  assert.equal(gen('secret', 'x'), '');
  assert.equal(gen('lease', 'my-lease'), '');
  ok(ks(home, ['patch', 'cj', 'hello', '-p', '{"spec":{"suspend":true}}']));
  assert.equal(gen('cj', 'hello'), '2');
  ok(ks(home, ['label', 'cj', 'hello', 'a=b']));
  assert.equal(gen('cj', 'hello'), '2');
});

test('a new cluster: default ServiceAccounts, the kubernetes Endpoints and EndpointSlice, system PriorityClasses, bootstrap RBAC, kind\'s default StorageClass', () => {
  const home = pinnedCluster();
  assert.equal(ok(ks(home, ['get', 'sa', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}'])),
    'default/default\nkube-node-lease/default\nkube-public/default\nkube-system/default\n');
  assert.equal(ok(ks(home, ['get', 'pc', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.value}{"\\n"}{end}'])),
    'system-cluster-critical=2000000000\nsystem-node-critical=2000001000\n');
  assert.equal(ok(ks(home, ['get', 'endpoints', 'kubernetes', '-o', 'jsonpath={.subsets[0].addresses[0].ip}:{.subsets[0].ports[0].port}'])), '172.18.0.2:6443');
  assert.equal(ok(ks(home, ['get', 'endpointslices', '-o', 'name'])), 'endpointslice.discovery.k8s.io/kubernetes\n');
  assert.equal(ok(ks(home, ['get', 'clusterrolebinding', 'cluster-admin', '-o', 'jsonpath={.roleRef.name} {.subjects[0].name}'])), 'cluster-admin system:masters');
  for (const r of ['cluster-admin', 'admin', 'edit', 'view']) assert.equal(ok(ks(home, ['get', 'clusterrole', r, '-o', 'name'])), `clusterrole.rbac.authorization.k8s.io/${r}\n`);
  // the aggregated roles carry the rules of the roles they select
  const viewRules = ok(ks(home, ['get', 'clusterrole', 'view', '-o', 'jsonpath={.rules[*].resources}']));
  assert.match(viewRules, /"pods"/);
  const editRules = ok(ks(home, ['get', 'clusterrole', 'edit', '-o', 'jsonpath={.rules[*].resources}']));
  assert.ok(editRules.includes('"secrets"') && editRules.includes(viewRules.slice(0, 40)));
  assert.match(ok(ks(home, ['get', 'storageclass'])), new RegExp(
    '^NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n' +
    'standard \\(default\\)   rancher\\.io/local-path   Delete          WaitForFirstConsumer   false                  \\S+\n$'));
  // get all on a new cluster still shows only the kubernetes Service
  assert.match(ok(ks(home, ['get', 'all'])), /^NAME {17}TYPE {8}CLUSTER-IP   EXTERNAL-IP   PORT\(S\)   AGE\nservice\/kubernetes   ClusterIP   10\.96\.0\.1    <none>        443\/TCP   \S+\n$/);
});

test('namespaces: a new one gets its ServiceAccount; deletion empties it, shows Terminating, and it can be re-created', () => {
  const home = pinnedCluster();
  assert.equal(ok(ks(home, ['create', 'ns', 'team'])), 'namespace/team created\n');
  assert.equal(ok(ks(home, ['get', 'sa,cm', '-n', 'team', '-o', 'name'])), 'serviceaccount/default\nconfigmap/kube-root-ca.crt\n');
  ok(ks(home, ['create', 'deployment', 'web', '--image=nginx', '-n', 'team']));
  ok(ks(home, ['create', 'cm', 'settings', '-n', 'team']));
  ok(ks(home, ['clock', 'advance', '5s']));
  // kubectl's --wait (the default) would block until the namespace is gone
  assert.equal(ok(ks(home, ['delete', 'ns', 'team', '--wait=false'])), 'namespace "team" deleted\n');
  assert.match(ok(ks(home, ['get', 'ns', 'team'])), /^NAME   STATUS        AGE\nteam   Terminating   5s\n$/);
  const r = ks(home, ['apply', '-n', 'team', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: late\n');
  assert.equal(r.stderr, 'Error from server (Forbidden): error when creating "STDIN": configmaps "late" is forbidden: unable to create new content in namespace team because it is being terminated\n');
  ok(ks(home, ['clock', 'advance', '5s']));
  const gone = ks(home, ['get', 'ns', 'team']);
  assert.equal(gone.stderr, 'Error from server (NotFound): namespaces "team" not found\n');
  assert.equal(ok(ks(home, ['create', 'ns', 'team'])), 'namespace/team created\n');
  assert.equal(ok(ks(home, ['get', 'deploy,cm,sa', '-n', 'team', '-o', 'name'])), 'configmap/kube-root-ca.crt\nserviceaccount/default\n');
});

test('the default ServiceAccount comes back when deleted', () => {
  const home = pinnedCluster();
  assert.equal(ok(ks(home, ['delete', 'sa', 'default'])), 'serviceaccount "default" deleted\n');
  assert.equal(ok(ks(home, ['get', 'sa', '-o', 'name'])), 'serviceaccount/default\n');
});

test('default, kube-system and kube-public may not be deleted', () => {
  const home = pinnedCluster();
  for (const ns of ['default', 'kube-system', 'kube-public']) {
    const r = ks(home, ['delete', 'ns', ns]);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `Error from server (Forbidden): namespaces "${ns}" is forbidden: this namespace may not be deleted\n`);
    assert.equal(r.code, 1);
  }
  assert.equal(ok(ks(home, ['delete', 'ns', 'kube-node-lease'])), 'namespace "kube-node-lease" deleted\n');
});

test('patch node: labels merge', () => {
  const home = pinnedCluster();
  assert.equal(ok(ks(home, ['patch', 'node', 'node-1', '-p', '{"metadata":{"labels":{"a":"b"}}}'])), 'node/node-1 patched\n');
  assert.equal(ok(ks(home, ['get', 'node', 'node-1', '-o', 'jsonpath={.metadata.labels.a} {.metadata.labels.kubernetes\\.io/hostname}'])), 'b node-1');
});

test('an update naming a stale resourceVersion is a Conflict, before validation', () => {
  const home = pinnedCluster();
  ok(ks(home, ['create', 'deployment', 'x', '--image=nginx']));
  const rv = ok(ks(home, ['get', 'deploy', 'x', '-o', 'jsonpath={.metadata.resourceVersion}']));
  ok(ks(home, ['scale', 'deploy', 'x', '--replicas=2']));
  const r = ks(home, ['patch', 'deploy', 'x', '--type=merge', '-p', `{"metadata":{"resourceVersion":"${rv}"},"spec":{"replicas":-1}}`]);
  assert.equal(r.stderr, 'Error from server (Conflict): Operation cannot be fulfilled on deployments.apps "x": the object has been modified; please apply your changes to the latest version and try again\n');
  assert.equal(r.code, 1);
});

test('events.k8s.io/v1 Events are the core Events, converted', () => {
  const home = pinnedCluster();
  const manifest = `apiVersion: events.k8s.io/v1
kind: Event
metadata:
  name: ev1
eventTime: "2030-01-01T00:00:00.000000Z"
reportingController: me
reportingInstance: me-1
action: Test
reason: Testing
note: hello
type: Normal
regarding:
  kind: Pod
  name: p
  namespace: default
`;
  assert.equal(ok(ks(home, ['apply', '-f', '-'], manifest)), 'event.events.k8s.io/ev1 created\n');
  assert.equal(ok(ks(home, ['get', 'events', 'ev1', '-o', 'jsonpath={.apiVersion} {.message} {.involvedObject.name} {.reportingComponent}'])), 'v1 hello p me');
  assert.equal(ok(ks(home, ['get', 'events.events.k8s.io', 'ev1', '-o', 'jsonpath={.apiVersion} {.note} {.regarding.name} {.reportingController}'])), 'events.k8s.io/v1 hello p me');
  assert.equal(ok(ks(home, ['apply', '-f', '-'], manifest)), 'event.events.k8s.io/ev1 unchanged\n');
});

test('create-only resources cannot be listed', () => {
  const home = pinnedCluster();
  const r = ks(home, ['get', 'tokenreviews']);
  assert.equal(r.stderr, 'Error from server (MethodNotAllowed): the server does not allow this method on the requested resource\n');
  assert.equal(r.code, 1);
});
