// pods/exec and pods/attach over WebSocket, as kubectl v1.32 speaks them (the v5.channel.k8s.io
// subprotocol, v4 too): each binary message starts with its stream: 0 stdin, 1 stdout, 2 stderr, 3 the
// error stream (one Status when the command ends), 4 terminal resize; in v5 a client's [255, 0] closes
// its stdin. exec runs the command in the simulated container (src/sim/shell), as `kubesim exec`
// does; attach streams the container's output from now on (attach.ts), as `kubesim attach` does.
// Both also over a SPDY/3.1 upgrade (v4.channel.k8s.io: kubectl's fallback, and older kubectls'
// default). pods/portforward (SPDY tunnelled in a WebSocket) is portforward.ts's. A refusal before the
// upgrade (a missing pod, a container not running) is the API server's Status (or the kubelet's
// text) as a plain HTTP response, which kubectl prints.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClusterHost } from './host.js';
import { failure, toStatus, type Status } from './status.js';
import { StatusError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { targetTime, wallNow } from '../../sim/clock.js';
import { advanceTo } from '../../sim/loop.js';

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const CLOSE = 255;

const STREAM_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach|portforward)\/?$/;

interface ExecRequest { sub: 'exec' | 'attach' | 'portforward'; ns: string; pod: string; container?: string; command: string[]; stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean }

function parse(url: URL): ExecRequest | undefined {
  const m = STREAM_PATH.exec(url.pathname);
  if (!m) return undefined;
  const q = url.searchParams;
  const yes = (k: string) => q.get(k) === 'true' || q.get(k) === '1';
  return { sub: m[3] as ExecRequest['sub'], ns: decodeURIComponent(m[1]), pod: decodeURIComponent(m[2]), container: q.get('container') || undefined, command: q.getAll('command'), stdin: yes('stdin'), stdout: yes('stdout'), stderr: yes('stderr'), tty: yes('tty') };
}

function refuse(socket: Duplex, s: Status): void {
  const body = JSON.stringify(s) + '\n';
  const text = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }[s.code] ?? 'Error';
  socket.end(`HTTP/1.1 ${s.code} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** The kubelet's Status for a command that exited non-zero (remotecommand's NonZeroExitCode). */
function exitStatus(command: string[], code: number): object {
  return {
    metadata: {}, status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/**
 * The kubelet's refusal (no running container): a plain-text 500 the API server passes on, which
 * kubectl prints as `error: unable to upgrade connection: TEXT` (after its SPDY fallback).
 */
class KubeletRefusal extends Error {}

function refuseText(socket: Duplex, text: string): void {
  socket.end(`HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

/** The pod and container an exec names, checked as the API server and the kubelet check them. */
async function target(host: ClusterHost, r: ExecRequest): Promise<{ pod: KObject; container: any }> {
  const { execContainer, checkExecutable } = await import('../../kubectl/exec.js');
  return host.read((c) => {
    const pod = c.get('pods', r.ns, r.pod);
    if (!pod) throw new StatusError(404, 'NotFound', `pods "${r.pod}" not found`);
    const all = [...(pod.spec?.containers || []), ...(pod.spec?.initContainers || []), ...(pod.spec?.ephemeralContainers || [])];
    const container = r.container ? all.find((x: any) => x.name === r.container) : execContainer(pod, undefined, true).container;
    if (!container) throw new StatusError(400, 'BadRequest', `container ${r.container} is not valid for pod ${r.pod}`);
    try {
      checkExecutable(pod, container);
    } catch (e: any) {
      if (e instanceof StatusError) throw e;
      // the kubelet's refusal, without kubectl's "error: unable to upgrade connection: " in front
      throw new KubeletRefusal(String(e.message).replace(/^error: unable to upgrade connection: /, '').replace(/^error: /, ''));
    }
    return { pod, container };
  });
}

/** The streams of one exec or attach, whatever carries them (WebSocket channels or SPDY streams). */
interface Channels {
  send(stream: number, text: string): void;
  /** the client went away */
  gone(): boolean;
  close(): void;
}

/** v4/v5.channel.k8s.io over a WebSocket: each message starts with its stream's number. */
function wsChannels(ws: WebSocket): Channels {
  return {
    send: (stream, text) => { if (text && ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([stream]), Buffer.from(text)])); },
    gone: () => ws.readyState !== ws.OPEN,
    close: () => ws.close(1000),
  };
}

