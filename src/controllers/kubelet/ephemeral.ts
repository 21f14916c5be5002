// The kubelet's side of ephemeral containers (kuberuntime_manager computePodActions
// EphemeralContainersToStart): an ephemeral container added to a running pod through the
// pods/ephemeralcontainers subresource is pulled, created and started once, with the kubelet's
// events (fieldPath spec.ephemeralContainers{NAME}), and reported in status.ephemeralContainerStatuses.
// It is never restarted: when its process ends it stays terminated.
// A module of its own (timers `ephemeralcontainers.<step>`) so the main kubelet needs no hooks.
import type { KObject } from '../../api/types.js';
import type { ControllerModule } from '../module.js';
import type { ManagerContext } from '../manager.js';
import { refOf } from '../events.js';
import { resolveImage } from '../images.js';
import { podKeyOf, splitKey, timeStr } from '../podutil.js';
import { pullOutcome } from './pull.js';
import { runContainer } from './runtime.js';
import { goDurationString } from '../../sim/clock.js';
import { createHash } from 'node:crypto';

const NAME = 'ephemeralcontainers';
/** the PLEG relists every second */
const PLEG_DELAY = 1000;

/** the main kubelet's bookkeeping (kubelet.ts): only `present` (images pulled per node) is shared */
interface KubeletImages { present: Record<string, Record<string, true>> }
function presentImages(ctx: ManagerContext, node: string): Record<string, true> {
  const st = ctx.cluster.controllerState<KubeletImages & Record<string, unknown>>('kubelet', () => ({ ipam: {}, backoff: {}, present: {}, killing: {}, probes: {} }));
  return (st.present[node] ||= {});
}

const source = (pod: KObject) => ({ component: 'kubelet', host: pod.spec?.nodeName as string });
const ref = (pod: KObject, name: string) => refOf(pod, `spec.ephemeralContainers{${name}}`);

function containerID(pod: KObject, name: string): string {
  return 'containerd://' + createHash('sha256').update(`${pod.metadata?.uid}/${name}/0`).digest('hex');
}

