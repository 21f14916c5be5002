// kubectl run NAME --image=IMAGE [--expose --port=N] [-- ARGS...] (cmd/run/run.go).
import { UserError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { withCluster } from '../../store/session.js';
import { stdio, readStdin } from '../io.js';
import { RECORD_DEPRECATED } from '../record.js';
import { flag as f, PRINT_FLAGS, type FlagSpec } from './createflags.js';
import { argvAfter, createOnServer, dryRunStrategy, parseInvocation, printFormat, printObject } from './creategen.js';

const RUN_FLAGS: FlagSpec[] = [
  // DeleteFlags (for --rm)
  f('cascade', 'string', 'background', { noOpt: 'background' }), f('filename', 'stringSlice', [], { short: 'f' }), f('force', 'bool', false),
  f('grace-period', 'int', -1), f('kustomize', 'string', '', { short: 'k' }), f('recursive', 'bool', false, { short: 'R' }),
  f('timeout', 'duration', 0), f('wait', 'bool', false),
  ...PRINT_FLAGS,
  f('record', 'bool', false),
  f('dry-run', 'string', 'none', { noOpt: 'unchanged' }), f('annotations', 'stringArray', []), f('image', 'string', ''),
  f('image-pull-policy', 'string', ''), f('rm', 'bool', false), f('env', 'stringArray', []), f('port', 'string', ''),
  f('labels', 'string', '', { short: 'l' }), f('stdin', 'bool', false, { short: 'i' }), f('tty', 'bool', false, { short: 't' }),
  f('attach', 'bool', false), f('leave-stdin-open', 'bool', false), f('restart', 'string', 'Always'), f('command', 'bool', false),
  f('expose', 'bool', false), f('quiet', 'bool', false, { short: 'q' }), f('privileged', 'bool', false),
  f('field-manager', 'string', 'kubectl-run'), f('overrides', 'string', ''), f('override-type', 'string', 'merge'),
  f('save-config', 'bool', false), f('pod-running-timeout', 'duration', 60),
];

// distribution/reference's ReferenceRegexp (domain, lowercase path components, tag, digest)
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}))?$`);

export async function run(opts: any): Promise<void> {
  const inv = parseInvocation({
    path: 'kubectl run', flags: RUN_FLAGS, required: ['image'],
    usage: 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]',
    summary: 'Start a Pod running the given image (with --expose, a Service in front of it); arguments after -- go to the container.',
  }, argvAfter([['run']]), opts);
  if (inv.changed('record')) stdio.err(RECORD_DEPRECATED);
  const dryRun = dryRunStrategy(inv);
  const fmt = printFormat(inv);
  const interactive = inv.bool('stdin');
  const attach = inv.changed('attach') ? inv.bool('attach') : interactive;
  const args = inv.p.args;
  if (!args.length || inv.p.argsLenAtDash === 0) throw inv.usageError('NAME is required for run');
  const image = inv.str('image');
  if (!image) throw new UserError('error: --image is required');
  if (!REFERENCE.test(image)) throw new UserError(`error: Invalid image name ${JSON.stringify(image)}: invalid reference format`);
  if (inv.bool('tty') && !interactive) throw inv.usageError('-i/--stdin is required for containers with -t/--tty=true');
  if (inv.bool('expose') && !inv.str('port')) throw inv.usageError('--port must be set when exposing a service');
  const restart = inv.str('restart') || (interactive ? 'OnFailure' : 'Always');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw inv.usageError(`invalid restart policy: ${restart}`);
  const remove = inv.bool('rm');
  if (!attach && remove) throw inv.usageError('--rm should only be used for attached containers');
  if (attach && dryRun !== 'none') throw inv.usageError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  const pull = inv.str('image-pull-policy');
  if (pull && !['Always', 'IfNotPresent', 'Never'].includes(pull)) throw inv.usageError(`invalid image pull policy: ${pull}`);

  const { buildRunPod, buildRunService } = await import('../../kubectl/generators/run.js');
  const { applyOverrides } = await import('../../kubectl/generators/overrides.js');
  const o = {
    name: args[0], image, labels: inv.str('labels'), annotations: inv.arr('annotations'), env: inv.arr('env'), port: inv.str('port'),
    imagePullPolicy: pull, restart, command: inv.bool('command'), args: args.slice(1), stdin: interactive, tty: inv.bool('tty'),
    leaveStdinOpen: inv.bool('leave-stdin-open'), privileged: inv.bool('privileged'),
  };
  let pod = applyOverrides(buildRunPod(o), inv.str('overrides'), inv.str('override-type'), 'v1.Pod');
  const { withApplyAnnotation } = await import('../../kubectl/generators/typed.js');
  const annotate = (obj: KObject) => (inv.bool('save-config') ? withApplyAnnotation(obj) : obj);
  const inNs = (obj: KObject) => { if (dryRun === 'client' && inv.enforceNamespace) obj.metadata = { ...obj.metadata, namespace: inv.namespace }; return obj; };
  const emit = async (objs: KObject[]) => {
    // the Service is printed as soon as it exists (with `---` after it in yaml), the Pod at the end
    if (objs.length > 1) {
      await printObject(objs[1], fmt, dryRun);
      if (fmt.kind === 'yaml') stdio.out('---\n');
    }
    if (attach) return;
    // one printer prints both: its yaml separates the second object with `---` of its own
    if (objs.length > 1 && fmt.kind === 'yaml') stdio.out('---\n');
    await printObject(objs[0], fmt, dryRun);
  };
  const service = o.port && inv.bool('expose') ? () => buildRunService(o) : undefined;
  if (dryRun === 'client') {
    const objs = [inNs(pod)];
    if (service) objs.push(inNs(service()));
    await emit(objs);
    return;
  }
  let exitError: Error | undefined;
  await withCluster({ cluster: opts.cluster, write: dryRun === 'none' }, async (s) => {
    pod = annotate(pod);
    const objs = [await createOnServer(s, pod, inv, dryRun)];
    if (service) objs.push(await createOnServer(s, annotate(service()), inv, dryRun));
    await emit(objs);
    if (attach) {
      // attach: the container's command runs in the simulated shell; its output is what we see
      if (inv.bool('tty') && !process.stdin.isTTY && !inv.bool('quiet')) stdio.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
      const input = interactive && !process.stdin.isTTY ? readStdin() : '';
      const { attachToRunPod } = await import('../../kubectl/attach.js');
      (await import('../../server/http/inprocess.js')).serveInPods();
      try {
        await attachToRunPod(s, objs[0], input, (t) => stdio.out(t), (t) => stdio.err(t), inv.bool('quiet'));
      } catch (e) {
        // (a pod that never ran to attach to: the error comes after --rm's removal, the pod having been created)
        if (!(e instanceof UserError)) throw e;
        exitError = e;
      }
      // Never / OnFailure: kubectl waits for the pod to finish and exits with its container's code
      if (!exitError && !o.leaveStdinOpen && (restart === 'Never' || restart === 'OnFailure')) {
        const { runPodExitError } = await import('../../kubectl/attach.js');
        exitError = await runPodExitError(s, objs[0], restart);
      }
    }
    if (attach && remove) {
      // --rm removes what run created, as kubectl does on exit
      for (const obj of objs) {
        const resource = obj.kind === 'Pod' ? 'pods' : 'services';
        s.cluster.remove(resource, obj.metadata!.namespace, obj.metadata!.name!);
        // (its DeleteOptions are quiet with --quiet)
        if (!inv.bool('quiet')) stdio.out(`${obj.kind!.toLowerCase()} "${obj.metadata!.name}" deleted\n`);
      }
    }
  });
  // (after --rm's deferred removal, as kubectl returns it)
  if (exitError) throw exitError;
}
