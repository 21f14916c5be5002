// Defaulting as the API server does it on create/update: decode into the v1 Go structs (unknown fields dropped,
// zero values of omitempty fields dropped, quantities canonical), run the v1 scheme defaulters
// (pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go), convert v1 -> internal -> v1 (serviceAccount alias),
// the create-time strategy bits that need no allocator (pod status, namespace finalizers), and encode again.
import type { KObject } from './types.js';
import { goType, KIND_TYPES, type GoType } from './goschema.js';
import { canonicalQuantity, parseQuantity, formatQuantity, QuantityError } from './quantity.js';

const isObj = (v: any): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** ResourceList values are rounded up to milli scale (SetDefaults_ResourceList) and stored canonical. */
function resourceListValue(v: any): any {
  try {
    const q = parseQuantity(v);
    const rem = q.nanos % 1_000_000n;
    if (rem !== 0n) q.nanos += (q.nanos > 0n ? 1_000_000n : 0n) - rem;
    return formatQuantity(q);
  } catch (e) {
    if (e instanceof QuantityError) return v; // validation reports it
    throw e;
  }
}

function quantityValue(v: any): any {
  try { return canonicalQuantity(v); } catch (e) { if (e instanceof QuantityError) return v; throw e; }
}

const isZeroScalar = (v: any) => v === undefined || v === null || v === '' || v === 0 || v === false;

/**
 * encoding/json of the value decoded into Go type `t`: the shape `kubectl get -o json` shows.
 * Returns undefined for "absent".
 */
export function goRoundTrip(v: any, t: GoType, omitempty = true, keepEmpty = false): any {
  const rt = (x: any, tt: GoType, oe = true) => goRoundTrip(x, tt, oe, keepEmpty);
  switch (t.kind) {
    case 'struct': {
      const o = isObj(v) ? v : {};
      const out: Record<string, any> = {};
      for (const f of t.fields!) {
        const ft = goType(f.type);
        if (f.inline) { Object.assign(out, rt(o, ft, f.omitempty)); continue; }
        const r = rt(o[f.json], ft, f.omitempty);
        if (r !== undefined) out[f.json] = r;
      }
      return out;
    }
    case 'ptr':
      if (v === undefined || v === null) return undefined;
      return rt(v, t.elem!, false) ?? zeroOf(t.elem!);
    case 'slice':
      // stored as protobuf: an empty list comes back nil
      if (!Array.isArray(v)) return undefined;
      if (v.length === 0) return keepEmpty ? [] : undefined;
      return v.map((e) => rt(e, t.elem!, false) ?? zeroOf(t.elem!));
    case 'map': {
      if (!isObj(v)) return undefined;
      if (Object.keys(v).length === 0) return keepEmpty ? {} : undefined;
      const out: Record<string, any> = {};
      const rl = t.name === 'v1.ResourceList';
      for (const [k, x] of Object.entries(v)) out[k] = rl ? resourceListValue(x) : rt(x, t.elem!, false) ?? zeroOf(t.elem!);
      return out;
    }
    case 'quantity':
      // a zero Quantity still marshals ("0"): structs are never omitted
      return v === undefined || v === null ? '0' : quantityValue(v);
    case 'intstr':
      return v === undefined || v === null ? 0 : v;
    case 'time':
      return v === undefined ? null : v;
    case 'string': case 'int': case 'bool':
      if (omitempty && isZeroScalar(v)) return undefined;
      if (v === undefined || v === null) return zeroOf(t);
      return v;
    default:
      return v === null ? undefined : v;
  }
}

function zeroOf(t: GoType): any {
  switch (t.kind) {
    case 'string': return '';
    case 'int': return 0;
    case 'bool': return false;
    case 'struct': return goRoundTrip({}, t);
    case 'quantity': return '0';
    case 'intstr': return 0;
    default: return null;
  }
}

// --- defaulters ----------------------------------------------------------------------------------------------

