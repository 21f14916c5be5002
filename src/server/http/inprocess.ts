// The API as a pod reaches it at https://kubernetes (the simulated shell's curl/wget, src/sim/shell/net.ts):
// the API server's own router (authentication as a kube-apiserver's, RBAC, discovery, every verb)
// over the Cluster the shell runs in, without HTTP or the file. A read is answered synchronously
// (a container's replayed process needs its answer at once); a write goes through the registry when
// the caller holds the cluster for writing (an exec: `kubesim exec`, or a pod's exec in `kubesim serve`),
// and the controllers settle it before the answer, as the server's own writes.
// kubesim: a watch from a pod ends after its initial events.
import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cluster } from '../../store/cluster.js';
import type { HttpResponse } from '../../sim/http/types.js';
import { setApiServer, type ApiRequest } from '../../sim/shell/net.js';
import type { ClusterHost } from './host.js';
import { createRouter } from './router.js';
import { httpError } from './status.js';
import { advanceTo, type Reconciler } from '../../sim/loop.js';

/** host:port of the kubernetes Service's endpoint, as /api names it to clients. */
function serverAddress(c: Cluster): string {
  const ep: any = c.get('endpoints', 'default', 'kubernetes');
  const ip = ep?.subsets?.[0]?.addresses?.[0]?.ip;
  const port = ep?.subsets?.[0]?.ports?.[0]?.port;
  return ip ? `${ip}:${port ?? 6443}` : '10.96.0.1:443';
}

/** What the router writes, kept: a ServerResponse's few methods the handlers use. */
class CapturedResponse {
  status = 200;
  headers: [string, string][] = [];
  private body: Buffer[] = [];
  headersSent = false;
  writableEnded = false;
  private closers: (() => void)[] = [];

  writeHead(code: number, headers?: Record<string, string | string[] | number>): this {
    this.status = code;
    for (const [k, v] of Object.entries(headers ?? {})) for (const x of Array.isArray(v) ? v : [v]) this.headers.push([k, String(x)]);
    this.headersSent = true;
    return this;
  }
  flushHeaders(): void {}
  write(chunk: string | Buffer): boolean {
    this.body.push(Buffer.from(chunk));
    return true;
  }
  end(chunk?: string | Buffer): this {
    if (chunk !== undefined) this.write(chunk);
    this.writableEnded = true;
    return this;
  }
  on(event: string, fn: () => void): this {
    if (event === 'close') this.closers.push(fn);
    return this;
  }
  /** the client goes away (a watch stream ends) */
  close(): void {
    for (const f of this.closers.splice(0)) f();
    this.writableEnded = true;
  }
  answer(): HttpResponse {
    // a streamed answer has no length of its own
    return { status: this.status, headers: this.headers.filter(([k]) => k.toLowerCase() !== 'transfer-encoding'), body: Buffer.concat(this.body).toString('utf8') };
  }
}

/** The ClusterHost the router works on: this cluster, no file, no watch log; writes in place (settled by `manager`'s controllers) or refused. */
function podHost(cluster: Cluster, manager: (() => Promise<unknown>) | undefined): ClusterHost {
  const host = {
    cluster,
    // no generations: nothing is cached across requests
    generation: Number.NaN,
    read: <T>(fn: (c: Cluster) => T) => fn(cluster),
    syncFromDisk() {},
    write: async <T>(fn: (c: Cluster, mgr: Reconciler) => T | Promise<T>) => {
      if (!manager) throw httpError(405, 'the server does not allow this method on the requested resource', undefined, 'MethodNotAllowed');
      const mgr = (await manager()) as Reconciler;
      const out = await fn(cluster, mgr);
      advanceTo(cluster, cluster.now(), mgr);
      return out;
    },
    log: { since: () => undefined, oldest: () => cluster.state.resourceVersion, subscribe: () => () => {} },
  };
  return host as unknown as ClusterHost;
}

/** One request to the API from a pod of `cluster`: its answer, at once unless it had to wait (a body, a write). */
export function answerInProcess(cluster: Cluster, r: ApiRequest, opts: { manager?: () => Promise<unknown> } = {}): HttpResponse | Promise<HttpResponse> {
  const handle = createRouter({ host: podHost(cluster, opts.manager), address: () => serverAddress(cluster), inCluster: true });
  const body = r.body === undefined ? [] : [Buffer.from(r.body)];
  const headers: Record<string, string> = { ...r.headers };
  if (r.body !== undefined) headers['content-length'] = String(Buffer.byteLength(r.body));
  const req = Object.assign(Readable.from(body), { method: (r.method || 'GET').toUpperCase(), url: r.path, headers });
  const res = new CapturedResponse();
  const pending = handle(req as unknown as IncomingMessage, res as unknown as ServerResponse);
  const finish = () => {
    // a watch: what it had to send now is all it sends
    if (!res.writableEnded && res.headersSent) res.close();
    return res.answer();
  };
  if (res.writableEnded || res.headersSent) return finish();
  return pending.then(finish);
}

/** Pods of this process reach this API (src/sim/shell/net.ts). */
export function serveInPods(): void {
  setApiServer(answerInProcess);
}
