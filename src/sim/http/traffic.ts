// `kubesim curl`: requests sent to a Service the way a client inside the cluster reaches it (through
// kube-proxy to one ready endpoint), one line per response, then a tally by pod and by image version.
// The CLI command (src/cli/commands/curl.ts) only parses flags and drives the clock.
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { StatusError, UserError } from '../../api/errors.js';
import { httpRequest } from './request.js';
import { pickBackend, serviceBackends, servicePortOf } from './proxy.js';
import { imageVersion } from './catalogue.js';
import { isNetError, type HttpResult } from './types.js';
import { listenerOf } from './request.js';
import { goDurationString } from '../clock.js';

export interface CurlTarget { kind: 'svc' | 'pod'; name: string; port?: string; path: string }

const KINDS: Record<string, 'svc' | 'pod'> = { svc: 'svc', service: 'svc', services: 'svc', po: 'pod', pod: 'pod', pods: 'pod' };

/** svc/NAME[:PORT][/PATH] (also service/..., pod/NAME:PORT/PATH, or a bare Service name). */
export function parseCurlTarget(arg: string): CurlTarget {
  let kind: 'svc' | 'pod' = 'svc';
  let rest = arg;
  const slash = arg.indexOf('/');
  if (slash > 0 && KINDS[arg.slice(0, slash).toLowerCase()]) {
    kind = KINDS[arg.slice(0, slash).toLowerCase()];
    rest = arg.slice(slash + 1);
  } else if (slash > 0 && /^[a-z.]+$/i.test(arg.slice(0, slash)) && !arg.slice(0, slash).includes(':')) {
    throw new UserError(`error: kubesim curl: cannot send requests to "${arg.slice(0, slash)}": use svc/NAME[:PORT][/PATH] or pod/NAME:PORT[/PATH]`);
  }
  const p = rest.indexOf('/');
  const hostPort = p < 0 ? rest : rest.slice(0, p);
  const path = p < 0 ? '/' : rest.slice(p);
  const [name, port] = hostPort.split(':');
  if (!name) throw new UserError(`error: kubesim curl: missing name in "${arg}"`);
  return { kind, name, port: port || undefined, path };
}

export interface CurlRecord {
  seq: number;
  at: number;
  pod?: string;
  image?: string;
  result: HttpResult;
}

export interface CurlSession {
  /** svc/NAME (10.96.0.11:80) */
  label: string;
  send(cluster: Cluster, seq: number): CurlRecord;
}