/** parsers.ParseImageName's tag: "latest" when the reference has neither tag nor digest; "" when unparseable. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const repo = colon > slash ? name.slice(0, colon) : name;
  // docker reference grammar: the repository path is lower case (a registry host may not be), no blanks
  const path = repo.slice(repo.indexOf('/') + 1);
  if (!repo || /\s/.test(image) || /[A-Z]/.test(repo.includes('/') && /[.:]|^localhost$/.test(repo.split('/')[0]) ? path : repo)) return '';
  if (colon > slash) return name.slice(colon + 1);
  return at >= 0 ? '' : 'latest';
}

function defaultContainer(c: any) {
  if (!isObj(c)) return;
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of arr(c.ports)) if (isObj(p) && !p.protocol) p.protocol = 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (!isObj(probe)) continue;
    if (!probe.timeoutSeconds) probe.timeoutSeconds = 1;
    if (!probe.periodSeconds) probe.periodSeconds = 10;
    if (!probe.successThreshold) probe.successThreshold = 1;
    if (!probe.failureThreshold) probe.failureThreshold = 3;
    defaultHandler(probe);
    if (isObj(probe.grpc) && (probe.grpc.service === undefined || probe.grpc.service === null)) probe.grpc.service = '';
  }
  if (isObj(c.lifecycle)) for (const h of [c.lifecycle.postStart, c.lifecycle.preStop]) if (isObj(h)) defaultHandler(h);
  for (const e of arr(c.env)) if (isObj(e) && isObj(e.valueFrom)) defaultFieldRef(e.valueFrom.fieldRef);
}

function defaultHandler(h: any) {
  if (!isObj(h.httpGet)) return;
  if (!h.httpGet.path) h.httpGet.path = '/';
  if (!h.httpGet.scheme) h.httpGet.scheme = 'HTTP';
}

function defaultFieldRef(f: any) {
  if (isObj(f) && !f.apiVersion) f.apiVersion = 'v1';
}

const arr = (v: any): any[] => (Array.isArray(v) ? v : []);

const VOLUME_SOURCES = goType('v1.VolumeSource').fields!.map((f) => f.json);

function defaultVolume(v: any) {
  if (!isObj(v)) return;
  if (!VOLUME_SOURCES.some((k) => v[k] !== undefined && v[k] !== null)) v.emptyDir = {};
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (isObj(v[k]) && (v[k].defaultMode === undefined || v[k].defaultMode === null)) v[k].defaultMode = 420;
  }
  if (isObj(v.downwardAPI)) for (const i of arr(v.downwardAPI.items)) if (isObj(i)) defaultFieldRef(i.fieldRef);
  if (isObj(v.projected)) {
    for (const s of arr(v.projected.sources)) {
      if (!isObj(s)) continue;
      if (isObj(s.downwardAPI)) for (const i of arr(s.downwardAPI.items)) if (isObj(i)) defaultFieldRef(i.fieldRef);
      if (isObj(s.serviceAccountToken) && s.serviceAccountToken.expirationSeconds == null) s.serviceAccountToken.expirationSeconds = 3600;
    }
  }
  if (isObj(v.hostPath) && v.hostPath.type == null) v.hostPath.type = '';
  if (isObj(v.iscsi) && !v.iscsi.iscsiInterface) v.iscsi.iscsiInterface = 'default';
  if (isObj(v.rbd)) {
    if (!v.rbd.pool) v.rbd.pool = 'rbd';
    if (!v.rbd.user) v.rbd.user = 'admin';
    if (!v.rbd.keyring) v.rbd.keyring = '/etc/ceph/keyring';
  }
  if (isObj(v.azureDisk)) {
    const a = v.azureDisk;
    if (a.cachingMode == null) a.cachingMode = 'ReadWrite';
    if (a.kind == null) a.kind = 'Shared';
    if (a.fsType == null) a.fsType = 'ext4';
    if (a.readOnly == null) a.readOnly = false;
  }
  if (isObj(v.scaleIO)) {
    if (!v.scaleIO.storageMode) v.scaleIO.storageMode = 'ThinProvisioned';
    if (!v.scaleIO.fsType) v.scaleIO.fsType = 'xfs';
  }
  const pvc = v.ephemeral?.volumeClaimTemplate?.spec;
  if (isObj(pvc) && pvc.volumeMode == null) pvc.volumeMode = 'Filesystem';
}

/** SetDefaults_PodSpec and everything nested in it, then the serviceAccount alias of the v1<->internal conversion. */
function defaultPodSpec(spec: any) {
  if (!isObj(spec)) return;
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (spec.securityContext == null) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds == null) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  for (const c of [...arr(spec.initContainers), ...arr(spec.containers), ...arr(spec.ephemeralContainers)]) defaultContainer(c);
  for (const v of arr(spec.volumes)) defaultVolume(v);
  // Convert_v1_PodSpec_To_core_PodSpec: serviceAccount is an alias; serviceAccountName wins
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
}

