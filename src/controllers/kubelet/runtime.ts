// The container runtime side of the kubelet: what a container's environment is
// (kubelet_pods.go makeEnvironmentVariables, with its errors), which argv it runs, and its
// simulated process (process.ts) — the API other areas (exec, logs, services) build on.
import type { KObject } from '../../api/types.js';
import type { Cluster } from '../../store/cluster.js';
import { imageProfile } from '../images.js';
import { bytesOf } from '../podutil.js';
import { containerArgv, runProcess, Machine, type OutputLine, type ProcessInput, type ProcessRun } from './process.js';
import { parseTime } from '../../sim/clock.js';
import { imageFault } from '../../sim/faults.js';

/** Any container of the pod (init, sidecar or regular) by name. */
export function findContainer(pod: KObject, name: string): any | undefined {
  return (pod.spec?.containers || []).find((c: any) => c.name === name) ||
    (pod.spec?.initContainers || []).find((c: any) => c.name === name) ||
    (pod.spec?.ephemeralContainers || []).find((c: any) => c.name === name);
}

function fieldValue(pod: KObject, path: string): string {
  switch (path) {
    case 'metadata.name': return pod.metadata?.name ?? '';
    case 'metadata.namespace': return pod.metadata?.namespace ?? '';
    case 'metadata.uid': return pod.metadata?.uid ?? '';
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP': return pod.status?.podIP ?? '';
    case 'status.hostIP': return pod.status?.hostIP ?? '';
  }
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (pod.metadata as any)?.[m[1]]?.[m[2]] ?? '';
  return '';
}

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

/**
 * The container's environment, or the error the kubelet reports as CreateContainerConfigError
 * (`configmap "x" not found`, `couldn't find key K in ConfigMap ns/x`).
 */
export function resolveEnv(cluster: Cluster, pod: KObject, c: any): { env: Record<string, string>; error?: string } {
  const ns = pod.metadata!.namespace!;
  const env: Record<string, string> = {
    KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443', KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: 'tcp://10.96.0.1:443', KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
    KUBERNETES_PORT_443_TCP_PROTO: 'tcp', KUBERNETES_PORT_443_TCP_PORT: '443', KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
  };
  const source = (kind: 'ConfigMap' | 'Secret', name: string, optional: boolean): { data?: Record<string, string>; error?: string } => {
    const obj = cluster.get(kind === 'ConfigMap' ? 'configmaps' : 'secrets', ns, name);
    if (!obj) return optional ? {} : { error: `${kind.toLowerCase()} "${name}" not found` };
    if (kind === 'ConfigMap') return { data: { ...(obj.binaryData ? {} : {}), ...(obj.data || {}) } };
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj.data || {})) data[k] = decode(String(v));
    for (const [k, v] of Object.entries(obj.stringData || {})) data[k] = String(v);
    return { data };
  };
  for (const ef of c.envFrom || []) {
    const ref = ef.configMapRef ?? ef.secretRef;
    if (!ref) continue;
    const s = source(ef.configMapRef ? 'ConfigMap' : 'Secret', ref.name, !!ref.optional);
    if (s.error) return { env, error: s.error };
    for (const [k, v] of Object.entries(s.data || {})) env[(ef.prefix ?? '') + k] = v;
  }
  for (const e of c.env || []) {
    if (e.value !== undefined || !e.valueFrom) { env[e.name] = expandRefs(String(e.value ?? ''), env); continue; }
    const vf = e.valueFrom;
    if (vf.fieldRef) { env[e.name] = fieldValue(pod, vf.fieldRef.fieldPath); continue; }
    if (vf.resourceFieldRef) { env[e.name] = String(bytesOf(c.resources?.limits?.[vf.resourceFieldRef.resource?.replace(/^limits\./, '')]) || 0); continue; }
    const ref = vf.configMapKeyRef ?? vf.secretKeyRef;
    if (!ref) continue;
    const kind = vf.configMapKeyRef ? 'ConfigMap' : 'Secret';
    const s = source(kind, ref.name, !!ref.optional);
    if (s.error) return { env, error: s.error };
    if (!s.data) continue;
    if (!(ref.key in s.data)) {
      if (ref.optional) continue;
      return { env, error: `couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name}` };
    }
    env[e.name] = s.data[ref.key];
  }
  return { env };
}

