// SetDefaults_PodSpec and everything nested in it (pkg/apis/core/v1/defaults.go), shared by every kind that
// carries pods; and the ServiceAccount admission plugin's projected token volume.
import { goType } from '../goschema.js';
import { parseQuantity } from '../quantity.js';
import { arr, isObj } from './field.js';


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
export function defaultPodSpec(spec: any) {
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

export function defaultTemplate(tpl: any) {
  if (isObj(tpl)) defaultPodSpec(tpl.spec);
}

export const SA_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

export function addTokenVolume(spec: any, name: string, openshiftCA: boolean) {
  const vols = arr(spec.volumes);
  // a pod that already has the volume (a copy of a pod) only gets the mounts it lacks
  if (!vols.some((v) => v?.name === name)) addProjected(spec, vols, name, openshiftCA);
  for (const c of [...arr(spec.initContainers), ...arr(spec.containers)]) {
    if (!isObj(c)) continue;
    const mounts = arr(c.volumeMounts);
    if (mounts.some((m) => m?.mountPath === SA_MOUNT)) continue;
    mounts.push({ name, readOnly: true, mountPath: SA_MOUNT });
    c.volumeMounts = mounts;
  }
}

function addProjected(spec: any, vols: any[], name: string, openshiftCA: boolean): void {
  const sources: any[] = [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
  ];
  // kubesim: the recorded cluster (MicroShift) also projects its service CA; upstream kube-apiserver does not.
  if (openshiftCA) sources.push({ configMap: { name: 'openshift-service-ca.crt', items: [{ key: 'service-ca.crt', path: 'service-ca.crt' }] } });
  vols.push({ name, projected: { sources, defaultMode: 420 } });
  spec.volumes = vols;
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
