// httpRequest: what a container of a pod answers on a port, the one entry point probes, port-forward,
// the API server's proxy, `kubesim curl` and the simulated shell's wget/curl share. Reads the pod's
// containers (the one whose image family listens on the port, among those running), counts the
// requests each container has served (kubia v3 fails from its fifth) in the cluster state.
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { parseTime } from '../clock.js';
import { familyOf } from './catalogue.js';
import type { HttpResponse, HttpResult, ServeContext, WorkloadFamily } from './types.js';
import { failsRequest, imageFault } from '../faults.js';
import { ContainerFS } from '../shell/fs.js';

export interface RequestOptions {
  method?: string;
  /** do not count the request (a dry look, e.g. for tests) */
  readOnly?: boolean;
}

interface WorkloadState { served: Record<string, number> }

function workloadState(cluster: Cluster): WorkloadState {
  return cluster.controllerState<WorkloadState>('workloads', () => ({ served: {} }));
}

/** os.hostname() inside the pod */
export function podHostname(pod: KObject): string {
  return (pod.spec?.hostname || pod.metadata?.name || '').slice(0, 63);
}

export interface Listener { container: any; status: any; family: WorkloadFamily; tag: string }

/** The running container whose process listens on `port`, if any. */
export function listenerOf(pod: KObject, port: number): Listener | undefined {
  const statuses: any[] = pod.status?.containerStatuses || [];
  for (const c of pod.spec?.containers || []) {
    const st = statuses.find((s) => s.name === c.name);
    if (!st?.state?.running) continue;
    const { family, tag } = familyOf(c.image || '');
    if (family && family.ports(tag).includes(port)) return { container: c, status: st, family, tag };
  }
  return undefined;
}

function podReachable(pod: KObject): boolean {
  return !!pod.status?.podIP && pod.status?.phase === 'Running';
}

function serveContext(cluster: Cluster, pod: KObject, l: Listener, path: string, method: string, readOnly: boolean): ServeContext {
  const st = workloadState(cluster);
  const key = `${pod.metadata!.uid}/${l.container.name}/${l.status.restartCount ?? 0}`;
  const served = st.served[key] ?? 0;
  let fs: ContainerFS | undefined;
  if (!readOnly) {
    st.served[key] = served + 1;
    cluster.dirty = true;
  }
  return {
    tag: l.tag,
    hostname: podHostname(pod),
    served,
    method,
    path: path || '/',
    now: cluster.now(),
    startedAt: parseTime(l.status.state.running.startedAt) ?? cluster.now(),
    file: (p) => {
      fs ??= new ContainerFS(cluster, pod, l.container);
      const v = fs.read(p);
      return v === 'EISDIR' ? 'dir' : v === 'ENOENT' || v === 'ENOTDIR' || v === 'EROFS' ? undefined : v;
    },
  };
}

/** An HTTP request to pod:port (path with its query). */
export function httpRequest(cluster: Cluster, pod: KObject, port: number, path: string, opts: RequestOptions = {}): HttpResult {
  if (!podReachable(pod)) return { error: 'unreachable' };
  const l = listenerOf(pod, port);
  if (!l) return { error: 'refused' };
  const ctx = serveContext(cluster, pod, l, path, opts.method ?? 'GET', !!opts.readOnly);
  if (!l.family.http) {
    // not an HTTP server: the connection closes without a valid HTTP answer
    return { error: 'timeout' };
  }
  return withFaults(cluster, l, ctx, l.family.http(ctx));
}

/**
 * `kubesim fault image --errors=RATE --latency=D`: a share of the requests (spread evenly over the
 * container's requests) answered 500 Internal Server Error with the server's own headers; every answer late by D.
 */
function withFaults(cluster: Cluster, l: Listener, ctx: ServeContext, res: HttpResponse): HttpResponse {
  const f = imageFault(cluster, l.container.image);
  if (!f) return res;
  let out = res;
  if (f.errors !== undefined && f.errors > 0 && failsRequest(f.errors, ctx.served)) {
    const body = 'Internal Server Error\n';
    const headers = res.headers.map(([k, v]): [string, string] => (k.toLowerCase() === 'content-length' ? [k, String(Buffer.byteLength(body))] : k.toLowerCase() === 'content-type' ? [k, 'text/plain'] : [k, v]));
    out = { status: 500, headers, body };
  }
  if (f.latency) out = { ...out, latency: f.latency };
  return out;
}

/** A line-protocol exchange (redis PING) with pod:port; undefined when nothing listens. */
export function tcpRequest(cluster: Cluster, pod: KObject, port: number, input: string): string | undefined {
  if (!podReachable(pod)) return undefined;
  const l = listenerOf(pod, port);
  if (!l?.family.tcp) return l ? '' : undefined;
  return l.family.tcp(input, serveContext(cluster, pod, l, '', 'TCP', true));
}

/** Whether a TCP connection to pod:port is accepted (tcpSocket probes). */
export function tcpConnect(pod: KObject, port: number): boolean {
  return podReachable(pod) && listenerOf(pod, port) !== undefined;
}

/** Forget the request counts of pods that are gone (kept small as pods come and go). */
export function pruneWorkloadState(cluster: Cluster): void {
  const st = workloadState(cluster);
  const keys = Object.keys(st.served);
  if (keys.length < 256) return;
  const live = new Set(cluster.list('pods').map((p) => p.metadata!.uid));
  for (const k of keys) if (!live.has(k.slice(0, k.indexOf('/')))) delete st.served[k];
}
