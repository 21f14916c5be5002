// A pod's view of the network for wget/curl: names resolved by the cluster DNS, Service IPs load
// balanced by kube-proxy (src/sim/http/proxy.ts), pod IPs answered by the workload behind them
// (httpRequest), and the API server behind the `kubernetes` Service.
// kubesim: the API server answers 401 without a token and 403 with one (the pod's ServiceAccount has
// no RBAC permissions by default); `kubesim serve` is a separate process and is not reached from here.
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { httpRequest } from '../http/request.js';
import { pickBackend, serviceBackends } from '../http/proxy.js';
import type { HttpResult } from '../http/types.js';
import { resolve, whoIs } from './dns.js';

export interface Url { scheme: 'http' | 'https'; host: string; port: number; path: string }

export function parseUrl(raw: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/i.exec(raw);
  if (!m) return undefined;
  const scheme = (m[1]?.toLowerCase() ?? 'http') as Url['scheme'];
  const path = m[4] || '/';
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: path.startsWith('/') ? path : '/' + path };
}

export type FetchResult = HttpResult | { error: 'resolve' } | { error: 'tls' };

function apiServerStatus(code: number, reason: string, message: string, details = false): HttpResult {
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details: {} } : {}), code }, null, 2) + '\n';
  return { status: code, headers: [['Audit-Id', '00000000-0000-0000-0000-000000000000'], ['Cache-Control', 'no-cache, private'], ['Content-Type', 'application/json']], body };
}

/** The API server's answer to a pod: 401 without a bearer token, 403 for the ServiceAccount with one. */
function apiServer(pod: KObject, path: string, token: string | undefined): HttpResult {
  if (!token) return apiServerStatus(401, 'Unauthorized', 'Unauthorized');
  const user = `system:serviceaccount:${pod.metadata!.namespace}:${pod.spec?.serviceAccountName || 'default'}`;
  const p = path.split('?')[0];
  const m = /^\/api\/v1\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(p);
  if (m) {
    const verb = m[3] ? 'get' : 'list';
    const what = m[3] ? `resource "${m[2]}" in API group "" in the namespace "${m[1]}"` : `resource "${m[2]}" in API group "" in the namespace "${m[1]}"`;
    return apiServerStatus(403, 'Forbidden', `${m[2]}${m[3] ? ` "${m[3]}"` : ''} is forbidden: User "${user}" cannot ${verb} ${what}`, true);
  }
  return apiServerStatus(403, 'Forbidden', `forbidden: User "${user}" cannot get path "${p}"`, true);
}

export interface FetchOptions {
  method?: string; token?: string; insecure?: boolean;
  /** a replayed process' nth request: read-only, the Service's endpoints taken in turn (Container.replay) */
  replay?: number;
}

/** One HTTP(S) request from `pod` to `url`. */
export function fetchFromPod(cluster: Cluster, pod: KObject, url: Url, opts: FetchOptions = {}): FetchResult & { ip?: string } {
  const answer = resolve(cluster, pod, url.host);
  if (!answer || !answer.ips.length) return { error: 'resolve' };
  const ip = answer.ips[0];
  const target = whoIs(cluster, ip);
  if (target.service) {
    const svc = target.service;
    if (svc.metadata?.namespace === 'default' && svc.metadata?.name === 'kubernetes') {
      if (url.port !== 443) return { error: 'timeout', ip } as any;
      if (url.scheme !== 'https') return { status: 400, headers: [], body: 'Client sent an HTTP request to an HTTPS server.\n', ip } as any;
      if (!opts.insecure) return { error: 'tls', ip } as any;
      return { ...apiServer(pod, url.path, opts.token), ip };
    }
    const sp = (svc.spec?.ports || []).find((p: any) => p.port === url.port && (p.protocol ?? 'TCP') === 'TCP');
    if (!sp) return { error: 'timeout', ip };
    const backends = serviceBackends(cluster, svc, sp);
    const b = opts.replay !== undefined ? backends[opts.replay % Math.max(1, backends.length)] : pickBackend(cluster, svc, sp, backends);
    if (!b) return { error: 'refused', ip };
    if (!b.pod) return { error: 'timeout', ip };
    return { ...httpRequest(cluster, b.pod, b.port, url.path, { method: opts.method, readOnly: opts.replay !== undefined }), ip };
  }
  if (target.pod) return { ...httpRequest(cluster, target.pod, url.port, url.path, { method: opts.method, readOnly: opts.replay !== undefined }), ip };
  // a node's address: kube-proxy answers every NodePort on every node
  if (cluster.list('nodes').some((n) => (n.status?.addresses || []).some((a: any) => a.address === ip))) {
    for (const svc of cluster.list('services')) {
      const sp = (svc.spec?.ports || []).find((p: any) => p.nodePort === url.port && (p.protocol ?? 'TCP') === 'TCP');
      if (!sp) continue;
      const backends = serviceBackends(cluster, svc, sp);
      const b = opts.replay !== undefined ? backends[opts.replay % Math.max(1, backends.length)] : pickBackend(cluster, svc, sp, backends);
      if (!b) return { error: 'refused', ip };
      if (!b.pod) return { error: 'timeout', ip };
      return { ...httpRequest(cluster, b.pod, b.port, url.path, { method: opts.method, readOnly: opts.replay !== undefined }), ip };
    }
    return { error: 'refused', ip };
  }
  // an address nothing answers on (a node's port, a pod that is gone)
  return { error: 'timeout', ip };
}
