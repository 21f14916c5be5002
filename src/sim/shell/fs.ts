// The filesystem an exec'd command sees: the container's volume mounts (ConfigMap, Secret,
// downward API and projected volumes as read-only files built from the objects; emptyDir and the
// container's own writable layer kept in the cluster state, so `echo x > /data/f` persists), and
// the files the kubelet manages (/etc/hosts, /etc/hostname, /etc/resolv.conf).
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { fieldRefValue, resourceFieldValue } from './env.js';
import { podHostname } from '../http/request.js';
import { podProcessWrites, writtenFiles, type PodWrites } from '../../controllers/kubelet/volumes.js';
import { imageFiles } from './imagefiles.js';

import { CLUSTER_DNS, CLUSTER_DOMAIN } from './clusterdns.js';

interface Mount { path: string; readOnly: boolean; files?: Map<string, string>; store?: string; volume?: string }

interface FsState { files: Record<string, Record<string, string>> }

const fsState = (c: Cluster) => c.controllerState<FsState>('container-fs', () => ({ files: {} }));

const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');

/** A service-account token as the projected volume holds it: a JWT-shaped string (not a real signature). */
export function serviceAccountToken(pod: KObject): string {
  const enc = (o: any) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = enc({ alg: 'RS256', kid: 'kubesim' });
  const payload = enc({
    aud: ['https://kubernetes.default.svc.cluster.local'], iss: 'https://kubernetes.default.svc.cluster.local',
    'kubernetes.io': { namespace: pod.metadata?.namespace, pod: { name: pod.metadata?.name, uid: pod.metadata?.uid }, serviceaccount: { name: pod.spec?.serviceAccountName || 'default' } },
    sub: `system:serviceaccount:${pod.metadata?.namespace}:${pod.spec?.serviceAccountName || 'default'}`,
  });
  return `${header}.${payload}.${Buffer.from(`kubesim:${pod.metadata?.uid}`).toString('base64url')}`;
}

function keyFiles(data: Record<string, string>, items: any[] | undefined, decode: boolean): Map<string, string> {
  const out = new Map<string, string>();
  const val = (v: string) => (decode ? b64(v) : v);
  if (items?.length) {
    for (const it of items) if (data[it.key] !== undefined) out.set(it.path, val(data[it.key]));
  } else {
    for (const [k, v] of Object.entries(data)) out.set(k, val(v));
  }
  return out;
}

function downwardFiles(cluster: Cluster, pod: KObject, container: any, items: any[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const it of items || []) {
    if (it.fieldRef) out.set(it.path, fieldRefValue(pod, it.fieldRef.fieldPath) ?? '');
    else if (it.resourceFieldRef) out.set(it.path, resourceFieldValue(cluster, pod, container, it.resourceFieldRef));
  }
  return out;
}

function volumeFiles(cluster: Cluster, pod: KObject, container: any, vol: any): Map<string, string> | undefined {
  const ns = pod.metadata!.namespace!;
  if (vol.configMap) return keyFiles({ ...(cluster.get('configmaps', ns, vol.configMap.name)?.data || {}) }, vol.configMap.items, false);
  if (vol.secret) return keyFiles({ ...(cluster.get('secrets', ns, vol.secret.secretName)?.data || {}) }, vol.secret.items, true);
  if (vol.downwardAPI) return downwardFiles(cluster, pod, container, vol.downwardAPI.items);
  if (vol.projected) {
    const out = new Map<string, string>();
    for (const src of vol.projected.sources || []) {
      let part: Map<string, string> | undefined;
      if (src.configMap) part = keyFiles({ ...(cluster.get('configmaps', ns, src.configMap.name)?.data || {}) }, src.configMap.items, false);
      else if (src.secret) part = keyFiles({ ...(cluster.get('secrets', ns, src.secret.name)?.data || {}) }, src.secret.items, true);
      else if (src.downwardAPI) part = downwardFiles(cluster, pod, container, src.downwardAPI.items);
      else if (src.serviceAccountToken) part = new Map([[src.serviceAccountToken.path, serviceAccountToken(pod)]]);
      for (const [k, v] of part || []) out.set(k, v);
    }
    return out;
  }
  return undefined;
}

export type FsError = 'ENOENT' | 'EROFS' | 'EISDIR' | 'ENOTDIR';

export class ContainerFS {
  private mounts: Mount[] = [];
  private base = new Map<string, string>();
  private processWrites: PodWrites | undefined;