/** attach: the container's output from now on, until it stops or the client goes. */
async function attach(host: ClusterHost, ch: Channels, r: ExecRequest): Promise<void> {
  const { attachOutput } = await import('./attach.js');
  const { container } = await target(host, r);
  await attachOutput(host, r.ns, r.pod, container.name, (t) => ch.send(STDOUT, t), () => ch.gone());
  ch.send(ERROR, JSON.stringify({ metadata: {}, status: 'Success' }));
  ch.close();
}

/** Run the command in the container, streaming its output over `ch`. */
async function run(host: ClusterHost, ch: Channels, r: ExecRequest, stdin: string): Promise<void> {
  const { openContainer, execArgv, ExecStartError } = await import('../../sim/shell/run.js');
  const { pruneContainerFS } = await import('../../sim/shell/fs.js');
  const { execStartError } = await import('../../kubectl/exec.js');
  const send = (stream: number, text: string) => ch.send(stream, text);
  let status: object = { metadata: {}, status: 'Success' };
  await host.write(async (cluster, mgr) => {
    pruneContainerFS(cluster);
    const pod = cluster.get('pods', r.ns, r.pod)!;
    const container = [...(pod.spec?.containers || []), ...(pod.spec?.initContainers || [])].find((x: any) => x.name === (r.container ?? x.name))!;
    // sleeping in the container: manual mode moves the virtual clock, realtime mode waits
    const sleep = async (ms: number) => {
      const clock = cluster.state.clock;
      if (!Number.isFinite(ms)) ms = 24 * 3600 * 1000;
      if (clock.mode === 'manual') { advanceTo(cluster, cluster.now() + ms, mgr); return; }
      await new Promise((res) => setTimeout(res, ms));
      advanceTo(cluster, Math.max(cluster.now(), targetTime(clock, wallNow())), mgr);
    };
    const c = openContainer({ cluster, pod, container, tty: r.tty, sleep, manager: async () => mgr });
    try {
      const res = await execArgv(c, r.command, stdin, { out: (t) => send(STDOUT, t), err: (t) => send(r.tty ? STDOUT : STDERR, t) });
      if (res.code) status = exitStatus(r.command, res.code);
    } catch (e) {
      if (!(e instanceof ExecStartError)) throw e;
      const text = execStartError(pod, container, r.command[0], cluster.now()).message.replace(/^error: Internal error occurred: /, '');
      status = failure(500, 'InternalError', `Internal error occurred: ${text}`, { causes: [{ message: text }] });
    }
  });
  send(ERROR, JSON.stringify(status));
  ch.close();
}

/** Run an exec or attach over `ch` once its stdin (if any) is in; a failure is the error stream's Status. */
function start(host: ClusterHost, ch: Channels, r: ExecRequest, stdin: string): void {
  (r.sub === 'attach' ? attach(host, ch, r) : run(host, ch, r, stdin)).catch((e) => {
    ch.send(ERROR, JSON.stringify(toStatus(e)));
    ch.close();
  });
}

/**
 * remotecommand over SPDY (v4.channel.k8s.io, kubectl's fallback and older kubectls' default): the
 * client opens one stream per channel (streamtype error, stdin, stdout, stderr, resize); the command
 * starts once they are all there and stdin is closed.
 */