/** $(VAR) references in env values (expansion.MappingFuncFor). */
function expandRefs(s: string, env: Record<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, n?: string) => (all === '$$' ? '$' : n !== undefined && n in env ? env[n] : all));
}

/** The first volume whose ConfigMap or Secret is missing: [volume name, error]. */
export function missingVolumeSource(cluster: Cluster, pod: KObject): [string, string] | undefined {
  const ns = pod.metadata!.namespace!;
  for (const v of pod.spec?.volumes || []) {
    if (v.configMap && !v.configMap.optional && !cluster.get('configmaps', ns, v.configMap.name)) return [v.name, `configmap "${v.configMap.name}" not found`];
    if (v.secret && !v.secret.optional && !cluster.get('secrets', ns, v.secret.secretName)) return [v.name, `secret "${v.secret.secretName}" not found`];
    // the service account token volume's kube-root-ca.crt is published by a controller kubesim folds away
    for (const s of v.name?.startsWith('kube-api-access-') ? [] : v.projected?.sources || []) {
      if (s.configMap && !s.configMap.optional && !cluster.get('configmaps', ns, s.configMap.name)) return [v.name, `configmap "${s.configMap.name}" not found`];
      if (s.secret && !s.secret.optional && !cluster.get('secrets', ns, s.secret.name)) return [v.name, `secret "${s.secret.name}" not found`];
    }
  }
  return undefined;
}

/** The process input of a container instance that started at `startedAt` (epoch ms). */
export function processInput(cluster: Cluster, pod: KObject, c: any, startedAt: number): ProcessInput {
  const profile = imageProfile(c.image);
  const { env } = resolveEnv(cluster, pod, c);
  const limit = c.resources?.limits?.memory;
  return {
    argv: containerArgv(c, profile, env), profile, env, hostname: pod.metadata?.name ?? '', startedAt,
    memoryLimit: limit !== undefined ? bytesOf(limit) : undefined, podIP: pod.status?.podIP,
    files: mountedFiles(cluster, pod, c),
    net: { cluster, pod, container: c },
  };
}

/** The files a container's ConfigMap and Secret volume mounts show (items, subPath honoured). */
function mountedFiles(cluster: Cluster, pod: KObject, c: any): Record<string, string> {
  const ns = pod.metadata!.namespace!;
  const out: Record<string, string> = {};
  for (const m of c.volumeMounts || []) {
    const v = (pod.spec?.volumes || []).find((x: any) => x.name === m.name);
    const src = v?.configMap ?? v?.secret;
    if (!src) continue;
    const obj = v.configMap ? cluster.get('configmaps', ns, v.configMap.name) : cluster.get('secrets', ns, v.secret.secretName);
    if (!obj) continue;
    const data: Record<string, string> = { ...(obj.data || {}) };
    if (v.secret) for (const k of Object.keys(data)) data[k] = decode(String(data[k]));
    const entries: [string, string][] = src.items?.length
      ? src.items.filter((it: any) => it.key in data).map((it: any) => [it.path, data[it.key]])
      : Object.entries(data);
    for (const [path, content] of entries) {
      if (m.subPath) { if (m.subPath === path) out[m.mountPath] = content; continue; }
      out[`${String(m.mountPath).replace(/\/$/, '')}/${path}`] = content;
    }
  }
  return out;
}

/** How a container instance's process runs from its start until `until` (epoch ms; Infinity: its whole life). */
export function runContainer(cluster: Cluster, pod: KObject, c: any, startedAt: number, until = Infinity): ProcessRun {
  const input = processInput(cluster, pod, c, startedAt);
  let run = runProcess(input, until === Infinity ? Infinity : until - startedAt);
  // a shell reading its stdin waits for input: with stdin kept open (`debug -i`) it keeps running; with stdinOnce
  // (`run -i`) it runs until the first attach session closes stdin, and ends as that session's script ended
  if (c?.stdin && !run.startError && readsStdin(input.argv)) {
    const ended = c.stdinOnce ? sessionEnd(cluster, pod, c.name, startedAt) : undefined;
    run = ended ? { ...run, exitAt: Math.max(0, ended[0] - startedAt), exitCode: ended[1], reason: undefined, forever: false, lines: [...run.lines, ...ended[2]] }
      : { ...run, exitAt: undefined, exitCode: undefined, forever: true };
  }
  return crashed(run, imageFault(cluster, c?.image)?.crashAfter, until - startedAt);
}

