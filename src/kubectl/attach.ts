// What `kubectl run -i/-t/--attach` does after creating the pod: wait for it to run (virtual time in
// manual mode), attach to its container (here: run the container's command in the simulated shell,
// src/sim/shell, with our stdin), then with --rm delete the pod.
// kubesim: the container's process is the simulated command, so its output is what attaching shows.
import type { KObject } from '../api/types.js';
import type { Session } from '../store/session.js';
import { RawError, UserError } from '../api/errors.js';
import { parseTime } from '../sim/clock.js';

const WAIT_MS = 60_000;

/** argv of the container's process: command + args, or the image's default command (a shell). */
export function containerArgv(container: any): string[] {
  const cmd: string[] = container.command || [];
  const args: string[] = container.args || [];
  if (cmd.length) return [...cmd, ...args];
  if (args.length) return args;
  return ['sh'];
}

export interface AttachResult { code: number }

export async function attachToRunPod(s: Session, pod: KObject, stdin: string, out: (t: string) => void, err: (t: string) => void, quiet = false): Promise<AttachResult> {
  const ns = pod.metadata!.namespace!;
  const name = pod.metadata!.name!;
  const running = () => {
    const p = s.cluster.get('pods', ns, name);
    return !!p && ((p.status?.containerStatuses || [])[0]?.state?.running !== undefined || p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded');
  };
  await s.advance(s.cluster.now() + WAIT_MS, running);
  const p = s.cluster.get('pods', ns, name);
  const state = (p?.status?.containerStatuses || [])[0]?.state;
  // a short command may have ended already (the kubelet runs it too): attaching shows its output all the same
  if (!p || !(state?.running || state?.terminated)) throw new UserError('error: timed out waiting for the condition');
  // a pod still running is attached to, with attach's prompt; one already completed has its logs streamed instead
  if (state.running && !quiet) err("If you don't see a command prompt, try pressing enter.\n");
  const { openContainer, execArgv, ExecStartError } = await import('../sim/shell/run.js');
  const container = p.spec.containers[0];
  const c = openContainer({ cluster: s.cluster, pod: p, container, sleep: async (ms) => { await s.advance(s.cluster.now() + (Number.isFinite(ms) ? ms : WAIT_MS)); }, manager: () => s.manager() });
  // what the container's process prints (both streams) is also its log
  let printed = '';
  try {
    const r = await execArgv(c, containerArgv(container), stdin, { out: (t) => { printed += t; out(t); }, err: (t) => { printed += t; err(t); } });
    // a stdinOnce shell still running ends with the session (its stdin closes): the kubelet records its status
    const st = (p.status?.containerStatuses || [])[0];
    if (container.stdin && container.stdinOnce && st?.state?.running) {
      const { endAttachSession } = await import('../controllers/kubelet/runtime.js');
      endAttachSession(s.cluster, p, container.name, parseTime(st.state.running.startedAt) ?? s.cluster.now(), st.restartCount ?? 0, r.code, printed);
    }
    return { code: r.code };
  } catch (e) {
    if (e instanceof ExecStartError) {
      err(`${e.message}\n`);
      return { code: 128 };
    }
    throw e;
  }
}

/**
 * RunOptions.Run after attaching with restart Never or OnFailure: waitForPod (podCompleted, or podSucceeded
 * for OnFailure; --pod-running-timeout's minute), then the first container's exit code: a failed pod is
 * `pod NS/NAME terminated (Reason)` with that code (uexec.CodeExitError), or "failed with unknown exit code".
 */
export async function runPodExitError(s: Session, pod: KObject, restart: string): Promise<Error | undefined> {
  const ns = pod.metadata!.namespace!;
  const name = pod.metadata!.name!;
  const phase = () => s.cluster.get('pods', ns, name)?.status?.phase;
  const done = () => phase() === 'Succeeded' || (restart === 'Never' && phase() === 'Failed');
  await s.advance(s.cluster.now() + WAIT_MS, done);
  if (!done()) return new UserError('error: timed out waiting for the condition');
  const p = s.cluster.get('pods', ns, name)!;
  if (p.status?.phase !== 'Failed') return undefined;
  const unknown = new UserError(`error: pod ${ns}/${name} failed with unknown exit code`);
  const term = (p.status?.containerStatuses || [])[0]?.state?.terminated;
  if (!term || !term.exitCode) return unknown;
  return new RawError(`pod ${ns}/${name} terminated (${term.reason ?? ''})\n${term.message ?? ''}`, term.exitCode);
}

/** getContainerStatusByName: init, regular or ephemeral */
function containerStatus(pod: KObject | undefined, name: string): any {
  const st = pod?.status || {};
  return [...(st.initContainerStatuses || []), ...(st.containerStatuses || []), ...(st.ephemeralContainerStatuses || [])].find((c: any) => c.name === name);
}

/**
 * kubectl debug's handleAttachPod: waitForContainer (its waiting messages as warnings), then attach:
 * the container's process runs in the simulated shell with our stdin. An ephemeral container that
 * kept stdin open ends with the session (it is never restarted).
 */
export async function attachToDebugContainer(s: Session, ns: string, name: string, containerName: string, stdin: string,
  io: { out: (t: string) => void; err: (t: string) => void; warn: (t: string) => void }): Promise<AttachResult> {
  const { pod: p, status: st } = await waitForContainer(s, ns, name, containerName, io.warn);
  const { openContainer, execArgv, ExecStartError } = await import('../sim/shell/run.js');
  const { findContainer } = await import('../controllers/kubelet/runtime.js');
  const container = findContainer(p, containerName);
  const c = openContainer({ cluster: s.cluster, pod: p, container, sleep: async (ms) => { await s.advance(s.cluster.now() + (Number.isFinite(ms) ? ms : WAIT_MS)); }, manager: () => s.manager() });
  let code: number;
  try {
    code = (await execArgv(c, containerArgv(container), stdin, { out: io.out, err: io.err })).code;
  } catch (e) {
    if (!(e instanceof ExecStartError)) throw e;
    io.err(`${e.message}\n`);
    code = 128;
  }
  const ephemeral = (p.spec?.ephemeralContainers || []).some((x: any) => x.name === containerName);
  if (ephemeral && container.stdin && st.state.running) {
    const { ephemeralSessionEnded } = await import('../controllers/kubelet/ephemeral.js');
    ephemeralSessionEnded(s.cluster, p, containerName, code);
  }
  return { code };
}

/** waitForContainer: until the container runs (or already ended); a waiting message is printed once as a warning. */
export async function waitForContainer(s: Session, ns: string, name: string, containerName: string, warn: (m: string) => void): Promise<{ pod: KObject; status: any }> {
  const io = { warn };
  const warned = new Set<string>();
  const ready = () => {
    const p = s.cluster.get('pods', ns, name);
    const st = containerStatus(p, containerName);
    const msg = st?.state?.waiting?.message;
    if (msg && !warned.has(msg)) { warned.add(msg); io.warn(`container ${containerName}: ${msg}`); }
    return !p || !!(st?.state?.running || st?.state?.terminated);
  };
  if (!ready()) await s.advance(s.cluster.now() + WAIT_MS, ready);
  const p = s.cluster.get('pods', ns, name);
  if (!p) throw new UserError('Error from server (NotFound): pods "" not found');
  const st = containerStatus(p, containerName);
  if (!(st?.state?.running || st?.state?.terminated)) throw new UserError('error: timed out waiting for the condition');
  return { pod: p, status: st };
}

/** attach.go reattachMessage: printed after an interactive terminal session. */
export function reattachMessage(pod: KObject, containerName: string): string {
  if ((pod.spec?.restartPolicy || 'Always') !== 'Always') return '';
  if ((pod.spec?.ephemeralContainers || []).some((c: any) => c.name === containerName)) {
    return `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${pod.metadata!.name} -c ${containerName} -i -t' if it is still running\n`;
  }
  return `Session ended, resume using 'kubectl attach ${pod.metadata!.name} -c ${containerName} -i -t' command when the pod is running\n`;
}