/** Is the pod one whose kubelet starts containers (bound, started, not terminal, not going away)? */
function active(pod: KObject | undefined): pod is KObject {
  const phase = pod?.status?.phase;
  return !!pod?.spec?.nodeName && !!pod.status?.startTime && !pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

/** ephemeral containers of the spec without a status yet */
function unstarted(pod: KObject): any[] {
  const seen = new Set((pod.status?.ephemeralContainerStatuses || []).map((s: any) => s.name));
  return (pod.spec?.ephemeralContainers || []).filter((c: any) => !seen.has(c.name));
}

function writeStatuses(ctx: ManagerContext, pod: KObject, statuses: any[]): KObject {
  return ctx.cluster.updateStatus('pods', { ...pod, status: { ...pod.status, ephemeralContainerStatuses: statuses } });
}

function statusesOf(pod: KObject): any[] {
  return (pod.status?.ephemeralContainerStatuses || []).map((s: any) => ({ ...s }));
}

/** The pod worker's sync: new ephemeral containers are reported waiting and their images pulled. */
function sync(ctx: ManagerContext, key: string): void {
  const [ns, name] = splitKey(key);
  const pod = ctx.cluster.get('pods', ns, name);
  if (!active(pod)) return;
  const todo = unstarted(pod);
  if (!todo.length) return;
  const cfg = ctx.cluster.state.config;
  const now = ctx.cluster.now();
  const present = presentImages(ctx, pod.spec!.nodeName);
  const statuses = statusesOf(pod);
  const plans: { c: any; pull: boolean; fail?: string }[] = [];
  for (const c of todo) {
    const img = resolveImage(c.image);
    const policy = c.imagePullPolicy || (img.ref.endsWith(':latest') ? 'Always' : 'IfNotPresent');
    const out = pullOutcome(ctx.cluster, c.image);
    plans.push({ c, pull: policy === 'Always' || !present[img.ref], fail: out.pullable ? undefined : out.error });
    statuses.push({ name: c.name, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image: c.image, imageID: '' });
  }
  const updated = writeStatuses(ctx, pod, statuses);
  for (const p of plans) {
    if (p.pull) ctx.recorder.eventRef(source(updated), ref(updated, p.c.name), 'Normal', 'Pulling', `Pulling image "${p.c.image}"`);
    else ctx.recorder.eventRef(source(updated), ref(updated, p.c.name), 'Normal', 'Pulled', `Container image "${p.c.image}" already present on machine`);
    const at = now + (p.fail ? cfg.pullFailDelay : Math.max(cfg.startDelay, p.pull ? pullOutcome(ctx.cluster, p.c.image).duration ?? 0 : 0));
    ctx.cluster.schedule(at, `${NAME}.${p.fail ? 'pullFailed' : 'start'}`, key, { uid: pod.metadata!.uid, c: p.c.name, pulled: p.pull }, false);
  }
}

function livePod(ctx: ManagerContext, key: string, data: any): KObject | undefined {
  const [ns, name] = splitKey(key);
  const pod = ctx.cluster.get('pods', ns, name);
  return active(pod) && pod.metadata?.uid === data?.uid ? pod : undefined;
}

/** startContainer for an ephemeral container: Pulled, Created, Started; its process' end is an exit timer. */
function start(ctx: ManagerContext, pod: KObject, name: string, pulled: boolean): void {
  const cfg = ctx.cluster.state.config;
  const now = ctx.cluster.now();
  const c = (pod.spec?.ephemeralContainers || []).find((x: any) => x.name === name);
  const statuses = statusesOf(pod);
  const cs = statuses.find((s) => s.name === name);
  if (!c || !cs?.state?.waiting) return;
  const img = resolveImage(c.image);
  presentImages(ctx, pod.spec!.nodeName)[img.ref] = true;
  const run = runContainer(ctx.cluster, pod, c, now);
  const events: [string, string, string][] = [];
  if (pulled) {
    const d = goDurationString(Math.max(0, (pullOutcome(ctx.cluster, c.image).duration ?? cfg.startDelay) - 300));
    events.push(['Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${d} (${d} including waiting). Image size: ${img.size} bytes.`]);
  }
  events.push(['Normal', 'Created', `Created container: ${name}`]);
  const id = containerID(pod, name);
  cs.image = img.ref;
  cs.imageID = img.imageID;
  cs.containerID = id;
  if (run.startError) {
    // never restarted: the start error is final
    cs.state = { terminated: { exitCode: 128, reason: 'StartError', message: run.startError, startedAt: '1970-01-01T00:00:00Z', finishedAt: timeStr(now), containerID: id } };
    events.push(['Warning', 'Failed', `Error: ${run.startError}`]);
  } else {
    cs.state = { running: { startedAt: timeStr(now) } };
    events.push(['Normal', 'Started', `Started container ${name}`]);
  }
  const updated = writeStatuses(ctx, pod, statuses);
  for (const [type, reason, msg] of events) ctx.recorder.eventRef(source(updated), ref(updated, name), type as 'Normal' | 'Warning', reason, msg);
  // a container that keeps stdin open waits for its attached session (sessionEnded) instead
  if (!run.startError && !c.stdin && run.exitAt !== undefined) {
    ctx.cluster.schedule(now + run.exitAt + PLEG_DELAY, `${NAME}.exit`, podKeyOf(pod), { uid: pod.metadata!.uid, c: name, code: run.exitCode ?? 0, reason: run.reason }, false);
  }
}

function exit(ctx: ManagerContext, pod: KObject, name: string, code: number, reason?: string): void {
  const statuses = statusesOf(pod);
  const cs = statuses.find((s) => s.name === name);
  if (!cs?.state?.running) return;
  const now = ctx.cluster.now();
  cs.state = { terminated: { exitCode: code, reason: reason ?? (code === 0 ? 'Completed' : 'Error'), startedAt: cs.state.running.startedAt, finishedAt: timeStr(now), containerID: cs.containerID } };
  writeStatuses(ctx, pod, statuses);
}

function pullFailed(ctx: ManagerContext, pod: KObject, name: string): void {
  const c = (pod.spec?.ephemeralContainers || []).find((x: any) => x.name === name);
  const statuses = statusesOf(pod);
  const cs = statuses.find((s) => s.name === name);
  if (!c || !cs?.state?.waiting) return;
  const out = pullOutcome(ctx.cluster, c.image);
  if (out.pullable) return start(ctx, pod, name, true);
  cs.state = { waiting: { reason: 'ErrImagePull', message: out.error } };
  const updated = writeStatuses(ctx, pod, statuses);
  ctx.recorder.eventRef(source(updated), ref(updated, name), 'Warning', 'Failed', `Failed to pull image "${c.image}": ${out.error}`);
  ctx.recorder.eventRef(source(updated), ref(updated, name), 'Warning', 'Failed', 'Error: ErrImagePull');
}

/** The attached session of a stdin-holding ephemeral container ended: its process exits with `code`. */
export function ephemeralSessionEnded(cluster: { now(): number; schedule(at: number, kind: string, key: string, data?: any, replace?: boolean): void }, pod: KObject, name: string, code: number): void {
  cluster.schedule(cluster.now() + PLEG_DELAY, `${NAME}.exit`, podKeyOf(pod), { uid: pod.metadata!.uid, c: name, code }, false);
}

export const ephemeralContainersModule: ControllerModule = {
  name: NAME,
  watch: {
    pods: (type, pod, _old, q) => {
      if (type !== 'DELETED' && active(pod) && unstarted(pod).length) q.add(NAME, podKeyOf(pod));
    },
  },
  start(ctx, q) {
    for (const pod of ctx.cluster.list('pods')) if (active(pod) && unstarted(pod).length) q.add(NAME, podKeyOf(pod));
  },
  sync,
  fire(ctx, step, key, data: any) {
    const pod = livePod(ctx, key, data);
    if (!pod) return;
    if (step === 'start') start(ctx, pod, data.c, !!data.pulled);
    else if (step === 'pullFailed') pullFailed(ctx, pod, data.c);
    else if (step === 'exit') exit(ctx, pod, data.c, data.code, data.reason);
  },
};
