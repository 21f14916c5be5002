// kubectl attach (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] [-q]: the container's output stream from
// now on. kubesim: the stream is the simulated process' output, followed as `logs -f --tail=0`
// follows it (realtime: as virtual time passes, until the container stops or Ctrl-C; manual mode:
// fast-forwarded to the end of a process that ends by itself).
import { UserError } from '../../api/errors.js';
import { withCluster } from '../../store/session.js';
import { stdio } from '../io.js';
import { flag as f, type FlagSpec } from './createflags.js';
import { argvAfter, parseInvocation } from './creategen.js';

const ATTACH_FLAGS: FlagSpec[] = [
  f('container', 'string', '', { short: 'c' }), f('pod-running-timeout', 'duration', '1m0s'),
  f('quiet', 'bool', false, { short: 'q' }), f('stdin', 'bool', false, { short: 'i' }), f('tty', 'bool', false, { short: 't' }),
];

export async function run(opts: any): Promise<void> {
  const inv = parseInvocation({
    path: 'kubectl attach', flags: ATTACH_FLAGS,
    usage: 'kubectl attach (POD | TYPE/NAME) -c CONTAINER',
    summary: 'Attach to a process that is already running inside an existing container.',
  }, argvAfter([['attach']]), opts);
  const args = inv.p.args;
  if (!args.length) throw inv.usageError('at least 1 argument is required for attach');
  if (args.length > 2) throw inv.usageError(`expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`);
  const ref = args.length === 2 ? `${args[0]}/${args[1]}` : args[0];
  const quiet = inv.bool('quiet');
  const { attachablePod, execContainer } = await import('../../kubectl/exec.js');
  const target = await withCluster({ cluster: opts.cluster, write: false }, (s) => {
    const pod = attachablePod(s.cluster, inv.namespace, ref);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new UserError(`error: cannot attach a container in a completed pod; current phase is ${phase}`);
    let found: ReturnType<typeof execContainer>;
    try {
      found = execContainer(pod, inv.str('container') || undefined, quiet);
    } catch {
      // podcmd.FindOrDefaultContainerByName, on the client
      throw new UserError(`error: cannot attach to the container: container ${inv.str('container')} not found in pod ${pod.metadata!.name}`);
    }
    const { container, notice } = found;
    if (notice) stdio.err(notice);
    // the container was not started with a terminal: kubectl says so and attaches without one
    if (inv.bool('tty') && !container.tty && !quiet) stdio.err(`error: Unable to use a TTY - container ${container.name} did not allocate one\n`);
    if (!quiet) stdio.err("If you don't see a command prompt, try pressing enter.\n");
    // the kubelet's answer to the stream request
    const st = [...(pod.status?.containerStatuses || []), ...(pod.status?.initContainerStatuses || []), ...(pod.status?.ephemeralContainerStatuses || [])].find((x: any) => x.name === container.name);
    if (!st?.state?.running) throw new UserError(`error: unable to upgrade connection: container not found ("${container.name}")`);
    return { pod: pod.metadata!.name!, ns: pod.metadata!.namespace!, container: container.name as string };
  });
  const logs = await import('./logs.js');
  await logs.run([`pod/${target.pod}`], { ...opts, namespace: target.ns, container: target.container, follow: true, tail: '0' });
}
