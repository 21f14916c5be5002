// The registry's write path per kind: what a create stores (defaults, PrepareForCreate, admission, allocators)
// and the API server's error text for the common mistakes, table-driven.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Cluster } from '../../src/store/cluster.js';
import { newClusterState } from '../../src/sim/bootstrap.js';
import { createObject, updateObject } from '../../src/server/registry.js';
import { resourceForKind } from '../../src/api/resources.js';
import type { KObject } from '../../src/api/types.js';

function fresh(): Cluster {
  return new Cluster(newClusterState('t'));
}

function infoOf(o: KObject) {
  const info = resourceForKind(o.apiVersion!, o.kind!);
  assert.ok(info, `${o.apiVersion} ${o.kind} is served`);
  return info;
}

function create(c: Cluster, o: KObject): KObject {
  return createObject(c, infoOf(o), o, { ns: 'default' });
}

/** The text kubectl prints for a failed create (and that nothing was stored). */
function createError(c: Cluster, o: KObject): string {
  const info = infoOf(o);
  const before = c.list((info as any).storage ?? info.resource).length;
  try { createObject(c, info, o, { ns: 'default' }); } catch (e: any) {
    assert.equal(c.list((info as any).storage ?? info.resource).length, before, 'nothing stored');
    return e.constructor.name === 'StatusError' ? `Error from server (${e.reason}): ${e.message}` : e.message;
  }
  assert.fail(`${o.kind} ${o.metadata?.name} was accepted`);
}

function updateError(c: Cluster, o: KObject): string {
  try { updateObject(c, infoOf(o), o); } catch (e: any) { return e.constructor.name === 'StatusError' ? `Error from server (${e.reason}): ${e.message}` : e.message; }
  assert.fail(`update of ${o.kind} ${o.metadata?.name} was accepted`);
}

const strip = (o: KObject) => {
  const { uid, resourceVersion, creationTimestamp, managedFields, ...md } = o.metadata!;
  void uid; void resourceVersion; void creationTimestamp; void managedFields;
  return { ...o, metadata: md };
};

const podSpec = (extra: any = {}) => ({ containers: [{ name: 'c', image: 'busybox:1.36' }], ...extra });
const DEFAULTED_TEMPLATE_SPEC = (restartPolicy: string) => ({
  containers: [{ name: 'c', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
  dnsPolicy: 'ClusterFirst', restartPolicy, schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30,
});

test('Job: selector and the four labels generated from the uid, v1.32 defaults', () => {
  const c = fresh();
  const job = create(c, { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: { spec: podSpec({ restartPolicy: 'Never' }) } } });
  const uid = job.metadata!.uid!;
  const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
  assert.deepEqual(strip(job), {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default', generation: 1, labels },
    spec: {
      parallelism: 1, completions: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      template: { metadata: { creationTimestamp: null, labels }, spec: DEFAULTED_TEMPLATE_SPEC('Never') },
    },
    status: {},
  });
});

test('CronJob, StatefulSet, DaemonSet, StorageClass, NetworkPolicy, Secret defaults', () => {
  const c = fresh();
  const cj = create(c, { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: podSpec({ restartPolicy: 'OnFailure' }) } } } } });
  assert.deepEqual(cj.spec, {
    schedule: '*/5 * * * *', concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1,
    jobTemplate: { metadata: { creationTimestamp: null }, spec: { template: { metadata: { creationTimestamp: null }, spec: DEFAULTED_TEMPLATE_SPEC('OnFailure') } } },
  });
  const sts = create(c, {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
    spec: { serviceName: 'nginx', selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: podSpec() },
      volumeClaimTemplates: [{ metadata: { name: 'www', creationTimestamp: null }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] },
  });
  assert.deepEqual({ ...sts.spec, template: undefined }, {
    serviceName: 'nginx', replicas: 1, revisionHistoryLimit: 10, podManagementPolicy: 'OrderedReady',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    selector: { matchLabels: { app: 'nginx' } }, template: undefined,
    volumeClaimTemplates: [{ metadata: { name: 'www', creationTimestamp: null }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' }, status: { phase: 'Pending' } }],
  });
  const ds = create(c, { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'fluentd' }, spec: { selector: { matchLabels: { app: 'f' } }, template: { metadata: { labels: { app: 'f' } }, spec: podSpec() } } });
  assert.deepEqual(ds.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  assert.equal(ds.spec.revisionHistoryLimit, 10);
  const sc = create(c, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'kubernetes.io/no-provisioner' });
  assert.deepEqual([sc.reclaimPolicy, sc.volumeBindingMode, 'status' in sc], ['Delete', 'Immediate', false]);
  const np = create(c, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np' }, spec: { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] } });
  assert.deepEqual(np.spec, { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'TCP' }] }], policyTypes: ['Ingress', 'Egress'] });
  const sec = create(c, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { user: 'eA==', pass: 'cA==' }, stringData: { user: 'admin' } });
  assert.deepEqual([sec.data, sec.type, 'stringData' in sec], [{ user: 'YWRtaW4=', pass: 'cA==' }, 'Opaque', false]);
  const rb = create(c, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'rb' }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'default' }] });
  assert.deepEqual([rb.roleRef, rb.subjects], [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'default' }]]);
  const hpa = create(c, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5 } });
  assert.deepEqual(hpa.spec, { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, minReplicas: 1, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] });
  const pc = create(c, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
  assert.equal(pc.preemptionPolicy, 'PreemptLowerPriority');
});

