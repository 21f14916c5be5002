// luksa/kubia, the Node.js app of Kubernetes in Action (port 8080), one answer per tag:
// v1/latest "You've hit <hostname>", v2 and v4 "This is vN running in pod <hostname>", v3 the same
// until its fifth request and 500 from then on (`if (++requestCount >= 5)`); kubia-unhealthy, the
// liveness-probe example, answers 500 "I'm not well. Please restart me!" after five requests.
import type { HttpResponse, ServeContext, WorkloadFamily } from '../types.js';
import { httpDate } from './headers.js';

function answer(req: ServeContext, status: number, body: string): HttpResponse {
  // Node's http server: no Server header, a chunked body (the app never sets Content-Length)
  return { status, headers: [['Date', httpDate(req.now)], ['Connection', 'keep-alive'], ['Transfer-Encoding', 'chunked']], body };
}

const kubiaVersion = (tag: string) => (tag === 'latest' ? 'v1' : tag);

function serveKubia(req: ServeContext): HttpResponse {
  const v = kubiaVersion(req.tag);
  if (v === 'v3' && req.served + 1 >= 5) return answer(req, 500, `Some internal error has occurred! This is pod ${req.hostname}\n`);
  if (v === 'v1') return answer(req, 200, `You've hit ${req.hostname}\n`);
  return answer(req, 200, `This is ${v} running in pod ${req.hostname}\n`);
}

function serveUnhealthy(req: ServeContext): HttpResponse {
  if (req.served + 1 > 5) return answer(req, 500, "I'm not well. Please restart me!");
  return answer(req, 200, `You've hit ${req.hostname}\n`);
}

export const KUBIA: WorkloadFamily = {
  repos: ['docker.io/luksa/kubia'],
  ports: () => [8080],
  http: serveKubia,
  degrades: (tag) => kubiaVersion(tag) === 'v3',
  version: kubiaVersion,
};

export const KUBIA_UNHEALTHY: WorkloadFamily = {
  repos: ['docker.io/luksa/kubia-unhealthy'],
  ports: () => [8080],
  http: serveUnhealthy,
  degrades: () => true,
  version: (tag) => tag,
};
