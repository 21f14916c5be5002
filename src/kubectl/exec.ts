// What kubectl exec checks on the client side and what the API server and the kubelet refuse
// (staging/src/k8s.io/kubectl/pkg/cmd/exec, pkg/registry/core/pod streamLocation, podcmd
// FindOrDefaultContainerByName), before the command runs in the simulated container.
import { createHash } from 'node:crypto';
import { RawError, StatusError, UserError } from '../api/errors.js';
import type { KObject } from '../api/types.js';
import type { Cluster } from '../store/cluster.js';
import { selectorMatches } from '../controllers/podutil.js';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** podcmd.AllContainerNames */
export function allContainerNames(pod: KObject): string {
  const out: string[] = (pod.spec?.containers || []).map((c: any) => c.name);
  for (const c of pod.spec?.ephemeralContainers || []) out.push(`${c.name} (ephem)`);
  for (const c of pod.spec?.initContainers || []) out.push(`${c.name} (init)`);
  return out.join(', ');
}

/** The pod a `TYPE/NAME` names (AttachablePodForObjectFn): a pod itself, or the first pod of a workload's selector. */
export function attachablePod(cluster: Cluster, namespace: string, ref: string): KObject {
  const slash = ref.indexOf('/');
  const kind = slash < 0 ? 'pods' : ref.slice(0, slash).toLowerCase();
  const name = slash < 0 ? ref : ref.slice(slash + 1);
  const POD = ['po', 'pod', 'pods'];
  const WORKLOADS: Record<string, string> = {
    deploy: 'deployments', deployment: 'deployments', deployments: 'deployments', 'deployment.apps': 'deployments',
    rs: 'replicasets', replicaset: 'replicasets', replicasets: 'replicasets', sts: 'statefulsets', statefulset: 'statefulsets', statefulsets: 'statefulsets',
    ds: 'daemonsets', daemonset: 'daemonsets', daemonsets: 'daemonsets', job: 'jobs', jobs: 'jobs', svc: 'services', service: 'services', services: 'services',
  };
  if (POD.includes(kind)) {
    const pod = cluster.get('pods', namespace, name);
    if (!pod) throw new StatusError(404, 'NotFound', `pods "${name}" not found`);
    return pod;
  }
  const resource = WORKLOADS[kind];
  if (!resource) throw new UserError(`error: the server doesn't have a resource type "${ref.slice(0, slash)}"`);
  const obj = cluster.get(resource, namespace, name);
  const group = ['services'].includes(resource) ? '' : resource === 'jobs' ? '.batch' : '.apps';
  if (!obj) throw new StatusError(404, 'NotFound', `${resource}${group} "${name}" not found`);
  const sel = resource === 'services' ? { matchLabels: obj.spec?.selector } : obj.spec?.selector;
  const pods = cluster.list('pods', namespace).filter((p) => selectorMatches(sel, p.metadata?.labels) && !p.metadata?.deletionTimestamp);
  // GetFirstPod: active pods first, running before pending (podutils.ActivePods order), then by name
  const rank = (p: KObject) => (p.status?.phase === 'Running' ? 0 : p.status?.phase === 'Pending' ? 1 : 2);
  pods.sort((a, b) => rank(a) - rank(b) || (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  if (!pods.length) throw new UserError(`error: timed out waiting for the condition`);
  return pods[0];
}

/** The container to exec in, and the stderr notice kubectl prints when it picks one for you. */
export function execContainer(pod: KObject, name: string | undefined, quiet: boolean): { container: any; notice?: string } {
  const containers: any[] = pod.spec?.containers || [];
  if (name) {
    const c = containers.find((x) => x.name === name) ?? (pod.spec?.initContainers || []).find((x: any) => x.name === name) ?? (pod.spec?.ephemeralContainers || []).find((x: any) => x.name === name);
    // the API server's validateContainer
    if (!c) throw new StatusError(400, 'BadRequest', `container ${name} is not valid for pod ${pod.metadata!.name}`);
    return { container: c };
  }
  const ann = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (ann) {
    const c = containers.find((x) => x.name === ann);
    if (c) return { container: c };
  }
  const c = containers[0];
  const many = containers.length > 1 || (pod.spec?.initContainers || []).length > 0 || (pod.spec?.ephemeralContainers || []).length > 0;
  return { container: c, notice: !quiet && many ? `Defaulted container "${c.name}" out of: ${allContainerNames(pod)}\n` : undefined };
}

/** The checks between kubectl's request and a running process: phase, node, a running container. */
export function checkExecutable(pod: KObject, container: any): void {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new UserError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);
  if (!pod.spec?.nodeName) throw new StatusError(400, 'BadRequest', `pod ${pod.metadata!.name} does not have a host assigned`);
  const st = [...(pod.status?.containerStatuses || []), ...(pod.status?.initContainerStatuses || []), ...(pod.status?.ephemeralContainerStatuses || [])].find((s: any) => s.name === container.name);
  // the kubelet finds no running container (ContainerCreating, ImagePullBackOff, CrashLoopBackOff ...)
  if (!st?.state?.running) throw new UserError(`error: unable to upgrade connection: container not found ("${container.name}")`);
}

/** containerd's error when the executable is not in the image. */
export function execStartError(pod: KObject, container: any, executable: string, now: number): RawError {
  const id = createHash('sha256').update(`exec:${pod.metadata!.uid}:${container.name}:${executable}:${now}`).digest('hex');
  return new RawError(`error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${executable}": executable file not found in $PATH: unknown`);
}

/** A non-zero exit status: kubectl says so on stderr and exits with it. */
export function exitCodeError(code: number): RawError {
  return new RawError(`command terminated with exit code ${code}`, code);
}
