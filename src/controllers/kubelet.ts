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
import { createHash } from 'node:crypto';

export type KubeletContext = ControllerContext & { recorder: KubesimEventRecorder };

/** kubesim: a pod sync after a failed pull reports ImagePullBackOff this long after ErrImagePull. */
const BACKOFF_SYNC_DELAY = 2000;
/** pod worker resync while in back-off */
const RESYNC_PERIOD = 10_000;

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

/** Go's time.Duration String() for millisecond values: 850ms, 1.2s, 1m1.5s. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const fmtSec = (s: number) => `${parseFloat(s.toFixed(3))}s`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  if (h) return `${h}h${m}m${fmtSec(s)}`;
  if (m) return `${m}m${fmtSec(s)}`;
  return fmtSec(s);
}

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
  return c;
}

/** Recompute phase and conditions from the container statuses (kubelet generateAPIPodStatus). */
function finishStatus(pod: KObject, status: any, now: string, sandboxReady: boolean): void {
  const statuses: any[] = status.containerStatuses || [];
  const waiting = statuses.some((c) => c.state?.waiting);
  status.phase = waiting ? 'Pending' : 'Running';
  const unready = statuses.filter((c) => !c.ready).map((c) => c.name);
  const old = pod.status || {};
  const conds: Cond[] = [];
  conds.push(cond(getCondition(old, 'PodReadyToStartContainers'), 'PodReadyToStartContainers', sandboxReady ? 'True' : 'False', now));
  conds.push(cond(getCondition(old, 'Initialized'), 'Initialized', 'True', now));
  const msg = unready.length ? `containers with unready status: [${unready.join(' ')}]` : undefined;
  conds.push(cond(getCondition(old, 'Ready'), 'Ready', unready.length ? 'False' : 'True', now, msg && 'ContainersNotReady', msg));
  conds.push(cond(getCondition(old, 'ContainersReady'), 'ContainersReady', unready.length ? 'False' : 'True', now, msg && 'ContainersNotReady', msg));
  conds.push(cond(getCondition(old, 'PodScheduled'), 'PodScheduled', 'True', now));
  // conditions owned by others (readiness gates, DisruptionTarget ...) follow
  for (const c of old.conditions || []) {
    if (!['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].includes(c.type)) conds.push(c);
  }
  status.conditions = conds;
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

function admitPod(ctx: KubeletContext, pod: KObject): void {
  const st = kstate(ctx);
  const cfg = ctx.cluster.state.config;
  const now = ctx.cluster.now();
  const nowS = timeStr(now);
  const key = podKeyOf(pod);
  const nodeName: string = pod.spec!.nodeName;
  const node = ctx.cluster.get('nodes', undefined, nodeName);
  const hostIP = nodeInternalIP(node);
  const podIP = pod.spec?.hostNetwork ? hostIP : allocateIP(ctx, nodeName, key);
  const uid = pod.metadata!.uid!;
  const present = (st.present[nodeName] ||= {});

  // EnsureImageExists, decided per container: already present, pull (and succeed or fail), or never
  type Plan = 'present' | 'pull' | 'fail' | 'never';
  const plans: { c: any; plan: Plan }[] = [];
  for (const c of pod.spec?.containers || []) {
    const img = resolveImage(c.image);
    const policy = c.imagePullPolicy || (img.ref.endsWith(':latest') ? 'Always' : 'IfNotPresent');
    let plan: Plan;
    if (policy !== 'Always' && present[img.ref]) plan = 'present';
    else if (policy === 'Never') plan = 'never';
    else plan = img.pullable ? 'pull' : 'fail';
    plans.push({ c, plan });
  }
  const containerStatuses = plans.map(({ c, plan }) => ({
    name: c.name,
    state: {
      waiting: plan === 'never'
        ? { reason: 'ErrImageNeverPull', message: `Container image "${c.image}" is not present with pull policy of Never` }
        : { reason: 'ContainerCreating' },
    },
    lastState: {},
    ready: false,
    restartCount: 0,
    image: c.image,
    imageID: '',
    started: false,
  }));
  const status: any = {
    ...(pod.status || {}),
    hostIP,
    hostIPs: hostIP ? [{ ip: hostIP }] : undefined,
    podIP,
    podIPs: podIP ? [{ ip: podIP }] : undefined,
    startTime: nowS,
    containerStatuses,
  };
  finishStatus(pod, status, nowS, false);
  const updated = writeStatus(ctx, pod, status);

  const src = source(updated);
  for (const { c, plan } of plans) {
    const ref = containerRef(updated, c.name);
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
    ctx.cluster.schedule(now + cfg.startDelay, 'kubelet.start', key, { uid, pulled }, false);
  }
  if (plans.some((p) => p.plan === 'fail')) ctx.cluster.schedule(now + cfg.pullFailDelay, 'kubelet.pullFailed', key, { uid }, false);
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
    case 'probe': return probe(ctx, pod, data.c);
  }
}

function startContainers(ctx: KubeletContext, pod: KObject, pulledNames: string[]): void {
  const st = kstate(ctx);
  const cfg = ctx.cluster.state.config;
  const now = ctx.cluster.now();
  const nowS = timeStr(now);
  const nodeName: string = pod.spec!.nodeName;
  const present = (st.present[nodeName] ||= {});
  const status = shallowStatus(pod);
  const started: { name: string; pulled?: number; image: string }[] = [];
  for (const cs of status.containerStatuses || []) {
    const w = cs.state?.waiting;
    if (!w || (w.reason !== 'ContainerCreating')) continue;
    const c = (pod.spec?.containers || []).find((x: any) => x.name === cs.name);
    const img = resolveImage(c.image);
    if (!img.pullable) continue;
    const pulled = pulledNames.includes(cs.name);
    present[img.ref] = true;
    cs.state = { running: { startedAt: nowS } };
    cs.image = img.ref;
    cs.imageID = img.imageID;
    cs.containerID = containerID(pod, cs.name, cs.restartCount || 0);
    cs.started = true;
    cs.ready = !c.readinessProbe;
    started.push({ name: cs.name, pulled: pulled ? img.size : undefined, image: c.image });
  }
  if (!started.length) return;
  finishStatus(pod, status, nowS, true);
  const updated = writeStatus(ctx, pod, status);
  const pullMs = Math.max(0, cfg.startDelay - 300);
  for (const s of started) {
    const ref = containerRef(updated, s.name);
    if (s.pulled !== undefined) {
      const d = goDuration(pullMs);
      ctx.recorder.eventRef(source(updated), ref, 'Normal', 'Pulled', `Successfully pulled image "${s.image}" in ${d} (${d} including waiting). Image size: ${s.pulled} bytes.`);
    }
    ctx.recorder.eventRef(source(updated), ref, 'Normal', 'Created', `Created container: ${s.name}`);
    ctx.recorder.eventRef(source(updated), ref, 'Normal', 'Started', `Started container ${s.name}`);
  }
  // readiness probes start with the container
  for (const s of started) {
    const c = (pod.spec?.containers || []).find((x: any) => x.name === s.name);
    if (!c.readinessProbe) continue;
    const p = c.readinessProbe;
    const period = (p.periodSeconds || 10) * 1000;
    const delay = (p.initialDelaySeconds || 0) * 1000;
    const first = delay === 0 ? 0 : Math.ceil(delay / period) * period;
    if (first === 0) probe(ctx, ctx.cluster.get('pods', pod.metadata!.namespace, pod.metadata!.name!)!, s.name);
    else ctx.cluster.schedule(now + first, 'kubelet.probe', podKeyOf(pod), { uid: pod.metadata!.uid, c: s.name }, false);
  }
}

function backoffOf(st: KubeletState, pod: KObject): Record<string, [number, number]> {
  return (st.backoff[pod.metadata!.uid!] ||= {});
}

function pullFailed(ctx: KubeletContext, pod: KObject): void {
  const st = kstate(ctx);
  const cfg = ctx.cluster.state.config;
  const now = ctx.cluster.now();
  const nowS = timeStr(now);
  const status = shallowStatus(pod);
  const failed: { name: string; image: string; error: string }[] = [];
  for (const cs of status.containerStatuses || []) {
    const c = (pod.spec?.containers || []).find((x: any) => x.name === cs.name);
    const img = resolveImage(c.image);
    const w = cs.state?.waiting;
    if (!w || img.pullable) continue;
    if (w.reason === 'ErrImageNeverPull') continue;
    // flowcontrol.Backoff.Next: initial, then doubling to the max; reset after 2x max idle
    const b = backoffOf(st, pod);
    const e = b[c.image];
    if (!e || now - e[1] > cfg.backoffMax * 2) b[c.image] = [cfg.backoffInitial, now];
    else b[c.image] = [Math.min(e[0] * 2, cfg.backoffMax), now];
    cs.state = { waiting: { reason: 'ErrImagePull', message: img.error } };
    failed.push({ name: cs.name, image: c.image, error: img.error! });
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
  const status = shallowStatus(pod);
  const inBackoff: { name: string; image: string }[] = [];
  const pulling: { name: string; image: string }[] = [];
  for (const cs of status.containerStatuses || []) {
    const w = cs.state?.waiting;
    if (!w || (w.reason !== 'ErrImagePull' && w.reason !== 'ImagePullBackOff')) continue;
    const c = (pod.spec?.containers || []).find((x: any) => x.name === cs.name);
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
    ctx.cluster.schedule(now + cfg.pullFailDelay, 'kubelet.pullFailed', key, { uid }, false);
  } else {
    ctx.cluster.schedule(now + RESYNC_PERIOD, 'kubelet.sync', key, { uid }, false);
  }
}

// ---- readiness probes

/**
 * The application's answer to an HTTP probe. luksa/kubia:v3 (Kubernetes in Action) answers 500
 * from its sixth request on; everything else is healthy.
 */
function httpProbeResult(image: string, requestNo: number): number {
  const img = resolveImage(image);
  if (img.repo === 'docker.io/luksa/kubia' && img.ref.endsWith(':v3') && requestNo > 5) return 500;
  return 200;
}

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
  if (p.httpGet) {
    rec.requests++;
    const code = httpProbeResult(c.image, rec.requests);
    if (code >= 400) { ok = false; failMsg = `Readiness probe failed: HTTP probe failed with statuscode: ${code}`; }
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
  const canChange = !!p.httpGet && httpProbeResult(c.image, rec.requests + 1000) !== 200;
  if (!ready || canChange) {
    ctx.cluster.schedule(now + (p.periodSeconds || 10) * 1000, 'kubelet.probe', podKeyOf(pod), { uid: pod.metadata!.uid, c: name }, false);
  }
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
  }
}