function notFound(resource: string, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${resource} "${name}" not found`);
}

/** Resolve the target once (NotFound and bad ports fail before any request). */
export function openCurl(cluster: Cluster, namespace: string, t: CurlTarget): CurlSession {
  if (t.kind === 'pod') {
    const pod = cluster.get('pods', namespace, t.name);
    if (!pod) throw notFound('pods', t.name);
    const port = t.port ? Number(t.port) : portOfPod(pod);
    if (!Number.isInteger(port) || port <= 0) throw new UserError(`error: kubesim curl: pod/${t.name}: give a port (pod/${t.name}:PORT)`);
    return {
      label: `pod/${t.name} (${pod.status?.podIP ?? '<no IP>'}:${port})`,
      send(c, seq) {
        const p = c.get('pods', namespace, t.name);
        if (!p) return { seq, at: c.now(), result: { error: 'unreachable' } };
        return record(c, seq, p, httpRequest(c, p, port, t.path), port);
      },
    };
  }
  const svc = cluster.get('services', namespace, t.name);
  if (!svc) throw notFound('services', t.name);
  const svcPort = servicePortOf(svc, t.port);
  if (!svcPort) {
    if (!(svc.spec?.ports || []).length) throw new UserError(`error: kubesim curl: service/${t.name} has no ports`);
    throw new UserError(`error: kubesim curl: service/${t.name} has no port ${t.port} (ports: ${(svc.spec.ports as any[]).map((p) => p.name ? `${p.port} (${p.name})` : String(p.port)).join(', ')})`);
  }
  const ip = svc.spec?.clusterIP && svc.spec.clusterIP !== 'None' ? svc.spec.clusterIP : svc.metadata!.name;
  // the endpoints are looked up again only when the cluster changed (10,000 requests stay cheap)
  let cache: { rv: number; svc: KObject; backends: ReturnType<typeof serviceBackends> } | undefined;
  return {
    label: `svc/${t.name} (${ip}:${svcPort.port})`,
    send(c, seq) {
      if (!cache || cache.rv !== c.state.resourceVersion) {
        const cur = c.get('services', namespace, t.name) ?? svc;
        cache = { rv: c.state.resourceVersion, svc: cur, backends: serviceBackends(c, cur, svcPort) };
      }
      const s = cache.svc;
      const b = pickBackend(c, s, svcPort, cache.backends);
      if (!b) return { seq, at: c.now(), result: { error: 'refused', detail: 'no ready endpoints' } };
      if (!b.pod) return { seq, at: c.now(), result: { error: 'timeout' } };
      return record(c, seq, b.pod, httpRequest(c, b.pod, b.port, t.path), b.port);
    },
  };
}

function portOfPod(pod: KObject): number {
  for (const c of pod.spec?.containers || []) for (const p of c.ports || []) if (p.containerPort) return p.containerPort;
  return NaN;
}

function record(c: Cluster, seq: number, pod: KObject, result: HttpResult, port: number): CurlRecord {
  const image = listenerOf(pod, port)?.container.image ?? pod.spec?.containers?.[0]?.image;
  return { seq, at: c.now(), pod: pod.metadata!.name, image, result };
}

const NET_ERRORS: Record<string, string> = {
  refused: 'connection refused',
  timeout: 'no answer (timed out)',
  unreachable: 'host unreachable',
};

/** The one-line summary of a body: itself when it is one line, the <title> of a page, else its first line. */
export function bodySummary(result: HttpResult): string {
  if (isNetError(result)) return `error: ${NET_ERRORS[result.error]}${result.detail ? ` (${result.detail})` : ''}`;
  const body = result.body.replace(/\n$/, '');
  if (!body.includes('\n')) return body;
  const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1];
  const type = result.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'text/plain';
  const size = Buffer.byteLength(result.body, 'utf8');
  return `${title ?? body.split('\n')[0]} [${type}, ${size} bytes]`;
}

const latencyOf = (r: HttpResult) => (isNetError(r) ? 0 : r.latency ?? 0);

const statusOf = (r: HttpResult) => (isNetError(r) ? 'ERR' : String(r.status));

/** One response line: `  3  200  kubia-...-abcde  This is v2 running in pod kubia-...-abcde`. */
export function responseLine(r: CurlRecord, width: number, clock?: string): string {
  const seq = String(r.seq).padStart(width);
  const slow = latencyOf(r.result) ? `  (${goDurationString(latencyOf(r.result))})` : '';
  return `${clock ? `${clock}  ` : ''}${seq}  ${statusOf(r.result)}  ${r.pod ?? '-'}  ${bodySummary(r.result)}${slow}\n`;
}

/** The tally: totals, then requests by pod and by image (with the version the image runs). */
export function tallyLines(label: string, records: CurlRecord[]): string[][] {
  const total = records.length;
  const ok = records.filter((r) => !isNetError(r.result) && r.result.status < 400).length;
  const byPod = new Map<string, { image: string; n: number; statuses: Map<string, number> }>();
  const byImage = new Map<string, number>();
  for (const r of records) {
    const pod = r.pod ?? '(none)';
    let e = byPod.get(pod);
    if (!e) byPod.set(pod, (e = { image: r.image ?? '-', n: 0, statuses: new Map() }));
    e.n++;
    const st = statusOf(r.result);
    e.statuses.set(st, (e.statuses.get(st) ?? 0) + 1);
    const img = r.image ?? '(none)';
    byImage.set(img, (byImage.get(img) ?? 0) + 1);
  }
  const pct = (n: number) => `${total ? Math.round((100 * n) / total) : 0}%`;
  const lat = records.map((r) => latencyOf(r.result));
  const slowest = Math.max(0, ...lat);
  // answers slowed down (`kubesim fault image --latency`): the mean and the slowest
  const timing = slowest ? `; latency ${goDurationString(Math.round(lat.reduce((a, b) => a + b, 0) / total))} mean, ${goDurationString(slowest)} max` : '';
  const summary = [[`${total} request${total === 1 ? '' : 's'} to ${label}: ${ok} ok, ${total - ok} failed${timing}`]];
  const pods = [['POD', 'IMAGE', 'REQUESTS', 'SHARE', 'RESPONSES']];
  for (const [pod, e] of [...byPod.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    pods.push([pod, e.image, String(e.n), pct(e.n), [...e.statuses.entries()].map(([s, n]) => `${s} x${n}`).join(', ')]);
  }
  const images = [['IMAGE', 'VERSION', 'REQUESTS', 'SHARE']];
  for (const [img, n] of [...byImage.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    images.push([img, img === '(none)' ? '-' : imageVersion(img), String(n), pct(n)]);
  }
  return [...summary, [], ...pods, [], ...images];
}

const REASONS: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

/** `-i`: the whole response as curl -i prints it (status line, headers, blank line, body). */
export function fullResponse(r: CurlRecord): string {
  if (isNetError(r.result)) return `${responseLine(r, 1).replace(/^\S+\s+/, '')}`;
  const res = r.result;
  const head = [`HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}`.trimEnd(), ...res.headers.map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return `${head}\r\n\r\n${res.body}`;
}
