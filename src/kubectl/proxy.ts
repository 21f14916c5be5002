// kubectl proxy's server (staging/src/k8s.io/kubectl/pkg/proxy/proxy_server.go): a local HTTP server
// that hands each request, with the kubeconfig's credentials, to the API server, behind FilterServer
// (paths, methods and Host checked by regular expressions; a refused request is `Forbidden`).
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export interface Filter {
  acceptPaths: RegExp[];
  rejectPaths: RegExp[];
  acceptHosts: RegExp[];
  rejectMethods: RegExp[];
}

export interface Upstream {
  url: string;
  token?: string;
  ca?: string;
}

/** MakeRegexpArray: a comma-separated list of Go regular expressions (these default ones read the same in JS) */
export function regexps(list: string): RegExp[] {
  return list.split(',').map((r) => new RegExp(r));
}

const matches = (s: string, rs: RegExp[]) => rs.some((r) => r.test(s));

/** net.SplitHostPort(req.Host)'s host: empty when the Host header has no port */
function hostOf(header: string | undefined): string {
  const h = header ?? '';
  const bracket = /^\[([^\]]*)\]:\d*$/.exec(h);
  if (bracket) return bracket[1];
  const i = h.lastIndexOf(':');
  if (i < 0 || h.indexOf(':') !== i) return '';
  return h.slice(0, i);
}

/** FilterServer.accept */
export function accepts(f: Filter, method: string, path: string, hostHeader: string | undefined): boolean {
  if (matches(path, f.rejectPaths)) return false;
  if (matches(method, f.rejectMethods)) return false;
  return matches(path, f.acceptPaths) && matches(hostOf(hostHeader), f.acceptHosts);
}

/** http.Error(w, "Forbidden", 403) */
function forbid(res: http.ServerResponse): void {
  res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end('Forbidden\n');
}

/** The proxy's request handler: filter (unless disabled), strip the API prefix, forward to the API server. */
export function proxyHandler(up: Upstream, filter: Filter | undefined, apiPrefix: string): http.RequestListener {
  const target = new URL(up.url);
  const mod = target.protocol === 'https:' ? https : http;
  const prefix = apiPrefix.endsWith('/') ? apiPrefix : `${apiPrefix}/`;
  return (req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0];
    if (filter && !accepts(filter, req.method ?? 'GET', path, req.headers.host)) { forbid(res); return; }
    if (!url.startsWith(prefix) && `${url}/` !== prefix) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end('404 page not found\n');
      return;
    }
    const headers = { ...req.headers, host: target.host };
    if (up.token) headers.authorization = `Bearer ${up.token}`;
    const out = mod.request({
      protocol: target.protocol, hostname: target.hostname, port: target.port,
      method: req.method, path: `/${url.slice(prefix.length)}`, headers, ...(up.ca ? { ca: up.ca } : {}),
    }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end();
    });
    req.pipe(out);
  };
}

/** Upgrades (port-forward's WebSocket) are passed through as bytes, after the same filter. */
export function proxyUpgrades(server: http.Server, up: Upstream, filter: Filter | undefined): void {
  const target = new URL(up.url);
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    if (filter && !accepts(filter, req.method ?? 'GET', (req.url ?? '/').split('?')[0], req.headers.host)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nForbidden\n');
      return;
    }
    const headers = { ...req.headers, host: target.host, ...(up.token ? { authorization: `Bearer ${up.token}` } : {}) };
    const mod = target.protocol === 'https:' ? https : http;
    const out = mod.request({ protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers, ...(up.ca ? { ca: up.ca } : {}) });
    out.on('upgrade', (answer, upstream, upHead) => {
      const lines = [`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}`];
      for (let i = 0; i < answer.rawHeaders.length; i += 2) lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (upHead.length) socket.write(upHead);
      if (head.length) upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    out.on('response', (answer) => {
      socket.end(`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}\r\n\r\n`);
    });
    out.on('error', () => socket.destroy());
    out.end();
  });
}
