// A container's environment as the kubelet builds it (kubelet_pods.go makeEnvironmentVariables) and
// containerd hands it to the process: PATH, HOSTNAME, the image's own variables, then envFrom and env
// in declaration order ($(VAR) references expanded, ConfigMap/Secret keys, the downward API), then the
// service links: the `kubernetes` Service always, and with enableServiceLinks every Service of the
// pod's namespace that existed when the pod was created (getServiceEnvVarMap), then HOME.
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { imageProfile } from './images.js';
import { milliCPU, bytesOf } from '../../controllers/podutil.js';

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function decode(b64: string): string {
  return Buffer.from(b64, 'base64').toString('utf8');
}

/** fieldRef values (pkg/fieldpath ExtractFieldPathAsString + the kubelet's podIP/hostIP). */
export function fieldRefValue(pod: KObject, path: string): string | undefined {
  const md = pod.metadata || {};
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (md as any)[m[1]]?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name': return md.name;
    case 'metadata.namespace': return md.namespace;
    case 'metadata.uid': return md.uid;
    case 'metadata.labels': return formatMap(md.labels);
    case 'metadata.annotations': return formatMap(md.annotations);
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP': return pod.status?.hostIP ?? '';
    case 'status.hostIPs': return (pod.status?.hostIPs || []).map((x: any) => x.ip).join(',');
    case 'status.podIP': return pod.status?.podIP ?? '';
    case 'status.podIPs': return (pod.status?.podIPs || []).map((x: any) => x.ip).join(',');
  }
  return undefined;
}

/** fieldpath.FormatMap: key="value" lines, sorted */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m || {}).sort().map((k) => `${k}="${m![k]}"`).join('\n');
}

/** resourceFieldRef (ExtractContainerResourceValue): rounded up in units of the divisor; unset limits are the node's allocatable. */
export function resourceFieldValue(cluster: Cluster, pod: KObject, container: any, ref: any): string {
  const c = (pod.spec?.containers || []).find((x: any) => x.name === (ref.containerName || container.name)) ?? container;
  const [kind, res] = String(ref.resource || '').split('.');
  const node = cluster.get('nodes', undefined, pod.spec?.nodeName ?? '');
  let v: any = c.resources?.[kind]?.[res];
  if (v === undefined && kind === 'limits') v = node?.status?.allocatable?.[res];
  if (v === undefined) return '0';
  if (res === 'cpu') {
    const divisor = ref.divisor ? milliCPU(ref.divisor) : 1000;
    return String(Math.ceil(milliCPU(v) / Math.max(1, divisor)));
  }
  const divisor = ref.divisor ? bytesOf(ref.divisor) : 1;
  return String(Math.ceil(bytesOf(v) / Math.max(1, divisor)));
}

/** The service-link variables of one Service (envvars.FromServices). */
export function serviceEnv(svc: KObject): [string, string][] {
  const ip = svc.spec?.clusterIP;
  const ports: any[] = svc.spec?.ports || [];
  if (!ip || ip === 'None' || !ports.length) return [];
  const name = svc.metadata!.name!.toUpperCase().replace(/-/g, '_');
  const out: [string, string][] = [[`${name}_SERVICE_PORT`, String(ports[0].port)]];
  for (const p of ports) if (p.name) out.push([`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
  out.push([`${name}_PORT`, `${(ports[0].protocol || 'TCP').toLowerCase()}://${ip}:${ports[0].port}`]);
  for (const p of ports) {
    const proto = (p.protocol || 'TCP').toLowerCase();
    const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`;
    out.push([prefix, `${proto}://${ip}:${p.port}`], [`${prefix}_PROTO`, proto], [`${prefix}_PORT`, String(p.port)], [`${prefix}_ADDR`, ip]);
  }
  out.push([`${name}_SERVICE_HOST`, ip]);
  return out;
}

/** Whether the Service existed when the pod was created (the kubelet's informer saw it first). */
function existedBefore(svc: KObject, pod: KObject): boolean {
  const a = svc.metadata?.creationTimestamp ?? '';
  const b = pod.metadata?.creationTimestamp ?? '';
  if (a !== b) return a < b;
  return Number(svc.metadata?.resourceVersion ?? 0) < Number(pod.metadata?.resourceVersion ?? Infinity);
}

/** The Services whose variables the pod gets. */
function linkedServices(cluster: Cluster, pod: KObject): KObject[] {
  const ns = pod.metadata!.namespace!;
  const out: KObject[] = [];
  const master = cluster.get('services', 'default', 'kubernetes');
  if (pod.spec?.enableServiceLinks !== false) {
    for (const s of cluster.list('services', ns)) if (existedBefore(s, pod) && !(ns === 'default' && s.metadata?.name === 'kubernetes')) out.push(s);
  }
  // the master service's variables are always there (and win over a namespace's own `kubernetes` Service)
  if (master) out.push(master);
  return out;
}

/** The environment of `container` in `pod`, in the order `env` prints it. */
export function containerEnv(cluster: Cluster, pod: KObject, container: any): [string, string][] {
  const profile = imageProfile(container.image || '');
  const out = new Map<string, string>();
  out.set('PATH', profile.env.find(([k]) => k === 'PATH')?.[1] ?? '');
  out.set('HOSTNAME', (pod.spec?.hostname || pod.metadata?.name || '').slice(0, 63));
  for (const [k, v] of profile.env) out.set(k, v);
  const svcVars = new Map<string, string>();
  for (const s of linkedServices(cluster, pod)) for (const [k, v] of serviceEnv(s)) svcVars.set(k, v);
  const declared = new Map<string, string>();
  const ns = pod.metadata!.namespace!;
  for (const from of container.envFrom || []) {
    const prefix = from.prefix || '';
    if (from.configMapRef) {
      const cm = cluster.get('configmaps', ns, from.configMapRef.name);
      for (const [k, v] of Object.entries(cm?.data || {})) if (ENV_NAME.test(prefix + k)) declared.set(prefix + k, String(v));
    } else if (from.secretRef) {
      const sec = cluster.get('secrets', ns, from.secretRef.name);
      for (const [k, v] of Object.entries(sec?.data || {})) if (ENV_NAME.test(prefix + k)) declared.set(prefix + k, decode(String(v)));
    }
  }
  // $(VAR) refers to variables declared before, or to service variables
  const expand = (s: string) => s.replace(/\$\$|\$\(([^)]*)\)/g, (m, name) => {
    if (m === '$$') return '$';
    return declared.get(name) ?? svcVars.get(name) ?? m;
  });
  for (const e of container.env || []) {
    let v: string | undefined;
    if (e.valueFrom) {
      const vf = e.valueFrom;
      if (vf.configMapKeyRef) v = cluster.get('configmaps', ns, vf.configMapKeyRef.name)?.data?.[vf.configMapKeyRef.key];
      else if (vf.secretKeyRef) {
        const d = cluster.get('secrets', ns, vf.secretKeyRef.name)?.data?.[vf.secretKeyRef.key];
        v = d === undefined ? undefined : decode(d);
      } else if (vf.fieldRef) v = fieldRefValue(pod, vf.fieldRef.fieldPath);
      else if (vf.resourceFieldRef) v = resourceFieldValue(cluster, pod, container, vf.resourceFieldRef);
      if (v === undefined) continue;
    } else v = expand(e.value ?? '');
    declared.set(e.name, v);
  }
  for (const [k, v] of declared) out.set(k, v);
  for (const [k, v] of svcVars) if (!declared.has(k)) out.set(k, v);
  if (!out.has('HOME')) out.set('HOME', profile.home);
  return [...out.entries()];
}
