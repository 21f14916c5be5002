// kubectl cp <file-spec-src> <file-spec-dest> [-c CONTAINER]: files between this machine and a
// container's simulated filesystem (src/kubectl/cp.ts).
import { UserError } from '../../api/errors.js';
import { withCluster } from '../../store/session.js';
import { stdio } from '../io.js';
import { flag as f, type FlagSpec } from './createflags.js';
import { argvAfter, parseInvocation } from './creategen.js';

const CP_FLAGS: FlagSpec[] = [
  f('container', 'string', '', { short: 'c' }), f('no-preserve', 'bool', false), f('retries', 'int', 0),
];

export async function run(opts: any): Promise<void> {
  const inv = parseInvocation({
    path: 'kubectl cp', flags: CP_FLAGS,
    usage: 'kubectl cp <file-spec-src> <file-spec-dest>',
    summary: 'Copy files and directories to and from containers.',
  }, argvAfter([['cp']]), opts);
  const args = inv.p.args;
  if (args.length !== 2) throw new UserError('error: source and destination are required');
  const { extractFileSpec, copyToPod, copyFromPod, flavourOf } = await import('../../kubectl/cp.js');
  const src = extractFileSpec(args[0]);
  const dest = extractFileSpec(args[1]);
  if (src.pod && dest.pod) throw new UserError('error: one of src or dest must be a local file specification');
  if (!src.pod && !dest.pod) throw new UserError('error: one of src or dest must be a remote file specification');
  if (!src.file || !dest.file) throw new UserError('error: filepath can not be empty');
  const remote = (src.pod ? src : dest) as { namespace?: string; pod: string; file: string };
  const { attachablePod, execContainer, checkExecutable } = await import('../../kubectl/exec.js');
  const { openContainer } = await import('../../sim/shell/run.js');
  const res = await withCluster({ cluster: opts.cluster, write: !!dest.pod }, (s) => {
    const pod = attachablePod(s.cluster, remote.namespace ?? inv.namespace, remote.pod);
    const { container, notice } = execContainer(pod, inv.str('container') || undefined, false);
    if (notice) stdio.err(notice);
    checkExecutable(pod, container);
    const c = openContainer({ cluster: s.cluster, pod, container, sleep: async () => {} });
    const flavour = flavourOf(c.profile.shell);
    return dest.pod ? copyToPod(c.fs, flavour, src.file, dest.file) : copyFromPod(c.fs, flavour, src.file, dest.file);
  });
  if (res.stderr) stdio.err(res.stderr);
}
