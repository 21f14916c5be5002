// kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] [-q] -- COMMAND [args...]: the command runs
// in the simulated container (src/sim/shell). With -it on a terminal, an interactive shell reads one
// line at a time (each line its own transaction, so other commands can run in between).
import * as readline from 'node:readline';
import { UserError } from '../../api/errors.js';
import { withCluster, type Session } from '../../store/session.js';
import { stdio, streamStdout, readStdin } from '../io.js';
import { flag as f, type FlagSpec } from './createflags.js';
import { argvAfter, parseInvocation } from './creategen.js';
import { parseGoDuration, targetTime, wallNow } from '../../sim/clock.js';
import type { InteractiveShell, openContainer } from '../../sim/shell/run.js';

const EXEC_FLAGS: FlagSpec[] = [
  f('container', 'string', '', { short: 'c' }), f('filename', 'stringSlice', [], { short: 'f' }),
  f('pod-running-timeout', 'duration', '1m0s'), f('quiet', 'bool', false, { short: 'q' }),
  f('stdin', 'bool', false, { short: 'i' }), f('tty', 'bool', false, { short: 't' }),
];

function sleepWall(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * An interactive shell on the terminal, a line at a time, each line its own transaction (the prompt read
 * without writing); the shell's exit status when it exits or input ends (exec -it, debug -it).
 */
export async function shellSession(opts: any, sh: InteractiveShell, open: (s: Session) => ReturnType<typeof openContainer>): Promise<number> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const prompt = async () => withCluster({ cluster: opts.cluster, write: false }, (s) => sh.prompt(open(s)));
  rl.setPrompt(await prompt());
  rl.prompt();
  // a terminal has one stream: the shell's errors come out on stdout
  const io = { out: (t: string) => process.stdout.write(t), err: (t: string) => process.stdout.write(t) };
  for await (const line of rl) {
    await withCluster({ cluster: opts.cluster, write: true }, (s) => sh.run(open(s), line, io));
    if (sh.exited !== undefined) break;
    rl.setPrompt(await prompt());
    rl.prompt();
  }
  rl.close();
  return sh.exited ?? 0;
}

/** Sleeping inside the container: manual mode moves the virtual clock, realtime mode waits. */
export function sleeper(s: Session): (ms: number) => Promise<void> {
  return async (ms: number) => {
    const c = s.cluster.state.clock;
    if (!Number.isFinite(ms)) ms = 24 * 3600 * 1000;
    if (c.mode === 'manual') { await s.advance(s.cluster.now() + ms); return; }
    await sleepWall(ms);
    await s.advance(Math.max(s.cluster.now(), targetTime(c, wallNow())));
  };
}

export async function run(opts: any): Promise<void> {
  const inv = parseInvocation({
    path: 'kubectl exec', flags: EXEC_FLAGS,
    usage: 'kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
    summary: 'Execute a command in a container.',
  }, argvAfter([['exec']]), opts);
  const args = inv.p.args;
  const dash = inv.p.argsLenAtDash;
  let resource = args.length > 0 && dash !== 0 ? args[0] : '';
  let command: string[] = [];
  if (dash > -1) command = args.slice(dash);
  else if (args.length > 1) {
    if (!inv.bool('quiet')) stdio.err('kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n');
    command = args.slice(1);
  }
  if (!resource && inv.arr('filename').length) resource = '';
  if (!resource) throw new UserError('error: pod, type/name or --filename must be specified');
  if (!command.length) throw new UserError('error: you must specify at least one command for the container');
  const ns = inv.namespace;
  const quiet = inv.bool('quiet');
  let stdin = inv.bool('stdin');
  let tty = inv.bool('tty') && stdin;
  if (tty && !process.stdin.isTTY) {
    if (!quiet) stdio.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    tty = false;
  }
  void parseGoDuration;
  const { attachablePod, execContainer, checkExecutable, execStartError, exitCodeError } = await import('../../kubectl/exec.js');
  const { openContainer, execArgv, ExecStartError, InteractiveShell } = await import('../../sim/shell/run.js');
  const { resolveExecutable } = await import('../../sim/shell/images.js');
  // https://kubernetes from inside the pod answers with the API server's own handlers
  (await import('../../server/http/inprocess.js')).serveInPods();

  // find the pod and container, and check the command exists, before reading any input
  const target = await withCluster({ cluster: opts.cluster, write: false }, (s) => {
    const pod = attachablePod(s.cluster, ns, resource);
    const { container, notice } = execContainer(pod, inv.str('container') || undefined, quiet);
    if (notice) stdio.err(notice);
    checkExecutable(pod, container);
    const c = openContainer({ cluster: s.cluster, pod, container, sleep: async () => {} });
    const exe = resolveExecutable(c.profile, command[0]);
    if (!exe) throw execStartError(pod, container, command[0], s.cluster.now());
    return { pod: pod.metadata!.name!, podNs: pod.metadata!.namespace!, container: container.name as string, exe };
  });

  const open = (s: Session) => {
    const pod = s.cluster.get('pods', target.podNs, target.pod);
    if (!pod) throw new UserError('error: the pod is gone');
    const { container } = execContainer(pod, target.container, true);
    checkExecutable(pod, container);
    return openContainer({ cluster: s.cluster, pod, container, tty, sleep: sleeper(s), manager: () => s.manager() });
  };

  // an interactive shell on a terminal
  const shell = (target.exe === 'sh' || target.exe === 'bash') && command.length === 1;
  if (tty && shell) {
    streamStdout();
    const code = await shellSession(opts, new InteractiveShell(target.exe as 'sh' | 'bash'), open);
    if (code) throw exitCodeError(code);
    return;
  }

  const input = stdin ? readStdin() : '';
  stdin = false;
  streamStdout();
  const res = await withCluster({ cluster: opts.cluster, write: true }, async (s) => {
    const { pruneContainerFS } = await import('../../sim/shell/fs.js');
    pruneContainerFS(s.cluster);
    const c = open(s);
    try {
      // stdout and stderr stream as the process writes them; with a TTY both go to stdout
      return await execArgv(c, command, input, { out: (t) => process.stdout.write(t), err: (t) => (tty ? process.stdout : process.stderr).write(t) });
    } catch (e) {
      if (e instanceof ExecStartError) throw execStartError(c.pod, c.container, command[0], s.cluster.now());
      throw e;
    }
  });
  if (res.code) throw exitCodeError(res.code);
}
