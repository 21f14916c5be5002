// The remaining groups' tables: scheduling, coordination, certificates, node, admissionregistration,
// flowcontrol (printers.go), apiregistration (kube-aggregator), events.k8s.io (printEvent after
// conversion), and the default tables of kinds without a printer.
import test from 'node:test';
import assert from 'node:assert/strict';
import { printTable, buildTable } from '../../../src/printers/tables.js';
import { NOW, S, M, H, D, meta, ago, sameTable } from './helpers.js';

const now = NOW;

test('priorityclasses: PREEMPTIONPOLICY shows without -o wide (printPriorityClass)', () => {
  const pcs = [
    { metadata: meta('system-cluster-critical', 30 * D), value: 2000000000, globalDefault: false, description: 'x', preemptionPolicy: 'PreemptLowerPriority' },
    { metadata: meta('high-priority-nonpreempting', 1 * M), value: 1000000, preemptionPolicy: 'Never', globalDefault: true },
  ];
  sameTable(printTable('priorityclasses', pcs, { now }), [
    'NAME                          VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY',
    'system-cluster-critical       2000000000   false            30d   PreemptLowerPriority',
    'high-priority-nonpreempting   1000000      true             60s   Never',
  ]);
});

test('leases, runtimeclasses', () => {
  const leases = [
    { metadata: meta('node-1', 30 * D, { namespace: 'kube-node-lease' }), spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: ago(3 * S) } },
    { metadata: meta('kube-controller-manager', 30 * D, { namespace: 'kube-system' }), spec: { holderIdentity: 'cp_4b1f1e0c-58b3-4c7e-9e60-000000000000', leaseDurationSeconds: 15, leaseTransitions: 0 } },
    { metadata: meta('free', 1 * M, { namespace: 'default' }), spec: {} },
  ];
  sameTable(printTable('leases', leases, { now, withNamespace: true }), [
    'NAMESPACE         NAME                      HOLDER                                    AGE',
    'kube-node-lease   node-1                    node-1                                    30d',
    'kube-system       kube-controller-manager   cp_4b1f1e0c-58b3-4c7e-9e60-000000000000   30d',
    'default           free                                                                60s',
  ]);
  const rcs = [{ metadata: meta('gvisor', 2 * H), handler: 'runsc', overhead: { podFixed: { cpu: '250m' } } }];
  sameTable(printTable('runtimeclasses', rcs, { now }), [
    'NAME     HANDLER   AGE',
    'gvisor   runsc     120m',
  ]);
});

test('certificatesigningrequests: SIGNERNAME, REQUESTOR, REQUESTEDDURATION, CONDITION (printCertificateSigningRequest)', () => {
  const csrs = [
    { metadata: meta('myuser', 5 * M), spec: { request: 'LS0t', signerName: 'kubernetes.io/kube-apiserver-client', expirationSeconds: 86400, usages: ['client auth'], username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] }, status: {} },
    {
      metadata: meta('node-csr-x', 30 * D),
      spec: { request: 'LS0t', signerName: 'kubernetes.io/kube-apiserver-client-kubelet', usages: ['client auth'], username: 'system:bootstrap:abcdef' },
      status: { conditions: [{ type: 'Approved', status: 'True', reason: 'AutoApproved' }], certificate: 'LS0tCg==' },
    },
    { metadata: meta('denied', 1 * H), spec: { request: 'LS0t', signerName: 'example.com/x', expirationSeconds: 600, username: 'jane' }, status: { conditions: [{ type: 'Approved', status: 'True' }, { type: 'Denied', status: 'True' }, { type: 'Failed', status: 'True' }] } },
  ];
  sameTable(printTable('certificatesigningrequests', csrs, { now }), [
    'NAME         AGE   SIGNERNAME                                    REQUESTOR                 REQUESTEDDURATION   CONDITION',
    'myuser       5m    kubernetes.io/kube-apiserver-client           kubernetes-admin          24h                 Pending',
    'node-csr-x   30d   kubernetes.io/kube-apiserver-client-kubelet   system:bootstrap:abcdef   <none>              Approved,Issued',
    'denied       60m   example.com/x                                 jane                      10m                 Denied,Failed',
  ]);
});

