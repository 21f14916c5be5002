// A pod's view of the network for wget/curl: names resolved by the cluster DNS, Service IPs load
// balanced by kube-proxy (src/sim/http/proxy.ts), pod IPs answered by the workload behind them
// (httpRequest), and the API server behind the `kubernetes` Service: whoever runs the API in this
// process registers it (setApiServer: src/server/http/inprocess.ts, by `exec`, `attach` and `serve`).
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { httpRequest } from '../http/request.js';
import { pickBackend, serviceBackends } from '../http/proxy.js';
import type { HttpResult } from '../http/types.js';
import { resolve, whoIs } from './dns.js';
import { connectionAllowed, dnsAllowed } from '../http/networkpolicy.js';

export interface Url { scheme: 'http' | 'https'; host: string; port: number; path: string }

export function parseUrl(raw: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/i.exec(raw);
  if (!m) return undefined;
  const scheme = (m[1]?.toLowerCase() ?? 'http') as Url['scheme'];
  const path = m[4] || '/';
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: path.startsWith('/') ? path : '/' + path };
}

export type FetchResult = HttpResult | { error: 'resolve' } | { error: 'tls' };

/** A request a pod sends to the API server. */
export interface ApiRequest {
  method: string;
  /** path and query */
  path: string;
  /** lower-case names (authorization, user-agent, accept, content-type) */
  headers: Record<string, string>;
  body?: string;
}

/**
 * The API server as pods reach it. `manager`: the caller holds the cluster for writing (an exec), so a
 * write may go through, settled by these controllers; without it (a container's replayed process) only reads.
 */
export type ApiServer = (cluster: Cluster, req: ApiRequest, opts: { manager?: () => Promise<unknown> }) => HttpResult | Promise<HttpResult>;

let apiServer: ApiServer | undefined;

/** Register the API server pods reach at https://kubernetes (undefined: nothing answers there). */
export function setApiServer(fn: ApiServer | undefined): void {
  apiServer = fn;
}

/** The cluster's root CA (the kube-root-ca.crt ConfigMap's ca.crt), which signed the API server's certificate. */
function clusterCA(cluster: Cluster, pod: KObject): string | undefined {
  const cm = cluster.get('configmaps', pod.metadata!.namespace, 'kube-root-ca.crt') ?? cluster.get('configmaps', 'kube-system', 'kube-root-ca.crt');
  return cm?.data?.['ca.crt'];
}

export interface FetchOptions {
  method?: string; insecure?: boolean;
  /** the CA bundle the client trusts (its text), for a TLS server's certificate */
  ca?: string;
  /** request headers (lower-case names) and body, as the API server reads them */
  headers?: Record<string, string>; body?: string;
  /** the exec's controller manager, when it holds the cluster for writing (Container.manager) */
  manager?: () => Promise<unknown>;
  /** a replayed process' nth request: read-only, the Service's endpoints taken in turn (Container.replay) */
  replay?: number;
}

/** One HTTP(S) request from `pod` to `url`; the API server's answer may take a while (a write). */
export function fetchFromPod(cluster: Cluster, pod: KObject, url: Url, opts: FetchOptions = {}): (FetchResult & { ip?: string }) | Promise<FetchResult & { ip?: string }> {
  // a name needs the cluster DNS, which the pod's egress policies may not let it reach
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(url.host) && !dnsAllowed(cluster, pod)) return { error: 'resolve' };
  const answer = resolve(cluster, pod, url.host);
  if (!answer || !answer.ips.length) return { error: 'resolve' };
  const ip = answer.ips[0];
  const target = whoIs(cluster, ip);
  if (target.service) {
    const svc = target.service;
    if (svc.metadata?.namespace === 'default' && svc.metadata?.name === 'kubernetes') {
      if (url.port !== 443) return { error: 'timeout', ip } as any;
      if (url.scheme !== 'https') return { status: 400, headers: [], body: 'Client sent an HTTP request to an HTTPS server.\n', ip } as any;
      const ca = clusterCA(cluster, pod);
      if (!opts.insecure && !(ca && opts.ca?.includes(ca.trim()))) return { error: 'tls', ip } as any;
      if (!apiServer) return { error: 'timeout', ip };
      const req: ApiRequest = { method: opts.method ?? 'GET', path: url.path, headers: opts.headers ?? {}, body: opts.body };
      const answer = apiServer(cluster, req, { manager: opts.replay === undefined ? opts.manager : undefined });
      return answer instanceof Promise ? answer.then((r) => ({ ...r, ip })) : { ...answer, ip };
    }
    const sp = (svc.spec?.ports || []).find((p: any) => p.port === url.port && (p.protocol ?? 'TCP') === 'TCP');
    if (!sp) return { error: 'timeout', ip };
    const backends = serviceBackends(cluster, svc, sp);
    const b = opts.replay !== undefined ? backends[opts.replay % Math.max(1, backends.length)] : pickBackend(cluster, svc, sp, backends);
    if (!b) return { error: 'refused', ip };
    if (!b.pod) return { error: 'timeout', ip };
    // NetworkPolicies drop what they do not allow (after kube-proxy's DNAT: the backend pod and port)
    if (!connectionAllowed(cluster, pod, b.pod, b.port)) return { error: 'timeout', ip };
    return { ...httpRequest(cluster, b.pod, b.port, url.path, { method: opts.method, readOnly: opts.replay !== undefined }), ip };
  }
  if (target.pod) {
    if (!connectionAllowed(cluster, pod, target.pod, url.port)) return { error: 'timeout', ip };
    return { ...httpRequest(cluster, target.pod, url.port, url.path, { method: opts.method, readOnly: opts.replay !== undefined }), ip };
  }
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
