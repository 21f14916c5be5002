// Probe evaluation against the simulated process (pkg/kubelet/prober): exec runs the command in
// the container, httpGet and tcpSocket reach the process' listening ports. The answer and the
// failure text are the kubelet's (prober.go, probe/http, probe/tcp).
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { execInContainer, runContainer } from './runtime.js';
import { familyOf } from '../../sim/http/catalogue.js';
import { httpRequest } from '../../sim/http/request.js';
import { isNetError } from '../../sim/http/types.js';
import { imageFault } from '../../sim/faults.js';

export interface ProbeResult {
  ok: boolean;
  /** the failure output (what follows "Liveness probe failed: ") */
  output: string;
}

/** The paths a server's default content answers with 200 (anything else is its 404). */
const SERVED_PATHS: Record<string, string[]> = {
  'docker.io/library/nginx': ['/', '/index.html', '/50x.html'],
  'docker.io/library/httpd': ['/', '/index.html'],
};

function resolvePort(c: any, port: unknown): number {
  if (typeof port === 'number') return port;
  const named = (c.ports || []).find((p: any) => p.name === port);
  return named ? named.containerPort : Number(port) || 0;
}

/** The HTTP status a GET on the container's process answers, or undefined when nothing listens. */
export function httpAnswer(cluster: Cluster, pod: KObject, c: any, startedAt: number, at: number, port: number, path: string): number | undefined {
  return httpProbeAnswer(cluster, pod, c, startedAt, at, port, path)?.status;
}

/** The answer to a probe's GET: its status and how long it took (ms; `kubesim fault image --latency`). */
function httpProbeAnswer(cluster: Cluster, pod: KObject, c: any, startedAt: number, at: number, port: number, path: string): { status: number; latency?: number } | undefined {
  const status = httpStatusOf(cluster, pod, c, startedAt, at, port, path);
  if (status === undefined || typeof status === 'object') return status;
  return { status };
}

function httpStatusOf(cluster: Cluster, pod: KObject, c: any, startedAt: number, at: number, port: number, path: string): number | { status: number; latency?: number } | undefined {
  const run = runContainer(cluster, pod, c, startedAt, at);
  const unknown = !run.ports.length && run.exitAt === undefined;
  if (!unknown && !run.ports.includes(port)) return undefined;
  if (run.exitAt !== undefined && run.exitAt + startedAt <= at) return undefined;
  if (run.httpStatus) return run.httpStatus(path, at - startedAt);
  // an image whose server the workload catalogue knows answers the probe as it answers every client:
  // the probe is one more request it counts (kubia v3's fifth request fails, whoever sends it)
  if (familyOf(c.image || '').family?.http) {
    const r = httpRequest(cluster, pod, port, path);
    if (!isNetError(r)) return { status: r.status, latency: r.latency };
  }
  const served = SERVED_PATHS[(c.image && imageRepo(c.image)) || ''];
  if (served && !served.includes(path.split('?')[0])) return 404;
  return 200;
}

function imageRepo(image: string): string {
  // a short form is enough here: the two repositories in SERVED_PATHS
  const name = image.split('@')[0].replace(/:[^/]*$/, '');
  return name.includes('/') ? (name.startsWith('docker.io/') ? name : `docker.io/${name}`) : `docker.io/library/${name}`;
}

export type ProbeKind = 'readiness' | 'liveness' | 'startup';

/**
 * A probe's result. `kind` lets `kubesim fault image --readiness=fail|pass` and `--liveness=fail`
 * decide it: a failing probe fails as that probe type fails when the application misbehaves.
 */
export function runProbe(cluster: Cluster, pod: KObject, c: any, p: any, startedAt: number, at: number, kind?: ProbeKind): ProbeResult {
  const f = kind ? imageFault(cluster, c?.image) : undefined;
  const forced = kind === 'readiness' ? f?.readiness : kind === 'liveness' ? f?.liveness : undefined;
  if (forced === 'pass') return { ok: true, output: '' };
  if (forced === 'fail') return failedProbe(pod, c, p);
  return evaluateProbe(cluster, pod, c, p, startedAt, at);
}

/** How a probe fails when the application does not answer as it should. */
function failedProbe(pod: KObject, c: any, p: any): ProbeResult {
  const ip = pod.status?.podIP ?? '';
  if (p.httpGet) return { ok: false, output: 'HTTP probe failed with statuscode: 500' };
  if (p.tcpSocket) return { ok: false, output: `dial tcp ${p.tcpSocket.host || ip}:${resolvePort(c, p.tcpSocket.port)}: connect: connection refused` };
  if (p.grpc) return { ok: false, output: `timeout: health rpc did not complete within ${p.timeoutSeconds || 1}s` };
  return { ok: false, output: '' };
}

function evaluateProbe(cluster: Cluster, pod: KObject, c: any, p: any, startedAt: number, at: number): ProbeResult {
  const ip = pod.status?.podIP ?? '';
  if (p.exec) {
    const r = execInContainer(cluster, pod, c, startedAt, at, p.exec.command || []);
    return { ok: r.code === 0, output: r.output.join('\n') };
  }
  if (p.httpGet) {
    const port = resolvePort(c, p.httpGet.port);
    const path = p.httpGet.path || '/';
    const scheme = (p.httpGet.scheme || 'HTTP').toLowerCase();
    const host = p.httpGet.host || ip;
    const answer = httpProbeAnswer(cluster, pod, c, startedAt, at, port, path);
    if (answer === undefined) {
      return { ok: false, output: `Get "${scheme}://${host}:${port}${path}": dial tcp ${host}:${port}: connect: connection refused` };
    }
    if ((answer.latency ?? 0) >= (p.timeoutSeconds || 1) * 1000) {
      return { ok: false, output: `Get "${scheme}://${host}:${port}${path}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` };
    }
    const code = answer.status;
    if (code >= 400) return { ok: false, output: `HTTP probe failed with statuscode: ${code}` };
    return { ok: true, output: '' };
  }
  if (p.tcpSocket) {
    const port = resolvePort(c, p.tcpSocket.port);
    const run = runContainer(cluster, pod, c, startedAt, at);
    const listening = (!run.ports.length && run.exitAt === undefined) || run.ports.includes(port);
    if (!listening) return { ok: false, output: `dial tcp ${p.tcpSocket.host || ip}:${port}: connect: connection refused` };
    return { ok: true, output: '' };
  }
  return { ok: true, output: '' };
}

/** How a process ends when the kubelet stops it: [delay ms, exit code]. PID 1 without a SIGTERM handler waits out the grace period. */
export function stopOutcome(argv: string[], graceMs: number): [number, number] {
  const base = (argv[0] || '').split('/').pop() || '';
  const prog = base === 'docker-entrypoint.sh' ? (argv[1] || '').split('/').pop() || '' : base;
  if (['nginx', 'nginx-debug', 'httpd-foreground', 'redis-server', 'postgres', 'mysqld', 'memcached', 'gunicorn'].includes(prog)) return [100, 0];
  if (prog === 'server') return [100, 143];
  return [graceMs, 137];
}