function defaultTemplate(tpl: any) {
  if (isObj(tpl)) defaultPodSpec(tpl.spec);
}

/** SetDefaults_Pod (pod-only: requests from limits, enableServiceLinks, host ports) plus what admission adds. */
function defaultPod(pod: any, opts: DefaultsOptions) {
  if (!isObj(pod.spec)) pod.spec = {};
  const spec = pod.spec;
  defaultPodSpec(spec);
  for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) {
    if (!isObj(c) || !isObj(c.resources) || !isObj(c.resources.limits)) continue;
    if (!isObj(c.resources.requests)) c.resources.requests = {};
    for (const [k, q] of Object.entries(c.resources.limits)) if (!(k in c.resources.requests)) c.resources.requests[k] = q;
  }
  if (spec.enableServiceLinks == null) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) {
      for (const p of arr(c?.ports)) if (isObj(p) && !p.hostPort) p.hostPort = p.containerPort;
    }
  }
  // admission: ServiceAccount
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (opts.tokenVolumeName && spec.automountServiceAccountToken !== false) addTokenVolume(spec, opts.tokenVolumeName, opts.openshiftServiceCA ?? true);
  // admission: Priority (no PriorityClass objects in kubesim: the global default is 0)
  if (spec.priority == null) spec.priority = 0;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = 'PreemptLowerPriority';
  // admission: DefaultTolerationSeconds
  const tols = arr(spec.tolerations);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tols.some((t) => isObj(t) && (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
    if (!has) tols.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tols;
  // registry PrepareForCreate: status starts Pending with its QoS class
  if (!isObj(pod.status) || !pod.status.phase) pod.status = { ...(isObj(pod.status) ? pod.status : {}), phase: 'Pending', qosClass: podQOSClass(spec) };
}

const SA_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

function addTokenVolume(spec: any, name: string, openshiftCA: boolean) {
  const vols = arr(spec.volumes);
  if (vols.some((v) => v?.name === name)) return;
  const sources: any[] = [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
  ];
  // kubesim: the recorded cluster (MicroShift) also projects its service CA; upstream kube-apiserver does not.
  if (openshiftCA) sources.push({ configMap: { name: 'openshift-service-ca.crt', items: [{ key: 'service-ca.crt', path: 'service-ca.crt' }] } });
  vols.push({ name, projected: { sources, defaultMode: 420 } });
  spec.volumes = vols;
  for (const c of [...arr(spec.initContainers), ...arr(spec.containers)]) {
    if (!isObj(c)) continue;
    const mounts = arr(c.volumeMounts);
    if (mounts.some((m) => m?.mountPath === SA_MOUNT)) continue;
    mounts.push({ name, readOnly: true, mountPath: SA_MOUNT });
    c.volumeMounts = mounts;
  }
}

/** qos.GetPodQOS (cpu and memory only). */
export function podQOSClass(spec: any): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const cs = [...arr(spec?.initContainers), ...arr(spec?.containers)];
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const req = c?.resources?.requests ?? {};
    const lim = c?.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      const hasReq = req[r] !== undefined && parseQuantity(req[r]).nanos !== 0n;
      const hasLim = lim[r] !== undefined && parseQuantity(lim[r]).nanos !== 0n;
      if (hasReq || hasLim) any = true;
      if (!hasLim) guaranteed = false;
      else if (hasReq && parseQuantity(req[r]).nanos !== parseQuantity(lim[r]).nanos) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function defaultDeployment(d: any) {
  const spec = (d.spec = isObj(d.spec) ? d.spec : {});
  if (spec.replicas == null) spec.replicas = 1;
  const st = (spec.strategy = isObj(spec.strategy) ? spec.strategy : {});
  if (!st.type) st.type = 'RollingUpdate';
  if (st.type === 'RollingUpdate') {
    if (!isObj(st.rollingUpdate)) st.rollingUpdate = {};
    if (st.rollingUpdate.maxUnavailable == null) st.rollingUpdate.maxUnavailable = '25%';
    if (st.rollingUpdate.maxSurge == null) st.rollingUpdate.maxSurge = '25%';
  }
  if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds == null) spec.progressDeadlineSeconds = 600;
  defaultTemplate(spec.template);
}