test('Service: ClusterIP and NodePorts allocated, families and policies defaulted', () => {
  const c = fresh();
  const svc = create(c, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'np' }, spec: { type: 'NodePort', selector: { app: 'x' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'https', port: 443, nodePort: 30443 }] } });
  const s = svc.spec;
  assert.match(s.clusterIP, /^10\.96\.\d+\.\d+$/);
  assert.deepEqual(s.clusterIPs, [s.clusterIP]);
  assert.ok(s.ports[0].nodePort >= 30000 && s.ports[0].nodePort <= 32767);
  assert.equal(s.ports[1].nodePort, 30443);
  assert.deepEqual([s.ports[1].targetPort, s.ipFamilies, s.ipFamilyPolicy, s.internalTrafficPolicy, s.externalTrafficPolicy, s.sessionAffinity],
    [443, ['IPv4'], 'SingleStack', 'Cluster', 'Cluster', 'None']);
  assert.equal(createError(c, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'np2' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30443 }] } }),
    'The Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30443: provided port is already allocated');
  assert.equal(createError(c, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'np3' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] } }),
    'The Service "np3" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767');
  const ip = s.clusterIP;
  assert.equal(updateError(c, { ...svc, spec: { ...s, clusterIP: '10.96.0.99', clusterIPs: ['10.96.0.99'] } }),
    'The Service "np" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set');
  void ip;
});

test('ReplicationController: selector and labels from the template, replicas 1', () => {
  const c = fresh();
  const rc = create(c, { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'nginx' }, spec: { template: { metadata: { labels: { app: 'nginx' } }, spec: podSpec() } } });
  assert.deepEqual([rc.metadata!.labels, rc.spec.selector, rc.spec.replicas, rc.status], [{ app: 'nginx' }, { app: 'nginx' }, 1, { replicas: 0 }]);
  assert.equal(createError(c, { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'bad' }, spec: { selector: { app: 'x' }, template: { metadata: { labels: { app: 'y' } }, spec: podSpec() } } }),
    'The ReplicationController "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"y"}: `selector` does not match template `labels`');
});

