// The API server's URL space: health and version, discovery, and
// /api/v1/[namespaces/NS/]RESOURCE[/NAME[/SUB]] and /apis/GROUP/VERSION/... dispatched to the verbs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESOURCES, withVersion } from '../../api/resources.js';
import { SERVER_VERSION } from '../../cli/commands/version.js';
import type { ClusterHost } from './host.js';
import { type Ctx, type Target, sendBytes, sendJson, sendStatus, sendText, queryBool } from './request.js';
import { failure, httpError, toStatus } from './status.js';
import { AGGREGATED_CONTENT_TYPE, aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, servesGroupVersion } from './discovery.js';
import { wantsAggregated } from './negotiate.js';
import * as verbs from './verbs.js';
import { watch } from './watch.js';
import { serveSubresource, bind } from './subhandlers.js';
import { subresourcesOf } from './subresources.js';
import { openapiV2, openapiV3 } from './openapi.js';
import { ADMIN, ANONYMOUS, authenticate, checkAccess, impersonate } from '../auth/authorize.js';
import type { Attributes } from '../authorization/rbac.js';
import { REVIEWS } from '../auth/reviews.js';
import { readObject } from './decodebody.js';
import { serveHealth } from './health.js';
import { deprecationWarning } from '../../api/deprecation.js';

export interface RouterOptions {
  host: ClusterHost;
  /** bearer token required on every API request (undefined: --no-auth) */
  token?: string;
  /** host:port as clients reach it (for /api's serverAddressByClientCIDRs) */
  address(): string;
  /**
   * the API as pods reach it (inprocess.ts): authentication as a kube-apiserver's (no credentials:
   * system:anonymous; a bad token: 401), and none of kubesim's own endpoints
   */
  inCluster?: boolean;
}

const PUBLIC = new Set(['/version', '/healthz', '/livez', '/readyz']);

