// The simulated kubelet (one per node, all in this file). It follows the timing model of the
// conformance recordings (cluster.state.config): a pod bound to a node is Pending/ContainerCreating
// at once, Running and Ready `startDelay` later; an image that cannot be pulled gives ErrImagePull
// after `pullFailDelay`, then ImagePullBackOff, retried with the image back-off (10 s doubling to
// 5 min, flowcontrol.Backoff without jitter); a deleted pod is Terminating for `terminationDelay`.
//
// Transitions are timers `kubelet.<step>` keyed by pod key and carrying the pod uid; a timer whose
// pod is gone, replaced or being deleted is ignored, so nothing ever needs cancelling.
// Event reasons and messages are the kubelet's (pkg/kubelet/events, images/image_manager.go,
// kuberuntime_container.go).
import type { KObject } from '../api/types.js';
import type { ControllerContext } from './context.js';
import type { KubesimEventRecorder } from './events.js';
import { refOf } from './events.js';
import { resolveImage } from './images.js';
import { nodeInternalIP } from './nodes.js';
import { getCondition, podKeyOf, splitKey, timeStr } from './podutil.js';
import { findContainer, forgetSessions, missingVolumeSource, processInput, resolveEnv, runContainer } from './kubelet/runtime.js';
import { runProbe, stopOutcome } from './kubelet/prober.js';
import { pullOutcome } from './kubelet/pull.js';
import { imageFault } from '../sim/faults.js';
import { goDurationString, parseTime } from '../sim/clock.js';
import { answersChange } from '../sim/http/catalogue.js';
import { createHash } from 'node:crypto';
import { jsonEqual } from '../store/json.js';

export type KubeletContext = ControllerContext & { recorder: KubesimEventRecorder };

/** kubesim: a pod sync after a failed pull reports ImagePullBackOff this long after ErrImagePull. */
const BACKOFF_SYNC_DELAY = 2000;
/** pod worker resync while in back-off */
const RESYNC_PERIOD = 10_000;
/** the PLEG relists every second: a container's exit is acted on this long after it happened */
const PLEG_DELAY = 1000;

interface KubeletState {
  /** node -> pod IP allocator (host-local IPAM: sequential, wrapping, skipping addresses in use) */
  ipam: Record<string, { next: number; used: Record<string, string> }>;
  /** pod uid -> image -> [back-off ms, last update ms] (flowcontrol.Backoff entries "<uid>_<image>") */
  backoff: Record<string, Record<string, [number, number]>>;
  /** node -> images already pulled there */
  present: Record<string, Record<string, true>>;
  /** pod key -> uid of pods whose termination is under way */
  killing: Record<string, string>;
  /** pod uid -> container -> readiness prober bookkeeping */
  probes: Record<string, Record<string, { requests: number; failures: number; successes: number }>>;
}

function kstate(ctx: ControllerContext): KubeletState {
  return ctx.cluster.controllerState<KubeletState>('kubelet', () => ({ ipam: {}, backoff: {}, present: {}, killing: {}, probes: {} }));
}

/** Go's time.Duration String() for millisecond values (src/sim/clock.ts). */
export const goDuration = goDurationString;

function containerRef(pod: KObject, name: string) {
  return refOf(pod, `spec.containers{${name}}`);
}

function source(pod: KObject) {
  return { component: 'kubelet', host: pod.spec?.nodeName as string };
}

function containerID(pod: KObject, name: string, restart: number): string {
  return 'containerd://' + createHash('sha256').update(`${pod.metadata?.uid}/${name}/${restart}`).digest('hex');
}

function podCIDRBase(node: KObject | undefined): string {
  const cidr: string | undefined = node?.spec?.podCIDR;
  const m = cidr ? /^(\d+\.\d+\.\d+)\.\d+\/\d+$/.exec(cidr) : null;
  return m ? m[1] : '10.244.0';
}

function allocateIP(ctx: ControllerContext, nodeName: string, podKey: string): string | undefined {
  const st = kstate(ctx);
  const node = ctx.cluster.get('nodes', undefined, nodeName);
  let a = st.ipam[nodeName];
  if (!a) a = st.ipam[nodeName] = { next: 2, used: {} };
  const base = podCIDRBase(node);
  for (let i = 0; i < 253; i++) {
    const n = a.next;
    a.next = n >= 254 ? 2 : n + 1;
    const ip = `${base}.${n}`;
    if (!a.used[ip]) {
      a.used[ip] = podKey;
      return ip;
    }
  }
  return undefined;
}

function releaseIP(ctx: ControllerContext, pod: KObject): void {
  const ip = pod.status?.podIP;
  const nodeName = pod.spec?.nodeName;
  if (!ip || !nodeName) return;
  const a = kstate(ctx).ipam[nodeName];
  if (a && a.used[ip] === podKeyOf(pod)) delete a.used[ip];
}

// ---- pod status assembly

interface Cond { type: string; status: string; lastProbeTime: null; lastTransitionTime: string; reason?: string; message?: string }

function cond(old: any, type: string, status: string, now: string, reason?: string, message?: string): Cond {
  const c: Cond = {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
  };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  // an unchanged condition is the stored object itself: the write shares it, and the field manager's walk skips it
  return old && jsonEqual(old, c) ? old : c;
}