test('a pod created directly gets the upstream token volume; a missing ServiceAccount is refused', () => {
  const c = fresh();
  const pod = create(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: podSpec() });
  const vol = pod.spec.volumes[0];
  assert.match(vol.name, /^kube-api-access-[a-z0-9]{5}$/);
  assert.deepEqual(vol.projected, { defaultMode: 420, sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
  ] });
  assert.deepEqual(pod.spec.containers[0].volumeMounts, [{ name: vol.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
  const noMount = create(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'quiet' }, spec: podSpec({ automountServiceAccountToken: false }) });
  assert.equal(noMount.spec.volumes, undefined);
  assert.equal(createError(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: podSpec({ serviceAccountName: 'build-bot' }) }),
    'Error from server (Forbidden): pods "p" is forbidden: error looking up service account default/build-bot: serviceaccount "build-bot" not found');
});

test('the common mistakes, in the API server\'s words', () => {
  const c = fresh();
  const cases: [KObject, string][] = [
    [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: { spec: podSpec({ restartPolicy: 'Always' }) } } },
      'The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: { spec: podSpec({ restartPolicy: 'Sometimes' }) } } },
      'The Job "pi" is invalid: \n* spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"\n* spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"'],
    [{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { schedule: '* * * *', jobTemplate: { spec: { template: { spec: podSpec({ restartPolicy: 'OnFailure' }) } } } } },
      'The CronJob "cj" is invalid: spec.schedule: Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]'],
    [{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { schedule: '61 * * * *', jobTemplate: { spec: { template: { spec: podSpec({ restartPolicy: 'OnFailure' }) } } } } },
      'The CronJob "cj" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61'],
    [{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { schedule: '@fortnightly', jobTemplate: { spec: { template: { spec: podSpec({ restartPolicy: 'OnFailure' }) } } } } },
      'The CronJob "cj" is invalid: spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly'],
    [{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { schedule: '*/5 * * * mon-xyz', jobTemplate: { spec: { template: { spec: podSpec({ restartPolicy: 'OnFailure' }) } } } } },
      'The CronJob "cj" is invalid: spec.schedule: Invalid value: "*/5 * * * mon-xyz": failed to parse int from xyz: strconv.Atoi: parsing "xyz": invalid syntax'],
    [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'x' }, ports: [{ port: 70000 }] } },
      'The Service "s" is invalid: \n* spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }, { port: 443 }] } },
      'The Service "s" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value'],
    [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'not-base64!' } },
      'Error from server (BadRequest): Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3'],
    [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'cGFzcw' } },
      'Error from server (BadRequest): Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4'],
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' }, binaryData: { f: 'a b' } },
      'Error from server (BadRequest): ConfigMap in version "v1" cannot be handled as a ConfigMap: illegal base64 data at input byte 1'],
    [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 't' }, type: 'kubernetes.io/tls', data: {} },
      'The Secret "t" is invalid: \n* data[tls.crt]: Required value\n* data[tls.key]: Required value'],
    [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'd' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{"auths":' } },
      'The Secret "d" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": unexpected end of JSON input'],
    [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sa' }, type: 'kubernetes.io/service-account-token' },
      'The Secret "sa" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a/b': 'x' } },
      `The ConfigMap "c" is invalid: data[a/b]: Invalid value: "a/b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name' or 'KEY_NAME' or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`],
    [{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: podSpec({ restartPolicy: 'Never' }) } } },
      'The DaemonSet "d" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'] }] },
      'The Role "r" is invalid: rules[0].verbs: Required value: verbs must contain at least one value'],
    [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'x' }] },
      'The ClusterRoleBinding "b" is invalid: \n* roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"\n* subjects[0].namespace: Required value'],
    [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { resources: { requests: { storage: '1Gi' } } } },
      'The PersistentVolumeClaim "c" is invalid: spec.accessModes: Required value: at least 1 access mode is required'],
    [{ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 2 } },
      'The HorizontalPodAutoscaler "h" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`'],
    [{ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'huge' }, value: 2000000000 },
      'The PriorityClass "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000'],
    [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rules: [{ http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } },
      'The Ingress "i" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'],
    [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'nowhere' }, spec: podSpec() },
      'Error from server (NotFound): namespaces "nowhere" not found'],
  ];
  for (const [obj, want] of cases) assert.equal(createError(c, obj), want, `${obj.kind} ${JSON.stringify(obj.spec ?? obj.data ?? obj.rules)}`);
});