/**
 * pod uid -> container -> [the instance's start, when its attach session ended, the session's exit code, what the
 * session's script printed (the container's own output, so its log)]
 */
interface SessionState { ended: Record<string, Record<string, [number, number, number, string?]>> }

const sessions = (cluster: Cluster) => cluster.controllerState<SessionState>('attach-sessions', () => ({ ended: {} }));

function sessionEnd(cluster: Cluster, pod: KObject, name: string, startedAt: number): [number, number, OutputLine[]] | undefined {
  const e = (cluster.state.controllers['attach-sessions'] as SessionState | undefined)?.ended[pod.metadata?.uid ?? '']?.[name];
  if (!e || e[0] !== startedAt) return undefined;
  const at = Math.max(0, e[1] - startedAt);
  const text = e[3] ?? '';
  const lines: OutputLine[] = text === '' ? [] : text.replace(/\n$/, '').split('\n').map((t) => ({ at, text: t, stream: 'stdout' }));
  return [e[1], e[2], lines];
}

/**
 * The attach session to a stdinOnce shell (`run -i`) ended with `code`, having printed `output`: the container's stdin
 * closes, and its shell ends with the script's status (the kubelet notices at once); what it printed is its log. Pods
 * that are gone are forgotten (forgetSessions).
 */
export function endAttachSession(cluster: Cluster, pod: KObject, name: string, startedAt: number, restartCount: number, code: number, output = ''): void {
  const uid = pod.metadata!.uid!;
  (sessions(cluster).ended[uid] ??= {})[name] = output ? [startedAt, cluster.now(), code, output] : [startedAt, cluster.now(), code];
  cluster.dirty = true;
  cluster.schedule(cluster.now(), 'kubelet.exit', `${pod.metadata!.namespace}/${pod.metadata!.name}`, { uid, c: name, n: restartCount }, false);
}

export function forgetSessions(cluster: Cluster, uid: string): void {
  const st = cluster.state.controllers['attach-sessions'] as SessionState | undefined;
  if (st?.ended[uid]) { delete st.ended[uid]; cluster.dirty = true; }
}

function readsStdin(argv: string[]): boolean {
  const exe = String(argv[0] ?? '').split('/').pop()!;
  return ['sh', 'bash', 'ash'].includes(exe) && !argv.slice(1).some((a) => a === '-c' || !a.startsWith('-'));
}

/** `kubesim fault image --crash-after=D`: the process exits with code 1 at D, unless it ended before. */
function crashed(run: ProcessRun, after: number | undefined, horizon: number): ProcessRun {
  if (after === undefined || (run.exitAt !== undefined && run.exitAt <= after) || run.startError) return run;
  if (horizon < after) return run;
  return { ...run, exitAt: after, exitCode: 1, reason: 'Error', forever: false, ports: [], lines: run.lines.filter((l) => l.at <= after) };
}

/**
 * Run `argv` inside a running container at `at` (epoch ms), seeing the files its main process made:
 * exec probes now, `kubectl exec` later. Returns the exit code and what it printed (stdout+stderr).
 */
export function execInContainer(cluster: Cluster, pod: KObject, c: any, startedAt: number, at: number, argv: string[]): { code: number; output: string[] } {
  const input = processInput(cluster, pod, c, startedAt);
  const main = runProcess(input, Math.max(0, at - startedAt));
  const m = new Machine({ ...input, argv, startedAt: at }, 1000);
  for (const [f, content] of main.files) m.files.set(f, content);
  const run = m.main();
  if (run.startError) return { code: 126, output: [run.startError] };
  return { code: run.exitCode ?? 0, output: run.lines.map((l) => l.text) };
}

/** The start time of a container status' state (running or terminated), epoch ms. */
export function stateStartedAt(state: any): number | undefined {
  return parseTime(state?.running?.startedAt ?? state?.terminated?.startedAt);
}