function unauthorized(): ReturnType<typeof failure> {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

/** The "could not find the requested resource" 404 (with its empty details, as the API server sends it). */
function notFoundPath() {
  return { ...failure(404, 'NotFound', 'the server could not find the requested resource'), details: {} };
}

function rootPaths(): string[] {
  const out = ['/api', '/api/v1', '/apis', '/apis/'];
  for (const g of new Set(RESOURCES.filter((r) => r.group).map((r) => r.group))) {
    out.push(`/apis/${g}`);
    for (const v of new Set(RESOURCES.filter((r) => r.group === g).flatMap((r) => r.versions))) out.push(`/apis/${g}/${v}`);
  }
  out.push('/healthz', '/livez', '/openapi/v2', '/openapi/v3', '/openapi/v3/', '/readyz', '/version');
  return out.sort();
}

export function createRouter(o: RouterOptions) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const ctx: Ctx = { host: o.host, req, res, query: url.searchParams, warnings: [], user: ADMIN };
    let scope: { group?: string; resource?: string; name?: string } = {};
    try {
      const authn = authenticate(req, () => o.host.read((c) => c), o.token, o.inCluster);
      if ('unauthorized' in authn) {
        if (!(PUBLIC.has(path) && req.method === 'GET')) {
          req.resume();
          return sendStatus(ctx, unauthorized());
        }
        ctx.user = ANONYMOUS;
      } else {
        ctx.user = impersonate(req, authn.user, () => o.host.read((c) => c));
      }
      const parts = path.split('/');
      const resourceRequest = (parts[1] === 'api' && parts.length > 3) || (parts[1] === 'apis' && parts.length > 4);
      if (!resourceRequest) checkAccess(() => o.host.read((c) => c), ctx.user, { verb: (req.method ?? 'GET').toLowerCase(), path });
      if (path === '/kubesim/v1/commands' && !o.inCluster) return await (await import('./commands.js')).serveCommand(ctx);
      if (path === '/version') return sendJson(ctx, 200, SERVER_VERSION);
      if (/^\/(healthz|livez|readyz)(\/|$)/.test(path)) {
        if (serveHealth(ctx, path)) return;
        return sendStatus(ctx, notFoundPath());
      }
      // responsewriters.WriteRawJSON: always indented
      if (path === '/') return sendBytes(ctx, 200, Buffer.from(JSON.stringify({ paths: rootPaths() }, null, 2)));
      if (path.startsWith('/openapi/')) {
        if (req.method !== 'GET') throw httpError(405, 'the server does not allow this method on the requested resource');
        if (path === '/openapi/v2') return serveOpenapiV2(ctx);
        const doc = openapiV3(path.slice('/openapi/v3'.length).replace(/^\//, ''));
        if (!doc) return sendStatus(ctx, notFoundPath());
        return sendJson(ctx, 200, doc);
      }
      const seg = path.split('/').slice(1).map((x) => {
        try {
          return decodeURIComponent(x);
        } catch {
          throw httpError(400, `invalid URL escape ${JSON.stringify(x)}`);
        }
      });
      if (seg[0] !== 'api' && seg[0] !== 'apis') return sendStatus(ctx, notFoundPath());
      if (req.method !== 'GET' && seg.length < 3) throw httpError(405, 'the server does not allow this method on the requested resource');
      if (seg[0] === 'api') {
        if (seg.length === 1) {
          if (wantsAggregated(req.headers.accept)) return sendJson(ctx, 200, aggregatedDiscovery(true), AGGREGATED_CONTENT_TYPE);
          return sendJson(ctx, 200, apiVersions(o.address()));
        }
        if (seg[1] !== 'v1') return sendStatus(ctx, notFoundPath());
        if (seg.length === 2) return sendJson(ctx, 200, apiResourceList('', 'v1'));
        scope = { group: '' };
        return await resource(ctx, '', 'v1', seg.slice(2), (s) => (scope = s));
      }
      if (seg.length === 1) {
        if (wantsAggregated(req.headers.accept)) return sendJson(ctx, 200, aggregatedDiscovery(false), AGGREGATED_CONTENT_TYPE);
        return sendJson(ctx, 200, apiGroupList());
      }
      if (seg.length === 2) {
        const g = apiGroup(seg[1]);
        return g ? sendJson(ctx, 200, g) : sendStatus(ctx, notFoundPath());
      }
      if (!servesGroupVersion(seg[1], seg[2])) return sendStatus(ctx, notFoundPath());
      if (seg.length === 3) return sendJson(ctx, 200, apiResourceList(seg[1], seg[2]));
      scope = { group: seg[1] };
      return await resource(ctx, seg[1], seg[2], seg.slice(3), (s) => (scope = s));
    } catch (e) {
      req.resume();
      if (res.headersSent) {
        res.end();
        return;
      }
      sendStatus(ctx, toStatus(e, scope));
    }
  };
}

/** kube-openapi's handler: JSON for application/json (or any), else 406 with no body. */
function serveOpenapiV2(ctx: Ctx): void {
  const accept = ctx.req.headers.accept || '*/*';
  const json = accept.split(',').some((c) => {
    const [t, sub] = c.split(';')[0].trim().toLowerCase().split('/');
    return (t === 'application' || t === '*') && (sub === 'json' || sub === '*');
  });
  if (!json) {
    ctx.res.writeHead(406, { Vary: 'Accept' });
    ctx.res.end();
    return;
  }
  const { text, etag } = openapiV2();
  ctx.res.writeHead(200, { 'Content-Type': 'application/json', Vary: 'Accept', ETag: etag, 'Content-Length': String(Buffer.byteLength(text)) });
  ctx.res.end(text);
}

type Scope = { group?: string; resource?: string; name?: string };

/** Resolve RESOURCE[/NAME[/SUB]] under an optional namespaces/NS prefix and run the verb. */
/** What a resource URL names, and the request's authorization attributes (RequestInfoFactory). */
export interface ResourceRequest {
  t: Target;
  /** the REST verb; undefined when the method has none on this URL */
  verb?: string;
  attrs: Attributes;
}

/** Resolve RESOURCE[/NAME[/SUB]] under an optional namespaces/NS prefix (404 for what is not served). */
export function resourceRequest(group: string, version: string, rest: string[], method: string, query: URLSearchParams): ResourceRequest {
  let namespace: string | undefined;
  // namespaces/NS/RESOURCE...: a namespaced resource; namespaces/NS[/status|finalize] is the Namespace itself
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(group === '' && rest.length === 3 && subresourcesOf('', 'namespaces')[rest[2]])) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length > 3) throw notFoundError();
  const [resourceName, name, sub] = rest;
  const base = RESOURCES.find((r) => r.group === group && r.resource === resourceName && r.versions.includes(version));
  if (!base) throw notFoundError();
  const info = version === base.version ? base : withVersion(base, version);
  if (namespace !== undefined && !info.namespaced) throw notFoundError();
  const t: Target = { info, namespace, name, subresource: sub };
  // RequestInfo: a namespace's own requests are in that namespace
  const attrs = { namespace: namespace ?? (info.resource === 'namespaces' && group === '' ? name : undefined) ?? '', apiGroup: group, resource: info.resource, name: name ?? '' };
  if (sub !== undefined) {
    if (!subresourcesOf(group, info.resource)[sub]) throw notFoundError();
    const subVerb = ({ GET: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' } as Record<string, string>)[method] ?? method.toLowerCase();
    return { t, verb: subVerb, attrs: { ...attrs, verb: subVerb, subresource: sub } };
  }
  const isWatch = queryBool(query, 'watch');
  const verb = name === undefined
    ? ({ GET: isWatch ? 'watch' : 'list', POST: 'create', DELETE: 'deletecollection' } as Record<string, string>)[method]
    : ({ GET: isWatch ? 'watch' : 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' } as Record<string, string>)[method];
  return { t, verb, attrs: { ...attrs, verb: verb ?? method.toLowerCase() } };
}

// not async: what fails before a handler waits (not found, forbidden, a GET) is answered at once, so the
// API can answer a pod's read synchronously (inprocess.ts)
function resource(ctx: Ctx, group: string, version: string, rest: string[], setScope: (s: Scope) => void): void | Promise<void> {
  const method = ctx.req.method ?? 'GET';
  const { t, verb, attrs } = resourceRequest(group, version, rest, method, ctx.query);
  const { info, namespace, name } = t;
  setScope({ group, resource: info.resource, name });
  checkAccess(() => ctx.host.read((c) => c), ctx.user, attrs);
  // WithDeprecation: every request to a deprecated API is answered with its warning
  const deprecated = deprecationWarning(info);
  if (deprecated) ctx.warnings.push(deprecated);
  if (t.subresource !== undefined) return serveSubresource(ctx, t);
  const review = REVIEWS[`${group}/${info.resource}`];
  if (review && method === 'POST' && name === undefined) {
    return readObject(ctx.req).then((obj) => sendJson(ctx, 201, ctx.host.read((c) => review(c, ctx.user, obj, namespace))));
  }
  // the bindings resource: POST /api/v1/namespaces/NS/bindings binds the pod the body names
  if (info.resource === 'bindings' && method === 'POST' && name === undefined) return bind(ctx, t);
  if (!verb || !info.verbs.includes(verb)) {
    ctx.req.resume();
    throw httpError(405, 'the server does not allow this method on the requested resource', undefined, 'MethodNotAllowed');
  }
  switch (verb) {
    case 'get': return verbs.get(ctx, t);
    case 'list': return verbs.list(ctx, t);
    case 'watch': return watch(ctx, t);
    case 'create': return verbs.create(ctx, t);
    case 'update': return verbs.update(ctx, t);
    case 'patch': return verbs.patch(ctx, t);
    case 'delete': return verbs.remove(ctx, t);
    case 'deletecollection': return verbs.removeCollection(ctx, t);
  }
}

function notFoundError() {
  return Object.assign(httpError(404, 'the server could not find the requested resource', {}), { pathNotFound: true });
}

export { notFoundPath };