test('immutable fields: Job template, Secret/ConfigMap immutable, StatefulSet spec, RoleBinding roleRef, pod spec', () => {
  const c = fresh();
  const job = create(c, { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: { spec: podSpec({ restartPolicy: 'Never' }) } } });
  const changed = structuredClone(job);
  changed.spec.template.spec.containers[0].image = 'busybox:1.37';
  assert.match(updateError(c, changed), /^The Job "pi" is invalid: spec\.template: Invalid value: core\.PodTemplateSpec\{ObjectMeta:v1\.ObjectMeta\{Name:"", .*Image:"busybox:1\.37".*\}: field is immutable$/s);

  const cm = create(c, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' }, immutable: true });
  assert.equal(updateError(c, { ...cm, data: { a: '2' } }), 'The ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set');
  assert.equal(updateError(c, { ...cm, immutable: false }), 'The ConfigMap "c" is invalid: immutable: Forbidden: field is immutable when `immutable` is set');
  const sec = create(c, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: '1' }, immutable: true });
  assert.equal(updateError(c, { ...sec, stringData: { a: '2' } }), 'The Secret "s" is invalid: data: Forbidden: field is immutable when `immutable` is set');
  assert.equal(updateError(c, { ...sec, type: 'kubernetes.io/basic-auth', data: { username: 'YQ==' } }),
    'The Secret "s" is invalid: \n* type: Invalid value: "kubernetes.io/basic-auth": field is immutable\n* data: Forbidden: field is immutable when `immutable` is set');

  const sts = create(c, { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec: { serviceName: 'nginx', selector: { matchLabels: { app: 'n' } }, template: { metadata: { labels: { app: 'n' } }, spec: podSpec() } } });
  assert.equal(updateError(c, { ...sts, spec: { ...sts.spec, serviceName: 'other' } }),
    "The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
  assert.equal(updateObject(c, infoOf(sts), { ...sts, spec: { ...sts.spec, replicas: 3 } }).spec.replicas, 3);

  const rb = create(c, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'rb' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'a' } });
  assert.equal(updateError(c, { ...rb, roleRef: { ...rb.roleRef, name: 'b' } }),
    'The RoleBinding "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"b"}: cannot change roleRef');

  const pod = create(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: podSpec() });
  assert.equal(updateError(c, { ...pod, spec: { ...pod.spec, nodeSelector: { disk: 'ssd' } } }),
    'The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n' +
    '  core.PodSpec{\n  \t... // 8 identical fields\n- \tNodeSelector: nil,\n+ \tNodeSelector: map[string]string{"disk": "ssd"},\n  \t... // 31 identical fields\n  }\n');
  const img = structuredClone(pod);
  img.spec.containers[0].image = 'busybox:1.37';
  assert.equal(updateObject(c, infoOf(pod), img).spec.containers[0].image, 'busybox:1.37');
});

test('LimitRanger defaults and limits, ResourceQuota exceeded', () => {
  const c = fresh();
  create(c, { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '250m' }, max: { cpu: '1' } }] } });
  const pod = create(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: podSpec() });
  assert.deepEqual(pod.spec.containers[0].resources, { limits: { cpu: '500m' }, requests: { cpu: '250m' } });
  assert.equal(pod.metadata!.annotations!['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: cpu request for container c; cpu limit for container c');
  assert.equal(pod.status.qosClass, 'Burstable');
  assert.equal(createError(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big' }, spec: { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '2' } } }] } }),
    'Error from server (Forbidden): pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  create(c, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '2', configmaps: '2' } } });
  create(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p2' }, spec: podSpec() });
  assert.equal(createError(c, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p3' }, spec: podSpec() }),
    'Error from server (Forbidden): pods "p3" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
});