function defaultReplicaSet(rs: any) {
  const spec = (rs.spec = isObj(rs.spec) ? rs.spec : {});
  if (spec.replicas == null) spec.replicas = 1;
  defaultTemplate(spec.template);
}

function defaultService(svc: any) {
  const spec = (svc.spec = isObj(svc.spec) ? svc.spec : {});
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of arr(spec.ports)) {
    if (!isObj(p)) continue;
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (external && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy == null && (external || spec.type === 'ClusterIP')) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null) spec.allocateLoadBalancerNodePorts = true;
  // registry (single-stack IPv4 cluster): families are decided on create; clusterIP itself is allocated by the store
  if (spec.type !== 'ExternalName') {
    if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = 'SingleStack';
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
  }
}

function defaultNamespace(ns: any) {
  const name = ns.metadata?.name;
  if (name) {
    ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  }
  const spec = (ns.spec = isObj(ns.spec) ? ns.spec : {});
  // namespace registry PrepareForCreate
  if (!Array.isArray(spec.finalizers) || spec.finalizers.length === 0) spec.finalizers = ['kubernetes'];
  const status = (ns.status = isObj(ns.status) ? ns.status : {});
  if (!status.phase) status.phase = 'Active';
}

export interface DefaultsOptions {
  /** Pods: name of the projected service-account token volume to inject (`kube-api-access-xxxxx`); none if unset. */
  tokenVolumeName?: string;
  /** Pods: also project openshift-service-ca.crt like the recorded MicroShift cluster (default true). */
  openshiftServiceCA?: boolean;
  /**
   * Keep empty lists/maps (`matchLabels: {}`) as the decoded object has them before storage; validation needs
   * the difference (`map[string]string{}` vs `map[string]string(nil)`). Stored objects have them dropped.
   */
  keepEmpty?: boolean;
}

/** A v1.PodTemplateSpec as a Deployment/ReplicaSet stores it (the vectors' `input` -> `defaulted`). */
export function defaultPodTemplate(template: any): any {
  const t = goType('v1.PodTemplateSpec');
  const tpl = goRoundTrip(structuredClone(template ?? {}), t);
  defaultTemplate(tpl);
  return goRoundTrip(tpl, t);
}

// Each defaulted object remembers (invisibly) what it was made from, so validateObject(applyDefaults(x)) can still
// tell `matchLabels: {}` from a missing one, as the API server's validation (which runs before storage) can.
const SOURCES = new WeakMap<object, KObject>();

/** The input applyDefaults made this object from, if it did. */
export function defaultingSource(obj: KObject): KObject | undefined {
  return SOURCES.get(obj);
}

/** The object as the API server would store it (key order is not significant). Unknown kinds are returned as-is. */
export function applyDefaults(obj: KObject, opts: DefaultsOptions = {}): KObject {
  const typeName = KIND_TYPES[`${obj.apiVersion}/${obj.kind}`];
  if (!typeName) return structuredClone(obj);
  const t = goType(typeName);
  const ke = opts.keepEmpty ?? false;
  const input = structuredClone(obj);
  const o = goRoundTrip(input, t, true, ke);
  switch (obj.kind) {
    case 'Deployment': defaultDeployment(o); break;
    case 'ReplicaSet': defaultReplicaSet(o); break;
    case 'Pod': defaultPod(o, opts); break;
    case 'Service': defaultService(o); break;
    case 'Namespace': defaultNamespace(o); break;
  }
  const out = goRoundTrip(o, t, true, ke);
  if (!ke) SOURCES.set(out, input);
  return out;
}
