// kubectl debug -it on a terminal: after the debug container runs, an interactive session with its
// shell (one line at a time, each its own transaction, as `exec -it` does), then attach's
// reattach message. An ephemeral container's process ends with the session.
import { withCluster, type Session } from '../../store/session.js';
import { stdio, streamStdout, warn } from '../io.js';
import { shellSession, sleeper } from './exec.js';

export interface AttachTarget { ns: string; pod: string; container: string }

export async function interactiveSession(opts: any, t: AttachTarget, quiet: boolean): Promise<void> {
  const { waitForContainer, reattachMessage, containerArgv } = await import('../../kubectl/attach.js');
  const { findContainer } = await import('../../controllers/kubelet/runtime.js');
  const { openContainer, execArgv, ExecStartError, InteractiveShell } = await import('../../sim/shell/run.js');
  streamStdout();
  const argv = await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    const { pod } = await waitForContainer(s, t.ns, t.pod, t.container, (m) => warn(stdio, m));
    return containerArgv(findContainer(pod, t.container));
  });
  if (!quiet) stdio.err("If you don't see a command prompt, try pressing enter.\n");
  const open = (s: Session) => {
    const pod = s.cluster.get('pods', t.ns, t.pod);
    if (!pod) throw new Error('the pod is gone');
    return openContainer({ cluster: s.cluster, pod, container: findContainer(pod, t.container), tty: true, sleep: sleeper(s), manager: () => s.manager() });
  };
  const io = { out: (x: string) => process.stdout.write(x), err: (x: string) => process.stdout.write(x) };
  const exe = String(argv[0]).split('/').pop();
  let code = 0;
  if ((exe === 'sh' || exe === 'bash') && argv.length === 1) {
    code = await shellSession(opts, new InteractiveShell(exe), open);
  } else {
    code = await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
      try {
        return (await execArgv(open(s), argv, '', io)).code;
      } catch (e) {
        if (!(e instanceof ExecStartError)) throw e;
        io.err(`${e.message}\n`);
        return 128;
      }
    });
  }
  await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    const pod = s.cluster.get('pods', t.ns, t.pod);
    if (!pod) return;
    const c = findContainer(pod, t.container);
    if ((pod.spec?.ephemeralContainers || []).some((x: any) => x.name === t.container) && c?.stdin) {
      const { ephemeralSessionEnded } = await import('../../controllers/kubelet/ephemeral.js');
      ephemeralSessionEnded(s.cluster, pod, t.container, code);
    }
    if (!quiet) stdio.out(reattachMessage(pod, t.container));
  });
}
