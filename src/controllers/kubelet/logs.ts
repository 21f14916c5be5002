// The kubelet's side of `kubectl logs` (kubelet_pods.go validateContainerLogStatus + the CRI log
// reader): which container instance a request reads and what its process wrote, regenerated from
// the process model (nothing is stored). Errors are the kubelet's, as the API server relays them
// (Error from server (BadRequest): ...).
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { StatusError } from '../../api/errors.js';
import { parseTime } from '../../sim/clock.js';
import { findContainer, runContainer } from './runtime.js';
import { imageProfile } from '../images.js';
import type { OutputLine } from './process.js';

export interface LogLine {
  /** epoch ms */
  at: number;
  /** nanoseconds within the second of `at` (CRI timestamps have nanosecond precision) */
  nanos: number;
  text: string;
}

function badRequest(msg: string): StatusError {
  return new StatusError(400, 'BadRequest', msg);
}

function statusOf(pod: KObject, name: string): any | undefined {
  const s = pod.status || {};
  return (s.containerStatuses || []).find((c: any) => c.name === name) ||
    (s.initContainerStatuses || []).find((c: any) => c.name === name) ||
    (s.ephemeralContainerStatuses || []).find((c: any) => c.name === name);
}

/** The instance a request reads (validateContainerLogStatus): [startedAt, finishedAt] epoch ms. */
export function logInstance(pod: KObject, name: string, previous: boolean): { startedAt: number; finishedAt?: number; containerID: string } {
  const podName = pod.metadata!.name;
  const cs = statusOf(pod, name);
  if (!cs) throw badRequest(`container "${name}" in pod "${podName}" is not available`);
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state || {};
  const inst = (t: any) => ({ startedAt: parseTime(t.startedAt) ?? 0, finishedAt: parseTime(t.finishedAt), containerID: t.containerID });
  if (previous) {
    if (!last || !last.containerID) throw badRequest(`previous terminated container "${name}" in pod "${podName}" not found`);
    return inst(last);
  }
  if (running) return { startedAt: parseTime(running.startedAt) ?? 0, containerID: cs.containerID };
  if (terminated) {
    if (!terminated.containerID) {
      if (last?.containerID) return inst(last);
      throw badRequest(`container "${name}" in pod "${podName}" is terminated`);
    }
    return inst(terminated);
  }
  if (last) {
    if (!last.containerID) throw badRequest(`container "${name}" in pod "${podName}" is terminated`);
    return inst(last);
  }
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: image can't be pulled`);
    if (waiting.reason === 'ImagePullBackOff') throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
    throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${waiting.reason}`);
  }
  throw badRequest(`container "${name}" in pod "${podName}" is waiting to start - no logs yet`);
}

/**
 * What a container instance wrote up to `now` (or its end). A StartError instance wrote nothing.
 * `maxLines` keeps only the last lines (a long-running loop read with --tail).
 */
export function containerLogs(cluster: Cluster, pod: KObject, name: string, previous: boolean, now: number): LogLine[] {
  const inst = logInstance(pod, name, previous);
  const c = findContainer(pod, name);
  if (!c || inst.startedAt <= 0) return [];
  // finishedAt has second precision: the process ended within the second after it
  const until = Math.min(now, inst.finishedAt !== undefined ? inst.finishedAt + 999 : Infinity);
  if (until < inst.startedAt) return [];
  const run = runContainer(cluster, pod, c, inst.startedAt, until);
  if (run.startError) return [];
  const lines = [...run.lines];
  if (run.ports.includes(80) && imageProfile(c.image).repo === 'docker.io/library/nginx') {
    lines.push(...nginxProbeLines(pod, c, inst.startedAt, until));
    lines.sort((a, b) => a.at - b.at);
  }
  // kubesim: startedAt has second precision; the instance's sub-second start comes from its ID
  const seed = parseInt((inst.containerID || '').slice(-8), 16) || 7;
  const startNanos = (seed % 900) * 1_000_000 + (seed % 997) * 1000;
  return lines.map((l, i) => {
    const at = inst.startedAt + l.at;
    return { at, nanos: Math.min(999_999_999, (at % 1000) * 1_000_000 + startNanos + (i % 1000) * 1000 + (seed % 991)), text: l.text };
  });
}

/** Does the instance a follow reads still write (running), or has its stream ended? */
export function logStreamOpen(pod: KObject, name: string): boolean {
  const cs = statusOf(pod, name);
  return !!cs?.state?.running;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/**
 * nginx's access log of the kubelet's HTTP probes (kube-probe/1.32 from the node's bridge address),
 * and the error line of a 404. Probes run from the start every period (after the initial delay).
 */
function nginxProbeLines(pod: KObject, c: any, startedAt: number, until: number): OutputLine[] {
  const out: OutputLine[] = [];
  const ip = pod.status?.podIP ?? '';
  const client = ip.replace(/\.\d+$/, '.1');
  for (const kind of ['startup', 'readiness', 'liveness']) {
    const p = c[`${kind}Probe`];
    const h = p?.httpGet;
    if (!h || (h.port !== 80 && h.port !== 'http' && (c.ports || []).find((x: any) => x.name === h.port)?.containerPort !== 80)) continue;
    const path = h.path || '/';
    const ok = ['/', '/index.html', '/50x.html'].includes(path);
    const period = (p.periodSeconds || 10) * 1000;
    const delay = (p.initialDelaySeconds || 0) * 1000;
    const first = delay === 0 ? 0 : Math.ceil(delay / period) * period;
    for (let t = first; startedAt + t <= until && out.length < 200_000; t += period) {
      const d = new Date(startedAt + t);
      const clf = `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
      if (!ok) {
        const ts = `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
        out.push({ at: t, stream: 'stderr', text: `${ts} [error] 29#29: *${out.length + 1} open() "/usr/share/nginx/html${path}" failed (2: No such file or directory), client: ${client}, server: localhost, request: "GET ${path} HTTP/1.1", host: "${ip}:80"` });
      }
      out.push({ at: t, stream: 'stdout', text: `${client} - - [${clf}] "GET ${path} HTTP/1.1" ${ok ? 200 : 404} ${ok ? 615 : 153} "-" "kube-probe/1.32" "-"` });
    }
  }
  return out;
}