  /** `at`: the time the files are seen at (epoch ms; a replayed process reads them at its own time) */
  constructor(private cluster: Cluster, private pod: KObject, private container: any, private at = cluster.now()) {
    const vols = new Map<string, any>((pod.spec?.volumes || []).map((v: any) => [v.name, v]));
    for (const vm of container.volumeMounts || []) {
      const vol = vols.get(vm.name);
      if (!vol) continue;
      const path = normalize(vm.mountPath);
      const files = volumeFiles(cluster, pod, container, vol);
      if (files) {
        if (vm.subPath) {
          // a single key mounted as a file
          const v = files.get(vm.subPath);
          if (v !== undefined) this.mounts.push({ path: dirname(path), readOnly: true, files: new Map([[basename(path), v]]) });
          continue;
        }
        this.mounts.push({ path, readOnly: true, files });
      } else {
        // emptyDir (and, simulated alike, hostPath and PVC volumes): writable, kept per pod and volume
        this.mounts.push({ path, readOnly: !!vm.readOnly, store: `${pod.metadata!.uid}/${vm.name}`, volume: vm.name });
      }
    }
    // the longest mount path wins
    this.mounts.sort((a, b) => b.path.length - a.path.length);
    const ip = pod.status?.podIP ?? '';
    const host = podHostname(pod);
    const sub = pod.spec?.hostname && pod.spec?.subdomain ? `${ip}\t${host}.${pod.spec.subdomain}.${pod.metadata!.namespace}.svc.${CLUSTER_DOMAIN}\t${host}\n` : `${ip}\t${host}\n`;
    this.base.set('/etc/hostname', `${host}\n`);
    this.base.set('/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${sub}`);
    const ns = pod.metadata!.namespace;
    this.base.set('/etc/resolv.conf', `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${CLUSTER_DNS}\noptions ndots:5\n`);
    for (const d of ['/bin', '/dev', '/etc', '/home', '/lib', '/proc', '/root', '/sys', '/tmp', '/usr', '/var']) this.base.set(d + '/', '');
    for (const [p, v] of imageFiles(container?.image ?? '')) this.base.set(p, v);
  }

  /** What the pod's processes wrote up to this view's time (replayed once per view). */
  private written(): PodWrites {
    return (this.processWrites ??= podProcessWrites(this.cluster, this.pod, this.at));
  }

  private rootStore(): string {
    const st = (this.pod.status?.containerStatuses || []).find((s: any) => s.name === this.container.name);
    return `${this.pod.metadata!.uid}/${this.container.name}/${st?.restartCount ?? 0}:rootfs`;
  }

  private mountOf(path: string): Mount | undefined {
    return this.mounts.find((m) => path === m.path || path.startsWith(m.path === '/' ? '/' : m.path + '/'));
  }

  private stored(key: string): Record<string, string> {
    // (read without creating the state: a server answering a probe reads files too)
    const st = this.cluster.state.controllers['container-fs'] as FsState | undefined;
    return st?.files[key] ?? {};
  }

  /** All files visible, path -> content ('' for directory markers ending in /). */
  private all(): Map<string, string> {
    const out = new Map(this.base);
    // the container's own process's writes, then kubectl exec's (kept in the state)
    for (const [p, v] of writtenFiles(this.written().roots.get(this.container?.name))) out.set(p, v);
    for (const [p, v] of Object.entries(this.stored(this.rootStore()))) out.set(p, v);
    for (const m of [...this.mounts].reverse()) {
      // a mount hides what was at its path
      for (const k of [...out.keys()]) if (k.startsWith(m.path + '/')) out.delete(k);
      out.set(m.path + '/', '');
      if (m.files) for (const [k, v] of m.files) out.set(`${m.path}/${k}`, v);
      if (m.volume) for (const [k, v] of writtenFiles(this.written().volumes.get(m.volume))) out.set(`${m.path}/${k}`, v);
      if (m.store) for (const [k, v] of Object.entries(this.stored(m.store))) out.set(`${m.path}/${k}`, v);
    }
    return out;
  }

  read(path: string): string | FsError {
    const p = normalize(path);
    const all = this.all();
    const v = all.get(p);
    if (v !== undefined) return v;
    if (this.isDir(p, all)) return 'EISDIR';
    return 'ENOENT';
  }

  private isDir(p: string, all = this.all()): boolean {
    if (p === '/') return true;
    const prefix = p + '/';
    for (const k of all.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }

  exists(path: string): boolean {
    const p = normalize(path);
    return this.all().has(p) || this.isDir(p);
  }

  /** Directory entries (names, sorted), or an error; a file lists as itself. */
  list(path: string): string[] | FsError {
    const p = normalize(path);
    const all = this.all();
    if (all.has(p)) return [basename(p)];
    if (!this.isDir(p, all)) return 'ENOENT';
    const prefix = p === '/' ? '/' : p + '/';
    const names = new Set<string>();
    for (const k of all.keys()) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      const name = rest.split('/')[0];
      if (name) names.add(name);
    }
    return [...names].sort();
  }

  write(path: string, content: string, append: boolean, dir = false): FsError | undefined {
    const p = normalize(path);
    if (this.isDir(p)) return dir ? undefined : 'EISDIR';
    const m = this.mountOf(p);
    if (m && (m.readOnly || m.files)) return 'EROFS';
    const key = m?.store ?? this.rootStore();
    const rel = (m ? p.slice(m.path.length + 1) : p) + (dir ? '/' : '');
    const st = fsState(this.cluster);
    const files = (st.files[key] = { ...(st.files[key] || {}) });
    files[rel] = (append ? files[rel] ?? '' : '') + content;
    this.cluster.dirty = true;
    return undefined;
  }

  remove(path: string): FsError | undefined {
    const p = normalize(path);
    const m = this.mountOf(p);
    if (m && (m.readOnly || m.files)) return 'EROFS';
    const key = m?.store ?? this.rootStore();
    const rel = m ? p.slice(m.path.length + 1) : p;
    const st = fsState(this.cluster);
    if (!st.files[key] || st.files[key][rel] === undefined) return 'ENOENT';
    const files = { ...st.files[key] };
    delete files[rel];
    st.files[key] = files;
    this.cluster.dirty = true;
    return undefined;
  }

  mkdir(path: string): FsError | undefined {
    const p = normalize(path);
    if (this.exists(p)) return undefined;
    return this.write(p, '', false, true);
  }
}

/** Drop the stored files of pods that are gone. */
export function pruneContainerFS(cluster: Cluster): void {
  const st = fsState(cluster);
  const live = new Set(cluster.list('pods').map((p) => p.metadata!.uid));
  for (const k of Object.keys(st.files)) if (!live.has(k.slice(0, k.indexOf('/')))) delete st.files[k];
}

export function normalize(path: string, cwd = '/'): string {
  const abs = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
  const parts: string[] = [];
  for (const seg of abs.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

const dirname = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';
const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);
