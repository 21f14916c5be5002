// pods/portforward as kubectl v1.32 speaks it: SPDY/3.1 (spdy.ts) tunnelled in a WebSocket (the
// "SPDY/3.1+portforward.k8s.io" subprotocol), or over a plain SPDY upgrade (kubectl's fallback).
// The portforward.k8s.io protocol (the kubelet's httpstream handler): per forwarded connection the
// client opens an error stream and a data stream with the same `requestid` and the pod's `port`;
// what it writes on the data stream reaches the pod's port, and the answer comes back on it. Here the
// pod's port is the simulated workload (src/sim/http): each HTTP request read from the data stream
// is one transaction on the cluster, answered with the workload's status, headers and body, as
// `kubesim port-forward` answers it. Nothing listening: the kubelet's error on the error stream.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ClusterHost } from './host.js';
import { failure, type Status } from './status.js';
import { SpdySession, type SpdyStream } from './spdy.js';
import { httpRequest } from '../../sim/http/request.js';
import { isNetError, type HttpResponse } from '../../sim/http/types.js';
import { forwardRefused } from '../../sim/http/forward.js';

const PROTOCOL = 'portforward.k8s.io';
/** apimachinery's WebsocketsSPDYTunnelingPrefix */
const TUNNELED = `SPDY/3.1+${PROTOCOL}`;

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

let wss: WebSocketServer | undefined;

/** The bytes of an HTTP/1.1 answer as the workload sends them (a chunked body framed as one chunk). */
export function responseBytes(r: HttpResponse): Buffer {
  const chunked = r.headers.some(([k, v]) => k.toLowerCase() === 'transfer-encoding' && /chunked/i.test(v));
  const sized = r.headers.some(([k]) => k.toLowerCase() === 'content-length');
  const body = Buffer.from(r.body);
  const headers = [...r.headers];
  if (!chunked && !sized) headers.push(['Content-Length', String(body.length)]);
  const head = `HTTP/1.1 ${r.status} ${REASONS[r.status] ?? ''}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  const framed = chunked ? Buffer.concat([body.length ? Buffer.from(`${body.length.toString(16)}\r\n`) : Buffer.alloc(0), body, Buffer.from(body.length ? '\r\n0\r\n\r\n' : '0\r\n\r\n')]) : body;
  return Buffer.concat([Buffer.from(head, 'latin1'), framed]);
}

/** Complete HTTP requests at the start of `buf`: their method and path, and the bytes left over. */
function takeRequests(buf: Buffer): { requests: { method: string; path: string }[]; rest: Buffer } {
  const requests: { method: string; path: string }[] = [];
  for (;;) {
    const end = buf.indexOf('\r\n\r\n');
    if (end < 0) break;
    const head = buf.subarray(0, end).toString('latin1').split('\r\n');
    const [method = 'GET', path = '/'] = head[0].split(' ');
    const length = Number(/^content-length:\s*(\d+)/im.exec(head.slice(1).join('\n'))?.[1] ?? 0);
    if (buf.length < end + 4 + length) break;
    requests.push({ method, path });
    buf = buf.subarray(end + 4 + length);
  }
  return { requests, rest: buf };
}

/** One forwarded connection: its error and data streams. */
interface Pair { port: number; error?: SpdyStream; data?: SpdyStream }

function forward(host: ClusterHost, ns: string, podName: string, uid: string, p: Pair): void {
  const data = p.data!;
  const error = p.error!;
  let pending: Buffer = Buffer.alloc(0);
  let chain: Promise<void> = Promise.resolve();
  const finish = () => { data.end(); error.end(); };
  data.onData = (chunk) => {
    const { requests, rest } = takeRequests(Buffer.concat([pending, chunk]));
    pending = rest;
    for (const r of requests) {
      chain = chain.then(async () => {
        const res = await host.write((c) => {
          const pod = c.get('pods', ns, podName);
          if (!pod || pod.metadata?.uid !== uid) return undefined;
          return httpRequest(c, pod, p.port, r.path, { method: r.method });
        });
        if (!res || isNetError(res)) {
          if (!res || res.error === 'refused') error.write(forwardRefused(uid, p.port));
          finish();
          return;
        }
        if (res.latency) await new Promise((w) => setTimeout(w, res.latency));
        data.write(responseBytes(res));
      });
    }
  };
  // the client is done sending (its local connection closed): so are we, once the answers are out
  data.onEnd = () => { chain = chain.then(finish); };
}

/** A SPDY session over `send`, pairing the client's streams by request id. */
function session(host: ClusterHost, ns: string, pod: string, uid: string, send: (b: Buffer) => void, onClose: () => void): SpdySession {
  const pairs = new Map<string, Pair>();
  return new SpdySession(send, (s) => {
    const id = s.headers.requestid ?? '';
    const port = Number(s.headers.port);
    const p = pairs.get(id) ?? { port };
    pairs.set(id, p);
    if (s.headers.streamtype === 'error') p.error = s;
    else if (s.headers.streamtype === 'data') p.data = s;
    if (p.error && p.data) {
      pairs.delete(id);
      forward(host, ns, pod, uid, p);
    }
  }, onClose);
}

/** Serve one pods/portforward upgrade (the pod checked as the API server checks it). */
export async function servePortForward(req: IncomingMessage, socket: Duplex, head: Buffer, host: ClusterHost, ns: string, podName: string, refuse: (socket: Duplex, s: Status) => void): Promise<void> {
  const pod = host.read((c) => c.get('pods', ns, podName));
  if (!pod) return refuse(socket, { ...failure(404, 'NotFound', `pods "${podName}" not found`), details: { name: podName, kind: 'pods' } } as Status);
  if (pod.status?.phase !== 'Running') return refuse(socket, failure(400, 'BadRequest', `pod ${podName} is not running`));
  const uid = pod.metadata!.uid!;
  const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
  if (upgrade === 'websocket') {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!offered.includes(TUNNELED)) return refuse(socket, failure(400, 'BadRequest', `kubesim serves portforward over WebSocket as ${TUNNELED} only`));
    // the ws library refuses a subprotocol with a '/' in it (not an RFC 6455 token): it negotiates none,
    // and the answer names the tunnelled one, as the API server's gorilla/websocket does
    if (!wss) {
      wss = new WebSocketServer({ noServer: true });
      wss.on('headers', (headers) => headers.push(`Sec-WebSocket-Protocol: ${TUNNELED}`));
    }
    delete req.headers['sec-websocket-protocol'];
    wss.handleUpgrade(req, socket, head, (ws) => {
      const s = session(host, ns, podName, uid, (b) => { if (ws.readyState === ws.OPEN) ws.send(b); }, () => ws.close(1000));
      ws.on('message', (d: Buffer) => s.receive(Buffer.isBuffer(d) ? d : Buffer.from(d as ArrayBuffer)));
      ws.on('close', () => s.close());
    });
    return;
  }
  if (upgrade === 'spdy/3.1') {
    // kubectl's fallback: SPDY straight over the upgraded connection
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${PROTOCOL}\r\n\r\n`);
    const s = session(host, ns, podName, uid, (b) => { if (socket.writable) socket.write(b); }, () => socket.end());
    if (head.length) s.receive(head);
    socket.on('data', (d: Buffer) => s.receive(d));
    socket.on('close', () => s.close());
    socket.on('error', () => s.close());
    return;
  }
  refuse(socket, failure(400, 'BadRequest', 'Upgrade request required'));
}