async function serveSpdy(req: IncomingMessage, socket: Duplex, head: Buffer, host: ClusterHost, r: ExecRequest): Promise<void> {
  const offered = String(req.headers['x-stream-protocol-version'] ?? '').split(',').map((p) => p.trim());
  if (!offered.includes('v4.channel.k8s.io')) return refuse(socket, failure(403, 'Forbidden', `protocol not supported: ${offered.join(', ')}`));
  const { SpdySession } = await import('./spdy.js');
  type S = import('./spdy.js').SpdyStream;
  socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\n');
  const expected = ['error', ...(r.stdin ? ['stdin'] : []), ...(r.stdout ? ['stdout'] : []), ...(r.stderr && !r.tty ? ['stderr'] : []), ...(r.tty ? ['resize'] : [])];
  const streams = new Map<string, S>();
  const chunks: Buffer[] = [];
  let closed = false;
  let begun = false;
  const ch: Channels = {
    send: (stream, text) => { if (text) streams.get(stream === STDOUT ? 'stdout' : stream === STDERR ? 'stderr' : 'error')?.write(text); },
    gone: () => closed,
    close: () => {
      for (const x of streams.values()) x.end();
      // the client closes the connection once it has read everything; a client that does not is let go
      setTimeout(() => socket.end(), 2000).unref();
    },
  };
  // attach reads no stdin
  let stdinDone = !r.stdin || r.sub === 'attach';
  const ready = () => {
    if (begun || !stdinDone || !expected.every((t) => streams.has(t))) return;
    begun = true;
    start(host, ch, r, Buffer.concat(chunks).toString('utf8'));
  };
  const session = new SpdySession((b) => { if (socket.writable) socket.write(b); }, (s) => {
    streams.set(s.headers.streamtype ?? '', s);
    if (s.headers.streamtype === 'stdin') {
      s.onData = (d) => chunks.push(d);
      s.onEnd = () => { stdinDone = true; ready(); };
    }
    ready();
  }, () => socket.end());
  socket.on('data', (d: Buffer) => session.receive(d));
  socket.on('close', () => { closed = true; session.close(); });
  socket.on('error', () => { closed = true; session.close(); });
  if (head.length) session.receive(head);
}

/** Serve pods/exec, pods/attach and pods/portforward upgrades on `server` (other upgrades are refused with 404). */
export function serveExecUpgrades(server: { on(ev: 'upgrade', fn: (req: IncomingMessage, socket: Duplex, head: Buffer) => void): unknown }, host: ClusterHost, token: string | undefined): void {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  server.on('upgrade', (req, socket, head) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (token && req.headers.authorization !== `Bearer ${token}`) return refuse(socket, failure(401, 'Unauthorized', 'Unauthorized'));
      const r = parse(url);
      if (!r) return refuse(socket, { ...failure(404, 'NotFound', 'the server could not find the requested resource'), details: {} } as Status);
      if (r.sub === 'portforward') return (await import('./portforward.js')).servePortForward(req, socket, head, host, r.ns, r.pod, refuse);
      try {
        await target(host, r);
      } catch (e) {
        if (e instanceof KubeletRefusal) return refuseText(socket, e.message);
        return refuse(socket, toStatus(e, { resource: 'pods', name: r.pod }));
      }
      if (r.sub === 'exec' && !r.command.length) return refuse(socket, failure(400, 'BadRequest', 'you must specify at least 1 command'));
      const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
      if (upgrade === 'spdy/3.1') return serveSpdy(req, socket, head, host, r);
      const protocols = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
      if (upgrade !== 'websocket' || !protocols.some((p) => PROTOCOLS.includes(p))) return refuse(socket, failure(400, 'BadRequest', `kubesim serves ${r.sub} over WebSocket (v5.channel.k8s.io, v4.channel.k8s.io) or SPDY/3.1 (v4.channel.k8s.io)`));
      wss.handleUpgrade(req, socket, head, (ws) => {
        const v5 = ws.protocol === PROTOCOLS[0];
        const chunks: Buffer[] = [];
        let started = false;
        const go = () => {
          if (started) return;
          started = true;
          start(host, wsChannels(ws), r, Buffer.concat(chunks).toString('utf8'));
        };
        ws.on('message', (data: Buffer) => {
          if (!data.length) return;
          if (data[0] === STDIN) chunks.push(data.subarray(1));
          else if (data[0] === CLOSE && data[1] === STDIN) go();
        });
        ws.on('close', go);
        // without stdin (or without v5's way to end it) the command runs at once; attach reads no stdin
        if (!r.stdin || !v5 || r.sub === 'attach') go();
      });
    })().catch(() => socket.destroy());
  });
}