test('webhook configurations and validating admission policies (printMutatingWebhook, printValidatingAdmissionPolicy(Binding))', () => {
  const hook = (name: string) => ({ name, clientConfig: { service: { namespace: 'x', name: 'y' } }, admissionReviewVersions: ['v1'], sideEffects: 'None' });
  sameTable(printTable('mutatingwebhookconfigurations', [{ metadata: meta('istio-sidecar-injector', 2 * D), webhooks: [hook('a.istio.io'), hook('b.istio.io')] }], { now }), [
    'NAME                     WEBHOOKS   AGE',
    'istio-sidecar-injector   2          2d',
  ]);
  sameTable(printTable('validatingwebhookconfigurations', [{ metadata: meta('empty', 2 * M) }], { now }), [
    'NAME    WEBHOOKS   AGE',
    'empty   0          2m',
  ]);
  const vaps = [
    { metadata: meta('demo-policy.example.com', 10 * M), spec: { failurePolicy: 'Fail', matchConstraints: {}, validations: [{ expression: 'object.spec.replicas <= 5' }] } },
    { metadata: meta('with-params', 10 * M), spec: { paramKind: { apiVersion: 'rules.example.com/v1', kind: 'ReplicaLimit' }, validations: [{ expression: 'a' }, { expression: 'b' }] } },
  ];
  sameTable(printTable('validatingadmissionpolicies', vaps, { now }), [
    'NAME                      VALIDATIONS   PARAMKIND                           AGE',
    'demo-policy.example.com   1             <unset>                             10m',
    'with-params               2             rules.example.com/v1/ReplicaLimit   10m',
  ]);
  const bindings = [
    { metadata: meta('demo-binding', 10 * M), spec: { policyName: 'demo-policy.example.com', validationActions: ['Deny'] } },
    { metadata: meta('named', 10 * M), spec: { policyName: 'with-params', paramRef: { name: 'limit', namespace: 'team-a', parameterNotFoundAction: 'Deny' }, validationActions: ['Deny'] } },
    { metadata: meta('any-ns', 10 * M), spec: { policyName: 'with-params', paramRef: { name: 'limit' }, validationActions: ['Warn'] } },
    { metadata: meta('selected', 10 * M), spec: { policyName: 'with-params', paramRef: { selector: { matchLabels: { tier: 'b', env: 'prod' }, matchExpressions: [{ key: 'x', operator: 'In', values: ['1', '2'] }] } }, validationActions: ['Audit'] } },
  ];
  sameTable(printTable('validatingadmissionpolicybindings', bindings, { now }), [
    'NAME           POLICYNAME                PARAMREF                                                                                                                                                                     AGE',
    'demo-binding   demo-policy.example.com   <unset>                                                                                                                                                                      10m',
    'named          with-params               team-a/limit                                                                                                                                                                 10m',
    'any-ns         with-params               */limit                                                                                                                                                                      10m',
    'selected       with-params               &LabelSelector{MatchLabels:map[string]string{env: prod,tier: b,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:x,Operator:In,Values:[1 2],},},}   10m',
  ]);
});

test('flowschemas are listed by matching precedence; prioritylevelconfigurations (printFlowSchemaList, printPriorityLevelConfiguration)', () => {
  const fs = (name: string, precedence: number, pl: string, extra: Record<string, any> = {}) => ({
    metadata: meta(name, 30 * D),
    spec: { matchingPrecedence: precedence, priorityLevelConfiguration: { name: pl }, rules: [], ...extra },
    status: { conditions: [{ type: 'Dangling', status: 'False', reason: 'Found' }] },
  });
  const fss: any[] = [
    fs('global-default', 9900, 'global-default', { distinguisherMethod: { type: 'ByUser' } }),
    fs('exempt', 1, 'exempt'),
    fs('system-nodes', 500, 'system', { distinguisherMethod: { type: 'ByUser' } }),
    fs('probes', 2, 'exempt'),
    { metadata: meta('catch-all', 30 * D), spec: { matchingPrecedence: 10000, priorityLevelConfiguration: { name: 'catch-all' }, distinguisherMethod: { type: 'ByNamespace' } } },
    fs('aaa-same', 500, 'gone'),
  ];
  fss[5].status.conditions[0].status = 'True';
  sameTable(printTable('flowschemas', fss, { now }), [
    'NAME             PRIORITYLEVEL    MATCHINGPRECEDENCE   DISTINGUISHERMETHOD   AGE   MISSINGPL',
    'exempt           exempt           1                    <none>                30d   False',
    'probes           exempt           2                    <none>                30d   False',
    'aaa-same         gone             500                  <none>                30d   True',
    'system-nodes     system           500                  ByUser                30d   False',
    'global-default   global-default   9900                 ByUser                30d   False',
    'catch-all        catch-all        10000                ByNamespace           30d   ?',
  ]);
  const pls = [
    { metadata: meta('exempt', 30 * D), spec: { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } } },
    { metadata: meta('catch-all', 30 * D), spec: { type: 'Limited', limited: { nominalConcurrencyShares: 5, lendablePercent: 0, limitResponse: { type: 'Reject' } } } },
    { metadata: meta('global-default', 30 * D), spec: { type: 'Limited', limited: { nominalConcurrencyShares: 20, lendablePercent: 50, limitResponse: { type: 'Queue', queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } } } } },
  ];
  sameTable(printTable('prioritylevelconfigurations', pls, { now }), [
    'NAME             TYPE      NOMINALCONCURRENCYSHARES   QUEUES   HANDSIZE   QUEUELENGTHLIMIT   AGE',
    'exempt           Exempt    <none>                     <none>   <none>     <none>             30d',
    'catch-all        Limited   5                          <none>   <none>     <none>             30d',
    'global-default   Limited   20                         128      6          50                 30d',
  ]);
});

