// The API as a pod reaches it at https://kubernetes (the simulated shell's curl/wget, src/sim/shell/net.ts):
// the same authentication, RBAC, discovery and GET/LIST handlers as `kubesim serve`, answered
// synchronously over the Cluster the shell runs in (no HTTP server, no file). Reads only: a write
// from inside a pod answers 405 here (a running `kubesim serve` takes writes over HTTP).
// Wiring (src/sim/shell/net.ts, apiServer): `return answerInProcess(cluster, { method, path, token })`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cluster } from '../../store/cluster.js';
import { SERVER_VERSION } from '../../cli/commands/version.js';
import { authenticateToken } from '../auth/tokens.js';
import { checkAccess } from '../auth/authorize.js';
import type { ClusterHost } from './host.js';
import type { Ctx } from './request.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, servesGroupVersion } from './discovery.js';
import { failure, httpError, toStatus, type Status } from './status.js';
import { resourceRequest } from './router.js';
import * as verbs from './verbs.js';

export interface InProcessRequest {
  method?: string;
  /** path and query: /api/v1/namespaces/default/pods?limit=5 */
  path: string;
  /** the bearer token (the pod's, from its service-account volume) */
  token?: string;
}

export interface InProcessResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

/** host:port of the kubernetes Service's endpoint, as /api names it to clients. */
function serverAddress(c: Cluster): string {
  const ep: any = c.get('endpoints', 'default', 'kubernetes');
  const ip = ep?.subsets?.[0]?.addresses?.[0]?.ip;
  const port = ep?.subsets?.[0]?.ports?.[0]?.port;
  return ip ? `${ip}:${port ?? 6443}` : '10.96.0.1:443';
}

export function answerInProcess(cluster: Cluster, r: InProcessRequest): InProcessResponse {
  const out: InProcessResponse = { status: 200, headers: [], body: '' };
  const res = {
    headersSent: false,
    writeHead(code: number, headers: Record<string, string | string[]>) {
      out.status = code;
      for (const [k, v] of Object.entries(headers ?? {})) for (const x of Array.isArray(v) ? v : [v]) out.headers.push([k, x]);
      this.headersSent = true;
    },
    end(body?: string | Buffer) {
      if (body !== undefined) out.body = Buffer.isBuffer(body) ? body.toString('utf8') : body;
    },
  };
  const method = (r.method ?? 'GET').toUpperCase();
  const url = new URL(r.path, 'https://kubernetes');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  // a stand-in for the server's ClusterHost: this cluster, nothing to read back, no answer kept across calls
  const host = { cluster, generation: Number.NaN, read: <T>(fn: (c: Cluster) => T) => fn(cluster), syncFromDisk() {} } as unknown as ClusterHost;
  const req = { method, headers: { accept: 'application/json' }, resume() {} } as unknown as IncomingMessage;
  const send = (code: number, body: unknown) => {
    const text = `${JSON.stringify(body)}\n`;
    res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Content-Length': String(Buffer.byteLength(text)) });
    res.end(text);
    return out;
  };
  const status = (s: Status) => send(s.code, s);
  const user = r.token ? authenticateToken(cluster, r.token) : undefined;
  if (!user) return status(failure(401, 'Unauthorized', 'Unauthorized'));
  const ctx: Ctx = { host, req, res: res as unknown as ServerResponse, query: url.searchParams, warnings: [], user };
  let scope: { group?: string; resource?: string; name?: string } = {};
  try {
    const seg = path.split('/').slice(1).map(decodeURIComponent);
    const resourcePath = (seg[0] === 'api' && seg.length > 2) || (seg[0] === 'apis' && seg.length > 3);
    if (!resourcePath) {
      checkAccess(() => cluster, user, { verb: method.toLowerCase(), path });
      if (method !== 'GET') throw httpError(405, 'the server does not allow this method on the requested resource');
      if (path === '/version') return send(200, SERVER_VERSION);
      if (path === '/api') return send(200, apiVersions(serverAddress(cluster)));
      if (path === '/api/v1') return send(200, apiResourceList('', 'v1'));
      if (path === '/apis') return send(200, apiGroupList());
      if (seg[0] === 'apis' && seg.length === 2 && apiGroup(seg[1])) return send(200, apiGroup(seg[1]));
      if (seg[0] === 'apis' && seg.length === 3 && servesGroupVersion(seg[1], seg[2])) return send(200, apiResourceList(seg[1], seg[2]));
      return send(404, { ...failure(404, 'NotFound', 'the server could not find the requested resource'), details: {} });
    }
    const group = seg[0] === 'api' ? '' : seg[1];
    const version = seg[0] === 'api' ? seg[1] : seg[2];
    if (seg[0] === 'api' ? version !== 'v1' : !servesGroupVersion(group, version)) {
      return send(404, { ...failure(404, 'NotFound', 'the server could not find the requested resource'), details: {} });
    }
    const { t, verb, attrs } = resourceRequest(group, version, seg.slice(seg[0] === 'api' ? 2 : 3), method, url.searchParams);
    scope = { group, resource: t.info.resource, name: t.name };
    checkAccess(() => cluster, user, attrs);
    if (t.subresource !== undefined || (verb !== 'get' && verb !== 'list') || !t.info.verbs.includes(verb)) {
      throw httpError(405, 'the server does not allow this method on the requested resource', undefined, 'MethodNotAllowed');
    }
    if (verb === 'get') verbs.get(ctx, t);
    else verbs.list(ctx, t);
    return out;
  } catch (e) {
    return status(toStatus(e, scope));
  }
}
