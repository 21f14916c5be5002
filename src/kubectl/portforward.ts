// What kubectl port-forward does on the client side (staging/src/k8s.io/kubectl/pkg/cmd/portforward):
// resolve TYPE/NAME to a pod (a Service's port translated to its target port), check the pod runs,
// parse [LOCAL:]REMOTE. kubesim: the forwarded connection reaches the simulated workload's HTTP
// answer (src/sim/http), so a local HTTP client (curl, a browser) talks to the pod.
import { StatusError, UserError } from '../api/errors.js';
import type { KObject } from '../api/types.js';
import type { Cluster } from '../store/cluster.js';
import { attachablePod } from './exec.js';

export interface PortPair { local: number; remote: number }

/** The pod to forward to, and the container ports the Service's ports stand for. */
export interface ForwardTarget { pod: KObject; ports: PortPair[] }

/** parsePorts: [LOCAL:]REMOTE, LOCAL empty (`:80`) or 0 for a random local port. */
export function parsePortSpecs(specs: string[]): { local: string; remote: string }[] {
  return specs.map((s) => {
    const parts = s.split(':');
    if (parts.length > 2) throw new UserError(`error: invalid port format '${s}'`);
    const [local, remote] = parts.length === 2 ? parts : [parts[0], parts[0]];
    return { local, remote };
  });
}

function portNumber(what: string, v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535) throw new UserError(`error: Error parsing ${what} port '${v}': ${/^\d+$/.test(v) ? 'value out of range' : 'invalid syntax'}`);
  return n;
}

/** A container port of the pod by number or name (util.LookupContainerPortNumberByName). */
function containerPort(pod: KObject, port: string): number {
  if (/^\d+$/.test(port)) return portNumber('remote', port);
  for (const c of pod.spec?.containers || []) {
    for (const p of c.ports || []) if (p.name === port) return p.containerPort;
  }
  throw new UserError(`error: Pod '${pod.metadata!.name}' does not have a named port '${port}'`);
}

/** translateServicePortToTargetPort: a Service port -> the pod's port its targetPort names. */
function servicePortToTarget(svc: KObject, pod: KObject, port: string): number {
  const ports: any[] = svc.spec?.ports || [];
  const sp = /^\d+$/.test(port) ? ports.find((p) => String(p.port) === port) : ports.find((p) => p.name === port);
  if (!sp) throw new UserError(`error: Service ${svc.metadata!.name} does not have a service port ${port}`);
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(String(tp))) return Number(tp);
  return containerPort(pod, String(tp));
}

export function forwardTarget(cluster: Cluster, namespace: string, ref: string, specs: string[]): ForwardTarget {
  if (!ref || !specs.length) throw new UserError('error: TYPE/NAME and list of ports are required for port-forward');
  const parsed = parsePortSpecs(specs);
  const pod = attachablePod(cluster, namespace, ref);
  const kind = ref.includes('/') ? ref.slice(0, ref.indexOf('/')).toLowerCase() : 'pod';
  const svc = ['svc', 'service', 'services'].includes(kind) ? cluster.get('services', namespace, ref.slice(ref.indexOf('/') + 1)) : undefined;
  if (pod.status?.phase !== 'Running') {
    throw new UserError(`error: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`);
  }
  const ports = parsed.map(({ local, remote }) => {
    const r = svc ? servicePortToTarget(svc, pod, remote) : containerPort(pod, remote);
    // `:80` picks a free local port (0); a named port with no local port listens on the port it names
    const l = local === '' ? 0 : /^\d+$/.test(local) ? portNumber('local', local) : r;
    return { local: l, remote: r };
  });
  return { pod, ports };
}

export function podGone(pod: KObject): StatusError {
  return new StatusError(404, 'NotFound', `pods "${pod.metadata!.name}" not found`);
}
