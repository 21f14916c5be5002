// `kubesim serve`: the HTTP server over a ClusterHost. Everything under src/server/http is loaded
// only by the serve command.
import http from 'node:http';
import https from 'node:https';
import { servingCert } from './tls.js';
import type { AddressInfo, Socket } from 'node:net';
import { ClusterHost, type HostOptions } from './host.js';
import { createRouter } from './router.js';
import { serveExecUpgrades } from './exec.js';
import { serveInPods } from './inprocess.js';

export interface ServeOptions extends HostOptions {
  cluster: string;
  address: string;
  port: number;
  /** undefined: no authentication (--no-auth) */
  token?: string;
  /** serve HTTPS with a self-signed certificate */
  tls?: boolean;
}

export interface RunningServer {
  host: ClusterHost;
  address: string;
  port: number;
  url: string;
  /** the serving certificate (PEM) with --tls: the CA a client trusts */
  ca?: Buffer;
  close(): Promise<void>;
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  // pods reach this API at https://kubernetes (their exec'd and replayed curl/wget)
  serveInPods();
  const host = await ClusterHost.open(o.cluster, o);
  let port = o.port;
  const tls = o.tls ? servingCert(o.cluster, o.address) : undefined;
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }) : http.createServer();
  const handle = createRouter({ host, token: o.token, address: () => `${o.address}:${port}` });
  server.on('request', (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  serveExecUpgrades(server, host, o.token);
  // a client that sends garbage gets 400 and the connection is closed; the server goes on
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.keepAliveTimeout = 65000;
  // every socket, upgraded ones too (exec, attach, port-forward, watches): closeAllConnections knows only the HTTP ones,
  // and one left open would keep a stopped server's process alive
  const sockets = new Set<Socket>();
  server.on('connection', (sock: Socket) => {
    sockets.add(sock);
    sock.once('close', () => sockets.delete(sock));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.address, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  host.start();
  const url = `${tls ? 'https' : 'http'}://${o.address.includes(':') ? `[${o.address}]` : o.address}:${port}`;
  return {
    host,
    address: o.address,
    port,
    url,
    ca: tls?.cert,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const sock of sockets) sock.destroy();
      });
      await host.stop();
    },
  };
}