/** kubelet getPhase: the pod phase from its container statuses and restart policy. */
function getPhase(pod: KObject, statuses: any[]): string {
  const policy = pod.spec?.restartPolicy || 'Always';
  let running = 0; let stopped = 0; let succeeded = 0; let waiting = 0;
  for (const c of statuses) {
    if (c.state?.running) running++;
    else if (c.state?.terminated) { stopped++; if (c.state.terminated.exitCode === 0) succeeded++; }
    else if (c.state?.waiting) { if (c.lastState?.terminated) stopped++; else waiting++; }
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** Recompute phase and conditions from the container statuses (kubelet generateAPIPodStatus). */
function finishStatus(pod: KObject, status: any, now: string, sandboxReady: boolean): void {
  const statuses: any[] = status.containerStatuses || [];
  const initPending = initializing(pod, status);
  status.phase = initPending === 'failed' ? 'Failed' : initPending ? 'Pending' : getPhase(pod, statuses);
  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  const sidecars = (pod.spec?.initContainers || []).filter((c: any) => c.restartPolicy === 'Always').map((c: any) => c.name);
  const unready = [
    ...(status.initContainerStatuses || []).filter((c: any) => sidecars.includes(c.name) && !c.ready).map((c: any) => c.name),
    ...statuses.filter((c) => !c.ready).map((c) => c.name),
  ];
  const old = pod.status || {};
  const conds: Cond[] = [];
  conds.push(cond(getCondition(old, 'PodReadyToStartContainers'), 'PodReadyToStartContainers', sandboxReady && !terminal ? 'True' : 'False', now));
  const incomplete = initPending ? (pod.spec?.initContainers || []).filter((c: any) => {
    const cs = (status.initContainerStatuses || []).find((x: any) => x.name === c.name);
    if (c.restartPolicy === 'Always') return !cs?.started;
    return !(cs?.state?.terminated && cs.state.terminated.exitCode === 0);
  }).map((c: any) => c.name) : [];
  const initMsg = incomplete.length ? `containers with incomplete status: [${incomplete.join(' ')}]` : undefined;
  const initReason = initMsg ? 'ContainersNotInitialized' : (status.phase === 'Succeeded' && (pod.spec?.initContainers || []).length ? 'PodCompleted' : undefined);
  conds.push(cond(getCondition(old, 'Initialized'), 'Initialized', initMsg ? 'False' : 'True', now, initReason, initMsg));
  let msg = unready.length ? `containers with unready status: [${unready.join(' ')}]` : undefined;
  let reason = msg && 'ContainersNotReady';
  if (terminal) { msg = undefined; reason = status.phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed'; }
  const ready = !terminal && !unready.length;
  conds.push(cond(getCondition(old, 'Ready'), 'Ready', ready ? 'True' : 'False', now, reason, msg));
  conds.push(cond(getCondition(old, 'ContainersReady'), 'ContainersReady', ready ? 'True' : 'False', now, reason, msg));
  conds.push(cond(getCondition(old, 'PodScheduled'), 'PodScheduled', 'True', now));
  // conditions owned by others (readiness gates, DisruptionTarget ...) follow
  for (const c of old.conditions || []) {
    if (!['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].includes(c.type)) conds.push(c);
  }
  status.conditions = conds;
}

/** Are init containers still running or to run (true), has one failed for good ('failed'), or done (false)? */
function initializing(pod: KObject, status: any): boolean | 'failed' {
  const inits: any[] = pod.spec?.initContainers || [];
  if (!inits.length) return false;
  const policy = pod.spec?.restartPolicy || 'Always';
  for (const c of inits) {
    const cs = (status.initContainerStatuses || []).find((x: any) => x.name === c.name);
    if (c.restartPolicy === 'Always') { if (!cs?.started) return true; continue; }
    const t = cs?.state?.terminated;
    if (t && t.exitCode === 0) continue;
    if (t && policy === 'Never') return 'failed';
    return true;
  }
  return false;
}

/** Build a status object in the API's field order. */
function orderedStatus(s: any): any {
  const order = ['phase', 'conditions', 'message', 'reason', 'nominatedNodeName', 'hostIP', 'hostIPs', 'podIP', 'podIPs',
    'startTime', 'initContainerStatuses', 'containerStatuses', 'qosClass'];
  const out: any = {};
  for (const k of order) if (s[k] !== undefined) out[k] = s[k];
  for (const k of Object.keys(s)) if (!(k in out) && s[k] !== undefined) out[k] = s[k];
  return out;
}

function writeStatus(ctx: ControllerContext, pod: KObject, status: any): KObject {
  // a terminal pod's sandbox is gone: its IP goes back to the pool (the status keeps showing it)
  if ((status.phase === 'Succeeded' || status.phase === 'Failed') && pod.status?.phase !== status.phase) releaseIP(ctx, pod);
  const next = { ...pod, status: orderedStatus(status) };
  return ctx.cluster.updateStatus('pods', next);
}

/** A copy of the status whose container statuses may be changed field by field (never deeper). */
function shallowStatus(pod: KObject): any {
  const s = pod.status || {};
  return { ...s, containerStatuses: (s.containerStatuses || []).map((c: any) => ({ ...c })) };
}

function sandboxReadyOf(pod: KObject): boolean {
  return getCondition(pod.status, 'PodReadyToStartContainers')?.status === 'True';
}

// ---- the kubelet's reactions

/** A pod changed (or was bound): admit new pods, start termination of deleted ones. */
export function syncPodKubelet(ctx: KubeletContext, key: string): void {
  const [ns, name] = splitKey(key);
  const pod = ctx.cluster.get('pods', ns, name);
  if (!pod || !pod.spec?.nodeName) return;
  const phase = pod.status?.phase;
  if (pod.metadata?.deletionTimestamp) {
    startTermination(ctx, pod);
    return;
  }
  if (phase === 'Succeeded' || phase === 'Failed') return;
  if (!pod.status?.startTime) admitPod(ctx, pod);
}

type Plan = 'present' | 'pull' | 'fail' | 'never';

/** EnsureImageExists, decided per container: already present, pull (and succeed or fail), or never. */
function pullPlans(ctx: ControllerContext, nodeName: string, containers: any[]): { c: any; plan: Plan }[] {
  const present = (kstate(ctx).present[nodeName] ||= {});
  return containers.map((c) => {
    const img = resolveImage(c.image);
    const policy = c.imagePullPolicy || (img.ref.endsWith(':latest') ? 'Always' : 'IfNotPresent');
    let plan: Plan;
    if (policy !== 'Always' && present[img.ref]) plan = 'present';
    else if (policy === 'Never') plan = 'never';
    else plan = pullOutcome(ctx.cluster, c.image).pullable ? 'pull' : 'fail';
    return { c, plan };
  });
}

/** The containers the first start of the pod works on: the first init container, or the regular ones. */
function firstBatch(pod: KObject): any[] {
  const inits: any[] = pod.spec?.initContainers || [];
  return inits.length ? [inits[0]] : pod.spec?.containers || [];
}

function admitPod(ctx: KubeletContext, pod: KObject): void {
  const now = ctx.cluster.now();
  const nowS = timeStr(now);
  const key = podKeyOf(pod);
  const nodeName: string = pod.spec!.nodeName;
  const node = ctx.cluster.get('nodes', undefined, nodeName);
  const hostIP = nodeInternalIP(node);
  const podIP = pod.spec?.hostNetwork ? hostIP : allocateIP(ctx, nodeName, key);
  const hasInit = (pod.spec?.initContainers || []).length > 0;
  const plans = pullPlans(ctx, nodeName, firstBatch(pod));
  const never = new Set(plans.filter((p) => p.plan === 'never').map((p) => p.c.name));
  const waitingFor = (c: any) => never.has(c.name)
    ? { reason: 'ErrImageNeverPull', message: `Container image "${c.image}" is not present with pull policy of Never` }
    : { reason: hasInit ? 'PodInitializing' : 'ContainerCreating' };
  const fresh = (c: any) => ({
    name: c.name, state: { waiting: waitingFor(c) }, lastState: {}, ready: false, restartCount: 0, image: c.image, imageID: '', started: false,
  });
  const status: any = {
    ...(pod.status || {}),
    hostIP,
    hostIPs: hostIP ? [{ ip: hostIP }] : undefined,
    podIP,
    podIPs: podIP ? [{ ip: podIP }] : undefined,
    startTime: nowS,
    initContainerStatuses: hasInit ? (pod.spec!.initContainers || []).map(fresh) : undefined,
    containerStatuses: (pod.spec?.containers || []).map((c: any) => (hasInit ? { ...fresh(c), state: { waiting: { reason: 'PodInitializing' } } } : fresh(c))),
  };
  finishStatus(pod, status, nowS, false);
  const updated = writeStatus(ctx, pod, status);
  const missing = missingVolumeSource(ctx.cluster, updated);
  if (missing) {
    // the volume manager mounts before anything is pulled: the pod waits in ContainerCreating
    mountRetry(ctx, updated, 0);
    ctx.cluster.schedule(now + MOUNT_TIMEOUT, 'kubelet.mount', key, { uid: updated.metadata!.uid, attempt: -1 }, false);
    return;
  }
  beginPulls(ctx, updated);
}

/** Pull the first batch's images (events now) and start them once pulled. */
function beginPulls(ctx: KubeletContext, pod: KObject): void {
  const cfg = ctx.cluster.state.config;
  const now = ctx.cluster.now();
  const key = podKeyOf(pod);
  const uid = pod.metadata!.uid!;
  const plans = pullPlans(ctx, pod.spec!.nodeName, firstBatch(pod));
  const src = source(pod);
  for (const { c, plan } of plans) {
    const ref = containerRef(pod, c.name);
    if (plan === 'present') {
      ctx.recorder.eventRef(src, ref, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
    } else if (plan === 'never') {
      ctx.recorder.eventRef(src, ref, 'Warning', 'ErrImageNeverPull', `Container image "${c.image}" is not present with pull policy of Never`);
      ctx.recorder.eventRef(src, ref, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
    } else {
      ctx.recorder.eventRef(src, ref, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
    }
  }
  const starting = plans.filter((p) => p.plan === 'present' || p.plan === 'pull');
  if (starting.length) {
    const pulled = plans.filter((p) => p.plan === 'pull').map((p) => p.c.name);
    ctx.cluster.schedule(now + pullTime(ctx, plans.filter((p) => p.plan === 'pull').map((p) => p.c)), 'kubelet.start', key, { uid, pulled }, false);
  }
  if (plans.some((p) => p.plan === 'fail')) ctx.cluster.schedule(now + cfg.pullFailDelay, 'kubelet.pullFailed', key, { uid }, false);
}

/** How long the pulls of these containers take (the slowest; `kubesim fault image --pull=slow=D`). */
function pullTime(ctx: ControllerContext, containers: any[]): number {
  const cfg = ctx.cluster.state.config;
  return Math.max(cfg.startDelay, ...containers.map((c) => pullOutcome(ctx.cluster, c.image).duration ?? 0));
}

/** the volume manager's wait for a pod's volumes before it gives up this sync (and says so) */
const MOUNT_TIMEOUT = 122_000;

/**
 * The volume manager retrying a mount whose ConfigMap or Secret is missing (nestedpendingoperations:
 * 500 ms doubling to 2m2s), and the pod worker's "Unable to attach or mount volumes" every 2m2s.
 */
function mountRetry(ctx: KubeletContext, pod: KObject, attempt: number): void {
  const now = ctx.cluster.now();
  const key = podKeyOf(pod);
  const uid = pod.metadata!.uid;
  if (pod.status?.containerStatuses?.some((c: any) => !c.state?.waiting || c.state.waiting.reason !== 'ContainerCreating' && c.state.waiting.reason !== 'PodInitializing')) return;
  const missing = missingVolumeSource(ctx.cluster, pod);
  if (attempt < 0) {
    if (!missing) return;
    const names = (pod.spec?.volumes || []).filter((v: any) => missingVolumeSource(ctx.cluster, { ...pod, spec: { ...pod.spec, volumes: [v] } })).map((v: any) => v.name);
    ctx.recorder.eventRef(source(pod), refOf(pod), 'Warning', 'FailedMount',
      `Unable to attach or mount volumes: unmounted volumes=[${names.join(' ')}], unattached volumes=[], failed to process volumes=[]: context deadline exceeded`);
    ctx.cluster.schedule(now + MOUNT_TIMEOUT, 'kubelet.mount', key, { uid, attempt: -1 }, false);
    return;
  }
  if (!missing) {
    beginPulls(ctx, pod);
    return;
  }
  ctx.recorder.eventRef(source(pod), refOf(pod), 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${missing[0]}" : ${missing[1]}`);
  const delay = Math.min(500 * 2 ** attempt, MOUNT_TIMEOUT);
  ctx.cluster.schedule(now + delay, 'kubelet.mount', key, { uid, attempt: attempt + 1 }, false);
}

/** The live pod a timer is about, or undefined when the timer is stale. */
function livePod(ctx: ControllerContext, key: string, data: any): KObject | undefined {
  const [ns, name] = splitKey(key);
  const pod = ctx.cluster.get('pods', ns, name);
  if (!pod || pod.metadata?.uid !== data?.uid || !pod.spec?.nodeName) return undefined;
  return pod;
}

/** A timer of kind `kubelet.<step>` is due. */
export function fireKubelet(ctx: KubeletContext, step: string, key: string, data: any): void {
  if (step === 'terminated') {
    const [ns, name] = splitKey(key);
    const pod = ctx.cluster.get('pods', ns, name);
    if (pod && pod.metadata?.uid === data?.uid) ctx.cluster.remove('pods', ns, name);
    return;
  }
  const pod = livePod(ctx, key, data);
  if (!pod || pod.metadata?.deletionTimestamp) return;
  switch (step) {
    case 'start': return startContainers(ctx, pod, data.pulled || []);
    case 'pullFailed': return pullFailed(ctx, pod);
    case 'sync': return backoffSync(ctx, pod);
    case 'probe':
      // a readiness chain of an earlier instance of the container ends with it
      if (data.n !== undefined && (csOf(pod.status || {}, data.c)?.restartCount || 0) !== data.n) return;
      return probe(ctx, pod, data.c);
    case 'exit': return containerExited(ctx, pod, data.c, data.n);
    case 'restart': return syncRestart(ctx, pod, data.c);
    case 'health': return healthProbe(ctx, pod, data.c, data.kind, data.n);
    case 'mount': return mountRetry(ctx, pod, data.attempt);
    case 'killed': return containerKilled(ctx, pod, data.c, data.n, data.code);
  }
}

/** The status entry of a container, init or regular. */
function csOf(status: any, name: string): any | undefined {
  return (status.containerStatuses || []).find((x: any) => x.name === name) ||
    (status.initContainerStatuses || []).find((x: any) => x.name === name);
}

function shallowStatus2(pod: KObject): any {
  const s = shallowStatus(pod);
  if (s.initContainerStatuses) s.initContainerStatuses = s.initContainerStatuses.map((c: any) => ({ ...c }));
  return s;
}

type Emit = (updated: KObject) => void;

/**
 * Start one container instance (startContainer in kuberuntime_container.go): resolve its config,
 * create it, start its process. Changes `cs` in place and returns the events to record once the
 * status is written. A config error leaves it waiting; a start error is RunContainerError.
 */
function launch(ctx: KubeletContext, pod: KObject, cs: any, c: any, pulledSize: number | undefined, restart: boolean): Emit[] {
  const st = kstate(ctx);
  const cfg = ctx.cluster.state.config;
  const now = ctx.cluster.now();
  const nowS = timeStr(now);
  const img = resolveImage(c.image);
  const emits: Emit[] = [];
  const ev = (type: 'Normal' | 'Warning', reason: string, msg: string): void => {
    emits.push((u) => ctx.recorder.eventRef(source(u), containerRef(u, c.name), type, reason, msg));
  };
  if (pulledSize !== undefined) {
    const d = goDuration(Math.max(0, (pullOutcome(ctx.cluster, c.image).duration ?? cfg.startDelay) - 300));
    ev('Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${d} (${d} including waiting). Image size: ${pulledSize} bytes.`);
  } else if (restart && (c.imagePullPolicy || (img.ref.endsWith(':latest') ? 'Always' : 'IfNotPresent')) === 'Always') {
    // pull policy Always pulls again on every start (the layers are cached: the pull is quick)
    const d = goDuration(Math.max(0, cfg.startDelay - 1000));
    ev('Normal', 'Pulling', `Pulling image "${c.image}"`);
    ev('Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${d} (${d} including waiting). Image size: ${img.size} bytes.`);
  } else if (restart || cs.state?.waiting?.reason === 'CreateContainerConfigError') {
    ev('Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
  }
  st.present[pod.spec!.nodeName] ||= {};
  st.present[pod.spec!.nodeName][img.ref] = true;
  const envr = resolveEnv(ctx.cluster, pod, c);
  if (envr.error) {
    cs.state = { waiting: { reason: 'CreateContainerConfigError', message: envr.error } };
    ev('Warning', 'Failed', `Error: ${envr.error}`);
    ctx.cluster.schedule(now + RESYNC_PERIOD, 'kubelet.start', podKeyOf(pod), { uid: pod.metadata!.uid, pulled: [] }, false);
    return emits;
  }
  const n = restart ? (cs.restartCount || 0) + 1 : cs.restartCount || 0;
  const id = containerID(pod, c.name, n);
  if (restart && cs.state?.terminated) cs.lastState = { terminated: cs.state.terminated };
  cs.restartCount = n;
  cs.image = img.ref;
  cs.imageID = img.imageID;
  ev('Normal', 'Created', `Created container: ${c.name}`);
  const run = runContainer(ctx.cluster, pod, c, now);
  if (run.startError) {
    // containerd created the container but could not start its process
    cs.lastState = { terminated: { exitCode: 128, reason: 'StartError', message: run.startError, startedAt: '1970-01-01T00:00:00Z', finishedAt: nowS, containerID: id } };
    cs.state = { waiting: { reason: 'RunContainerError', message: run.startError } };
    cs.containerID = id;
    cs.ready = false;
    cs.started = false;
    ev('Warning', 'Failed', `Error: ${run.startError}`);
    ctx.cluster.schedule(now + PLEG_DELAY, 'kubelet.restart', podKeyOf(pod), { uid: pod.metadata!.uid, c: c.name }, false);
    return emits;
  }
  cs.state = { running: { startedAt: nowS } };
  cs.containerID = id;
  cs.started = !c.startupProbe;
  cs.ready = !c.readinessProbe && !c.startupProbe;
  ev('Normal', 'Started', `Started container ${c.name}`);
  if (run.exitAt !== undefined) {
    ctx.cluster.schedule(now + run.exitAt, 'kubelet.exit', podKeyOf(pod), { uid: pod.metadata!.uid, c: c.name, n }, false);
  }
  return emits;
}

/** Start the probes of a container that just started. */
function startProbes(ctx: KubeletContext, pod: KObject, name: string): void {
  const c = findContainer(pod, name);
  const now = ctx.cluster.now();
  const cs = csOf(pod.status || {}, name);
  const n = cs?.restartCount || 0;
  for (const kind of ['readiness', 'liveness', 'startup'] as const) {
    const p = c?.[`${kind}Probe`];
    if (!p) continue;
    if (kind !== 'startup' && c.startupProbe) continue; // they start once the startup probe succeeded
    scheduleProbe(ctx, pod, name, kind, n, now, p, true);
  }
}

function scheduleProbe(ctx: KubeletContext, pod: KObject, name: string, kind: string, n: number, now: number, p: any, first: boolean): void {
  const period = (p.periodSeconds || 10) * 1000;
  const delay = (p.initialDelaySeconds || 0) * 1000;
  const at = first ? now + (delay === 0 ? 0 : Math.ceil(delay / period) * period) : now + period;
  if (kind === 'readiness' && first && at === now) {
    probe(ctx, ctx.cluster.get('pods', pod.metadata!.namespace, pod.metadata!.name!)!, name);
    return;
  }
  const data = kind === 'readiness' ? { uid: pod.metadata!.uid, c: name, n } : { uid: pod.metadata!.uid, c: name, kind, n };
  ctx.cluster.schedule(at, kind === 'readiness' ? 'kubelet.probe' : 'kubelet.health', podKeyOf(pod), data, false);
}

function startContainers(ctx: KubeletContext, pod: KObject, pulledNames: string[]): void {
  const st = kstate(ctx);
  const now = ctx.cluster.now();
  const nowS = timeStr(now);
  const status = shallowStatus2(pod);
  const started: string[] = [];
  const emits: Emit[] = [];
  const startable = (cs: any) => ['ContainerCreating', 'PodInitializing', 'CreateContainerConfigError', 'ErrImagePull', 'ImagePullBackOff'].includes(cs?.state?.waiting?.reason);
  const tryStart = (cs: any, c: any): boolean => {
    const img = resolveImage(c.image);
    if (!pullOutcome(ctx.cluster, c.image).pullable) return false;
    const notHere = !st.present[pod.spec!.nodeName]?.[img.ref];
    const pulled = pulledNames.includes(cs.name) || notHere;
    if (!pulledNames.includes(cs.name) && notHere) {
      emits.push((u) => ctx.recorder.eventRef(source(u), containerRef(u, c.name), 'Normal', 'Pulling', `Pulling image "${c.image}"`));
    } else if (!pulled && cs.state?.waiting?.reason === 'PodInitializing') {
      emits.push((u) => ctx.recorder.eventRef(source(u), containerRef(u, c.name), 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`));
    }
    emits.push(...launch(ctx, pod, cs, c, pulled ? img.size : undefined, false));
    if (cs.state?.running) started.push(cs.name);
    return true;
  };
  let mainsGo = true;
  if (initializing(pod, status)) {
    // init containers run one after the other; a native sidecar (restartPolicy Always) keeps running
    mainsGo = false;
    for (const c of pod.spec?.initContainers || []) {
      const cs = csOf(status, c.name);
      if (!cs) break;
      if (c.restartPolicy === 'Always' && cs.started) continue;
      if (cs.state?.terminated?.exitCode === 0) continue;
      if (startable(cs)) tryStart(cs, c);
      if (c.restartPolicy === 'Always' && cs.state?.running && !c.startupProbe) {
        // a started sidecar lets the next container start on the pod worker's next sync
        cs.started = true;
        ctx.cluster.schedule(now + PLEG_DELAY, 'kubelet.start', podKeyOf(pod), { uid: pod.metadata!.uid, pulled: [] }, false);
      }
      break;
    }
  }
  if (mainsGo) {
    for (const cs of status.containerStatuses || []) {
      if (!startable(cs)) continue;
      const c = (pod.spec?.containers || []).find((x: any) => x.name === cs.name);
      tryStart(cs, c);
    }
  }
  if (!emits.length) return;
  finishStatus(pod, status, nowS, true);
  const updated = writeStatus(ctx, pod, status);
  for (const e of emits) e(updated);
  for (const name of started) startProbes(ctx, ctx.cluster.get('pods', pod.metadata!.namespace, pod.metadata!.name!)!, name);
}

/** A container's process ended by itself (the PLEG sees it exit). */
function containerExited(ctx: KubeletContext, pod: KObject, name: string, n: number): void {
  const now = ctx.cluster.now();
  const nowS = timeStr(now);
  const status = shallowStatus2(pod);
  const cs = csOf(status, name);
  if (!cs?.state?.running || (cs.restartCount || 0) !== n) return;
  const c = findContainer(pod, name);
  const startedAt = parseTime(cs.state.running.startedAt) ?? now;
  const run = runContainer(ctx.cluster, pod, c, startedAt);
  // an exit foreseen by a crash fault that was cleared since: the process runs on
  if (run.exitAt === undefined || startedAt + run.exitAt > now) return;
  const code = run.exitCode ?? 0;
  cs.state = { terminated: { exitCode: code, reason: run.reason ?? (code === 0 ? 'Completed' : 'Error'), startedAt: cs.state.running.startedAt, finishedAt: nowS, containerID: cs.containerID } };
  cs.ready = false;
  cs.started = false;
  finishStatus(pod, status, nowS, true);
  writeStatus(ctx, pod, status);
  const isInit = (pod.spec?.initContainers || []).some((x: any) => x.name === name);
  const next = isInit && c.restartPolicy !== 'Always' && code === 0 ? 'kubelet.start' : 'kubelet.restart';
  ctx.cluster.schedule(now + PLEG_DELAY, next, podKeyOf(pod), { uid: pod.metadata!.uid, c: name, pulled: [] }, false);
}

function shouldRestart(pod: KObject, c: any, cs: any): boolean {
  if (c.restartPolicy === 'Always') return true; // a native sidecar
  const policy = pod.spec?.restartPolicy || 'Always';
  const t = cs.state?.terminated ?? cs.lastState?.terminated;
  if (policy === 'Always') return true;
  if (policy === 'OnFailure') return (t?.exitCode ?? 0) !== 0;
  return false;
}

/**
 * The pod worker's sync after a container ended (computePodActions + doBackOff): start it again,
 * or report CrashLoopBackOff while the restart back-off (10 s doubling to 5 min) runs.
 */
function syncRestart(ctx: KubeletContext, pod: KObject, name: string): void {
  const st = kstate(ctx);
  const cfg = ctx.cluster.state.config;
  const now = ctx.cluster.now();
  const nowS = timeStr(now);
  if (isTerminalPhase(pod)) return;
  const status = shallowStatus2(pod);
  const cs = csOf(status, name);
  const c = findContainer(pod, name);
  if (!cs || !c) return;
  const w = cs.state?.waiting?.reason;
  if (!cs.state?.terminated && w !== 'CrashLoopBackOff' && w !== 'RunContainerError') return;
  const isInit = (pod.spec?.initContainers || []).some((x: any) => x.name === name);
  if (!shouldRestart(pod, c, cs)) {
    if (w === 'RunContainerError') {
      cs.state = { terminated: cs.lastState.terminated };
      cs.lastState = {};
      finishStatus(pod, status, nowS, true);
      writeStatus(ctx, pod, status);
    }
    return;
  }
  if (isInit && c.restartPolicy !== 'Always' && (!initializing(pod, status) || cs.state?.terminated?.exitCode === 0)) return;
  const last = cs.state?.terminated ?? cs.lastState?.terminated;
  const ts = parseTime(last?.finishedAt) ?? now;
  const b = backoffOf(st, pod);
  const key = `ctr:${name}`;
  const e = b[key];
  const expired = (t: number) => !e || t - e[1] > cfg.backoffMax * 2;
  if (!expired(ts) && now - ts < e![0]) {
    // doBackOff: still backing off
    const msg = `back-off ${goDuration(e![0])} restarting failed container=${name} pod=${pod.metadata!.name}_${pod.metadata!.namespace}(${pod.metadata!.uid})`;
    if (cs.state?.terminated) cs.lastState = { terminated: cs.state.terminated };
    const changed = w !== 'CrashLoopBackOff' || cs.state?.waiting?.message !== msg;
    cs.state = { waiting: { reason: 'CrashLoopBackOff', message: msg } };
    if (changed) {
      finishStatus(pod, status, nowS, true);
      pod = writeStatus(ctx, pod, status);
    }
    ctx.recorder.eventRef(source(pod), containerRef(pod, name), 'Warning', 'BackOff',
      `Back-off restarting failed container ${name} in pod ${pod.metadata!.name}_${pod.metadata!.namespace}(${pod.metadata!.uid})`);
    ctx.cluster.schedule(now + RESYNC_PERIOD, 'kubelet.restart', podKeyOf(pod), { uid: pod.metadata!.uid, c: name }, false);
    return;
  }
  b[key] = expired(ts) ? [cfg.backoffInitial, now] : [Math.min(e![0] * 2, cfg.backoffMax), now];
  if (!cs.state?.terminated && cs.lastState?.terminated) cs.state = { terminated: cs.lastState.terminated };
  const emits = launch(ctx, pod, cs, c, undefined, true);
  if (isInit && c.restartPolicy === 'Always' && cs.state?.running && !c.startupProbe) cs.started = true;
  finishStatus(pod, status, nowS, true);
  const updated = writeStatus(ctx, pod, status);
  for (const em of emits) em(updated);
  if (cs.state?.running) startProbes(ctx, updated, name);
}

function isTerminalPhase(pod: KObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function backoffOf(st: KubeletState, pod: KObject): Record<string, [number, number]> {
  return (st.backoff[pod.metadata!.uid!] ||= {});
}

function pullFailed(ctx: KubeletContext, pod: KObject): void {
  const st = kstate(ctx);
  const cfg = ctx.cluster.state.config;
  const now = ctx.cluster.now();
  const nowS = timeStr(now);
  const status = shallowStatus2(pod);
  const failed: { name: string; image: string; error: string }[] = [];
  const first = new Set(firstBatch(pod).map((c: any) => c.name));
  for (const cs of [...(status.initContainerStatuses || []), ...(status.containerStatuses || [])]) {
    const c = findContainer(pod, cs.name);
    const img = resolveImage(c.image);
    const w = cs.state?.waiting;
    const pulled = pullOutcome(ctx.cluster, c.image);
    if (!w || pulled.pullable) continue;
    if (w.reason === 'ErrImageNeverPull') continue;
    // with init containers, only the one being started pulls
    if (w.reason === 'PodInitializing' && !first.has(cs.name)) continue;
    // flowcontrol.Backoff.Next: initial, then doubling to the max; reset after 2x max idle
    const b = backoffOf(st, pod);
    const e = b[c.image];
    if (!e || now - e[1] > cfg.backoffMax * 2) b[c.image] = [cfg.backoffInitial, now];
    else b[c.image] = [Math.min(e[0] * 2, cfg.backoffMax), now];
    cs.state = { waiting: { reason: 'ErrImagePull', message: pulled.error } };
    failed.push({ name: cs.name, image: c.image, error: pulled.error! });
  }
  if (!failed.length) return;
  finishStatus(pod, status, nowS, true);
  const updated = writeStatus(ctx, pod, status);
  for (const f of failed) {
    const ref = containerRef(updated, f.name);
    ctx.recorder.eventRef(source(updated), ref, 'Warning', 'Failed', `Failed to pull image "${f.image}": ${f.error}`);
    ctx.recorder.eventRef(source(updated), ref, 'Warning', 'Failed', 'Error: ErrImagePull');
  }
  ctx.cluster.schedule(now + BACKOFF_SYNC_DELAY, 'kubelet.sync', podKeyOf(pod), { uid: pod.metadata!.uid }, false);
}

/** A pod worker sync while an image pull is failing: report back-off, or pull again once it expired. */
function backoffSync(ctx: KubeletContext, pod: KObject): void {
  const st = kstate(ctx);
  const cfg = ctx.cluster.state.config;
  const now = ctx.cluster.now();
  const nowS = timeStr(now);
  const status = shallowStatus2(pod);
  const inBackoff: { name: string; image: string }[] = [];
  const pulling: { name: string; image: string }[] = [];
  for (const cs of [...(status.initContainerStatuses || []), ...(status.containerStatuses || [])]) {
    const w = cs.state?.waiting;
    if (!w || (w.reason !== 'ErrImagePull' && w.reason !== 'ImagePullBackOff')) continue;
    const c = findContainer(pod, cs.name);
    const e = backoffOf(st, pod)[c.image];
    // IsInBackOffSinceUpdate
    if (e && now - e[1] < e[0]) {
      cs.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` } };
      inBackoff.push({ name: cs.name, image: c.image });
    } else {
      pulling.push({ name: cs.name, image: c.image });
    }
  }
  if (!inBackoff.length && !pulling.length) return;
  finishStatus(pod, status, nowS, true);
  const updated = writeStatus(ctx, pod, status);
  for (const b of inBackoff) {
    const ref = containerRef(updated, b.name);
    ctx.recorder.eventRef(source(updated), ref, 'Normal', 'BackOff', `Back-off pulling image "${b.image}"`);
    ctx.recorder.eventRef(source(updated), ref, 'Warning', 'Failed', 'Error: ImagePullBackOff');
  }
  const key = podKeyOf(pod);
  const uid = pod.metadata!.uid;
  for (const p of pulling) {
    ctx.recorder.eventRef(source(updated), containerRef(updated, p.name), 'Normal', 'Pulling', `Pulling image "${p.image}"`);
  }
  if (pulling.length) {
    // the registry answers again (a pull fault cleared): the pull succeeds and the container starts
    const fine = pulling.filter((p) => pullOutcome(ctx.cluster, p.image).pullable);
    if (fine.length) {
      const cs = fine.map((p) => findContainer(pod, p.name));
      ctx.cluster.schedule(now + pullTime(ctx, cs), 'kubelet.start', key, { uid, pulled: fine.map((p) => p.name) }, false);
    }
    if (fine.length < pulling.length) ctx.cluster.schedule(now + cfg.pullFailDelay, 'kubelet.pullFailed', key, { uid }, false);
  } else {
    ctx.cluster.schedule(now + RESYNC_PERIOD, 'kubelet.sync', key, { uid }, false);
  }
}

// ---- readiness probes

function probe(ctx: KubeletContext, pod: KObject, name: string): void {
  const st = kstate(ctx);
  const now = ctx.cluster.now();
  const c = (pod.spec?.containers || []).find((x: any) => x.name === name);
  const p = c?.readinessProbe;
  if (!p) return;
  const cs = (pod.status?.containerStatuses || []).find((x: any) => x.name === name);
  if (!cs?.state?.running) return;
  const byPod = (st.probes[pod.metadata!.uid!] ||= {});
  const rec = (byPod[name] ||= { requests: 0, failures: 0, successes: 0 });
  let ok = true;
  let failMsg = '';
  rec.requests++;
  if (p.httpGet || p.exec || p.tcpSocket) {
    const r = runProbe(ctx.cluster, pod, c, p, parseTime(cs.state.running.startedAt) ?? now, now, 'readiness');
    if (!r.ok) { ok = false; failMsg = `Readiness probe failed: ${r.output}`; }
  }
  const successThreshold = p.successThreshold || 1;
  const failureThreshold = p.failureThreshold || 3;
  let ready = cs.ready;
  if (ok) {
    rec.failures = 0;
    rec.successes++;
    if (rec.successes >= successThreshold) ready = true;
  } else {
    rec.successes = 0;
    rec.failures++;
    if (rec.failures >= failureThreshold) ready = false;
    ctx.recorder.eventRef(source(pod), containerRef(pod, name), 'Warning', 'Unhealthy', failMsg);
  }
  if (ready !== cs.ready) {
    const status = shallowStatus(pod);
    const s = status.containerStatuses.find((x: any) => x.name === name);
    s.ready = ready;
    finishStatus(pod, status, timeStr(now), sandboxReadyOf(pod));
    writeStatus(ctx, pod, status);
  }
  // Keep probing while the answer can still change (a healthy container stays healthy: stop once Ready).
  const canChange = (!!p.httpGet && answersChange(c.image)) || imageFault(ctx.cluster, c.image) !== undefined;
  if (!ready || canChange) {
    const n = cs.restartCount || 0;
    ctx.cluster.schedule(now + (p.periodSeconds || 10) * 1000, 'kubelet.probe', podKeyOf(pod), { uid: pod.metadata!.uid, c: name, n }, false);
  }
}

// ---- liveness and startup probes (prober/worker.go against the simulated process)

const PROBE_NAME: Record<string, string> = { liveness: 'Liveness', startup: 'Startup', readiness: 'Readiness' };

function healthProbe(ctx: KubeletContext, pod: KObject, name: string, kind: string, n: number): void {
  const st = kstate(ctx);
  const now = ctx.cluster.now();
  const c = findContainer(pod, name);
  const p = c?.[`${kind}Probe`];
  const cs = csOf(pod.status || {}, name);
  if (!p || !cs?.state?.running || (cs.restartCount || 0) !== n) return;
  const startedAt = parseTime(cs.state.running.startedAt) ?? now;
  const byPod = (st.probes[pod.metadata!.uid!] ||= {});
  const rec = (byPod[`${kind}:${name}`] ||= { requests: 0, failures: 0, successes: 0 });
  rec.requests++;
  const r = runProbe(ctx.cluster, pod, c, p, startedAt, now, kind as 'liveness' | 'startup');
  const failureThreshold = p.failureThreshold || 3;
  if (r.ok) {
    rec.failures = 0;
    rec.successes++;
    if (kind === 'startup') {
      // started: the other probes begin now
      delete byPod[`${kind}:${name}`];
      const status = shallowStatus2(pod);
      const s = csOf(status, name);
      s.started = true;
      if (!c.readinessProbe) s.ready = true;
      finishStatus(pod, status, timeStr(now), sandboxReadyOf(pod));
      const updated = writeStatus(ctx, pod, status);
      for (const k of ['readiness', 'liveness']) if (c[`${k}Probe`]) scheduleProbe(ctx, updated, name, k, n, now, c[`${k}Probe`], true);
      return;
    }
  } else {
    rec.successes = 0;
    rec.failures++;
    ctx.recorder.eventRef(source(pod), containerRef(pod, name), 'Warning', 'Unhealthy', `${PROBE_NAME[kind]} probe failed: ${r.output}`);
    if (rec.failures >= failureThreshold) {
      delete byPod[`${kind}:${name}`];
      ctx.recorder.eventRef(source(pod), containerRef(pod, name), 'Normal', 'Killing', `Container ${name} failed ${kind} probe, will be restarted`);
      const grace = (p.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
      const [delay, code] = stopOutcome(processArgv(ctx, pod, c), grace);
      ctx.cluster.schedule(now + delay, 'kubelet.killed', podKeyOf(pod), { uid: pod.metadata!.uid, c: name, n, code }, false);
      return;
    }
  }
  scheduleProbe(ctx, pod, name, kind, n, now, p, false);
}

function processArgv(ctx: KubeletContext, pod: KObject, c: any): string[] {
  return processInput(ctx.cluster, pod, c, ctx.cluster.now()).argv;
}

/** A container the kubelet stopped (failed liveness or startup probe) is gone: start it again. */
function containerKilled(ctx: KubeletContext, pod: KObject, name: string, n: number, code: number): void {
  const now = ctx.cluster.now();
  const nowS = timeStr(now);
  const status = shallowStatus2(pod);
  const cs = csOf(status, name);
  if (!cs?.state?.running || (cs.restartCount || 0) !== n) return;
  cs.state = { terminated: { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: cs.state.running.startedAt, finishedAt: nowS, containerID: cs.containerID } };
  cs.ready = false;
  cs.started = false;
  finishStatus(pod, status, nowS, true);
  const updated = writeStatus(ctx, pod, status);
  syncRestart(ctx, updated, name);
}

// ---- termination

function startTermination(ctx: KubeletContext, pod: KObject): void {
  const st = kstate(ctx);
  const key = podKeyOf(pod);
  const uid = pod.metadata!.uid!;
  if (st.killing[key] === uid) return;
  st.killing[key] = uid;
  for (const cs of pod.status?.containerStatuses || []) {
    if (cs.state?.running) {
      ctx.recorder.eventRef(source(pod), containerRef(pod, cs.name), 'Normal', 'Killing', `Stopping container ${cs.name}`);
    }
  }
  const cfg = ctx.cluster.state.config;
  const now = ctx.cluster.now();
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  const delay = typeof grace === 'number' ? Math.min(cfg.terminationDelay, grace * 1000) : cfg.terminationDelay;
  if (delay <= 0) ctx.cluster.remove('pods', pod.metadata!.namespace, pod.metadata!.name!);
  else ctx.cluster.schedule(now + delay, 'kubelet.terminated', key, { uid }, false);
}

/** Forget everything about a pod that left the store. */
export function forgetPod(ctx: ControllerContext, pod: KObject): void {
  const st = kstate(ctx);
  const key = podKeyOf(pod);
  const uid = pod.metadata?.uid;
  releaseIP(ctx, pod);
  if (st.killing[key] === uid) delete st.killing[key];
  if (uid) {
    delete st.backoff[uid];
    delete st.probes[uid];
    forgetSessions(ctx.cluster, uid);
  }
}