test('apiservices: SERVICE Local or ns/name, AVAILABLE with the reason when not True', () => {
  const cond = (status: string, reason?: string) => ({ status: { conditions: [{ type: 'Available', status, lastTransitionTime: ago(1 * H), ...(reason ? { reason } : {}) }] } });
  const ass = [
    { metadata: meta('v1.apps', 30 * D), spec: { group: 'apps', version: 'v1', groupPriorityMinimum: 17800, versionPriority: 15 }, ...cond('True', 'Local') },
    { metadata: meta('v1beta1.metrics.k8s.io', 2 * D), spec: { service: { namespace: 'kube-system', name: 'metrics-server', port: 443 }, group: 'metrics.k8s.io', version: 'v1beta1' }, ...cond('False', 'MissingEndpoints') },
    { metadata: meta('v1.example.com', 1 * M), spec: { service: { namespace: 'x', name: 'y' } } },
  ];
  sameTable(printTable('apiservices', ass, { now }), [
    'NAME                     SERVICE                      AVAILABLE                  AGE',
    'v1.apps                  Local                        True                       30d',
    'v1beta1.metrics.k8s.io   kube-system/metrics-server   False (MissingEndpoints)   2d',
    'v1.example.com           x/y                          Unknown                    60s',
  ]);
});

test('events.k8s.io/v1 events print as core events after conversion', () => {
  const evs = [
    {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: meta('web-1.18a', 2 * M, { namespace: 'default' }),
      eventTime: ago(2 * M) .replace('Z', '.123456Z'),
      reportingController: 'default-scheduler',
      reportingInstance: 'default-scheduler-cp',
      action: 'Binding',
      reason: 'Scheduled',
      regarding: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u', apiVersion: 'v1' },
      note: 'Successfully assigned default/web-1 to node-1',
      type: 'Normal',
    },
    {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: meta('web-1.18b', 10 * M, { namespace: 'default' }),
      eventTime: null,
      series: { count: 7, lastObservedTime: ago(20 * S) },
      reason: 'BackOff',
      regarding: { kind: 'Pod', namespace: 'default', name: 'web-1', fieldPath: 'spec.containers{web}' },
      note: 'Back-off restarting failed container web in pod web-1_default(u)',
      type: 'Warning',
      deprecatedSource: { component: 'kubelet', host: 'node-1' },
      deprecatedFirstTimestamp: ago(10 * M),
      deprecatedLastTimestamp: ago(1 * M),
      deprecatedCount: 5,
    },
  ];
  sameTable(printTable('events.events.k8s.io', evs, { now }), [
    'LAST SEEN   TYPE      REASON      OBJECT      MESSAGE',
    '119s        Normal    Scheduled   pod/web-1   Successfully assigned default/web-1 to node-1',
    '20s         Warning   BackOff     pod/web-1   Back-off restarting failed container web in pod web-1_default(u)',
  ]);
  sameTable(printTable('events.events.k8s.io', evs, { now, wide: true, withKind: true }), [
    'LAST SEEN   TYPE      REASON      OBJECT      SUBOBJECT              SOURCE                                    MESSAGE                                                            FIRST SEEN   COUNT   NAME',
    '119s        Normal    Scheduled   pod/web-1                          default-scheduler, default-scheduler-cp   Successfully assigned default/web-1 to node-1                      119s         1       event.events.k8s.io/web-1.18a',
    '20s         Warning   BackOff     pod/web-1   spec.containers{web}   kubelet, node-1                           Back-off restarting failed container web in pod web-1_default(u)   10m          7       event.events.k8s.io/web-1.18b',
  ]);
});

test('kinds without a printer: built-in ones get NAME/CREATED AT, custom resources NAME/AGE', () => {
  const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: meta('crontabs.stable.example.com', 5 * D) };
  sameTable(printTable('customresourcedefinitions.apiextensions.k8s.io', [crd], { now }), [
    'NAME                          CREATED AT',
    'crontabs.stable.example.com   2026-11-17T12:00:00Z',
  ]);
  const cr = { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: meta('my-new-cron-object', 5 * M, { namespace: 'default' }), spec: { cronSpec: '* * * * */5' } };
  sameTable(printTable('crontabs.stable.example.com', [cr], { now, withKind: true }), [
    'NAME                                            AGE',
    'crontab.stable.example.com/my-new-cron-object   5m',
  ]);
  const t = buildTable('clusterroles', [{ metadata: meta('view', 1 * H) }], now);
  assert.deepEqual(t.columns.map((c) => [c.name, c.type, c.format ?? '']), [['Name', 'string', 'name'], ['Created At', 'date', '']]);
});
