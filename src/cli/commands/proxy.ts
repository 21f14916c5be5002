// kubectl proxy [--port=PORT] [--address=A] [--api-prefix=P] [--www=DIR] ... (cmd/proxy/proxy.go): a local
// HTTP server in front of the API server, until Ctrl-C. The API server is the cluster's running
// `kubesim serve` when there is one, else one started in this process (registered as the cluster's
// server while it runs, so other kubesim commands go through it).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { UserError } from '../../api/errors.js';
import { clusterName } from '../../store/file.js';
import { klogLine } from '../klog.js';
import { stdio, streamStdout } from '../io.js';
import { flag as f } from './createflags.js';
import { argvAfter, parseInvocation } from './creategen.js';
import type { Upstream } from '../../kubectl/proxy.js';

const DEFAULT_PORT = 8001;

const klogWarning = (msg: string, source: string) => stdio.err(klogLine('W', msg, source));

const FLAGS = [
  f('accept-hosts', 'string', '^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$'), f('accept-paths', 'string', '^.*'),
  f('address', 'string', '127.0.0.1'), f('api-prefix', 'string', '/'), f('append-server-path', 'bool', false),
  f('disable-filter', 'bool', false), f('keepalive', 'duration', 0), f('port', 'int', DEFAULT_PORT, { short: 'p' }),
  f('reject-methods', 'string', '^$'), f('reject-paths', 'string', '^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach'),
  f('unix-socket', 'string', '', { short: 'u' }), f('www', 'string', '', { short: 'w' }), f('www-prefix', 'string', '/static/', { short: 'P' }),
];

/** http.FileServer under the static prefix: files only (a directory serves its index.html) */
function staticFile(dir: string, prefix: string, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const url = (req.url ?? '/').split('?')[0];
  if (!url.startsWith(prefix)) return false;
  let file = path.join(dir, decodeURIComponent(url.slice(prefix.length)));
  try {
    if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const body = fs.readFileSync(file);
    res.writeHead(200, { 'Content-Length': body.length });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
    res.end('404 page not found\n');
  }
  return true;
}

export async function run(opts: any): Promise<void> {
  const inv = parseInvocation({ path: 'kubectl proxy', usage: 'kubectl proxy [--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix]', flags: FLAGS }, argvAfter([['proxy']]), opts);
  const port = inv.num('port');
  const socket = inv.str('unix-socket');
  if (port !== DEFAULT_PORT && socket) throw new UserError('error: cannot set --unix-socket and --port at the same time');
  const www = inv.str('www');
  if (www) {
    try {
      if (!fs.statSync(www).isDirectory()) klogWarning(`Static file directory ${www} is not a directory`, 'proxy.go:202');
    } catch (e) {
      klogWarning(`Failed to stat static file directory ${www}: stat ${www}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`, 'proxy.go:200');
    }
  }
  const proxy = await import('../../kubectl/proxy.js');
  const filter = inv.bool('disable-filter') ? undefined : {
    acceptPaths: proxy.regexps(inv.str('accept-paths')), rejectPaths: proxy.regexps(inv.str('reject-paths')),
    acceptHosts: proxy.regexps(inv.str('accept-hosts')), rejectMethods: proxy.regexps(inv.str('reject-methods')),
  };
  if (!filter && !socket) klogWarning('Request filter disabled, your proxy is vulnerable to XSRF attacks, please be cautious', 'proxy.go:177');

  // the API server: the cluster's running server, or one of our own on a loopback port
  const name = clusterName(opts.cluster);
  const daemon = await import('../../server/http/daemon.js');
  const info = await import('../../server/http/info.js');
  let upstream: Upstream | undefined = daemon.runningServer(name);
  let own: { close(): Promise<void> } | undefined;
  if (!upstream) {
    const { startServer } = await import('../../server/http/server.js');
    const srv = await startServer({ cluster: name, address: '127.0.0.1', port: 0 });
    own = srv;
    upstream = { url: srv.url };
    info.writeServeInfo(name, { pid: process.pid, url: srv.url });
  }
  const apiPrefix = inv.str('api-prefix');
  const forward = proxy.proxyHandler(upstream, filter, apiPrefix);
  const server = http.createServer((req, res) => {
    if (www && staticFile(www, inv.str('www-prefix'), req, res)) return;
    forward(req, res);
  });
  proxy.proxyUpgrades(server, upstream, filter);
  const address = inv.str('address');
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      if (socket) server.listen(socket, resolve);
      else server.listen(port, address, resolve);
    });
  } catch (e: any) {
    await own?.close();
    if (own) info.removeServeInfo(name, process.pid);
    const where = socket ? `listen unix ${socket}` : `listen tcp ${address.includes(':') ? `[${address}]` : address}:${port}`;
    if (e?.code === 'EADDRINUSE') throw new UserError(`error: ${where}: bind: address already in use`);
    if (e?.code === 'EADDRNOTAVAIL') throw new UserError(`error: ${where}: bind: cannot assign requested address`);
    if (e?.code === 'EACCES') throw new UserError(`error: ${where}: bind: permission denied`);
    throw e;
  }
  const bound = server.address();
  streamStdout();
  stdio.out(`Starting to serve on ${typeof bound === 'string' ? bound : `${bound!.family === 'IPv6' ? `[${bound!.address}]` : bound!.address}:${bound!.port}`}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      server.close();
      server.closeAllConnections?.();
      void (own?.close() ?? Promise.resolve()).finally(() => {
        if (own) info.removeServeInfo(name, process.pid);
        resolve();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
